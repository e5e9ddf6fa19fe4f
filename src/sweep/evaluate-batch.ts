import type { SweepIssue } from "../github/repo-reader.js";
import { approversOf, assembleKep, inputsDigest, type KepReads, missesReads, readsAsRead } from "../inputs/kep-reads.js";
import { type NodeApproverContext, nodeApproverContext } from "../kep/sig-node/findings.js";
import { digestPartsOf, docsNoneOf, untrackReasonOf, verdictFor, wordsOf } from "../plan/issue-plan.js";
import { readMarkers } from "../reading/markers.js";
import { ownComments, statusComments } from "../reading/own-comments.js";
import type { PullRequestState } from "../reading/pull-requests.js";
import { docsSchedule } from "../release/docs-deadlines.js";
import { docsReminded, docsReminderOfMark } from "../render/docs-reminder.js";
import { alreadyReminded, dueReminderAt } from "../render/reminder.js";
import { dedupeBy } from "../util/dedupe.js";
import { statusFromSpoken } from "../verdict/status-words.js";
import { boardCurrent, exceptionOf } from "./board-sync.js";
import { type Evaluated, issueInput, type PendingIssue, type SweepContext } from "./context.js";
import { docsInputFor } from "./docs-run.js";
import { mirrorsCurrent } from "./mirrors.js";

/** What came of a batch: the issues evaluated, and the statuses of those found unchanged (not evaluated again). */
export type BatchResult = {
  evaluated: Evaluated[];
  unchanged: Array<string | null>;
  approvers: Set<string> | null;
  /** SIG Node's approver context, built from the same OWNERS_ALIASES read as `approvers`. */
  nodeApprovers?: NodeApproverContext | undefined;
  /** Issues left as they are because GitHub did not give all they need (retried by the next run). */
  unread: number[];
};

/** The App's own comments on an issue. */
export const appCommentsOn = (ctx: SweepContext, issue: SweepIssue) => ownComments(issue.comments, ctx.login);

/**
 * The status the issue's one status comment shows when that comment was
 * computed from exactly these inputs (its hidden digest says so) and no
 * reminder is due: then there is nothing to read, evaluate or write. Else
 * undefined. From code freeze on the linked PRs' states count too.
 */
export function unchangedStatus(
  ctx: SweepContext,
  { issue, reads }: PendingIssue,
  prStates: Record<string, PullRequestState> | null,
): string | null | undefined {
  const appComments = appCommentsOn(ctx, issue);
  const appStatusComments = statusComments(appComments, ctx.login);
  const kept = appStatusComments[0];
  if (appStatusComments.length !== 1 || !kept) return undefined;
  const exception = exceptionOf(ctx.board, issue.number, ctx.opts);
  const parts = digestPartsOf(
    ctx.evaluation,
    issueInput(issue),
    { reads, aliases: ctx.aliases, branch: ctx.snapshot.defaultBranch },
    prStates,
    untrackReasonOf(appStatusComments),
    exception,
    docsInputFor(ctx, issue, docsNoneOf(appStatusComments)),
  );
  // The current labels: equal to the planned ones exactly when no label is left to change.
  const markers = readMarkers(kept.body);
  if (markers.inputs !== inputsDigest(parts, issue.labels)) return undefined;
  // The comment speaks the release's words; the evaluation's status is what counts.
  const status = markers.status ?? statusFromSpoken(markers.statusLine ?? null, wordsOf(ctx.evaluation));
  const { config, deadlines, now } = ctx.evaluation;
  const next = ctx.next;
  const due = next
    ? dueReminderAt({ status, release: config.release, freeze: next, at: deadlines[next].at }, config.reminders.daysBefore, now)
    : null;
  if (due && !alreadyReminded(due, appComments)) return undefined;
  const schedule = docsSchedule(deadlines);
  const mark = { release: config.release, docsWord: markers.kep?.docs, schedule, status, freeze: next };
  const docsDue = docsReminderOfMark(mark, config.reminders.daysBefore, now);
  if (docsDue && !docsReminded(docsDue, appComments)) return undefined;
  // An item missing or behind on the board needs what only an evaluation knows (stage, SIG).
  const docsJudged = next !== null && next !== "prr-freeze" && next !== "enhancements-freeze";
  const facts = { issue: issue.number, release: config.release, status, kep: markers.kep ?? null, docsJudged };
  if (ctx.board && !boardCurrent(ctx.board, facts)) return undefined;
  if (!mirrorsCurrent(ctx.mirrors, facts)) return undefined;
  return status;
}

