import { closedWithStatus } from "../github/closed-search.js";
import type { SweepIssue } from "../github/repo-reader.js";
import { applyWrites } from "../github/writes.js";
import { finalEdit, releaseOfStatus } from "../tracking/outcome.js";
import { statusComments } from "../tracking/own-comments.js";
import type { Write } from "../tracking/writes.js";
import type { SweepContext } from "./context.js";
import type { IssueOutcome } from "./write-issue.js";

/**
 * Status comments of an earlier release on issues out of the release's scope
 * get their final edit (tracking/outcome.ts). Once edited, a comment is no
 * status comment, so only the first sweep after the release changes finds
 * any (or the next, for edits left over --max-writes).
 */

export type FinalOutcome = IssueOutcome & { finalEdits: number };

const NONE: FinalOutcome = { writes: 0, failed: 0, left: 0, reminders: 0, finalEdits: 0 };

/** An open issue out of scope: the sweep's pages hold every open issue with its last 100 comments, so this reads nothing. */
export async function finalizeLeftIssue(ctx: SweepContext, issue: SweepIssue, spent: number): Promise<FinalOutcome> {
  if (ctx.opts.mode === "report") return NONE;
  return applyFinal(ctx, issue.number, finalEdit(issue.comments, ctx.login, { current: ctx.opts.config.release }), spent);
}

/** Makes (or plans) one final edit within the run's write budget. */
async function applyFinal(ctx: SweepContext, number: number, edit: Write | null, spent: number): Promise<FinalOutcome> {
  const { opts } = ctx;
  if (!edit) return NONE;
  if (opts.dryRun) {
    opts.onPlan?.(number, [edit], "dry-run");
    return { ...NONE, writes: 1, finalEdits: 1 };
  }
  if (spent + 1 > opts.maxWrites) {
    opts.onPlan?.(number, [edit], "left");
    return { ...NONE, left: 1 };
  }
  const { made } = await applyWrites(opts.reader.gh, number, [edit], { dryRun: false, log: opts.log });
  opts.onPlan?.(number, [edit], "made");
  return { ...NONE, writes: made, failed: 1 - made, finalEdits: made };
}

/** The release of the issue's status comment when it is not the config's: a sign that the release changed since. */
export function earlierReleaseOf(ctx: SweepContext, issue: SweepIssue): string | null {
  const [status] = statusComments(issue.comments, ctx.login);
  const release = status ? releaseOfStatus(status.body) : null;
  return release && release !== ctx.opts.config.release ? release : null;
}

/**
 * Closed issues with a status comment of `release` get their final edit too.
 * The sweep searches for them only when its pages showed a status comment of
 * another release (so only in the first sweep after the release changed, or
 * until the edits left over --max-writes are made): one page per 100 found.
 */
export async function finalizeClosedIssues(ctx: SweepContext, release: string, spent: number): Promise<FinalOutcome> {
  const total: FinalOutcome = { ...NONE };
  if (ctx.opts.mode === "report") return total;
  for (const issue of await closedWithStatus(ctx.opts.reader.gh, ctx.login, release)) {
    const edit = finalEdit(issue.comments, ctx.login, { current: ctx.opts.config.release });
    const o = await applyFinal(ctx, issue.number, edit, spent + total.writes + total.failed);
    for (const k of ["writes", "failed", "left", "finalEdits"] as const) total[k] += o[k];
  }
  return total;
}
