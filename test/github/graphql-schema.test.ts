import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { requestErrors } from "../../fake-github/schema.js";
import { filesAndPullRequestsQuery, ISSUE_CONTEXT, MORE_COMMENTS, MORE_PULL_REQUESTS } from "../../src/github/queries.js";
import { EARLIER_COMMENTS, SWEEP_PAGE } from "../../src/github/sweep-queries.js";
import { api, invalidGraphql, OWNER, REPO, useNock } from "../helpers/app.js";

const repo = { owner: OWNER, repo: REPO };

describe("GitHub's published GraphQL schema", () => {
  it("accepts every query kep-tracker sends, with the variables it sends them with", () => {
    const files = filesAndPullRequestsQuery(
      OWNER,
      REPO,
      [{ key: "k", expression: "abc:keps/sig-node/1-x/kep.yaml" }],
      [{ key: "p", owner: "kubernetes", repo: "kubernetes", number: 5 }],
    );
    expect(requestErrors(ISSUE_CONTEXT, { ...repo, number: 5 })).toEqual([]);
    expect(requestErrors(MORE_COMMENTS, { ...repo, number: 5, after: "c" })).toEqual([]);
    expect(requestErrors(MORE_PULL_REQUESTS, { ...repo, after: "c" })).toEqual([]);
    expect(
      requestErrors(SWEEP_PAGE, {
        ...repo,
        size: 100,
        prSize: 100,
        issuesAfter: null,
        prsAfter: null,
        withIssues: true,
        withPrs: true,
        withViewer: false,
      }),
    ).toEqual([]);
    expect(requestErrors(EARLIER_COMMENTS, { ...repo, number: 5, before: "c" })).toEqual([]);
    expect(requestErrors(files)).toEqual([]);
  });

  it("rejects a misspelt field, a syntax error and a variable of the wrong type with GitHub's messages", () => {
    expect(requestErrors("query { viewer { logn } }")).toEqual([expect.stringContaining('Cannot query field "logn" on type "User"')]);
    expect(requestErrors("query { viewer { login }")).toEqual([expect.stringContaining("Syntax Error")]);
    expect(requestErrors(ISSUE_CONTEXT, { ...repo, number: "five" })).toEqual([
      expect.stringContaining('Variable "$number" got invalid value "five"'),
    ]);
  });
});

describe("the tests' mocked GitHub", () => {
  useNock();

  it("fails a test whose GraphQL document has a misspelt field, with the GraphQL error", async () => {
    api()
      .post("/graphql")
      .reply(200, { data: { repository: { issue: { title: "x" } } } });
    const octokit = new Octokit({ auth: "t" });
    await octokit.graphql(
      "query Misspelt($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { issue(number: 1) { titel } } }",
      repo,
    );
    // useNock's afterEach fails the test on these; taken here so that this test passes.
    expect(invalidGraphql.splice(0)).toEqual([
      expect.stringContaining('Misspelt: Cannot query field "titel" on type "Issue". Did you mean "title"'),
    ]);
  });
});
