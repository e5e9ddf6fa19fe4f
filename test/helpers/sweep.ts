import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type nock from "nock";
import { commentNode, HEAD, type IssueState, issueNode, OWNER, REPO } from "./app.js";

/** A fresh cache directory for one CLI run (or two that share it). */
export const tempCacheDir = () => mkdtempSync(join(tmpdir(), "kep-tracker-cache-"));

/** The environment of a CLI run with a token; GitHub is nock's. */
export const TOKEN_ENV = { GITHUB_TOKEN: "test-token", KEP_TRACKER_THROTTLE: "off" };

export const VIEWER = "release-bot";

type PageIssue = IssueState & { earlierCursor?: string };

const sweepIssueNode = (s: PageIssue) => ({
  ...issueNode(s),
  comments: {
    totalCount: (s.comments?.length ?? 0) + (s.earlierCursor ? 100 : 0),
    pageInfo: { hasPreviousPage: !!s.earlierCursor, startCursor: s.earlierCursor ?? null },
    nodes: (s.comments ?? []).map(commentNode),
  },
});

/** The issues of the last page answered: what a sweep reading one of them again before writing it finds. */
let lastPage: PageIssue[] = [];

/**
 * Answers one SweepPage query: these issues (one page), the open PRs, and the viewer when asked; and the
 * SweepIssue query a sweep asks before writing an issue, with the issue as that page (the last one mocked) has it.
 */
export function mockSweepPage(scope: nock.Scope, issues: PageIssue[], opts: { openPrs?: IssueState["openPrs"]; viewer?: string } = {}) {
  lastPage = issues;
  scope
    .post("/graphql", (b: { query: string }) => b.query.includes("query SweepIssue"))
    .times(issues.length)
    .optionally()
    .reply(200, (_uri: string, body: { variables: { number: number } }) => {
      const issue = lastPage.find((s) => s.number === body.variables.number);
      return { data: { repository: { issue: issue ? sweepIssueNode(issue) : null } } };
    });
  return scope
    .post("/graphql", (b: { query: string }) => b.query.includes("query SweepPage"))
    .reply(200, (_uri: string, body: { variables: { withViewer: boolean; withPrs: boolean; withIssues: boolean } }) => ({
      data: {
        ...(body.variables.withViewer ? { viewer: { login: opts.viewer ?? VIEWER } } : {}),
        repository: {
          defaultBranchRef: { name: "master", target: { oid: HEAD } },
          ...(body.variables.withIssues
            ? {
                issues: {
                  totalCount: issues.length,
                  pageInfo: { hasNextPage: false, endCursor: "end" },
                  nodes: issues.map(sweepIssueNode),
                },
              }
            : {}),
          ...(body.variables.withPrs
            ? {
                pullRequests: {
                  pageInfo: { hasNextPage: false, endCursor: null },
                  nodes: (opts.openPrs ?? []).map((p) => ({
                    number: p.number,
                    url: `https://github.com/${OWNER}/${REPO}/pull/${p.number}`,
                    headRefOid: p.headSha,
                    files: { nodes: p.files.map((path) => ({ path })) },
                  })),
                },
              }
            : {}),
        },
      },
    }));
}

/** Answers one WebsitePrs query (the sweep's kubernetes/website docs listing, from enhancements freeze on): these PRs, one page. */
export function mockWebsitePrs(scope: nock.Scope, nodes: unknown[] = []) {
  return scope
    .post("/graphql", (b: { query: string }) => b.query.includes("query WebsitePrs"))
    .reply(200, {
      data: { repository: { pullRequests: { totalCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes } } },
    });
}
