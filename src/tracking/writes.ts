import type { Plan } from "./verdict.js";
import { type IssueComment, statusComments } from "./own-comments.js";

export type Write =
  | { kind: "add-labels"; labels: string[] }
  | { kind: "remove-label"; label: string }
  | { kind: "create-comment"; body: string }
  | { kind: "update-comment"; id: number; body: string }
  | { kind: "delete-comment"; id: number };

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
