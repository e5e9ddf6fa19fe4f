import type { z } from "zod";
import type { IssueComment } from "../../reading/own-comments.js";
import type { TrackerGitHub } from "../client.js";
import { toComment } from "../client.js";
import { statusOf } from "../responses.js";
import { CLEANUP_PAGE, type CleanupIssueNode, CleanupPageResponse } from "./queries.js";

/** An open issue as the cleanup reads it. */
export type LabelledIssue = {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  milestone: { title: string; number: number } | null;
  comments: IssueComment[];
};

export type LabelledIssues = { issues: LabelledIssue[]; headSha: string | null; viewer: string | null; pages: number };

/** GraphQL answers a timeout with 502; a smaller page then usually goes through. */
const MIN_PAGE = 10;

async function page(
  gh: TrackerGitHub,
  vars: { labels: string[]; after: string | null; first: boolean },
  size: number,
): Promise<z.infer<typeof CleanupPageResponse>> {
  try {
    return CleanupPageResponse.parse(await gh.octokit.graphql(CLEANUP_PAGE, { ...gh.repo, ...vars, size }));
  } catch (e) {
    const status = statusOf(e);
    if ((status === 502 || status === 504) && size > MIN_PAGE) return page(gh, vars, Math.max(MIN_PAGE, Math.floor(size / 2)));
    throw e;
  }
}

const toIssue = (n: z.infer<typeof CleanupIssueNode>): LabelledIssue => ({
  number: n.number,
  title: n.title,
  body: n.body,
  labels: n.labels?.nodes.map((l) => l.name) ?? [],
  milestone: n.milestone,
  comments: n.comments.nodes.map(toComment),
});

/** Every open issue with any of `labels`: one query per 100 issues; `first` also asks for the head commit and the viewer. */
export async function openIssuesLabelled(gh: TrackerGitHub, labels: string[], first: boolean): Promise<LabelledIssues> {
  const out: LabelledIssues = { issues: [], headSha: null, viewer: null, pages: 0 };
  let after: string | null = null;
  for (;;) {
    const data = await page(gh, { labels, after, first: first && out.pages === 0 }, 100);
    if (out.pages === 0) {
      out.headSha = data.repository.defaultBranchRef?.target.oid ?? null;
      out.viewer = data.viewer?.login ?? null;
    }
    out.pages++;
    const { issues } = data.repository;
    out.issues.push(...issues.nodes.map(toIssue));
    if (!issues.pageInfo.hasNextPage || !issues.pageInfo.endCursor) return out;
    after = issues.pageInfo.endCursor;
  }
}
