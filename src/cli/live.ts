import { parseISO } from "date-fns/parseISO";
import type { Config } from "../config/config.js";
import { CONFIG_FILE } from "../config/file.js";
import type { RepoRef } from "../github/client.js";
import { TrackerGitHub } from "../github/client.js";
import { RepoReader } from "../github/repo-reader.js";
import { scheduleFor } from "../github/sig-release.js";
import { dryRunFromEnv } from "../github/writes.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import { runSweep, UnknownViewerError } from "../sweep/run.js";
import type { SweepSummary } from "../sweep/sweep.js";
import type { Logger } from "../util/logger.js";
import { errorMessage } from "../util/narrow.js";
import { CONFIG_OPTION, commandConfig } from "./config-option.js";
import { defaultCacheDir, diskCache } from "./disk-cache.js";
import { type CliGitHub, type Env, githubFromEnv } from "./github.js";
import { InputError, type Io, progressLine } from "./io.js";

/**
 * What sweep and report start from: credentials, the repository's config and schedule, a reader with its cache,
 * and whether the config or the environment (DRY_RUN=true, read here once) asks for a dry run.
 */
export type Live = {
  github: CliGitHub;
  config: Config;
  deadlines: Record<Deadline, ParsedDeadline>;
  reader: RepoReader;
  log: Logger;
  dryRun: boolean;
};

/** Log lines of the shared code (write failures, an unreadable schedule) as plain stderr lines. */
export function stderrLogger(io: Io): Logger {
  // An error is told by its message here; the App's logger (pino) keeps its stack.
  const errorsAsText = (_key: string, value: unknown) => (value instanceof Error ? errorMessage(value) : value);
  const line = (level: string) => (obj: object, msg?: string) => io.stderr(`${level}: ${msg ?? ""} ${JSON.stringify(obj, errorsAsText)}\n`);
  return { info: line("info"), warn: line("warning"), error: line("error") };
}

export async function openLive(opts: {
  repo: RepoRef;
  env: Env;
  io: Io;
  cacheDir?: string | undefined;
  release?: string | undefined;
  /** `--config FILE`: the configuration from this file instead of the repository's. */
  configFile?: string | undefined;
}): Promise<Live> {
  const { repo, env, io } = opts;
  const log = stderrLogger(io);
  const github = await githubFromEnv(env, repo, (m) => io.stderr(`warning: ${m}\n`));
  let { config } = await commandConfig({ config: opts.configFile }, github.octokit, repo);
  if (opts.release && opts.release !== config.release) {
    // Another release's dates are not in this file: they come from its sig-release Timeline.
    config = { ...config, release: opts.release, schedule: { source: "sig-release", deadlines: {} } };
  }
  const schedule = await scheduleFor(config, github.octokit, log, new Map());
  if ("missing" in schedule) {
    throw new InputError(
      `the ${config.release} schedule has no ${schedule.missing.join(", ")}: set them under schedule: in ${CONFIG_FILE}` +
        (config.schedule.source ? " (kubernetes/sig-release's Timeline did not give them)" : ""),
    );
  }
  const cacheDir = opts.cacheDir ?? defaultCacheDir(env);
  const reader = new RepoReader(
    new TrackerGitHub(github.octokit, repo, { pacer: github.pacer }),
    diskCache(cacheDir, (m) => io.stderr(`warning: ${m}\n`)),
  );
  return { github, config, deadlines: schedule.deadlines, reader, log, dryRun: config.dryRun || dryRunFromEnv(env) };
}

/** The options sweep and report share. */
export const LIVE_OPTIONS = {
  repo: { type: "string" },
  ...CONFIG_OPTION,
  "cache-dir": { type: "string" },
  now: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** "--now" for reproducible runs; the clock otherwise. */
export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  // ISO 8601 only (date-fns), not whatever Date accepts ("June 8" would be a local-time guess).
  const now = parseISO(text);
  if (Number.isNaN(now.getTime())) throw new InputError(`--now must be an ISO 8601 instant such as 2026-06-08T12:00:00Z, not "${text}"`);
  return now;
}

/**
 * The sweep (or the report's read-only pass) on what openLive set up; a token that cannot say whose
 * it is is refused plainly, as bad credentials.
 */
export function sweepLive(live: Live, now: Date, rest: Parameters<typeof runSweep>[2]): Promise<SweepSummary> {
  const { reader, config, deadlines, log } = live;
  return runSweep({ reader, config, deadlines, log, botLogin: live.github.botLogin, lock: live.github.lock }, now, rest).catch(
    (e: unknown) => {
      throw e instanceof UnknownViewerError ? new InputError(e.message) : e;
    },
  );
}

/** What `report` and `worklist` read: the sweep's evaluation of every issue, writing nothing, with a progress line. */
export async function readLive(live: Live, now: Date, io: Io): Promise<SweepSummary> {
  const progress = progressLine(io);
  const summary = await sweepLive(live, now, {
    mode: "report",
    dryRun: true,
    maxWrites: 0,
    progress: (p) => progress.update(`  ${p.seen}/${p.total} issues read`),
  });
  progress.done();
  return summary;
}
