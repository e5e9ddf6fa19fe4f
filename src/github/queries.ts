import { z } from "zod";
import type { PullRequestState } from "../reading/pull-requests.js";
import { isRecord } from "../util/narrow.js";
import { CROSS_REFERENCES, CrossReferences } from "./pull-requests/cross-references.js";

/**
 * The GraphQL reads kep-tracker makes. One query gathers everything about a
 * tracking issue that does not depend on where its KEP lives; a second one
 * reads the KEP's files and the linked pull requests in one go.
 */

/** What the evaluation reads of an issue, in every query that reads issues. */
export const ISSUE_FIELDS = `number title state body
        labels(first: 100) { nodes { name } }
        milestone { title number }
        assignees(first: 50) { nodes { login } }`;

/** An open pull request and the files it changes. */
// totalCount: a PR of more than 100 files has the rest read by REST (pr-files.ts).
export const OPEN_PR_NODES = "nodes { number url headRefOid files(first: 100) { totalCount nodes { path } } }";

export const ISSUE_CONTEXT = /* GraphQL */ `
  query IssueContext($owner: String!, $repo: String!, $number: Int!) {
    repository(owner: $owner, name: $repo) {
      defaultBranchRef { name target { oid } }
      issue(number: $number) {
        ${ISSUE_FIELDS}
        comments(first: 100) { pageInfo { hasNextPage endCursor } nodes { fullDatabaseId body author { __typename login } } }
        ${CROSS_REFERENCES}
      }
      pullRequests(states: OPEN, first: 100, orderBy: { field: UPDATED_AT, direction: DESC }) {
        pageInfo { hasNextPage endCursor }
        ${OPEN_PR_NODES}
      }
    }
  }
`;

export const MORE_COMMENTS = /* GraphQL */ `
  query MoreComments($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
    repository(owner: $owner, name: $repo) {
      issue(number: $number) {
        comments(first: 100, after: $cursor) {
          pageInfo { hasNextPage endCursor } nodes { fullDatabaseId body author { __typename login } }
        }
      }
    }
  }
`;

export const MORE_PULL_REQUESTS = /* GraphQL */ `
  query MorePullRequests($owner: String!, $repo: String!, $cursor: String) {
    repository(owner: $owner, name: $repo) {
      pullRequests(states: OPEN, first: 100, after: $cursor, orderBy: { field: UPDATED_AT, direction: DESC }) {
        pageInfo { hasNextPage endCursor }
        ${OPEN_PR_NODES}
      }
    }
  }
`;

const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
// Comment ids are past 2^31, beyond GraphQL's Int: GitHub gives them whole only as the BigInt fullDatabaseId (a decimal string).
// __typename: only a Bot with the App's login is the App; a user may take the App's slug as a login.
export const CommentAuthor = z.object({ __typename: z.string(), login: z.string() }).nullable();
export const CommentNode = z.object({ fullDatabaseId: z.coerce.number().int(), body: z.string(), author: CommentAuthor });
export const CommentPage = z.object({ pageInfo: PageInfo, nodes: z.array(CommentNode) });
/** An open PR's files: the first 100, and how many there are. */
export const PrFiles = z.object({ totalCount: z.number().int().optional(), nodes: z.array(z.object({ path: z.string() })) }).nullable();
const PullRequestNode = z.object({
  number: z.number().int(),
  url: z.string(),
  headRefOid: z.string(),
  files: PrFiles,
});
export const PullRequestPage = z.object({ pageInfo: PageInfo, nodes: z.array(PullRequestNode) });
export const MoreCommentsResponse = z.object({ repository: z.object({ issue: z.object({ comments: CommentPage }) }) });
export const MorePullRequestsResponse = z.object({ repository: z.object({ pullRequests: PullRequestPage }) });

export const IssueContextResponse = z.object({
  repository: z.object({
    defaultBranchRef: z.object({ name: z.string(), target: z.object({ oid: z.string() }) }).nullable(),
    issue: z
      .object({
        number: z.number().int(),
        title: z.string(),
        state: z.enum(["OPEN", "CLOSED"]),
        body: z.string().nullable(),
        labels: z.object({ nodes: z.array(z.object({ name: z.string() })) }).nullable(),
        milestone: z.object({ title: z.string(), number: z.number().int() }).nullable(),
        assignees: z.object({ nodes: z.array(z.object({ login: z.string() })) }),
        comments: CommentPage,
        timelineItems: CrossReferences.nullable().optional(),
      })
      .nullable(),
    pullRequests: PullRequestPage,
  }),
});

