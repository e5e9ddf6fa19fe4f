import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { fixtureRepo } from "../helpers/fake.js";

// The shape of GitHub's own example ("Rate limits and node limits for the GraphQL API", 100 repositories × 50
// issues × 60 labels) on connections the fake models: 1 + 100 + 5,000 requests → 51 points, 305,100 nodes.
const DOCS_EXAMPLE = `query Docs {
  repository(owner: "kubernetes", name: "enhancements") {
    issues(first: 100) {
      nodes {
        timelineItems(first: 50, itemTypes: [CROSS_REFERENCED_EVENT]) {
          nodes { ... on CrossReferencedEvent { source { ... on PullRequest { labels(first: 60) { nodes { name } } } } } }
        }
      }
    }
  }
  rateLimit { limit cost remaining used nodeCount }
}`;

type RateLimit = { limit: number; cost: number; remaining: number; used: number; nodeCount: number };

describe("the fake GitHub charges GraphQL as GitHub documents it", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  let octokit: Octokit;
  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([])], viewer: "release-bot" });
    octokit = new Octokit({ baseUrl: fake.url, auth: "t" });
  });
  afterAll(() => fake.close());

  it("costs the connections' requests over 100 (GitHub's example: 51 points, 305,100 nodes) out of 5,000 an hour", async () => {
    fake.reset();
    const first = await octokit.graphql<{ rateLimit: RateLimit }>(DOCS_EXAMPLE);
    expect(first.rateLimit).toEqual({ limit: 5000, cost: 51, remaining: 4949, used: 51, nodeCount: 305_100 });
    const second = await octokit.graphql<{ rateLimit: RateLimit }>(DOCS_EXAMPLE);
    expect(second.rateLimit).toMatchObject({ cost: 51, remaining: 4898, used: 102 });
    expect(fake.stats()).toMatchObject({ points: 102, pointsByKind: { "graphql Docs": { points: 102, most: 51 } } });
  });

  it("charges at least a point, and reports the points left in the GraphQL rate-limit headers", async () => {
    fake.reset();
    const response = await octokit.request("POST /graphql", { query: "query Me { viewer { login } }" });
    expect(response.headers["x-ratelimit-limit"]).toBe("5000");
    expect(response.headers["x-ratelimit-used"]).toBe("1");
    expect(response.headers["x-ratelimit-remaining"]).toBe("4999");
    expect(response.headers["x-ratelimit-resource"]).toBe("graphql");
  });

  it("refuses a query that may return more than 500,000 nodes, before running it", async () => {
    fake.reset();
    const query = `query Big { viewer { repositories(first: 100) { nodes { issues(first: 100) { nodes { labels(first: 100) { nodes { name } } } } } } } }`;
    const response = await octokit.request("POST /graphql", { query });
    expect(response.data.data).toBeUndefined();
    expect(response.data.errors).toEqual([
      {
        type: "MAX_NODE_LIMIT_EXCEEDED",
        message:
          "By the time this query traverses to the labels connection, it is requesting up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.",
      },
    ]);
  });

  it("counts a connection left out by @include as nothing", async () => {
    fake.reset();
    const query = `query Some($with: Boolean!) {
      rateLimit { cost }
      repository(owner: "kubernetes", name: "enhancements") {
        issues(first: 100) @include(if: $with) { nodes { labels(first: 10) { nodes { name } } comments(last: 100) { nodes { body } } } }
      }
    }`;
    const without = await octokit.graphql<{ rateLimit: RateLimit }>(query, { with: false });
    const withIt = await octokit.graphql<{ rateLimit: RateLimit }>(query, { with: true });
    expect([without.rateLimit.cost, withIt.rateLimit.cost]).toEqual([1, 2]);
    expect(fake.stats().pointsByKind["graphql Some"]).toEqual({ points: 3, most: 2 });
  });
});
