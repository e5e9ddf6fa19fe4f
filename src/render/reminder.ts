import { readReminderMarker, reminderMarkerLine } from "../reading/markers.js";
import type { IssueComment } from "../reading/own-comments.js";
import type { ReleaseWords } from "../release/release-words.js";
import { freezeName as FREEZE_NAME, freezeTitle } from "../release/schedule.js";
import type { Deadline } from "../release/timeline.js";
import { inlineSafe } from "../util/user-text.js";
import { boardStatus } from "../verdict/evaluate.js";
import type { Verdict } from "../verdict/types.js";
import { docsAuthors } from "./docs-reminder.js";
import { EXCEPTIONS_URL, formatDeadline, greeting } from "./status-comment.js";

/**
 * Freeze reminders: a new comment to the owners of an at-risk KEP, some days
 * before the coming freeze, at most once per (release, freeze, days). The
 * marker in each reminder is how a later sweep knows it was sent.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export type DueReminder = { release: string; freeze: Deadline; days: number };

export const reminderMarker = (r: DueReminder): string => reminderMarkerLine(r);

/**
 * The reminder due now for this verdict: the nearest configured offset whose
 * moment has come, while the freeze is still ahead. A sweep that missed the
 * 7-day moment and runs 1 day before sends the 2-day reminder only.
 */
export function dueReminder(v: Verdict, daysBefore: readonly number[], now: Date): DueReminder | null {
  if (!v.inRelease || v.tracked === "no" || !v.freeze || !v.deadline) return null;
  return dueReminderAt({ status: v.status, release: v.release, freeze: v.freeze, at: new Date(v.deadline.at) }, daysBefore, now);
}

/** The same from a status and the coming freeze alone, as a status comment shows them. */
export function dueReminderAt(
  s: { status: string | null; release: string; freeze: Deadline; at: Date },
  daysBefore: readonly number[],
  now: Date,
): DueReminder | null {
  // Only a KEP at risk for the freeze still ahead; one that missed a freeze is the release team's call.
  if (s.freeze === "release" || s.status !== boardStatus(s.freeze, false)) return null;
  const at = s.at.getTime();
  if (now.getTime() >= at) return null;
  const days = [...daysBefore].sort((a, b) => a - b).find((d) => now.getTime() >= at - d * DAY_MS);
  return days === undefined ? null : { release: s.release, freeze: s.freeze, days };
}

/**
 * Whether the App already reminded about this freeze at this offset or a nearer one. Only the
 * App's own comments count (callers pass those), and only by the marker on their first line.
 */
export function alreadyReminded(due: DueReminder, ownComments: IssueComment[]): boolean {
  return ownComments.some((c) => {
    const m = readReminderMarker(c.body);
    return !!m && m.release === due.release && m.freeze === due.freeze && m.days <= due.days;
  });
}

/** The reminder: who it is for, the freeze and its deadline, the stage, what is missing, and where to ask for an exception. */
export function renderReminder(v: Verdict, due: DueReminder, statusUrl: string | null, words?: ReleaseWords): string {
  const freeze = words ? words.freezes[due.freeze].title : freezeTitle(due.freeze);
  const freezeName = (d: Deadline) => (words ? words.freezes[d].name : FREEZE_NAME(d));
  // Docs Freeze's reminder is the docs reminder too (docs-reminder.ts): the docs PRs' authors are greeted with the owners.
  const greeted = due.freeze === "docs-freeze" ? [...v.owners, ...docsAuthors(v)] : v.owners;
  const who = greeted.length ? `${greeting(greeted)}: ` : "";
  const out = [
    reminderMarker(due),
    `${who ? `${who}this` : "This"} KEP is **at risk for ${freezeName(due.freeze)}** in ${v.release}.`,
    "",
    `**${freeze}:** ${formatDeadline(v.deadline!)}`,
    "",
  ];
  if (!v.owners.length) out.push("No owner is on record: assign the KEP's owners to this issue, or list them as authors in kep.yaml.", "");
  out.push(`Stage targeted: **${v.stage ?? "unknown"}**.`, "");
  const missing = v.checklist.filter((i) => !i.done);
  if (missing.length) out.push("Still missing:", ...missing.map((i) => `- [ ] ${inlineSafe(i.label)}: ${inlineSafe(i.fix ?? "")}`), "");
  const problems = v.problems.filter((p) => p.id !== "missed-freeze");
  if (problems.length) out.push("Also:", ...problems.map((p) => `- ${inlineSafe(p.message)}`), "");
  const days = `${due.days} day${due.days === 1 ? "" : "s"}`;
  out.push(
    `${statusUrl ? `The [status comment](${statusUrl})` : "The status comment"} follows every fix. ` +
      `If the work cannot make the freeze, ask for an exception before it: ${EXCEPTIONS_URL}`,
    "",
    `<sub>A reminder from kep-tracker, ${days} before ${freezeName(due.freeze)}; each is sent once.</sub>`,
  );
  return `${out.join("\n")}\n`;
}
