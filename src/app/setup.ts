import { createHash } from "node:crypto";
import type { OctokitLike, RepoRef } from "../github/client.js";
import { scheduleFor } from "../github/sig-release.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import { type Config, formatProblems, parseConfig } from "../tracking/config.js";
import { CONFIG_FILE } from "../tracking/config-file.js";
import type { Logger } from "../tracking/logger.js";
import type { Caches } from "./caches.js";

export type RepoSetup = { config: Config; deadlines: Record<Deadline, ParsedDeadline> };

/** The configuration file exists but is not YAML. */
export class InvalidYaml {
  constructor(readonly reason: string) {}
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
  const schedule = await scheduleFor(config, octokit, log, caches.sigRelease);
  if ("missing" in schedule) {
    once(`${name}:${config.release}:missing:${schedule.missing.join(",")}`, () =>
      log.error({ repo: name, missing: schedule.missing }, `the ${config.release} schedule has no ${schedule.missing.join(", ")}: set them under schedule: in ${CONFIG_FILE}`),
    );
    return null;
  }
  return { config, deadlines: schedule.deadlines };
}
