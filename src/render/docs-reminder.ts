import { readReminderMarker, reminderMarkerLine } from "../reading/markers.js";
import type { IssueComment } from "../reading/own-comments.js";
import { formatDayTime } from "../release/dates.js";
import { DOCS_DEADLINES, type DocsDeadline, type DocsSchedule, docsDeadlineName, nextDocsDeadline } from "../release/docs-deadlines.js";
import type { Deadline } from "../release/timeline.js";
import { inlineSafe, isGitHubLogin } from "../util/user-text.js";
import type { DocsVerdict } from "../verdict/docs.js";
import { boardStatus } from "../verdict/evaluate.js";
import type { Verdict } from "../verdict/types.js";
import { greeting } from "./status-comment.js";

/**
 * Docs reminders: a new comment, some days before each docs deadline (placeholder PRs, ready for
 * review, Docs Freeze), to the KEP's owners and its docs PRs' authors, when an item due by that
 * deadline is not done; at most once per (release, deadline, days), as the freeze reminders are,
 * and by the same marker on the first line. Docs Freeze is also a freeze: when the freeze reminder
 * for it is sent, it names the docs PRs' authors too, and this one is not sent (same marker).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export type DueDocsReminder = { release: string; deadline: DocsDeadline; days: number };

/** The docs items due by `deadline` (or an earlier one) that are not done. */
const openItems = (docs: DocsVerdict, deadline: DocsDeadline) =>
  docs.items.filter((i) => !i.done && DOCS_DEADLINES.indexOf(i.due) <= DOCS_DEADLINES.indexOf(deadline));

/** The docs reminder due now: the nearest configured offset whose moment has come before the next docs deadline. */
export function dueDocsReminder(v: Verdict, daysBefore: readonly number[], now: Date): DueDocsReminder | null {
  const docs = v.docs;
  if (!v.inRelease || v.tracked === "no" || !docs?.required || !docs.next) return null;
  // A KEP that missed a freeze is the release team's call (as for freeze reminders), not its docs'.
  if (v.problems.some((p) => p.id === "missed-freeze")) return null;
  if (!openItems(docs, docs.next.deadline).length) return null;
  const at = new Date(docs.next.at).getTime();
  const days = [...daysBefore].sort((a, b) => a - b).find((d) => now.getTime() >= at - d * DAY_MS);
  return days === undefined ? null : { release: v.release, deadline: docs.next.deadline, days };
}

const EARLIER_FREEZES: readonly Deadline[] = ["prr-freeze", "enhancements-freeze", "code-freeze"];

/** The docs words that leave a deadline's items undone, as far as the word alone tells. */
const AT_RISK_WORDS: Record<DocsDeadline, readonly string[]> = {
  "docs-placeholder": ["No PR"],
  "docs-ready": ["No PR", "Draft"],
  "docs-freeze": ["No PR", "Draft", "Ready for review"],
};

/**
 * The docs reminder an unchanged status comment implies, from the docs word its `kep` marker keeps:
 * a sweep that would skip the issue evaluates it when this one is due and not sent yet.
 */
export function docsReminderOfMark(
  s: { release: string; docsWord: string | null | undefined; schedule: DocsSchedule; status: string | null; freeze: Deadline | null },
  daysBefore: readonly number[],
  now: Date,
): DueDocsReminder | null {
  const next = nextDocsDeadline(s.schedule, now);
  if (!next || !s.docsWord || !AT_RISK_WORDS[next].includes(s.docsWord)) return null;
  // At risk for a freeze other than the one ahead: a missed freeze, which gets no docs reminder.
  if (EARLIER_FREEZES.some((f) => f !== s.freeze && s.status === boardStatus(f, false))) return null;
  const at = s.schedule[next].at.getTime();
  const days = [...daysBefore].sort((a, b) => a - b).find((d) => now.getTime() >= at - d * DAY_MS);
  return days === undefined ? null : { release: s.release, deadline: next, days };
}

/** Whether this reminder (or one nearer the deadline) was sent: the App's own comments, by their first line only. */
export const docsReminded = (due: DueDocsReminder, ownComments: IssueComment[]): boolean =>
  ownComments.some((c) => {
    const m = readReminderMarker(c.body);
    return !!m && m.release === due.release && m.freeze === due.deadline && m.days <= due.days;
  });

/** The docs PRs' authors to greet beside the owners: logins only, each once. */
export function docsAuthors(v: Pick<Verdict, "owners" | "docs">): string[] {
  const known = new Set(v.owners.map((o) => o.toLowerCase()));
  const out: string[] = [];
  for (const pr of v.docs?.prs ?? []) {
    const a = pr.author;
    if (a && isGitHubLogin(a) && !a.endsWith("[bot]") && !known.has(a.toLowerCase())) {
      known.add(a.toLowerCase());
      out.push(a);
    }
  }
  return out;
}

/** The reminder: who it is for, the docs deadline and when, and what is left to do by then. */
export function renderDocsReminder(v: Verdict, due: DueDocsReminder, statusUrl: string | null): string {
  const docs = v.docs!;
  const who = [...v.owners, ...docsAuthors(v)];
  const name = docsDeadlineName(due.deadline);
  const out = [
    reminderMarkerLine({ release: due.release, freeze: due.deadline, days: due.days }),
    `${who.length ? `${greeting(who)}: this` : "This"} KEP's docs are **at risk for ${name}** in ${v.release}.`,
    "",
    `**${name.charAt(0).toUpperCase()}${name.slice(1)}:** ${formatDayTime(docs.next!.at)}`,
    "",
    `Still to do (kubernetes/website, against \`${docs.branch}\`):`,
    ...openItems(docs, due.deadline).map((i) => `- [ ] ${inlineSafe(i.label)}: ${inlineSafe(i.fix ?? "")}`),
    "",
    `${statusUrl ? `The [status comment](${statusUrl})` : "The status comment"} follows every change. ` +
      "If this KEP needs no docs, its author or an assignee can say so with `/kep-docs none <reason>`.",
    "",
    `<sub>A reminder from kep-tracker, ${due.days} day${due.days === 1 ? "" : "s"} before ${name}; each is sent once.</sub>`,
  ];
  return `${out.join("\n")}\n`;
}
