import { type ConfigProblem, formatProblems } from "../config/config.js";
import { CONFIG_FILE } from "../config/file.js";
import type { FullOctokit, RepoRef } from "../github/client.js";
import { CHECK_OUTPUT_LIMIT, TrackerGitHub } from "../github/client.js";
import { checkConfigText } from "../github/config-file.js";
import { rawText, statusOf } from "../github/responses.js";
import { prrNumberOf } from "../kep/prr-file.js";
import type { Logger } from "../util/logger.js";
import { errorMessage } from "../util/narrow.js";
import { type RefreshDeps, refreshIssue } from "./refresh.js";

const MAX_KEPS_PER_EVENT = 30;

/** KEP numbers whose files a change touches: keps/.../<N>-slug/... and keps/prod-readiness/<sig>/<N>.yaml. */
export function kepNumbersOf(paths: string[]): number[] {
  const numbers = new Set<number>();
  for (const p of paths) {
    const dir = /^keps\/(?:[^/]+\/)*0*(\d+)-[^/]+\//.exec(p);
    const n = prrNumberOf(p) ?? (dir ? Number(dir[1]) : null);
    if (n && n > 0) numbers.add(n);
  }
  // A mass rename would otherwise fan out to hundreds of issues; the sweep handles those.
  return [...numbers].slice(0, MAX_KEPS_PER_EVENT);
}

/**
 * Refreshes each issue of a push or PR in turn; one that fails (GitHub's
 * partial answer, a 502 after retries) is logged and left to the next event
 * or sweep, and the others are still refreshed.
 */
export async function refreshEach(deps: RefreshDeps, numbers: number[]): Promise<void> {
  for (const n of numbers) {
    try {
      await refreshIssue(deps, n);
    } catch (e) {
      deps.log.error({ issue: n, err: errorMessage(e) }, `#${n} could not be refreshed; the next event or sweep retries`);
    }
  }
}

/** Validates .github/kep-tracker.yml as pushed and reports on the commit: success, or every problem. */
export async function checkConfigPush(octokit: FullOctokit, repo: RepoRef, sha: string, log: Logger): Promise<void> {
  const gh = new TrackerGitHub(octokit, repo);
  let text: string | null = null;
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...repo,
      path: CONFIG_FILE,
      ref: sha,
      headers: { accept: "application/vnd.github.raw+json" },
    });
    text = rawText(data);
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
  }
  const name = "kep-tracker configuration";
  if (text === null) {
    await gh.createCheckRun({
      headSha: sha,
      name,
      conclusion: "success",
      title: `${CONFIG_FILE} removed`,
      summary: "kep-tracker is now off in this repository.",
    });
    return;
  }
  const check = await checkConfigText(text, octokit);
  if (check.ok) {
    await gh.createCheckRun({ headSha: sha, name, conclusion: "success", title: check.title, summary: check.summary });
    return;
  }
  log.error({ repo: `${repo.owner}/${repo.repo}`, sha, problems: check.problems }, `invalid ${CONFIG_FILE}`);
  await gh.createCheckRun({
    headSha: sha,
    name,
    conclusion: "failure",
    title: check.title,
    summary: check.summary,
    text: problemsText(check.problems),
  });
}

/**
 * The problems as a code block that fits a check run's text (GitHub refuses one past 65,535
 * characters, and no check run appears): as many as fit, then how many more there are.
 */
export function problemsText(problems: ConfigProblem[], limit = CHECK_OUTPUT_LIMIT): string {
  const room = limit - 200;
  const lines: string[] = [];
  let used = 0;
  for (const p of problems) {
    const line = formatProblems([p], CONFIG_FILE);
    if (used + line.length + 1 > room) break;
    lines.push(line);
    used += line.length + 1;
  }
  const more = problems.length - lines.length;
  const block = `\`\`\`\n${lines.join("\n")}\n\`\`\``;
  return more ? `${block}\n... and ${more} more problem${more === 1 ? "" : "s"}: fix these and push again to see them.` : block;
}
