import type { StillHeld } from "../github/issue-lock.js";
import type { SweepIssue } from "../github/repo-reader.js";
import { applyWrites } from "../github/writes.js";
import { wordsOf } from "../plan/issue-plan.js";
import { diffPlan, type Write } from "../plan/writes.js";
import { type IssueComment, statusComments } from "../reading/own-comments.js";
import type { ReleaseWords } from "../release/release-words.js";
import { docsReminded, dueDocsReminder, renderDocsReminder } from "../render/docs-reminder.js";
import { alreadyReminded, dueReminder, renderReminder } from "../render/reminder.js";
import type { Verdict } from "../verdict/types.js";
import type { Evaluated, SweepContext } from "./context.js";
import { appCommentsOn } from "./evaluate-batch.js";
import { lockedWrite, NOT_READ, type Reevaluate } from "./locked-write.js";

/** What bringing one issue in line did: writes made (or planned), failed, left for the next run, reminders sent, not read again. */
export type IssueOutcome = { writes: number; failed: number; left: number; reminders: number; unread: number };

const NOTHING: IssueOutcome = { writes: 0, failed: 0, left: 0, reminders: 0, unread: 0 };

type Planned = { writes: Write[]; reminders: number };

/**
 * Brings one issue in line with its verdict, within the run's write budget:
 * `spent` writes (made or failed) so far. An issue's writes go out together
 * or wait together for the next run. They are made under the issue's lock,
 * from the issue as it is then (locked-write.ts): `again` evaluates it anew when it changed.
 */
export async function writeIssue(ctx: SweepContext, evaluated: Evaluated, spent: number, again: Reevaluate): Promise<IssueOutcome> {
  const { opts } = ctx;
  const planned = plannedWrites(ctx, evaluated);
  const { writes, reminders } = planned;
  if (!writes.length) return NOTHING;
  if (opts.dryRun) {
    opts.onPlan?.(evaluated.issue.number, writes, "dry-run");
    return { ...NOTHING, writes: writes.length, reminders };
  }
  if (spent + writes.length > opts.maxWrites) return leftOver(ctx, evaluated.issue.number, writes);
  const outcome = await lockedWrite(ctx, evaluated, again, (now, held) =>
    apply(ctx, now.issue.number, now === evaluated ? planned : plannedWrites(ctx, now), spent, held),
  );
  return outcome === NOT_READ ? { ...NOTHING, unread: 1 } : (outcome ?? NOTHING);
}

function leftOver(ctx: SweepContext, number: number, writes: Write[]): IssueOutcome {
  ctx.opts.onPlan?.(number, writes, "left");
  return { ...NOTHING, left: writes.length };
}

/** The writes planned for an evaluated issue, and whether they carry a reminder. */
function plannedWrites(ctx: SweepContext, { issue, verdict }: Evaluated): Planned {
  return issueWrites(issue, verdict, appCommentsOn(ctx, issue), {
    login: ctx.login,
    repo: ctx.opts.reader.gh.repo,
    daysBefore: ctx.opts.config.reminders.daysBefore,
    now: ctx.opts.now,
    words: wordsOf(ctx.evaluation),
  });
}

/** Makes the writes, held by the issue's lock (a status comment is posted only after a re-check when the lock was lost). */
async function apply(ctx: SweepContext, number: number, planned: Planned, spent: number, held: StillHeld): Promise<IssueOutcome> {
  const { writes, reminders } = planned;
  const { opts } = ctx;
  if (!writes.length) return NOTHING;
  if (spent + writes.length > opts.maxWrites) return leftOver(ctx, number, writes);
  const { made } = await applyWrites(opts.reader.gh, number, writes, {
    dryRun: false,
    log: opts.log,
    botLogin: ctx.login,
    exclusive: held,
  });
  opts.onPlan?.(number, writes, "made");
  return { ...NOTHING, writes: made, failed: writes.length - made, reminders: made === writes.length ? reminders : 0 };
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
