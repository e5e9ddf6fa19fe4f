import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { fromRestComment, TrackerGitHub } from "../../src/github/client.js";
import { isOwnComment } from "../../src/reading/own-comments.js";
import { api, HEAD, issueNode, OWNER, REPO, requests, useNock } from "../helpers/app.js";

useNock();

const gh = () =>
  new TrackerGitHub(new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } }), {
    owner: OWNER,
    repo: REPO,
  });
const comments = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    fullDatabaseId: String(from + i),
    body: `c${from + i}`,
    author: { __typename: "User", login: "alice" },
  }));
const prs = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ number: from + i, url: `u${from + i}`, headRefOid: "h", files: { nodes: [] } }));
const isQuery = (name: string, cursor?: string) => (b: { query: string; variables?: { cursor?: string } }) =>
  b.query.includes(`query ${name}`) && b.variables?.cursor === cursor;

describe("one issue's context", () => {
  it("reads every comment and open PR past the first 100, a page of each more per query", async () => {
    const scope = api();
    scope.post("/graphql", isQuery("IssueContext")).reply(200, {
      data: {
        repository: {
          defaultBranchRef: { name: "master", target: { oid: HEAD } },
          issue: {
            ...issueNode({ number: 7, labels: [] }),
            comments: { pageInfo: { hasNextPage: true, endCursor: "c1" }, nodes: comments(1, 100) },
          },
          pullRequests: { pageInfo: { hasNextPage: true, endCursor: "p1" }, nodes: prs(1, 100) },
        },
      },
    });
    scope.post("/graphql", isQuery("MoreComments", "c1")).reply(200, {
      data: { repository: { issue: { comments: { pageInfo: { hasNextPage: true, endCursor: "c2" }, nodes: comments(101, 100) } } } },
    });
    scope.post("/graphql", isQuery("MoreComments", "c2")).reply(200, {
      data: { repository: { issue: { comments: { pageInfo: { hasNextPage: false, endCursor: "c3" }, nodes: comments(201, 5) } } } },
    });
    scope
      .post("/graphql", isQuery("MorePullRequests", "p1"))
      .reply(200, { data: { repository: { pullRequests: { pageInfo: { hasNextPage: false, endCursor: "p2" }, nodes: prs(101, 3) } } } });

    const ctx = await gh().issueContext(7);
    expect(ctx.comments.map((c) => c.id)).toEqual(Array.from({ length: 205 }, (_, i) => i + 1));
    expect(ctx.openPullRequests.map((p) => p.number)).toEqual(Array.from({ length: 103 }, (_, i) => i + 1));
    expect(requests).toEqual(["graphql IssueContext", "graphql MoreComments", "graphql MoreComments", "graphql MorePullRequests"]);
  });
});

describe("comments read through REST", () => {
  it("are the App's only when their user is a Bot with the App's login", () => {
    const rest = (login: string, type: string) => fromRestComment({ id: 2 ** 31 + 5, body: "x", user: { login, type } });
    expect(isOwnComment(rest("kep-tracker[bot]", "Bot"), "kep-tracker[bot]")).toBe(true);
    expect(isOwnComment(rest("kep-tracker", "User"), "kep-tracker[bot]")).toBe(false);
    expect(rest("kep-tracker[bot]", "Bot").id).toBe(2 ** 31 + 5);
  });
});
