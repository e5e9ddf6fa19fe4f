import { type IssueComment, statusComments } from "../reading/own-comments.js";
import type { Plan } from "../verdict/types.js";

/**
 * Every change kep-tracker makes on an issue, as data: the plan of an
 * evaluation, a command's transition (labels, milestone), its replies and
 * its reaction all go out through one write path (github/writes.ts).
 */
export type Write =
  | { kind: "add-labels"; labels: string[] }
  | { kind: "remove-label"; label: string }
  | { kind: "set-milestone"; milestone: { number: number; title: string } | null }
  | { kind: "create-comment"; body: string }
  | { kind: "update-comment"; id: number; body: string }
  | { kind: "delete-comment"; id: number }
  | { kind: "react"; commentId: number; content: "+1" }
  /** The end-of-cycle cleanup closes implemented KEPs' issues (as completed). */
  | { kind: "close-issue"; reason: "completed" | "not_planned" };

/**
 * The writes that take the issue from what it is to what the plan wants:
 * only managed labels, and one status comment (the oldest is kept and
 * edited; any other copy is deleted). Nothing when nothing differs.
 */
export function diffPlan(plan: Plan, current: { labels: string[]; comments: IssueComment[] }, botLogin: string): Write[] {
  const writes: Write[] = [];
  const labels = new Set(current.labels);
  const add = plan.addLabels.filter((l) => !labels.has(l));
  if (add.length) writes.push({ kind: "add-labels", labels: add });
  for (const label of plan.removeLabels) if (labels.has(label)) writes.push({ kind: "remove-label", label });
  if (plan.comment !== null) {
    const [kept, ...extra] = statusComments(current.comments, botLogin);
    if (!kept) writes.push({ kind: "create-comment", body: plan.comment });
    else if (kept.body !== plan.comment) writes.push({ kind: "update-comment", id: kept.id, body: plan.comment });
    for (const c of extra) writes.push({ kind: "delete-comment", id: c.id });
  }
  return writes;
}

/** One write in words: "add tracked/yes", "set the milestone v1.37". */
export function describeWrite(w: Write): string {
  switch (w.kind) {
    case "add-labels":
      return `add ${w.labels.join(", ")}`;
    case "remove-label":
      return `remove ${w.label}`;
    case "set-milestone":
      return w.milestone ? `set the milestone ${w.milestone.title}` : "clear the milestone";
    case "create-comment":
      if (w.body.startsWith("<!-- kep-tracker:closed")) return "post the closing comment";
      return w.body.startsWith("<!-- kep-tracker:reminder")
        ? `post a reminder (${/reminder \S+ (\S+) (\d+)/.exec(w.body)?.slice(1).join(", ") ?? ""} days)`
        : "post the status comment";
    case "update-comment":
      if (w.body.startsWith("<!-- kep-tracker:final")) return `give the status comment ${w.id} its final edit`;
      return `edit the status comment ${w.id}`;
    case "delete-comment":
      return `delete the duplicate status comment ${w.id}`;
    case "react":
      return `react ${w.content} to comment ${w.commentId}`;
    case "close-issue":
      return `close the issue (${w.reason.replace("_", " ")})`;
  }
}

/** What a write changes, for log lines: the kind and its subject, never a comment's body. */
export function writeSubject(w: Write): Record<string, unknown> {
  switch (w.kind) {
    case "add-labels":
      return { write: w.kind, labels: w.labels };
    case "remove-label":
      return { write: w.kind, label: w.label };
    case "set-milestone":
      return { write: w.kind, milestone: w.milestone?.number ?? null };
    case "update-comment":
    case "delete-comment":
      return { write: w.kind, comment: w.id };
    case "react":
      return { write: w.kind, comment: w.commentId };
    case "create-comment":
      return { write: w.kind };
    case "close-issue":
      return { write: w.kind, reason: w.reason };
  }
}