/** kubernetes/website PRs are read with what the Docs team judges them by: draft, base branch, author. */
const isWebsite = (p: { owner: string; repo: string }) => `${p.owner}/${p.repo}`.toLowerCase() === "kubernetes/website";

/** A GraphQL string literal. */
const literal = (s: string) => JSON.stringify(s);

export type BlobRequest = { key: string; expression: string };
export type PrRequest = { key: string; owner: string; repo: string; number: number; withFiles?: boolean };

/**
 * One query for many blobs ("<oid>:<path>") and pull requests of any
 * repository, by alias. Keys are the caller's; aliases are generated.
 */
export function filesAndPullRequestsQuery(owner: string, repo: string, blobs: BlobRequest[], prs: PrRequest[]): string {
  const blobFields = blobs
    .map((b, i) => `b${i}: object(expression: ${literal(b.expression)}) { ... on Blob { text isBinary isTruncated } }`)
    .join("\n      ");
  const prFields = prs
    .map(
      (p, i) =>
        `p${i}: repository(owner: ${literal(p.owner)}, name: ${literal(p.repo)}) { pullRequest(number: ${p.number}) { ` +
        `state merged labels(first: 50) { nodes { name } }${p.withFiles ? " files(first: 100) { totalCount nodes { path } }" : ""}` +
        `${isWebsite(p) ? " isDraft baseRefName author { login }" : ""} } }`,
    )
    .join("\n    ");
  const repoPart = blobs.length ? `repository(owner: ${literal(owner)}, name: ${literal(repo)}) {\n      ${blobFields}\n    }` : "";
  return `query FilesAndPullRequests {\n    ${repoPart}\n    ${prFields}\n  }`;
}

const BlobNode = z
  .object({ text: z.string().nullable(), isBinary: z.boolean().nullable(), isTruncated: z.boolean().nullable() })
  .partial()
  .nullable();
const PrStateNode = z
  .object({
    pullRequest: z
      .object({
        state: z.enum(["OPEN", "CLOSED", "MERGED"]),
        merged: z.boolean(),
        labels: z.object({ nodes: z.array(z.object({ name: z.string() })) }).nullable(),
        isDraft: z.boolean().optional(),
        baseRefName: z.string().optional(),
        author: z.object({ login: z.string() }).nullable().optional(),
        files: z
          .object({ totalCount: z.number().int().optional(), nodes: z.array(z.object({ path: z.string() })) })
          .nullable()
          .optional(),
      })
      .nullable(),
  })
  .nullable();

export function readFilesAndPullRequests(
  data: unknown,
  blobs: BlobRequest[],
  prs: PrRequest[],
): {
  files: Record<string, string | undefined>;
  pullRequests: Record<string, PullRequestState>;
  truncated: string[];
  /** PRs with more files than the first 100 read: the rest are read by REST (pr-files.ts). */
  moreFiles: PrRequest[];
} {
  // The aliases are generated per query, so the answer is read by alias; each node is then checked by zod.
  const root = isRecord(data) ? data : {};
  const repoData = isRecord(root.repository) ? root.repository : {};
  const files: Record<string, string | undefined> = {};
  const truncated: string[] = [];
  blobs.forEach((b, i) => {
    const node = BlobNode.safeParse(repoData[`b${i}`]);
    const blob = node.success ? node.data : null;
    // GraphQL cuts the text of a very large blob short: better unread than half read.
    if (blob?.isTruncated) truncated.push(b.key);
    files[b.key] = blob && !blob.isBinary && !blob.isTruncated && typeof blob.text === "string" ? blob.text : undefined;
  });
  const pullRequests: Record<string, PullRequestState> = {};
  const moreFiles: PrRequest[] = [];
  prs.forEach((p, i) => {
    const node = PrStateNode.safeParse(root[`p${i}`]);
    const pr = node.success ? node.data?.pullRequest : null;
    if (pr) {
      const state = pr.merged ? "merged" : pr.state === "OPEN" ? "open" : "closed";
      pullRequests[p.key] = {
        state,
        labels: pr.labels?.nodes.map((l) => l.name) ?? [],
        ...(pr.files ? { files: pr.files.nodes.map((f) => f.path) } : {}),
        ...(pr.isDraft !== undefined ? { draft: pr.isDraft } : {}),
        ...(pr.baseRefName !== undefined ? { base: pr.baseRefName } : {}),
        ...(pr.author !== undefined ? { author: pr.author?.login ?? null } : {}),
      };
      if (pr.files && (pr.files.totalCount ?? 0) > pr.files.nodes.length) moreFiles.push(p);
    }
  });
  return { files, pullRequests, truncated, moreFiles };
}
