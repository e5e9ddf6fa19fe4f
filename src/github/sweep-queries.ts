import { z } from "zod";
import { CROSS_REFERENCES, CrossReferences } from "./pull-requests/cross-references.js";
import { CommentAuthor, ISSUE_FIELDS, OPEN_PR_NODES, PrFiles } from "./queries.js";

/** What the sweep reads of an issue: what its evaluation needs, the last 100 comments among it. */
const SWEEP_ISSUE_FIELDS = `
          id
          ${ISSUE_FIELDS}
          comments(last: 100) {
            totalCount pageInfo { hasPreviousPage startCursor } nodes { fullDatabaseId body author { __typename login } }
          }
          ${CROSS_REFERENCES}`;

/**
 * The sweep's reads: open issues a page at a time, each with what its
 * evaluation needs (labels, milestone, assignees, body, the last 100
 * comments), and the open pull requests with their files folded into the
 * same queries until they are all read.
 */
export const SWEEP_PAGE = /* GraphQL */ `
  query SweepPage(
    $owner: String!, $repo: String!, $size: Int!, $prSize: Int!, $issuesAfter: String, $prsAfter: String,
    $withIssues: Boolean!, $withPrs: Boolean!, $withViewer: Boolean!
  ) {
    viewer @include(if: $withViewer) { login }
    repository(owner: $owner, name: $repo) {
      defaultBranchRef { name target { oid } }
      issues(states: OPEN, first: $size, after: $issuesAfter, orderBy: { field: CREATED_AT, direction: ASC }) @include(if: $withIssues) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { ${SWEEP_ISSUE_FIELDS} }
      }
      pullRequests(states: OPEN, first: $prSize, after: $prsAfter, orderBy: { field: CREATED_AT, direction: ASC }) @include(if: $withPrs) {
        pageInfo { hasNextPage endCursor }
        ${OPEN_PR_NODES}
      }
    }
  }
`;

/** One issue as a page gives it, read again right before the sweep writes it (sweep/locked-write.ts). */
export const SWEEP_ISSUE = /* GraphQL */ `
  query SweepIssue($owner: String!, $repo: String!, $number: Int!) {
    repository(owner: $owner, name: $repo) {
      issue(number: $number) { ${SWEEP_ISSUE_FIELDS} }
    }
  }
`;

/** Comments before the last 100, for an issue whose status comment is further back. */
export const EARLIER_COMMENTS = /* GraphQL */ `
  query EarlierComments($owner: String!, $repo: String!, $number: Int!, $before: String!) {
    repository(owner: $owner, name: $repo) {
      issue(number: $number) {
        comments(last: 100, before: $before) {
          pageInfo { hasPreviousPage startCursor } nodes { fullDatabaseId body author { __typename login } }
        }
      }
    }
  }
`;

const Names = z.object({ nodes: z.array(z.object({ name: z.string() })) });
// fullDatabaseId: comment ids are past 2^31, beyond GraphQL's Int.
const Comment = z.object({ fullDatabaseId: z.coerce.number().int(), body: z.string(), author: CommentAuthor });
const BackwardPage = z.object({ hasPreviousPage: z.boolean(), startCursor: z.string().nullable() });
/** Comments read backwards: a page of them and where the ones before it start. */
export const EarlierCommentsPage = z.object({ pageInfo: BackwardPage, nodes: z.array(Comment) });
/** Where to go on reading a comment page backwards, or null when it starts with the first comment. */
export const cursorBefore = (p: z.infer<typeof BackwardPage>): string | null => (p.hasPreviousPage ? p.startCursor : null);
export const EarlierCommentsResponse = z.object({ repository: z.object({ issue: z.object({ comments: EarlierCommentsPage }) }) });

export const SweepIssueNode = z.object({
  /** The issue's node id, for adding it to the release board. */
  id: z.string().optional(),
  number: z.number().int(),
  title: z.string(),
  state: z.enum(["OPEN", "CLOSED"]),
  body: z.string().nullable(),
  labels: Names.nullable(),
  milestone: z.object({ title: z.string(), number: z.number().int() }).nullable(),
  assignees: z.object({ nodes: z.array(z.object({ login: z.string() })) }),
  comments: z.object({ totalCount: z.number().int(), pageInfo: BackwardPage, nodes: z.array(Comment) }),
  timelineItems: CrossReferences.nullable().optional(),
});

export const SweepIssueResponse = z.object({ repository: z.object({ issue: SweepIssueNode.nullable() }) });

const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

export const SweepPageResponse = z.object({
  viewer: z.object({ login: z.string() }).optional(),
  repository: z.object({
    defaultBranchRef: z.object({ name: z.string(), target: z.object({ oid: z.string() }) }).nullable(),
    issues: z.object({ totalCount: z.number().int(), pageInfo: PageInfo, nodes: z.array(SweepIssueNode) }).optional(),
    pullRequests: z
      .object({
        pageInfo: PageInfo,
        nodes: z.array(z.object({ number: z.number().int(), url: z.string(), headRefOid: z.string(), files: PrFiles })),
      })
      .optional(),
  }),
});
