import type { IssueComment, TrackerGitHub } from "../github/client.js";
import { STATUS_MARKER } from "../tracking/comment.js";
import type { Plan } from "../tracking/verdict.js";

export type Write =
  | { kind: "add-labels"; labels: string[] }
  | { kind: "remove-label"; label: string }
  | { kind: "create-comment"; body: string }
  | { kind: "update-comment"; id: number; body: string }
  | { kind: "delete-comment"; id: number };

export type Logger = {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
};

/** "kep-tracker[bot]" and "kep-tracker" are the same author: REST and GraphQL spell bots differently. */
export const sameLogin = (a: string, b: string) => a.replace(/\[bot\]$/, "").toLowerCase() === b.replace(/\[bot\]$/, "").toLowerCase();

/** The App's status comments on an issue, oldest first. */
export function statusComments(comments: IssueComment[], botLogin: string): IssueComment[] {
  return comments.filter((c) => sameLogin(c.author, botLogin) && c.body.includes(STATUS_MARKER)).sort((a, b) => a.id - b.id);
}

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

/**
 * Makes the writes, or only logs them in dry-run mode. A write that fails
 * (after Octokit's own retries) is logged with what it meant to do and the
 * rest go on: the next event or sweep converges.
 */
export async function applyWrites(gh: TrackerGitHub, issue: number, writes: Write[], opts: { dryRun: boolean; log: Logger }): Promise<number> {
  let made = 0;
  for (const w of writes) {
    const where = { issue, write: w.kind, ...(w.kind === "add-labels" ? { labels: w.labels } : w.kind === "remove-label" ? { label: w.label } : "id" in w ? { comment: w.id } : {}) };
    if (opts.dryRun) {
      opts.log.info(where, "dry run: would write");
      continue;
    }
    try {
      if (w.kind === "add-labels") await gh.addLabels(issue, w.labels);
      else if (w.kind === "remove-label") await gh.removeLabel(issue, w.label);
      else if (w.kind === "create-comment") await gh.createComment(issue, w.body);
      else if (w.kind === "update-comment") await gh.updateComment(w.id, w.body);
      else await gh.deleteComment(w.id);
      made++;
    } catch (e) {
      opts.log.error({ ...where, err: (e as Error).message, status: (e as { status?: number }).status }, "write failed; the next event or sweep will retry");
    }
  }
  return made;
}
