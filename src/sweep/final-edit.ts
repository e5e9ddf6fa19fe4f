import { closedWithStatus } from "../github/cleanup/closed-search.js";
import type { SweepIssue } from "../github/repo-reader.js";
import { applyWrites } from "../github/writes.js";
import { finalEdit, releaseOfStatus } from "../plan/release-outcome.js";
import type { Write } from "../plan/writes.js";
import { type IssueComment, statusComments } from "../reading/own-comments.js";
import type { SweepContext } from "./context.js";
import { commentsBackToStatus } from "./earlier-comments.js";
import type { IssueOutcome } from "./write-issue.js";

/**
 * Status comments of an earlier release on issues out of the release's scope
 * get their final edit (tracking/outcome.ts). Once edited, a comment is no
 * status comment, so only the first sweep after the release changes finds
 * any (or the next, for edits left over --max-writes).
 *
 * The edits wait until the pages are read, and closed issues' go first: what
 * --max-writes leaves over is then an open issue's, which the next sweep's
 * pages show again, and which makes it search the closed issues again.
 */

/**
 * One issue's final edit: made, planned, left over --max-writes, not read (GitHub failed its
 * earlier comments), or held back for the next run because GitHub failed another's.
 */
export type FinalOutcome = IssueOutcome & { finalEdits: number; unread: number; held: number };

const NONE: FinalOutcome = { writes: 0, failed: 0, left: 0, reminders: 0, finalEdits: 0, unread: 0, held: 0 };

/** Open issues out of scope, met in the pages: the final edits they are due, and those whose status comment may be further back. */
export type LeftScope = {
  edits: Array<{ number: number; edit: Write }>;
  /** No status comment of the App in their last 100 comments, and comments before those. */
  further: Array<{ number: number; cursor: string }>;
};

export const leftScope = (): LeftScope => ({ edits: [], further: [] });

/** The run's write budget as the sweep keeps it: writes made or failed so far, and where each outcome is counted. */
export type FinalLedger = { spent(): number; add(outcome: FinalOutcome): void };

/** Notes an open issue out of scope: the sweep's pages hold it with its last 100 comments, so this reads nothing. */
export function noteLeftIssue(ctx: SweepContext, issue: SweepIssue, left: LeftScope): void {
  if (ctx.opts.mode === "report") return;
  if (statusComments(issue.comments, ctx.login).length) {
    const edit = finalEdit(issue.comments, ctx.login, { current: ctx.opts.config.release });
    if (edit) left.edits.push({ number: issue.number, edit });
  } else if (issue.earlierCursor) left.further.push({ number: issue.number, cursor: issue.earlierCursor });
}

/**
 * After the pages: closed issues with a status comment of each release in
 * `earlier` (the releases other than the config's that the pages showed;
 * one search page per 100 found, closed-search.ts), then the open issues out
 * of scope. Issues whose status comment may be
 * further back than their last 100 comments are read back only when the pages
 * showed a release change, so a sweep after the edits reads nothing for them.
 * When one of those edits failed or could not be read, the open issues whose
 * status comment the pages show keep it until the next sweep: it is what
 * makes that sweep look for the others again.
 */
export async function finalizeAfterPages(ctx: SweepContext, earlier: Set<string>, left: LeftScope, ledger: FinalLedger): Promise<void> {
  if (ctx.opts.mode === "report") return;
  // Edits that failed or could not be read: while any did, the open issues' edits wait (above).
  let missed = 0;
  const add = (o: FinalOutcome) => {
    missed += o.failed + o.unread;
    ledger.add(o);
  };
  for (const release of earlier) {
    for (const issue of await closedWithStatus(ctx.opts.reader.gh, ctx.login, release))
      add(await finalizeWithEarlier(ctx, issue.number, issue.comments, issue.earlierCursor, ledger.spent()));
  }
  if (earlier.size) for (const { number, cursor } of left.further) add(await finalizeWithEarlier(ctx, number, [], cursor, ledger.spent()));
  if (missed && left.edits.length)
    ctx.opts.log.warn(
      { missed, waiting: left.edits.length },
      `the final edits of open issues (${left.edits.length}) wait for the next run, ` +
        `which then looks again for those GitHub failed (${missed})`,
    );
  for (const { number, edit } of left.edits)
    ledger.add(missed ? heldBack(ctx, number, edit) : await applyFinal(ctx, number, edit, ledger.spent()));
}

/**
 * The final edit of an issue whose status comment is among `comments` or, when it is not, in the
 * comments before them (read back to it).
 */
async function finalizeWithEarlier(
  ctx: SweepContext,
  number: number,
  comments: IssueComment[],
  cursor: string | null,
  spent: number,
): Promise<FinalOutcome> {
  let holding = comments;
  if (cursor && !statusComments(comments, ctx.login).length) {
    const earlier = await commentsBackToStatus(ctx, number, cursor);
    if (!earlier) return { ...NONE, unread: 1 };
    holding = earlier;
  }
  return applyFinal(ctx, number, finalEdit(holding, ctx.login, { current: ctx.opts.config.release }), spent);
}

/** Makes (or plans) one final edit within the run's write budget. */
async function applyFinal(ctx: SweepContext, number: number, edit: Write | null, spent: number): Promise<FinalOutcome> {
  const { opts } = ctx;
  if (!edit) return NONE;
  if (opts.dryRun) {
    opts.onPlan?.(number, [edit], "dry-run");
    return { ...NONE, writes: 1, finalEdits: 1 };
  }
  if (spent + 1 > opts.maxWrites) return leftOver(ctx, number, edit);
  const { made } = await applyWrites(opts.reader.gh, number, [edit], { dryRun: false, log: opts.log });
  opts.onPlan?.(number, [edit], "made");
  return { ...NONE, writes: made, failed: 1 - made, finalEdits: made };
}

/** An edit left for the next run: over --max-writes. */
function leftOver(ctx: SweepContext, number: number, edit: Write): FinalOutcome {
  ctx.opts.onPlan?.(number, [edit], "left");
  return { ...NONE, left: 1 };
}

/** An edit held back for the next run, which then looks again for the ones GitHub failed. */
function heldBack(ctx: SweepContext, number: number, edit: Write): FinalOutcome {
  ctx.opts.onPlan?.(number, [edit], "left");
  return { ...NONE, held: 1 };
}

/** The release of the issue's status comment when it is not the config's: a sign that the release changed since. */
export function earlierReleaseOf(ctx: SweepContext, issue: SweepIssue): string | null {
  const [status] = statusComments(issue.comments, ctx.login);
  const release = status ? releaseOfStatus(status.body) : null;
  return release && release !== ctx.opts.config.release ? release : null;
}
