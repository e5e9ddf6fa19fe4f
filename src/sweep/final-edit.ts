import type { SweepIssue } from "../github/repo-reader.js";
import { applyWrites } from "../github/writes.js";
import { finalEdit } from "../tracking/outcome.js";
import type { SweepContext } from "./context.js";
import type { IssueOutcome } from "./write-issue.js";

/**
 * An open issue out of the release's scope whose status comment was written
 * for another release gets that comment's final edit (tracking/outcome.ts).
 * The sweep's pages hold every open issue with its last 100 comments, so this
 * costs no read; and once edited the comment is no status comment, so only
 * the first sweep after the release changes finds anything to do here.
 */
export async function finalizeLeftIssue(ctx: SweepContext, issue: SweepIssue, spent: number): Promise<IssueOutcome & { finalEdits: number }> {
  const none = { writes: 0, failed: 0, left: 0, reminders: 0, finalEdits: 0 };
  const { opts } = ctx;
  if (opts.mode === "report") return none;
  const edit = finalEdit(issue.comments, ctx.login, { current: opts.config.release });
  if (!edit) return none;
  if (opts.dryRun) {
    opts.onPlan?.(issue.number, [edit], "dry-run");
    return { ...none, writes: 1, finalEdits: 1 };
  }
  if (spent + 1 > opts.maxWrites) {
    opts.onPlan?.(issue.number, [edit], "left");
    return { ...none, left: 1 };
  }
  const { made } = await applyWrites(opts.reader.gh, issue.number, [edit], { dryRun: false, log: opts.log });
  opts.onPlan?.(issue.number, [edit], "made");
  return { ...none, writes: made, failed: 1 - made, finalEdits: made };
}
