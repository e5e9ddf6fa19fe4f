import { Octokit } from "@octokit/rest";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { TrackerGitHub } from "../../src/github/client.js";
import { inHalves, MAX_FAILED_TRIES, worthHalving } from "../../src/github/partial-answers.js";
import { completeFiles, pullRequestFiles } from "../../src/github/pull-requests/pr-files.js";
import { RepoReader } from "../../src/github/repo-reader.js";
import { listKepTree } from "../../src/github/tree-listing.js";
import { api, HEAD, OWNER, REPO, requests, useNock } from "../helpers/app.js";

/**
 * The retry-in-halves machinery and the reads that work around GitHub's
 * limits (truncated tree listings, PR files past 100, the sweep's pages),
 * with GitHub mocked by nock so that every request is seen and counted.
 */

const octokit = () =>
  new Octokit({ auth: "t", request: { retries: 0 }, log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
const repo = { owner: OWNER, repo: REPO };
const http = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });
const limits = () =>
  Object.assign(new Error("limits"), {
    name: "GraphqlResponseError",
    data: null,
    errors: [{ type: "RESOURCE_LIMITS_EXCEEDED", message: "Resource limits exceeded" }],
  });

describe("reading in halves", () => {
  it("halves on 502, 504 and RESOURCE_LIMITS_EXCEEDED, never on a not-found or a refusal", () => {
    expect([502, 503, 504].map((s) => worthHalving(http(s)))).toEqual([true, true, true]);
    expect(worthHalving(limits())).toBe(true);
    expect([401, 403, 404, 422].map((s) => worthHalving(http(s)))).toEqual([false, false, false, false]);
    expect(worthHalving(Object.assign(new Error("x"), { errors: [{ type: "NOT_FOUND", message: "no" }], data: {} }))).toBe(false);
  });

  it("isolates the one item GitHub cannot give among 300, in about log2(300) failed requests, and reads every other", async () => {
    const items = Array.from({ length: 300 }, (_, i) => i);
    let calls = 0;
    const { results, unanswered } = await inHalves(items, async (part) => {
      calls++;
      if (part.includes(137)) throw http(502);
      return part;
    });
    expect(unanswered.map((u) => u.items)).toEqual([[137]]);
    expect(results.flat().sort((a, b) => a - b)).toEqual(items.filter((i) => i !== 137));
    expect(calls).toBeLessThanOrEqual(2 * 10);
  });

  it("gives up after a bounded number of requests when GitHub refuses everything", async () => {
    let calls = 0;
    const { results, unanswered } = await inHalves(
      Array.from({ length: 300 }, (_, i) => i),
      async () => {
        calls++;
        throw limits();
      },
    );
    expect(results).toEqual([]);
    expect(unanswered.flatMap((u) => u.items)).toHaveLength(300);
    expect(calls).toBeLessThanOrEqual(2 * MAX_FAILED_TRIES + 1);
  });

  it("does not ask again for a part GitHub refused for good (403)", async () => {
    let calls = 0;
    const { unanswered } = await inHalves([1, 2, 3, 4], async () => {
      calls++;
      throw http(403);
    });
    expect(calls).toBe(1);
    expect(unanswered).toEqual([{ items: [1, 2, 3, 4], reason: "GitHub answered 403" }]);
  });
});

