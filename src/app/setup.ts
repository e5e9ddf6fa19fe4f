import { createHash } from "node:crypto";
import { type Config, formatProblems, parseConfigText } from "../config/config.js";
import { CONFIG_FILE } from "../config/file.js";
import type { OctokitLike, RepoRef } from "../github/client.js";
import { scheduleFor } from "../github/sig-release.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import type { Logger } from "../util/logger.js";
import type { Caches } from "./caches.js";

export type RepoSetup = { config: Config; deadlines: Record<Deadline, ParsedDeadline> };

/**
 * The repository's configuration and schedule, or null with the reason
 * logged once: no file (info: the App is not enabled here), an invalid file
 * or an incomplete schedule (error: nothing is written until it is fixed).
 */
export async function loadSetup(
  text: string | null,
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
  if (text === null) {
    once(`${name}:none`, () => log.info({ repo: name }, `no ${CONFIG_FILE}: kep-tracker does nothing in this repository`));
    return null;
  }
  // The bounded reader: aliases, depth and size limited, every problem with its line.
  const parsed = parseConfigText(text);
  if (!parsed.ok) {
    const digest = createHash("sha256").update(text).digest("hex").slice(0, 12);
    once(`${name}:${digest}`, () =>
      log.error(
        { repo: name, problems: parsed.problems },
        `invalid ${CONFIG_FILE}; nothing is written until it is fixed:\n${formatProblems(parsed.problems)}`,
      ),
    );
    return null;
  }
  const config = parsed.config;
  const schedule = await scheduleFor(config, octokit, log, caches.sigRelease);
  if ("missing" in schedule) {
    once(`${name}:${config.release}:missing:${schedule.missing.join(",")}`, () =>
      log.error(
        { repo: name, missing: schedule.missing },
        `the ${config.release} schedule has no ${schedule.missing.join(", ")}: set them under schedule: in ${CONFIG_FILE}`,
      ),
    );
    return null;
  }
  return { config, deadlines: schedule.deadlines };
}
