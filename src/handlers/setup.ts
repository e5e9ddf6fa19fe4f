import { createHash } from "node:crypto";
import type { OctokitLike, RepoRef } from "../github/client.js";
import { type Deadline, type ParsedDeadline, parseTimeline } from "../release/timeline.js";
import { type Config, formatProblems, parseConfig, resolveSchedule } from "../tracking/config.js";
import type { Logger } from "./apply.js";
import type { Caches } from "./caches.js";

export const CONFIG_FILE = ".github/kep-tracker.yml";

export type RepoSetup = { config: Config; deadlines: Record<Deadline, ParsedDeadline> };

/** The configuration file exists but is not YAML. */
export class InvalidYaml {
  constructor(readonly reason: string) {}
}

const SIG_RELEASE_TTL_MS = 60 * 60 * 1000;

/** The Timeline of kubernetes/sig-release for a release, remembered for an hour. */
async function sigReleaseDeadlines(octokit: OctokitLike, release: string, log: Logger, caches: Caches): Promise<Partial<Record<Deadline, ParsedDeadline>> | null> {
  const cached = caches.sigRelease.get(release);
  if (cached && Date.now() - cached.at < SIG_RELEASE_TTL_MS) return cached.deadlines as Partial<Record<Deadline, ParsedDeadline>> | null;
  const minor = release.replace(/^v/, "");
  let deadlines: Partial<Record<Deadline, ParsedDeadline>> | null = null;
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: "kubernetes",
      repo: "sig-release",
      path: `releases/release-${minor}/README.md`,
      headers: { accept: "application/vnd.github.raw+json" },
    });
    deadlines = parseTimeline(String(data)).deadlines;
  } catch (e) {
    log.warn({ release, err: (e as Error).message }, "cannot read the sig-release schedule");
  }
  caches.sigRelease.set(release, { at: Date.now(), deadlines });
  return deadlines;
}

/** The release's five deadlines: the file's own, then kubernetes/sig-release's Timeline when the file says so. */
export async function scheduleFor(config: Config, octokit: OctokitLike, log: Logger, caches: Caches): Promise<ReturnType<typeof resolveSchedule>> {
  const fromSigRelease = config.schedule.source === "sig-release" ? await sigReleaseDeadlines(octokit, config.release, log, caches) : null;
  return resolveSchedule(config, fromSigRelease);
}

/**
 * The repository's configuration and schedule, or null with the reason
 * logged once: no file (info: the App is not enabled here), an invalid file
 * or an incomplete schedule (error: nothing is written until it is fixed).
 */
export async function loadSetup(
  raw: unknown,
  repo: RepoRef,
  octokit: OctokitLike,
  log: Logger,
  caches: Caches,
): Promise<RepoSetup | null> {
  const name = `${repo.owner}/${repo.repo}`;
  // Say each configuration problem once per App, not once per event.
  const once = (key: string, say: () => void) => {
    if (caches.reported.has(key)) return;
    caches.reported.add(key);
    say();
  };
  if (raw === null || raw === undefined) {
    once(`${name}:none`, () => log.info({ repo: name }, `no ${CONFIG_FILE}: kep-tracker does nothing in this repository`));
    return null;
  }
  const parsed: ReturnType<typeof parseConfig> =
    raw instanceof InvalidYaml ? { ok: false, problems: [{ path: "(file)", line: null, message: `is not valid YAML: ${raw.reason}` }] } : parseConfig(raw);
  if (!parsed.ok) {
    const digest = createHash("sha256").update(JSON.stringify(raw)).digest("hex").slice(0, 12);
    once(`${name}:${digest}`, () => log.error({ repo: name, problems: parsed.problems }, `invalid ${CONFIG_FILE}; nothing is written until it is fixed:\n${formatProblems(parsed.problems)}`));
    return null;
  }
  const config = parsed.config;
  const schedule = await scheduleFor(config, octokit, log, caches);
  if ("missing" in schedule) {
    once(`${name}:${config.release}:missing:${schedule.missing.join(",")}`, () =>
      log.error({ repo: name, missing: schedule.missing }, `the ${config.release} schedule has no ${schedule.missing.join(", ")}: set them under schedule: in ${CONFIG_FILE}`),
    );
    return null;
  }
  return { config, deadlines: schedule.deadlines };
}
