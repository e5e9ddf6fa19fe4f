import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { fixtureRepo } from "../helpers/fake.js";

const issue = (number: number, state: "open" | "closed", author: string, body: string): FakeIssue => ({
  number,
  title: `KEP ${number}`,
  body: null,
  state,
  labels: [],
  milestone: null,
  assignees: [],
  comments: [{ id: 2 ** 31 + number, author, body }],
});

const SEARCH = `query Search($q: String!) { search(type: ISSUE, query: $q, first: 100) { issueCount nodes { ... on Issue { number } } } }`;

describe("the fake GitHub's issue search", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub({
      repos: [
        fixtureRepo([
          issue(1, "closed", "kep-tracker[bot]", "Hello 👋, v1.37 Enhancements team here."),
          issue(2, "open", "kep-tracker[bot]", "Hello 👋, v1.37 Enhancements team here."),
          issue(3, "closed", "mallory", "v1.37 Enhancements team here"),
        ]),
      ],
      viewer: "release-bot",
    });
  });
  afterAll(() => fake.close());

  it("finds issues by repo, state, commenter, in:comments and quoted phrase, checked against GitHub's schema", async () => {
    const gql = new Octokit({ baseUrl: fake.url, auth: "t" }).graphql;
    const found = await gql<{ search: { issueCount: number; nodes: Array<{ number: number }> } }>(SEARCH, {
      q: 'repo:kubernetes/enhancements is:issue is:closed in:comments "v1.37 Enhancements team here"',
    });
    expect(found.search).toEqual({ issueCount: 2, nodes: [{ number: 1 }, { number: 3 }] });
    const byMallory = await gql<{ search: { issueCount: number } }>(SEARCH, { q: "repo:kubernetes/enhancements commenter:mallory" });
    expect(byMallory.search.issueCount).toBe(1);
    expect(fake.stats().unexpected).toEqual([]);
  });

  it("refuses commenter:app/<slug>, which GitHub does not document (only author:app/<slug>)", async () => {
    const gql = new Octokit({ baseUrl: fake.url, auth: "t" }).graphql;
    await expect(gql(SEARCH, { q: "repo:kubernetes/enhancements commenter:app/kep-tracker" })).rejects.toThrow(/not a documented/);
  });

  it("answers code search 10 times a minute, then 403 with code search's rate-limit headers, as GitHub does", async () => {
    const octokit = new Octokit({ baseUrl: fake.url, auth: "code-search-token" });
    const search = () => octokit.request("GET /search/code", { q: '"kep-number: 1" repo:kubernetes/enhancements' });
    for (let i = 0; i < 10; i++) await search();
    const refused = await search().catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
    const headers = (refused as { response: { headers: Record<string, string> } }).response.headers;
    expect(headers).toMatchObject({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-resource": "code_search" });
  });
});
