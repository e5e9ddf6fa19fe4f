import { z } from "zod";

/** A pull request; `url` is the canonical `https://github.com/<owner>/<repo>/pull/<number>`. */
export const PrRefSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  number: z.number().int().positive(),
  url: z.string(),
});
export type PrRef = z.infer<typeof PrRefSchema>;

/**
 * "owner/repo#N", lower-cased: GitHub's owner and repository names are
 * case-insensitive, so "Kubernetes/Kubernetes#1" and "kubernetes/kubernetes#1"
 * are one PR, read once and looked up under one key.
 */
export const prKey = (pr: { owner: string; repo: string; number: number }): string => `${pr.owner}/${pr.repo}#${pr.number}`.toLowerCase();

/** What the checklist reads of a linked pull request. */
export type PullRequestState = {
  state: "open" | "closed" | "merged";
  labels: string[] /** When asked for (PRs that mention an issue): the first 100 files it changes. */;
  files?: string[];
  /** Read for kubernetes/website PRs, which the Docs team judges by them (verdict/docs.ts). */
  draft?: boolean;
  base?: string;
  author?: string | null;
};

/** An open pull request of the tracked repository and the files it changes. */
export type OpenPullRequest = { number: number; url: string; headSha: string; files: string[] };
