import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { type FakeIssue, FIRST_COMMENT_ID } from "../../fake-github/world.js";

const OWNER = "kubernetes";
const REPO = "enhancements";
const QUERY = `query Issue($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) { issue(number: $number) { title comments(first: 10) { nodes { fullDatabaseId body } } } }
}`;

describe("the fake GitHub misbehaving on demand", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  let octokit: Octokit;
  const issue: FakeIssue = {
    number: 7,
    title: "KEP 7",
    body: "",
    labels: [],
    milestone: null,
    assignees: [],
    comments: [{ id: FIRST_COMMENT_ID, author: "alice", body: "hi" }],
  };

  beforeAll(async () => {
    fake = await startFakeGitHub({
      repos: [{ owner: OWNER, name: REPO, defaultBranch: "master", headSha: "b".repeat(40), files: new Map(), issues: [issue], pulls: [] }],
    });
    octokit = new Octokit({ baseUrl: fake.url, auth: "token", log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
  });
  afterAll(() => fake.close());

  it("answers the Nth request of a kind with a 502, and the others as usual", async () => {
    fake.reset();
    fake.inject({ when: "graphql Issue", nth: 2, fault: { status: 502 } });
    const vars = { owner: OWNER, repo: REPO, number: 7 };
    await expect(octokit.graphql(QUERY, vars)).resolves.toBeTruthy();
    await expect(octokit.graphql(QUERY, vars)).rejects.toMatchObject({ status: 502 });
    await expect(octokit.graphql(QUERY, vars)).resolves.toBeTruthy();
    expect(fake.stats().byKind).toEqual({ "graphql Issue": 3 });
  });

  it("saves a new comment and still answers 502, so that a retry would post it twice", async () => {
    fake.reset();
    fake.inject({ when: "POST comments", fault: { status: 502, afterSaving: true } });
    await expect(
      octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner: OWNER,
        repo: REPO,
        issue_number: 7,
        body: "saved",
      }),
    ).rejects.toMatchObject({ status: 502 });
    expect(issue.comments.map((c) => c.body)).toEqual(["hi", "saved"]);
    expect(issue.comments[1]!.id).toBeGreaterThan(2 ** 31);
    expect(fake.stats()).toMatchObject({ writes: 1, reads: 0 });
  });

  it("answers a GraphQL query with errors beside partial data, the failed path null", async () => {
    fake.reset();
    fake.inject({
      when: "graphql Issue",
      fault: { errors: [{ message: "Something went wrong while executing your query.", path: ["repository", "issue", "comments"] }] },
    });
    const error = await octokit.graphql(QUERY, { owner: OWNER, repo: REPO, number: 7 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "GraphqlResponseError", data: { repository: { issue: { title: "KEP 7", comments: null } } } });
    expect((error as { errors: Array<{ message: string }> }).errors[0]!.message).toMatch(/went wrong/);
  });

  it("gives comment ids past 2^31 whole as fullDatabaseId, and databaseId an error, as GitHub does", async () => {
    fake.reset();
    const ok = (await octokit.graphql(QUERY, { owner: OWNER, repo: REPO, number: 7 })) as {
      repository: { issue: { comments: { nodes: Array<{ fullDatabaseId: string }> } } };
    };
    expect(ok.repository.issue.comments.nodes[0]!.fullDatabaseId).toBe(String(FIRST_COMMENT_ID));
    const old = `query Old { repository(owner: "${OWNER}", name: "${REPO}") { issue(number: 7) { comments(first: 1) { nodes { databaseId } } } } }`;
    await expect(octokit.graphql(old)).rejects.toThrow(/Int cannot represent non 32-bit signed integer value/);
    expect(fake.stats().unexpected).toEqual([expect.stringContaining("non 32-bit")]);
  });

  it("answers a request late, and carried out, when told to be slow", async () => {
    fake.reset();
    fake.inject({ when: "graphql Issue", fault: { delayMs: 400 } });
    const vars = { owner: OWNER, repo: REPO, number: 7 };
    const started = performance.now();
    await expect(octokit.graphql(QUERY, vars)).resolves.toBeTruthy();
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    const again = performance.now();
    await octokit.graphql(QUERY, vars);
    expect(performance.now() - again).toBeLessThan(390);
  });
});

describe("the fake GitHub as GitHub Enterprise Server", { timeout: 60_000 }, () => {
  it("answers /api/v3 and /api/graphql, where Probot goes with GHE_HOST set", async () => {
    const fake = await startFakeGitHub({
      repos: [
        {
          owner: OWNER,
          name: REPO,
          defaultBranch: "master",
          headSha: "c".repeat(40),
          files: new Map([["README.md", "hello"]]),
          issues: [],
          pulls: [],
        },
      ],
    });
    try {
      const ghes = new Octokit({ baseUrl: `${fake.url}/api/v3`, auth: "token" });
      const { data } = await ghes.request("GET /repos/{owner}/{repo}/contents/{path}", {
        owner: OWNER,
        repo: REPO,
        path: "README.md",
        headers: { accept: "application/vnd.github.raw+json" },
      });
      expect(String(data)).toBe("hello");
      expect(await ghes.graphql(`query Viewer { viewer { login } }`)).toEqual({ viewer: { login: "release-bot" } });
      expect(fake.stats()).toMatchObject({ byKind: { "GET contents": 1, "graphql Viewer": 1 }, unexpected: [] });
    } finally {
      await fake.close();
    }
  });
});
