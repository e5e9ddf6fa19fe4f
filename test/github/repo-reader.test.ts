import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { TrackerGitHub } from "../../src/github/client.js";
import { BATCH_ALIASES, batches, type ReadCache, RepoReader } from "../../src/github/repo-reader.js";
import type { FileRead } from "../../src/inputs/kep-reads.js";
import { api, HEAD, OWNER, REPO, requests, useNock } from "../helpers/app.js";

useNock();

const octokit = () => new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });
const reader = (cache?: ReadCache) => new RepoReader(new TrackerGitHub(octokit() as never, { owner: OWNER, repo: REPO }), cache);
const file = (i: number, size = 1000): FileRead => ({ key: `${HEAD}:f${i}`, expression: `${HEAD}:f${i}`, oid: `oid${i}`, size });

/** One SweepPage answer: `issues` numbers (or none), `prs` numbers (or none), with whether more follow. */
function page(issues: number[] | null, moreIssues: boolean, prs: number[] | null, morePrs: boolean) {
  return {
    data: {
      repository: {
        defaultBranchRef: { name: "master", target: { oid: HEAD } },
        ...(issues && {
          issues: {
            totalCount: 250,
            pageInfo: { hasNextPage: moreIssues, endCursor: `i${issues.at(-1)}` },
            nodes: issues.map((number) => ({
              number,
              title: "t",
              state: "OPEN",
              body: null,
              labels: { nodes: [] },
              milestone: null,
              assignees: { nodes: [] },
              comments: { totalCount: 0, pageInfo: { hasPreviousPage: false, startCursor: null }, nodes: [] },
            })),
          },
        }),
        ...(prs && {
          pullRequests: {
            pageInfo: { hasNextPage: morePrs, endCursor: `p${prs.at(-1)}` },
            nodes: prs.map((number) => ({ number, url: "u", headRefOid: "h", files: { nodes: [] } })),
          },
        }),
      },
    },
  };
}

describe("batched file reads", () => {
  it("fit 300 files a query, fewer when the tree says they are large, with PR states filling the last query", () => {
    const many = Array.from({ length: 700 }, (_, i) => file(i));
    expect(batches(many, []).map((b) => b.files.length)).toEqual([BATCH_ALIASES, BATCH_ALIASES, 100]);
    const large = Array.from({ length: 10 }, (_, i) => file(i, 3_000_000));
    expect(batches(large, []).map((b) => b.files.length)).toEqual([2, 2, 2, 2, 2]);
    const prs = Array.from({ length: 250 }, (_, i) => ({ key: `k/k#${i}`, owner: "kubernetes", repo: "kubernetes", number: i }));
    expect(batches(many.slice(0, 100), prs).map((b) => [b.files.length, b.prs.length])).toEqual([
      [100, 200],
      [0, 50],
    ]);
  });

  it("list a commit's tree once: the second time it comes from the cache", async () => {
    const store = new Map<string, string>();
    const cache: ReadCache = { get: (k) => store.get(k), set: (k, v) => void store.set(k, v) };
    const scope = api();
    scope
      .get(`/repos/${OWNER}/${REPO}/git/trees/${HEAD}`)
      .query({ recursive: "1" })
      .reply(200, {
        tree: [
          { path: "keps/sig-x/1-a/kep.yaml", type: "blob", sha: "s1", size: 10 },
          { path: "README.md", type: "blob", sha: "s2", size: 5 },
        ],
      });
    const first = await reader(cache).tree(HEAD);
    expect(first).toEqual([{ path: "keps/sig-x/1-a/kep.yaml", sha: "s1", size: 10 }]);
    requests.length = 0;
    expect(await reader(cache).tree(HEAD)).toEqual(first);
    expect(requests).toEqual([]);
  });

  it("ask code search again after an empty answer (the index lags behind a push), and keep a found answer for the commit", async () => {
    const store = new Map<string, string>();
    const cache: ReadCache = { get: (k) => store.get(k), set: (k, v) => void store.set(k, v) };
    const found = { total_count: 1, incomplete_results: false, items: [{ path: "keps/sig-x/2043-a/kep.yaml" }] };
    api().get("/search/code").query(true).reply(200, { total_count: 0, incomplete_results: false, items: [] });
    expect(await reader(cache).searchKepFiles(1884, HEAD)).toEqual([]);
    api().get("/search/code").query(true).reply(200, found);
    expect(await reader(cache).searchKepFiles(1884, HEAD)).toEqual(["keps/sig-x/2043-a/kep.yaml"]);
    requests.length = 0;
    expect(await reader(cache).searchKepFiles(1884, HEAD)).toEqual(["keps/sig-x/2043-a/kep.yaml"]);
    expect(requests).toEqual([]);
  });

  it("read a file GraphQL truncates through the blob API instead of evaluating half of it", async () => {
    const scope = api();
    scope.post("/graphql").reply(200, { data: { repository: { b0: { text: "half", isBinary: false, isTruncated: true } } } });
    scope.get(`/repos/${OWNER}/${REPO}/git/blobs/oid1`).reply(200, "the whole README");
    const got = await reader().read([file(1)], []);
    expect(got.files[`${HEAD}:f1`]).toBe("the whole README");
  });
});

describe("issue pages", () => {
  it("carry the open PRs until all are read, holding the issue pages meanwhile", async () => {
    const scope = api();
    const asked: Array<Record<string, unknown>> = [];
    const graphql = (answer: object) =>
      scope.post("/graphql", (b: { variables: Record<string, unknown> }) => (asked.push(b.variables), true)).reply(200, answer);
    graphql(page([1, 2], true, [10], true));
    graphql(page([3], false, [11], true));
    graphql(page(null, false, [12], false));
    const snapshot = await reader().open({ withViewer: false });
    expect(snapshot.openPrs.map((p) => p.number)).toEqual([10, 11, 12]);
    const numbers: number[] = [];
    for await (const p of snapshot.pages) numbers.push(...p.map((i) => i.number));
    expect(numbers).toEqual([1, 2, 3]);
    expect(asked.map((v) => [v.withIssues, v.withPrs, v.issuesAfter, v.prsAfter])).toEqual([
      [true, true, null, null],
      [true, true, "i2", "p10"],
      [false, true, "i3", "p11"],
    ]);
  });

  it("shrink when GitHub times out on a large page", async () => {
    const scope = api();
    const sizes: number[] = [];
    scope.post("/graphql", (b: { variables: { size: number } }) => (sizes.push(b.variables.size), true)).reply(502, { message: "timeout" });
    scope
      .post("/graphql", (b: { variables: { size: number } }) => (sizes.push(b.variables.size), true))
      .reply(200, page([1], false, [], false));
    const snapshot = await reader().open({ withViewer: false });
    expect(sizes).toEqual([100, 50]);
    expect(snapshot.totalIssues).toBe(250);
  });
});
