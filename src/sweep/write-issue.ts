import type { SweepIssue } from "../github/repo-reader.js";
import { applyWrites } from "../github/writes.js";
import { wordsOf } from "../plan/issue-plan.js";
import { diffPlan, type Write } from "../plan/writes.js";
import { type IssueComment, statusComments } from "../reading/own-comments.js";
import type { ReleaseWords } from "../release/release-words.js";
import { docsReminded, dueDocsReminder, renderDocsReminder } from "../render/docs-reminder.js";
import { alreadyReminded, dueReminder, renderReminder } from "../render/reminder.js";
import type { Verdict } from "../verdict/types.js";
import type { SweepContext } from "./context.js";

/** What bringing one issue in line did: writes made (or planned), failed, left for the next run, reminders sent. */
export type IssueOutcome = { writes: number; failed: number; left: number; reminders: number };

const NOTHING: IssueOutcome = { writes: 0, failed: 0, left: 0, reminders: 0 };

/**
 * Brings one issue in line with its verdict, within the run's write budget:
 * `spent` writes (made or failed) so far. An issue's writes go out together
 * or wait together for the next run.
 */
export async function writeIssue(
  ctx: SweepContext,
  issue: SweepIssue,
  verdict: Verdict,
  appComments: IssueComment[],
  spent: number,
): Promise<IssueOutcome> {
  const { opts } = ctx;
  const { writes, reminders } = issueWrites(issue, verdict, appComments, {
    login: ctx.login,
    repo: opts.reader.gh.repo,
    daysBefore: opts.config.reminders.daysBefore,
    now: opts.now,
    words: wordsOf(ctx.evaluation),
  });
  if (!writes.length) return NOTHING;
  if (opts.dryRun) {
    opts.onPlan?.(issue.number, writes, "dry-run");
    return { ...NOTHING, writes: writes.length, reminders };
  }
  if (spent + writes.length > opts.maxWrites) {
    opts.onPlan?.(issue.number, writes, "left");
    return { ...NOTHING, left: writes.length };
  }
  const { made } = await applyWrites(opts.reader.gh, issue.number, writes, { dryRun: false, log: opts.log, botLogin: ctx.login });
  opts.onPlan?.(issue.number, writes, "made");
  return { writes: made, failed: writes.length - made, left: 0, reminders: made === writes.length ? reminders : 0 };
}

/** The writes that bring one issue in line with its verdict, and the reminder due, if not sent yet. Pure. */
export function issueWrites(
  issue: SweepIssue,
  verdict: Verdict,
  appComments: IssueComment[],
  ctx: { login: string; repo: { owner: string; repo: string }; daysBefore: readonly number[]; now: Date; words?: ReleaseWords },
): { writes: Write[]; reminders: number } {
  const writes = diffPlan(verdict.plan, { labels: issue.labels, comments: issue.comments }, ctx.login);
  const status = statusComments(appComments, ctx.login)[0];
  const url = status ? `https://github.com/${ctx.repo.owner}/${ctx.repo.repo}/issues/${issue.number}#issuecomment-${status.id}` : null;
  const reminders: Write[] = [];
  const due = dueReminder(verdict, ctx.daysBefore, ctx.now);
  if (due && !alreadyReminded(due, appComments))
    reminders.push({ kind: "create-comment", body: renderReminder(verdict, due, url, ctx.words) });
  const docs = dueDocsReminder(verdict, ctx.daysBefore, ctx.now);
  // Docs Freeze's freeze reminder, when due, is its docs reminder as well (the same marker).
  if (docs && docs.deadline !== due?.freeze && !docsReminded(docs, appComments))
    reminders.push({ kind: "create-comment", body: renderDocsReminder(verdict, docs, url) });
  return { writes: [...writes, ...reminders], reminders: reminders.length };
}
