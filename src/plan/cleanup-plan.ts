import { closedMarker } from "../reading/markers.js";
import type { IssueComment } from "../reading/own-comments.js";
import { isOwnComment } from "../reading/own-comments.js";
import { finalEdit } from "./release-outcome.js";
import type { Write } from "./writes.js";

/**
 * The end-of-cycle cleanup of the Enhancements handbook (tracking-board.md),
 * as a plan: pure, from the open issues read and their KEPs' kep.yaml.
 *
 * Over the open issues labelled lead-opted-in whose milestone is not the
 * next release (the handbook's first query):
 *   1. close the KEPs that are stable with status implemented;
 *   2. move the issues opted in for the next release already (kep.yaml's
 *      latest-milestone) to its milestone, keeping lead-opted-in;
 *   3. on the rest remove lead-opted-in and tracked/*, and clear the milestone.
 * Then 4. remove any tracked/* label left on an open issue (the second query).
 */

export const CLEANUP_STEPS = ["close", "move", "untrack", "clear-tracked"] as const;
export type CleanupStep = (typeof CLEANUP_STEPS)[number];

/** The kep.yaml fields the cleanup decides on; null when the issue has no KEP found. */
export type CleanupKep = { path: string; status: string | null; stage: string | null; latestMilestone: string | null };

export type CleanupIssue = {
  number: number;
  title: string;
  labels: string[];
  milestone: { title: string; number: number } | null;
  /** The last 100 comments: the App's closing comment of an earlier run, its status comment. */
  comments: IssueComment[];
  kep: CleanupKep | null;
};

export type CleanupContext = {
  release: string;
  next: string;
  /** The release of the repository's config: status comments of others are given their final edit. */
  current: string;
  /** The next release's milestone; null when the repository has none yet. */
  nextMilestone: { title: string; number: number } | null;
  leadOptedIn: string;
  /** The tracked/* labels the App owns (the config's). */
  tracked: string[];
  botLogin: string;
};

export type CleanupAction = { step: CleanupStep; issue: number; title: string; writes: Write[] };
/** An issue the handbook's steps would touch but the cleanup cannot, and why. */
export type CleanupHeld = { issue: number; title: string; reason: string };
export type CleanupPlan = { actions: CleanupAction[]; held: CleanupHeld[] };

/** The hidden first line of the closing comment: a second run finds it and does not post it again. */

export function closingComment(release: string, kep: CleanupKep): string {
  return [
    closedMarker(release),
    `Implemented and stable in ${release}: \`${kep.path}\` says \`stage: stable\` and \`status: implemented\`, ` +
      "so this tracking issue is closed (the Enhancements team's end-of-cycle cleanup).",
  ].join("\n");
}

/** Whether the handbook's first query finds the issue: open (all read are), lead-opted-in, and not in the next milestone. */
export const inFirstQuery = (issue: Pick<CleanupIssue, "labels" | "milestone">, ctx: Pick<CleanupContext, "leadOptedIn" | "next">) =>
  issue.labels.includes(ctx.leadOptedIn) && issue.milestone?.title !== ctx.next;

const isStableImplemented = (kep: CleanupKep | null) =>
  kep?.stage?.trim().toLowerCase() === "stable" && kep.status?.trim().toLowerCase() === "implemented";

const removals = (issue: CleanupIssue, labels: string[]): Write[] =>
  labels.filter((l) => issue.labels.includes(l)).map((label) => ({ kind: "remove-label", label }));

/** An issue that leaves the release (closed or untracked): its status comment's final edit, if due. */
const final = (issue: CleanupIssue, ctx: CleanupContext): Write[] => {
  const edit = finalEdit(issue.comments, ctx.botLogin, { current: ctx.current, ending: ctx.release, kep: issue.kep });
  return edit ? [edit] : [];
};

/** One issue of the first query: its step and writes, or why it is held. */
function firstQueryAction(issue: CleanupIssue, ctx: CleanupContext): CleanupAction | CleanupHeld {
  const { number, title, kep } = issue;
  if (kep && isStableImplemented(kep)) {
    const commented = issue.comments.some((c) => isOwnComment(c, ctx.botLogin) && c.body.startsWith(closedMarker(ctx.release)));
    const comment: Write[] = commented ? [] : [{ kind: "create-comment", body: closingComment(ctx.release, kep) }];
    return {
      step: "close",
      issue: number,
      title,
      writes: [...final(issue, ctx), ...comment, { kind: "close-issue", reason: "completed" }],
    };
  }
  if (kep?.latestMilestone?.trim() === ctx.next) {
    if (!ctx.nextMilestone)
      return { issue: number, title, reason: `opted in for ${ctx.next}, whose milestone does not exist yet: create it and run again` };
    return {
      step: "move",
      issue: number,
      title,
      writes: [{ kind: "set-milestone", milestone: ctx.nextMilestone }, ...removals(issue, ctx.tracked)],
    };
  }
  const milestone: Write[] = issue.milestone ? [{ kind: "set-milestone", milestone: null }] : [];
  // The final edit first: the label events that follow then find no status comment to evaluate again.
  return {
    step: "untrack",
    issue: number,
    title,
    writes: [...final(issue, ctx), ...removals(issue, [ctx.leadOptedIn, ...ctx.tracked]), ...milestone],
  };
}

/** The cleanup's writes, issue by issue in step order; an issue with nothing to change has no action. */
export function planCleanup(issues: CleanupIssue[], ctx: CleanupContext): CleanupPlan {
  const plan: CleanupPlan = { actions: [], held: [] };
  const seen = new Set<number>();
  for (const issue of issues) {
    if (seen.has(issue.number)) continue;
    seen.add(issue.number);
    const outcome = inFirstQuery(issue, ctx)
      ? firstQueryAction(issue, ctx)
      : { step: "clear-tracked" as const, issue: issue.number, title: issue.title, writes: removals(issue, ctx.tracked) };
    if ("reason" in outcome) plan.held.push(outcome);
    else if (outcome.writes.length) plan.actions.push(outcome);
  }
  plan.actions.sort((a, b) => CLEANUP_STEPS.indexOf(a.step) - CLEANUP_STEPS.indexOf(b.step) || a.issue - b.issue);
  return plan;
}

/** What the handbook's two queries would find among these issues: the first, and the second (any tracked/* label). */
export function handbookQueries(
  issues: Array<Pick<CleanupIssue, "number" | "labels" | "milestone">>,
  ctx: Pick<CleanupContext, "leadOptedIn" | "next" | "tracked">,
): { optedIn: number[]; tracked: number[] } {
  const unique = [...new Map(issues.map((i) => [i.number, i])).values()];
  return {
    optedIn: unique.filter((i) => inFirstQuery(i, ctx)).map((i) => i.number),
    tracked: unique.filter((i) => i.labels.some((l) => ctx.tracked.includes(l))).map((i) => i.number),
  };
}
