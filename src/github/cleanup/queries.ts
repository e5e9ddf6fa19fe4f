import { z } from "zod";
import { CommentNode } from "../queries.js";

/**
 * The end-of-cycle cleanup's read: open issues carrying any of the given
 * labels, 100 a page (the handbook's two queries: lead-opted-in, and the
 * tracked/* labels), with the last comments (the App's closing comment of an
 * earlier run) and, on the first page, the default branch head.
 */
export const CLEANUP_PAGE = /* GraphQL */ `
  query CleanupPage($owner: String!, $repo: String!, $labels: [String!], $size: Int!, $after: String, $first: Boolean!) {
    viewer @include(if: $first) { login }
    repository(owner: $owner, name: $repo) {
      defaultBranchRef @include(if: $first) { name target { oid } }
      issues(states: OPEN, labels: $labels, first: $size, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          number title body
          labels(first: 100) { nodes { name } }
          milestone { title number }
          comments(last: 100) { nodes { fullDatabaseId body author { __typename login } } }
        }
      }
    }
  }
`;

const Comment = CommentNode;

export const CleanupIssueNode = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() })) }).nullable(),
  milestone: z.object({ title: z.string(), number: z.number().int() }).nullable(),
  comments: z.object({ nodes: z.array(Comment) }),
});

export const CleanupPageResponse = z.object({
  viewer: z.object({ login: z.string() }).optional(),
  repository: z.object({
    defaultBranchRef: z
      .object({ name: z.string(), target: z.object({ oid: z.string() }) })
      .nullable()
      .optional(),
    issues: z.object({
      totalCount: z.number().int(),
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      nodes: z.array(CleanupIssueNode),
    }),
  }),
});
