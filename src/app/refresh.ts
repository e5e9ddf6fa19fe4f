import { noDocsSaid } from "../board/item-fields.js";
import type { Config } from "../config/config.js";
import type { IssueContext, TrackerGitHub } from "../github/client.js";
import { type IssueLock, issueLockKey, noLock, type StillHeld } from "../github/issue-lock.js";
import { applyWrites } from "../github/writes.js";
import { CouldNotSearch, findKepFile } from "../inputs/kep-location.js";
import { aliasesRead, approversOf, assembleKep, indexOpenPrs, indexTree, kepReads, missesReads, readsAsRead } from "../inputs/kep-reads.js";
import { nodeApproverContext } from "../kep/sig-node/findings.js";
import { docsNoneOf, inScope, verdictFor } from "../plan/issue-plan.js";
import { finalEdit } from "../plan/release-outcome.js";
import { diffPlan, type Write } from "../plan/writes.js";
import { readMarkers } from "../reading/markers.js";
import { statusComments } from "../reading/own-comments.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import type { Logger } from "../util/logger.js";
import { docsInputFromMark } from "../verdict/docs-input.js";
import type { Verdict } from "../verdict/types.js";
import { type IssueBoard, readIssueBoard, updateIssueItem } from "./board.js";
import type { Caches } from "./caches.js";
import { applyCommand, type PendingCommand } from "./command-transition.js";
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
  /** Set by the queue: whether this refresh still holds the issue alone (else a new status comment re-checks GitHub first). */
  exclusive?: StillHeld;
};

/** `docsNone`: the reason of a `/kep-docs none` (null: `/kep-docs needed`); absent, the status comment's. */
type RefreshExtra = { untrackReason?: string | null; docsNone?: string | null; board?: IssueBoard | null; command?: PendingCommand };
type RefreshRequest = { deps: RefreshDeps; number: number; extra: RefreshExtra };
export type RefreshQueue = IssueQueue<RefreshRequest, RefreshResult>;

/**
 * The App's one queue of refreshes. Requests waiting together become one
 * refresh with the newest inputs; an /untrack reason among them is kept.
 */
export function createRefreshQueue(lock: IssueLock = noLock): RefreshQueue {
  return new IssueQueue<RefreshRequest, RefreshResult>(
    async (key, r) => {
      const outcome = await lock.around(key, (held) => refreshNow({ ...r.deps, exclusive: held }, r.number, r.extra), {
        // An /untrack reason lives only in this request: another replica's refresh cannot have written it.
        mustRun: r.extra.untrackReason !== undefined || r.extra.docsNone !== undefined || r.extra.command !== undefined,
        // A refresh that could not read GitHub, or whose writes failed, has not brought the issue up to date.
        endedWell: (result) => !result.unread && result.failed.length === 0,
      });
      return outcome.ran ? outcome.value : { verdict: null, writes: 0, failed: [], skipped: "refreshed meanwhile by another replica" };
    },
    (older, newer) => {
      // Of two commands waiting together, the later comment's is the one that counts.
      const [first, last] = (older.extra.command?.commentId ?? 0) > (newer.extra.command?.commentId ?? 0) ? [newer, older] : [older, newer];
      const command = last.extra.command ?? first.extra.command;
      return {
        ...newer,
        extra: {
          ...newer.extra,
          ...(command ? { command } : {}),
          docsNone: newer.extra.docsNone !== undefined ? newer.extra.docsNone : older.extra.docsNone,
          untrackReason:
            command?.name === "track"
              ? undefined
              : last.extra.untrackReason !== undefined
                ? last.extra.untrackReason
                : first.extra.untrackReason,
        },
      };
    },
  );
}

/** The verdict, how many writes were made and which failed; `skipped` says why nothing was evaluated. */
export type RefreshResult = { verdict: Verdict | null; writes: number; failed: Write[]; skipped?: string; unread?: true };

/**
 * Re-evaluates one tracking issue and brings GitHub in line with the verdict.
 * Reads: the issue context (one query), the keps/ listing (cached per commit)
 * and the KEP's files with the linked PRs (one query). Writes only what differs.
 */
export function refreshIssue(deps: RefreshDeps, number: number, extra: RefreshExtra = {}): Promise<RefreshResult> {
  if (!deps.queue) return refreshNow(deps, number, extra);
  return deps.queue.run(issueLockKey(deps.gh.repo, number), { deps, number, extra });
}