describe("GitHub's limits on listings", () => {
  useNock();

  it("lists keps/ directory by directory when the recursive listing is truncated, and finds the KEPs past the cut", async () => {
    const scope = api();
    const blob = (path: string) => ({ path, type: "blob", sha: `s-${path}`, size: 10 });
    // The whole listing, cut short before keps/sig-node.
    scope
      .get(`/repos/${OWNER}/${REPO}/git/trees/${HEAD}`)
      .query({ recursive: "1" })
      .reply(200, { truncated: true, tree: [blob("OWNERS_ALIASES"), blob("keps/sig-apps/1-a/kep.yaml")] });
    scope.get(`/repos/${OWNER}/${REPO}/git/trees/${HEAD}`).reply(200, {
      truncated: false,
      tree: [blob("OWNERS_ALIASES"), { path: "keps", type: "tree", sha: "keps-sha" }, { path: "vendor", type: "tree", sha: "v" }],
    });
    scope.get(`/repos/${OWNER}/${REPO}/git/trees/keps-sha`).query({ recursive: "1" }).reply(200, { truncated: true, tree: [] });
    scope.get(`/repos/${OWNER}/${REPO}/git/trees/keps-sha`).reply(200, {
      truncated: false,
      tree: [{ path: "sig-apps", type: "tree", sha: "apps" }, { path: "sig-node", type: "tree", sha: "node" }, blob("README.md")],
    });
    scope
      .get(`/repos/${OWNER}/${REPO}/git/trees/apps`)
      .query({ recursive: "1" })
      .reply(200, { truncated: false, tree: [{ path: "1-a", type: "tree", sha: "x" }, blob("1-a/kep.yaml")] });
    scope
      .get(`/repos/${OWNER}/${REPO}/git/trees/node`)
      .query({ recursive: "1" })
      .reply(200, { truncated: false, tree: [blob("2-b/kep.yaml"), blob("2-b/README.md")] });
    const files = await listKepTree(octokit(), repo, HEAD);
    expect(files.map((f) => f.path).sort()).toEqual([
      "OWNERS_ALIASES",
      "keps/README.md",
      "keps/sig-apps/1-a/kep.yaml",
      "keps/sig-node/2-b/README.md",
      "keps/sig-node/2-b/kep.yaml",
    ]);
    expect(files.find((f) => f.path === "keps/sig-node/2-b/kep.yaml")).toEqual({
      path: "keps/sig-node/2-b/kep.yaml",
      sha: "s-2-b/kep.yaml",
      size: 10,
    });
    expect(requests).toHaveLength(6);
  });

  it("reads a pull request's files past the first 100, page by page", async () => {
    const scope = api();
    const page = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ filename: `docs/f${from + i}.md` }));
    scope.get(`/repos/${OWNER}/${REPO}/pulls/7/files`).query({ per_page: "100", page: "1" }).reply(200, page(0, 100));
    scope
      .get(`/repos/${OWNER}/${REPO}/pulls/7/files`)
      .query({ per_page: "100", page: "2" })
      .reply(200, [...page(100, 49), { filename: "keps/sig-node/2-b/kep.yaml" }]);
    const files = await pullRequestFiles(octokit(), repo, 7);
    expect(files).toHaveLength(150);
    expect(files.at(-1)).toBe("keps/sig-node/2-b/kep.yaml");
    // A PR GraphQL gave whole costs nothing more; one it cut at 100 is read by REST.
    scope.get(`/repos/${OWNER}/${REPO}/pulls/7/files`).query({ per_page: "100", page: "1" }).reply(200, page(0, 100));
    scope
      .get(`/repos/${OWNER}/${REPO}/pulls/7/files`)
      .query({ per_page: "100", page: "2" })
      .reply(200, [{ filename: "keps/sig-node/2-b/kep.yaml" }]);
    const done = await completeFiles(octokit(), repo, [
      { number: 6, files: ["a"], changedFiles: 1 },
      { number: 7, files: page(0, 100).map((f) => f.filename), changedFiles: 101 },
    ]);
    expect(done).toEqual([
      { number: 6, files: ["a"] },
      { number: 7, files: [...page(0, 100).map((f) => f.filename), "keps/sig-node/2-b/kep.yaml"] },
    ]);
  });

  it("asks for a sweep page GitHub answered 502 again with half the issues and half the open pull requests", async () => {
    const scope = api();
    const sizes: Array<[number, number]> = [];
    scope
      .post("/graphql", (b: { variables: { size: number; prSize: number } }) => (sizes.push([b.variables.size, b.variables.prSize]), true))
      .reply(502, "Bad Gateway");
    scope
      .post("/graphql", (b: { variables: { size: number; prSize: number } }) => (sizes.push([b.variables.size, b.variables.prSize]), true))
      .reply(200, {
        data: {
          viewer: { login: "bot" },
          repository: {
            defaultBranchRef: { name: "master", target: { oid: HEAD } },
            issues: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
            pullRequests: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
          },
        },
      });
    const reader = new RepoReader(new TrackerGitHub(octokit(), repo));
    const snapshot = await reader.open({ withViewer: true });
    expect(snapshot.openPrs).toEqual([]);
    expect(sizes).toEqual([
      [100, 100],
      [50, 50],
    ]);
    expect(nock.isDone()).toBe(true);
  });
});

describe("a file batch answered with errors beside data", () => {
  useNock();
  const files = [
    { key: "h:OWNERS_ALIASES", expression: "h:OWNERS_ALIASES" },
    { key: "h:keps/a/1-x/kep.yaml", expression: "h:keps/a/1-x/kep.yaml" },
  ];
  const prs = [
    { key: "kubernetes/kubernetes#5", owner: "kubernetes", repo: "kubernetes", number: 5 },
    { key: "kubernetes/kubernetes#6", owner: "kubernetes", repo: "kubernetes", number: 6 },
  ];

  it("reads a PR GitHub says does not exist as absent, a file it failed to give as unread, and the rest as given, in one query", async () => {
    api()
      .post("/graphql")
      .reply(200, {
        data: {
          repository: { b0: { text: "aliases: {}", isBinary: false, isTruncated: false }, b1: null },
          p0: { pullRequest: null },
          p1: { pullRequest: { state: "MERGED", merged: true, labels: { nodes: [] } } },
        },
        errors: [
          { type: "NOT_FOUND", message: "Could not resolve to a PullRequest with the number of 5.", path: ["p0", "pullRequest"] },
          { message: "Something went wrong while executing your query. This may be the result of a timeout.", path: ["repository", "b1"] },
        ],
      });
    const got = await new TrackerGitHub(octokit(), repo).filesAndPullRequests(files, prs);
    expect(got.files).toEqual({ "h:OWNERS_ALIASES": "aliases: {}", "h:keps/a/1-x/kep.yaml": undefined });
    expect(got.pullRequests).toEqual({ "kubernetes/kubernetes#6": { state: "merged", labels: [] } });
    expect([...got.unread]).toEqual(["h:keps/a/1-x/kep.yaml"]);
    expect(requests).toHaveLength(1);
  });
});
