import { BATCH_ALIASES, type SweepIssue } from "../github/repo-reader.js";
import { CouldNotSearch, findKepFile } from "../inputs/kep-location.js";
import { kepReads } from "../inputs/kep-reads.js";
import type { NodeApproverContext } from "../kep/sig-node/findings.js";
import { inScope } from "../plan/issue-plan.js";
import { statusComments } from "../reading/own-comments.js";
import type { ReleaseWords } from "../release/release-words.js";
import { NOT_IN_RELEASE } from "../render/report.js";
import type { BoardRun } from "./board-run.js";
import { type BoardOutcome, openBoard, syncBoard, wantOnBoard } from "./board-sync.js";
import { type Evaluated, type PendingIssue, type SweepContext, type SweepOptions, startSweep } from "./context.js";
import { openDocs } from "./docs-run.js";
import { commentsBackToStatus } from "./earlier-comments.js";
import { type BatchResult, evaluateBatch, unchangedStatus } from "./evaluate-batch.js";
import { earlierReleaseOf, type FinalOutcome, finalizeAfterPages, leftScope, noteLeftIssue } from "./final-edit.js";
import { openMirrors, syncMirrors, wantOnMirrors } from "./mirrors.js";
import { type IssueOutcome, writeIssue } from "./write-issue.js";

/**
 * The release-wide pass: every open issue in the release's scope is read in
 * pages, its KEP's files in batches, evaluated exactly as a webhook event
 * would, and (unless reporting) brought in line, with freeze reminders.
 * The read loop below and the final edits after it (final-edit.ts, through
 * a ledger) are the only places the summary's counts change.
 */

export type { Evaluated, SweepOptions };

export type SweepSummary = {
  seen: number;
  inScope: number;
  byStatus: Record<string, number>;
  writes: number;
  failed: number;
  reminders: number;
  /** Issues whose status comment was computed from the very inputs found now: not evaluated again. */
  unchanged: number;
  /**
   * Issues left as they are because GitHub did not give all they need (errors, 502/504 after
   * halving, search refused): the next run retries them.
   */
  unread: number;
  /** Why the issue pages stopped early (GitHub failed even a small page), else null: the issues after it wait for the next run. */
  stopped: string | null;
  /** Writes over --max-writes, left for the next run. */
  left: { writes: number; issues: number };
  /** The evaluations, in report mode only. */
  evaluated: Evaluated[];
  /** Status comments of an earlier release on issues out of scope now, given their final edit (or planned). */
  finalEdits: number;
  /** Final edits held back for the next run because GitHub failed another issue's (which that run looks for again). */
  finalHeld: number;
  /** In report mode, for the views (worklist, page): whose comments are the App's (the token's user), and the release board as read. */
  login?: string;
  board?: BoardRun | null;
  /** The release's words as this run spoke them (the board's spelling when there is a board): what its summary and report say too. */
  words?: ReleaseWords | undefined;
};

const emptySummary = (): SweepSummary => ({
  seen: 0,
  inScope: 0,
  byStatus: {},
  writes: 0,
  failed: 0,
  reminders: 0,
  unchanged: 0,
  unread: 0,
  stopped: null,
  left: { writes: 0, issues: 0 },
  evaluated: [],
  finalEdits: 0,
  finalHeld: 0,
});

const countStatus = (summary: SweepSummary, status: string | null) => {
  const key = status ?? NOT_IN_RELEASE;
  summary.byStatus[key] = (summary.byStatus[key] ?? 0) + 1;
};

/** The issues read but not evaluated yet, and the PRR approvers once OWNERS_ALIASES was read. */
type Batch = { pending: PendingIssue[]; size: number; approvers: Set<string> | null; nodeApprovers?: NodeApproverContext | undefined };

export async function sweep(opts: SweepOptions): Promise<SweepSummary> {
  const ctx = await startSweep(opts);
  await withBoard(ctx);
  ctx.docs = await openDocs(ctx);
  const summary: SweepSummary = { ...emptySummary(), words: ctx.evaluation.words };
  const batch: Batch = { pending: [], size: 0, approvers: null };
  // Releases of status comments other than the config's: their closed issues are searched after the pages.
  const earlier = new Set<string>();
  // Open issues out of scope: their final edits are made after the pages, after the closed issues' (final-edit.ts).
  const left = leftScope();
  for await (const page of ctx.snapshot.pages) {
    for (const issue of page) {
      summary.seen++;
      const release = earlierReleaseOf(ctx, issue);
      if (release) earlier.add(release);
      const pending = await pendingIssue(ctx, issue);
      if (!pending) {
        noteLeftIssue(ctx, issue, left);
        continue;
      }
      summary.inScope++;
      if (pending === UNREAD) {
        summary.unread++;
        continue;
      }
      const status = opts.mode === "sweep" && !ctx.withPrStates ? unchangedStatus(ctx, pending, null) : undefined;
      if (status !== undefined) {
        countStatus(summary, status);
        summary.unchanged++;
        continue;
      }
      // A batch is flushed before it would spill into a second query (OWNERS_ALIASES rides in the first).
      const size = pending.reads.files.length + (ctx.withPrStates ? pending.reads.prs.length : 0);
      if (batch.size + size + (batch.approvers ? 0 : 1) > BATCH_ALIASES) await flush(ctx, summary, batch);
      batch.pending.push(pending);
      batch.size += size;
    }
    progress(ctx, summary);
  }
  await flush(ctx, summary, batch);
  summary.stopped = ctx.snapshot.stopped;
  await finalizeAfterPages(ctx, earlier, left, { spent: () => summary.writes + summary.failed, add: (o) => tallyFinal(summary, o) });
  if (ctx.board && opts.mode === "sweep")
    tallyBoard(summary, await syncBoard(ctx.board, opts, opts.maxWrites - summary.writes - summary.failed));
  if (ctx.mirrors?.length) tallyBoard(summary, await syncMirrors(ctx.mirrors, opts, opts.maxWrites - summary.writes - summary.failed));
  if (opts.mode === "report") Object.assign(summary, { login: ctx.login, board: ctx.board ?? null });
  return summary;
}

