import { z } from "zod";
import type { IssueComment } from "../../reading/own-comments.js";
import type { TrackerGitHub } from "../client.js";
import { toComment } from "../client.js";
import { cursorBefore, EarlierCommentsPage } from "../sweep-queries.js";

/**
 * Closed issues that still carry the App's status comment of a release: an
 * issue search for the comment's greeting ("v1.37 Enhancements team here")
 * in comments, with documented qualifiers only (GitHub documents `app/<slug>`
 * for `author:`, not for `commenter:`): the caller keeps the issues whose
 * status comment is the App's own. The final edit removes that greeting,
 * so an issue is found only until its comment got its final edit: one page
 * per 100 such issues, once (and, for an issue whose status comment is
 * further back than its last 100 comments, the pages back to it).
 */
const CLOSED_WITH_STATUS = /* GraphQL */ `
  query ClosedWithStatus($q: String!, $after: String) {
    search(type: ISSUE, query: $q, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        ... on Issue {
          number
          comments(last: 100) { pageInfo { hasPreviousPage startCursor } nodes { fullDatabaseId body author { __typename login } } }
        }
      }
    }
  }
`;

const Response = z.object({
  search: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    // Other kinds of result (a pull request) come as an empty object.
    nodes: z.array(z.object({ number: z.number().int().optional(), comments: EarlierCommentsPage.optional() })),
  }),
});

export type ClosedIssue = {
  number: number;
  /** The last 100 comments, oldest first: the status comment the search matched may be further back. */
  comments: IssueComment[];
  /** Where to go on reading backwards (RepoReader.earlierComments), when there are comments before those. */
  earlierCursor: string | null;
};

/** A person's token may narrow the search to the issues it commented on; an App's cannot (no documented qualifier). */
const commenter = (login: string) => (login.endsWith("[bot]") ? "" : ` commenter:${login}`);

export function closedWithStatusQuery(repo: { owner: string; repo: string }, login: string, release: string): string {
  return `repo:${repo.owner}/${repo.repo} is:issue is:closed in:comments${commenter(login)} "${release} Enhancements team here"`;
}

/** The closed issues the search finds (at most `maxPages` pages of 100). */
export async function closedWithStatus(gh: TrackerGitHub, login: string, release: string, maxPages = 10): Promise<ClosedIssue[]> {
  const q = closedWithStatusQuery(gh.repo, login, release);
  const out: ClosedIssue[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const { search } = Response.parse(await gh.octokit.graphql(CLOSED_WITH_STATUS, { q, after }));
    for (const n of search.nodes) {
      if (n.number === undefined || !n.comments) continue;
      out.push({ number: n.number, comments: n.comments.nodes.map(toComment), earlierCursor: cursorBefore(n.comments.pageInfo) });
    }
    if (!search.pageInfo.hasNextPage || !search.pageInfo.endCursor) break;
    after = search.pageInfo.endCursor;
  }
  return out;
}