const dedupe = <T extends { key: string }>(items: T[]): T[] => dedupeBy(items, (i) => i.key);

/** Whether the App's status comment on the issue carries a digest (a sweep or event has seen it before). */
const hasDigest = (ctx: SweepContext, issue: SweepIssue) =>
  statusComments(issue.comments, ctx.login).some((c) => readMarkers(c.body).inputs !== null);

/**
 * Reads a batch's files (and, from code freeze on, linked PR states) in as
 * few queries as fit, and evaluates each issue exactly as a webhook event
 * would. OWNERS_ALIASES rides in the first batch; its approvers come back.
 */
export async function evaluateBatch(
  ctx: SweepContext,
  pending: PendingIssue[],
  approversSoFar: Set<string> | null,
  nodeSoFar?: NodeApproverContext,
): Promise<BatchResult> {
  const { reader, mode } = ctx.opts;
  const result: BatchResult = { evaluated: [], unchanged: [], approvers: approversSoFar, nodeApprovers: nodeSoFar, unread: [] };
  let batch = pending;
  let known: Record<string, PullRequestState> | null = null;
  if (ctx.withPrStates && mode === "sweep" && batch.some((p) => hasDigest(ctx, p.issue))) {
    // The linked PRs' states are read first, and the files only of the issues whose digest they change.
    const states = await reader.read([], dedupe(batch.flatMap((p) => p.reads.prs)), ctx.opts.log);
    known = states.pullRequests;
    batch = leaveUnread(result, batch, states.unread).filter((p) => {
      const status = unchangedStatus(ctx, p, known);
      if (status !== undefined) result.unchanged.push(status);
      return status === undefined;
    });
  }
  if (!batch.length) return result;
  // Deduplicated: every issue of a batch reads the same KEP template.
  const files = dedupe([...(result.approvers ? [] : [ctx.aliases]), ...batch.flatMap((p) => p.reads.files)]);
  const prs = ctx.withPrStates && !known ? dedupe(batch.flatMap((p) => p.reads.prs)) : [];
  const got = await reader.read(files, prs, ctx.opts.log);
  // Without OWNERS_ALIASES no PRR approval can be judged: the whole batch waits, and the next batch asks again.
  if (got.unread.has(ctx.aliases.key)) {
    result.unread.push(...batch.map((p) => p.issue.number));
    return result;
  }
  if (!result.approvers) result.nodeApprovers = nodeApproverContext(got.files[ctx.aliases.key], ctx.opts.config.release);
  result.approvers ??= approversOf(got.files[ctx.aliases.key]);
  const approvers = result.approvers;
  const node = result.nodeApprovers;
  const pullRequests = known ?? got.pullRequests;
  for (const { issue, reads } of leaveUnread(result, batch, got.unread))
    result.evaluated.push(evaluateOne(ctx, issue, reads, got.files, { approvers, node }, pullRequests));
  return result;
}

/** The issues whose reads were all answered; the others are counted as unread and left as they are. */
function leaveUnread(result: BatchResult, batch: PendingIssue[], unread: ReadonlySet<string>): PendingIssue[] {
  return batch.filter((p) => {
    const missing = missesReads(p.reads, null, unread);
    if (missing) result.unread.push(p.issue.number);
    return !missing;
  });
}

function evaluateOne(
  ctx: SweepContext,
  issue: SweepIssue,
  reads: KepReads,
  files: Record<string, string | undefined>,
  owners: { approvers: Set<string>; node: NodeApproverContext | undefined },
  pullRequests: Record<string, PullRequestState>,
): Evaluated {
  const assembled = assembleKep(reads, files, owners.approvers, owners.node);
  const appStatusComments = statusComments(appCommentsOn(ctx, issue), ctx.login);
  const inputs = { reads: readsAsRead(reads, files), aliases: ctx.aliases, branch: ctx.snapshot.defaultBranch };
  const verdict = verdictFor(ctx.evaluation, {
    issue: issueInput(issue),
    appStatusComments,
    gathered: { ...assembled, pullRequests },
    inputs,
    exception: exceptionOf(ctx.board, issue.number, ctx.opts),
    docs: docsInputFor(ctx, issue, docsNoneOf(appStatusComments)),
  });
  return { issue, verdict, kep: assembled.kep };
}
