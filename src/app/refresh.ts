import type { TrackerGitHub } from "../github/client.js";
import type { IssueContext } from "../github/client.js";
import { applyWrites } from "../github/writes.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import type { Config } from "../tracking/config.js";
import { aliasesRead, approversOf, assembleKep, findKepFile, indexOpenPrs, indexTree, kepReads } from "../tracking/kep-inputs.js";
import type { Logger } from "../tracking/logger.js";
import { statusComments } from "../tracking/own-comments.js";
import { inScope, verdictFor } from "../tracking/verdict-for.js";
import type { Verdict } from "../tracking/verdict.js";
import { diffPlan, type Write } from "../tracking/writes.js";
import type { Caches } from "./caches.js";
import { type IssueLock, noLock } from "./issue-lock.js";
import { IssueQueue } from "./issue-queue.js";

export type RefreshDeps = {
  gh: TrackerGitHub;
  caches: Caches;
  config: Config;
  deadlines: Record<Deadline, ParsedDeadline>;
  botLogin: string;
  now: Date;
  dryRun: boolean;
  log: Logger;
  /** Serialises refreshes per issue (and, with Redis, across replicas); without it a refresh runs at once. */
  queue?: RefreshQueue;
};

type RefreshExtra = { untrackReason?: string | null };
type RefreshRequest = { deps: RefreshDeps; number: number; extra: RefreshExtra };
export type RefreshQueue = IssueQueue<RefreshRequest, RefreshResult>;

/**
 * The App's one queue of refreshes. Requests waiting together become one
 * refresh with the newest inputs; an /untrack reason among them is kept.
 */
export function createRefreshQueue(lock: IssueLock = noLock): RefreshQueue {
  return new IssueQueue<RefreshRequest, RefreshResult>(
    async (key, r) => {
      const outcome = await lock.around(key, () => refreshNow(r.deps, r.number, r.extra));
      return outcome.ran ? outcome.value : { verdict: null, writes: 0, failed: [], skipped: "refreshed meanwhile by another replica" };
    },
    (older, newer) => ({ ...newer, extra: { untrackReason: newer.extra.untrackReason !== undefined ? newer.extra.untrackReason : older.extra.untrackReason } }),
  );
}

/** The verdict, how many writes were made and which failed; `skipped` says why nothing was evaluated. */
export type RefreshResult = { verdict: Verdict | null; writes: number; failed: Write[]; skipped?: string };

/**
 * Re-evaluates one tracking issue and brings GitHub in line with the verdict.
 * Reads: the issue context (one query), the keps/ listing (cached per commit)
 * and the KEP's files with the linked PRs (one query). Writes only what differs.
 */
export function refreshIssue(deps: RefreshDeps, number: number, extra: RefreshExtra = {}): Promise<RefreshResult> {
  if (!deps.queue) return refreshNow(deps, number, extra);
  return deps.queue.run(`${deps.gh.repo.owner}/${deps.gh.repo.repo}#${number}`, { deps, number, extra });
}

async function refreshNow(deps: RefreshDeps, number: number, extra: RefreshExtra): Promise<RefreshResult> {
  const { gh, config } = deps;
  const ctx = await gh.issueContext(number);
  if (!ctx.issue) return { verdict: null, writes: 0, failed: [], skipped: "no such issue" };
  const appStatusComments = statusComments(ctx.comments, deps.botLogin);
  if (!inScope(config, ctx.issue.labels, ctx.issue.milestone?.title ?? null) && appStatusComments.length === 0) {
    return { verdict: null, writes: 0, failed: [], skipped: "not in the release" };
  }

  const gathered = await gatherKep(gh, ctx, number);
  const { inputs, ...rest } = gathered;
  const verdict = verdictFor({ ...deps, repo: gh.repo }, { ...ctx.issue, number, milestone: ctx.issue.milestone?.title ?? null }, appStatusComments, rest, { ...inputs, branch: ctx.defaultBranch }, extra.untrackReason);
  const writes = diffPlan(verdict.plan, { labels: ctx.issue.labels, comments: ctx.comments }, deps.botLogin);
  const { made, failed } = await applyWrites(gh, number, writes, { dryRun: deps.dryRun, log: deps.log, botLogin: deps.botLogin });
  return { verdict, writes: made, failed };
}

/** The KEP's files (merged and in open PRs), OWNERS_ALIASES and the linked PRs' states: one query. */
async function gatherKep(gh: TrackerGitHub, ctx: IssueContext, number: number) {
  const tree = await gh.kepTree(ctx.headSha);
  const index = indexTree(tree);
  const kepFile = await findKepFile((n) => gh.searchKepFiles(n), index, number, ctx.issue?.body ?? null);
  const reads = kepReads({ number, headSha: ctx.headSha, index, kepFile, openPrs: indexOpenPrs(ctx.openPullRequests), body: ctx.issue?.body ?? null });
  const aliases = aliasesRead(ctx.headSha, index);
  const { files, pullRequests } = await gh.filesAndPullRequests([aliases, ...reads.files], reads.prs);
  return { ...assembleKep(reads, files, approversOf(files[aliases.key])), pullRequests, inputs: { reads, aliases } };
}