function tallyFinal(summary: SweepSummary, outcome: FinalOutcome): void {
  summary.finalEdits += outcome.finalEdits;
  summary.finalHeld += outcome.held;
  tally(summary, outcome);
}

/** Reads the release board, if one is configured; its spelling of the statuses becomes the comments' words. */
async function withBoard(ctx: SweepContext): Promise<void> {
  ctx.board = await openBoard(ctx.opts);
  if (ctx.board) ctx.evaluation.words = ctx.board.words;
  // Mirrors are only written: a report has no use for them.
  if (ctx.opts.mode === "sweep") ctx.mirrors = await openMirrors(ctx.opts);
}

function tallyBoard(summary: SweepSummary, outcome: BoardOutcome): void {
  summary.writes += outcome.writes;
  summary.failed += outcome.failed;
  summary.left.writes += outcome.left;
}

const progress = (ctx: SweepContext, summary: SweepSummary) =>
  ctx.opts.progress?.({ seen: summary.seen, total: ctx.snapshot.totalIssues, writes: summary.writes });

/** Evaluates the batch, settles its outcome, and empties it. */
async function flush(ctx: SweepContext, summary: SweepSummary, batch: Batch): Promise<void> {
  if (!batch.pending.length) return;
  const result = await evaluateBatch(ctx, batch.pending, batch.approvers, batch.nodeApprovers);
  batch.approvers = result.approvers;
  batch.nodeApprovers = result.nodeApprovers;
  await settle(ctx, summary, result);
  batch.pending = [];
  batch.size = 0;
  progress(ctx, summary);
}

/** An issue in scope whose KEP could not be looked for (code search refused): left as it is. */
const UNREAD = "unread";

/** The issue with what its evaluation reads, null when it is not in the release's scope, UNREAD when its KEP cannot be found now. */
async function pendingIssue(ctx: SweepContext, issue: SweepIssue): Promise<PendingIssue | null | typeof UNREAD> {
  const { reader, config } = ctx.opts;
  if (!inScope(config, issue.labels, issue.milestone?.title ?? null)) return null;
  if (issue.earlierCursor && !statusComments(issue.comments, ctx.login).length) {
    // The status comment may be further back than the last 100 comments.
    const earlier = await commentsBackToStatus(ctx, issue.number, issue.earlierCursor);
    if (!earlier) return UNREAD;
    issue.comments = [...earlier, ...issue.comments];
  }
  const { headSha } = ctx.snapshot;
  const mentions = { prs: issue.crossReferences ?? [], repository: reader.gh.repo };
  let kepFile: string | null;
  try {
    kepFile = await findKepFile({
      search: (n) => reader.searchKepFiles(n, headSha),
      index: ctx.index,
      number: issue.number,
      body: issue.body,
      openPrs: ctx.openPrs,
      mentions,
    });
  } catch (e) {
    if (!(e instanceof CouldNotSearch)) throw e;
    ctx.opts.log.warn(
      { issue: issue.number, err: e.message },
      `#${issue.number} left as it is: could not search for its KEP; the next run retries`,
    );
    return UNREAD;
  }
  const reads = kepReads({
    number: issue.number,
    headSha,
    index: ctx.index,
    kepFile,
    openPrs: ctx.openPrs,
    body: issue.body,
    linkedPrs: ctx.withPrStates,
    mentions,
  });
  return { issue, reads };
}

/** Counts a batch's outcome and, in sweep mode, brings each evaluated issue in line. */
async function settle(ctx: SweepContext, summary: SweepSummary, result: BatchResult): Promise<void> {
  summary.unread += result.unread.length;
  for (const status of result.unchanged) {
    countStatus(summary, status);
    summary.unchanged++;
  }
  for (const evaluated of result.evaluated) {
    countStatus(summary, evaluated.verdict.status);
    if (ctx.board) wantOnBoard(ctx.board, evaluated, ctx.opts.config.release);
    if (ctx.mirrors) wantOnMirrors(ctx.mirrors, evaluated, ctx.opts.config.release);
    if (ctx.opts.mode === "report") summary.evaluated.push(evaluated);
    else tally(summary, await writeIssue(ctx, evaluated, summary.writes + summary.failed, (now) => evaluateAgain(ctx, now, result)));
  }
}

/**
 * An issue that changed since the run read it, evaluated again from what it is now (as a batch of one, with
 * the run's approvers): null when it has nothing to be written, "unread" when GitHub did not give what it needs.
 */
async function evaluateAgain(ctx: SweepContext, now: SweepIssue, owners: BatchResult): Promise<Evaluated | null | "unread"> {
  const pending = await pendingIssue(ctx, now);
  if (pending === UNREAD) return UNREAD;
  if (!pending) return null;
  const result = await evaluateBatch(ctx, [pending], owners.approvers, owners.nodeApprovers);
  return result.evaluated[0] ?? (result.unread.length ? UNREAD : null);
}

function tally(summary: SweepSummary, outcome: IssueOutcome): void {
  summary.unread += outcome.unread;
  summary.writes += outcome.writes;
  summary.failed += outcome.failed;
  summary.reminders += outcome.reminders;
  if (outcome.left) {
    summary.left.writes += outcome.left;
    summary.left.issues++;
  }
}