async function refreshNow(deps: RefreshDeps, number: number, extra: RefreshExtra): Promise<RefreshResult> {
  const { gh, config } = deps;
  const read = await gh.issueContext(number);
  if (!read.issue) {
    // A pull request's number (a push touching keps/.../<N>-slug where N is a PR), or a deleted issue.
    deps.log.info({ issue: number }, `#${number} is not an issue (a pull request, or deleted); skipped`);
    return { verdict: null, writes: 0, failed: [], skipped: "no such issue" };
  }
  let ctx = { ...read, issue: read.issue };
  const commandFailed: Write[] = [];
  if (extra.command) {
    const after = await applyCommand(deps, number, read.issue, read.comments, extra.command);
    ctx = { ...ctx, issue: { ...ctx.issue, labels: after.labels, milestone: after.milestone } };
    commandFailed.push(...after.failed);
    // An overridden /untrack's reason is not the issue's: the later command decided.
    if (after.overridden) extra = { ...extra, untrackReason: undefined };
  }
  const appStatusComments = statusComments(ctx.comments, deps.botLogin);
  const scoped = inScope(config, ctx.issue.labels, ctx.issue.milestone?.title ?? null);
  // Out of scope with an earlier release's status comment: only that comment's final edit (tracking/outcome.ts).
  const final = scoped ? null : finalEdit(ctx.comments, deps.botLogin, { current: config.release });
  if (final) {
    const { made, failed } = await applyWrites(gh, number, [final], { dryRun: deps.dryRun, log: deps.log });
    return { verdict: null, writes: made, failed, skipped: "an earlier release's status comment: final edit" };
  }
  if (!scoped && appStatusComments.length === 0) {
    return { verdict: null, writes: 0, failed: [], skipped: "not in the release" };
  }

  const gathered = await gatherKep(gh, ctx, number, config.release, deps.log);
  if ("unread" in gathered) {
    // Not knowing is not "missing": the issue keeps its labels and comment until GitHub answers.
    deps.log.warn({ issue: number }, `#${number} left as it is: ${gathered.unread}; the next event or sweep retries`);
    return { verdict: null, writes: 0, failed: [], skipped: gathered.unread, unread: true };
  }
  const { inputs, ...rest } = gathered;
  // The release board (when configured): the KEP's exception, and the board's spelling of the statuses.
  const board = extra.board !== undefined ? extra.board : await readIssueBoard(deps, number);
  const evaluation = { ...deps, repo: gh.repo, ...(board ? { words: board.words } : {}) };
  const verdict = verdictFor(evaluation, {
    issue: { ...ctx.issue, number, milestone: ctx.issue.milestone?.title ?? null },
    appStatusComments,
    gathered: rest,
    inputs: { ...inputs, branch: ctx.defaultBranch },
    untrack: extra.untrackReason,
    exception: board?.exception,
    // kubernetes/website is not read here: the docs are judged on what the last sweep read of it.
    docs: {
      ...(docsInputFromMark(appStatusComments[0] ? readMarkers(appStatusComments[0].body).docs : null) ?? { listing: null }),
      required: board ? noDocsSaid(board.board, board.item, board.names) : null,
      none: extra.docsNone !== undefined ? extra.docsNone : docsNoneOf(appStatusComments),
    },
  });
  const writes = diffPlan(verdict.plan, { labels: ctx.issue.labels, comments: ctx.comments }, deps.botLogin);
  const { made, failed } = await applyWrites(gh, number, writes, {
    dryRun: deps.dryRun,
    log: deps.log,
    botLogin: deps.botLogin,
    exclusive: deps.exclusive,
  });
  const onBoard = board ? await updateIssueItem(deps, board, verdict, rest.kep) : 0;
  return { verdict, writes: made + onBoard, failed: [...commandFailed, ...failed] };
}

/**
 * The KEP's files (merged and in open PRs), its OWNERS, OWNERS_ALIASES and the
 * linked PRs' states: one query (in halves if GitHub refuses it). `unread` says
 * why the issue cannot be evaluated now (search refused, files GitHub did not give).
 */
async function gatherKep(gh: TrackerGitHub, ctx: IssueContext, number: number, release: string, log: Logger) {
  const tree = await gh.kepTree(ctx.headSha);
  const index = indexTree(tree);
  const openPrs = indexOpenPrs(ctx.openPullRequests);
  const mentions = { prs: ctx.issue?.crossReferences ?? [], repository: gh.repo };
  let kepFile: string | null;
  try {
    kepFile = await findKepFile({ search: (n) => gh.searchKepFiles(n), index, number, body: ctx.issue?.body ?? null, openPrs, mentions });
  } catch (e) {
    if (e instanceof CouldNotSearch) return { unread: "could not search for its KEP" };
    throw e;
  }
  const reads = kepReads({
    number,
    headSha: ctx.headSha,
    index,
    kepFile,
    openPrs,
    body: ctx.issue?.body ?? null,
    mentions,
  });
  const aliases = aliasesRead(ctx.headSha, index);
  const { files, pullRequests, unread } = await gh.filesAndPullRequests([aliases, ...reads.files], reads.prs, log);
  if (missesReads(reads, aliases, unread)) return { unread: "GitHub did not give all of its files" };
  const nodeApprovers = nodeApproverContext(files[aliases.key], release);
  return {
    ...assembleKep(reads, files, approversOf(files[aliases.key]), nodeApprovers),
    pullRequests,
    inputs: { reads: readsAsRead(reads, files), aliases },
  };
}
