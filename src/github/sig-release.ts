import type { Config } from "../config/config.js";
import { resolveSchedule } from "../config/config.js";
import { type Deadline, type ParsedDeadline, parseTimeline } from "../release/timeline.js";
import type { Logger } from "../util/logger.js";
import { errorMessage } from "../util/narrow.js";
import type { OctokitLike } from "./client.js";
import { rawText } from "./responses.js";

/** sig-release schedules by release, with when they were read. */
export type SigReleaseCache = Map<string, { at: number; deadlines: Partial<Record<Deadline, ParsedDeadline>> | null }>;

const SIG_RELEASE_TTL_MS = 60 * 60 * 1000;

/** The release's README in kubernetes/sig-release (releases/release-1.NN/README.md), whose Timeline gives its dates. */
export async function sigReleaseReadme(octokit: OctokitLike, release: string): Promise<string> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
    owner: "kubernetes",
    repo: "sig-release",
    path: `releases/release-${release.replace(/^v/, "")}/README.md`,
    headers: { accept: "application/vnd.github.raw+json" },
  });
  return rawText(data);
}

/** The Timeline of kubernetes/sig-release for a release, remembered for an hour. */
async function sigReleaseDeadlines(
  octokit: OctokitLike,
  release: string,
  log: Logger,
  cache: SigReleaseCache,
): Promise<Partial<Record<Deadline, ParsedDeadline>> | null> {
  const cached = cache.get(release);
  if (cached && Date.now() - cached.at < SIG_RELEASE_TTL_MS) return cached.deadlines;
  let deadlines: Partial<Record<Deadline, ParsedDeadline>> | null = null;
  try {
    // The docs rows ride along beside the five deadlines (release/docs-deadlines.ts reads them there).
    const timeline = parseTimeline(await sigReleaseReadme(octokit, release));
    deadlines = { ...timeline.deadlines, ...timeline.docs };
  } catch (e) {
    log.warn({ release, err: errorMessage(e) }, "cannot read the sig-release schedule");
  }
  cache.set(release, { at: Date.now(), deadlines });
  return deadlines;
}

/** The release's five deadlines: the file's own, then kubernetes/sig-release's Timeline when the file says so. */
export async function scheduleFor(
  config: Config,
  octokit: OctokitLike,
  log: Logger,
  cache: SigReleaseCache,
): Promise<ReturnType<typeof resolveSchedule>> {
  const fromSigRelease = config.schedule.source === "sig-release" ? await sigReleaseDeadlines(octokit, config.release, log, cache) : null;
  return resolveSchedule(config, fromSigRelease);
}
