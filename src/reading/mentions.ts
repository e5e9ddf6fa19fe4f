import { z } from "zod";
import type { IssueBody } from "./issue-body.js";
import { prKey } from "./pull-requests.js";

/**
 * The pull requests that mention a tracking issue, as its timeline's cross-references give them,
 * and the ones its description lists: the two sides of "mentioned but not listed".
 */

/** A pull request that mentions the issue, as its timeline gives it. */
export const MentioningPrSchema = z.object({
  owner: z.string(),
  repo: z.string(),
  number: z.number().int(),
  state: z.enum(["open", "closed", "merged"]),
  labels: z.array(z.string()),
});
export type MentioningPr = z.infer<typeof MentioningPrSchema>;

/** The labels the comment shows of an open PR (Prow's merge-ready pair). */
export const READY_LABELS = ["lgtm", "approved"];

export const listedKeys = (body: IssueBody): Set<string> =>
  new Set([...body.allPrs, ...body.stages.flatMap((s) => [...s.prs.kep, ...s.prs.code, ...s.prs.docs, ...s.prs.other])].map(prKey));

export const sameRepo = (pr: { owner: string; repo: string }, repo: { owner: string; repo: string }) =>
  `${pr.owner}/${pr.repo}`.toLowerCase() === `${repo.owner}/${repo.repo}`.toLowerCase();

/** What kind of PR a mention is, by repository: the body's three lists. */
export const KINDS = ["kep", "code", "docs"] as const;
export type UnlistedKind = (typeof KINDS)[number];

/** At most this many are listed: a KEP mentioned by many PRs still gets a short comment. */
export const MAX_UNLISTED = 20;

/** The kind of a mention by its repository; null for a repository the release team does not track. */
export function kindOf(pr: MentioningPr, tracked: { owner: string; repo: string } | undefined): UnlistedKind | null {
  if (sameRepo(pr, { owner: "kubernetes", repo: "kubernetes" })) return "code";
  if (sameRepo(pr, { owner: "kubernetes", repo: "website" })) return "docs";
  return tracked && sameRepo(pr, tracked) ? "kep" : null;
}
