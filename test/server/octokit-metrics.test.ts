import { describe, expect, it } from "vitest";
import { requestKind } from "../../src/server/octokit-metrics.js";

describe("the kind of a GitHub request, as metrics label it", () => {
  it.each([
    [{ method: "GET", url: "/repos/{owner}/{repo}/git/trees/{tree_sha}" }, "GET /repos/{owner}/{repo}/git/trees/{tree_sha}", false],
    [
      { method: "POST", url: "/repos/{owner}/{repo}/issues/{issue_number}/comments" },
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      true,
    ],
    [
      { method: "DELETE", url: "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}" },
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
      true,
    ],
    [{ method: "POST", url: "/graphql", query: "query IssueContext($owner: String!) { x }" }, "graphql IssueContext", false],
    [{ method: "POST", url: "/graphql", query: "mutation AddComment { x }" }, "graphql AddComment", true],
    [{ method: "POST", url: "/graphql", query: "{ viewer { login } }" }, "graphql anonymous", false],
    [
      { method: "POST", url: "/app/installations/{installation_id}/access_tokens" },
      "POST /app/installations/{installation_id}/access_tokens",
      false,
    ],
    [{ method: "GET", url: "https://api.github.com/repositories/1/issues?page=2" }, "GET (next page)", false],
  ])("%o is %s", (options, kind, write) => {
    expect(requestKind(options)).toEqual({ kind, write });
  });
});
