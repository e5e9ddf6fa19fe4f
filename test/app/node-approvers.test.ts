import { describe, expect, it } from "vitest";
import {
  deliver,
  firstRefreshRequests,
  HEAD,
  mockFiles,
  mockIssueContext,
  mockTree,
  OWNER,
  payload,
  REPO,
  repoRequests,
  requests,
  setupApp,
  useNock,
} from "../helpers/app.js";

/** KEP 2033 (sig-node, beta in v1.37): its approver is marked `# sig-node-assigned-approver` and listed in its OWNERS file. */
const KEP_DIR = "keps/sig-node/2033-kubelet-in-userns-aka-rootless";
const ISSUE = `/repos/${OWNER}/${REPO}/issues/2033`;
const labeled = payload("issues", "labeled", (p) => {
  p.issue.number = 2033;
  p.issue.labels = [{ name: "lead-opted-in" }, { name: "sig/node" }, { name: "stage/beta" }];
  p.issue.milestone = { title: "v1.37", number: 37 };
});

useNock();

/** Delivers the labeled event with the KEP's OWNERS file as given (the fixture's when undefined); returns the comment posted. */
async function statusComment(owners?: string): Promise<string> {
  const { probot, scope } = setupApp();
  mockIssueContext(scope, { number: 2033, labels: ["lead-opted-in", "sig/node", "stage/beta"], comments: [] });
  mockTree(scope);
  mockFiles(scope, owners === undefined ? {} : { [`${HEAD}:${KEP_DIR}/OWNERS`]: owners });
  let posted = "";
  scope.post(`${ISSUE}/comments`, (b: { body: string }) => ((posted = b.body), true)).reply(201, { id: 990 });
  await deliver(probot, "issues", labeled);
  return posted;
}

describe("SIG Node's approver check in the App", () => {
  it("shows upstream's sig-node error when the marked approver is missing from the KEP's OWNERS file", async () => {
    const posted = await statusComment("approvers:\n  - someone-else\n");
    expect(posted).toContain("**kep.yaml fails upstream CI:**");
    expect(posted).toMatch(
      /- `sig-node-approver-not-in-owners` keps\/sig-node\/2033-kubelet-in-userns-aka-rootless\/kep\.yaml:\d+: assigned approver "sergeykanzhelev" not listed under approvers in OWNERS/,
    );
    expect(posted).toContain("- `kep-invalid`: keps/sig-node/2033-kubelet-in-userns-aka-rootless/kep.yaml fails upstream CI");
  });

  it("shows no sig-node error for a KEP whose marked approver is in its OWNERS file, reading OWNERS in the same file query", async () => {
    const posted = await statusComment();
    expect(posted).not.toContain("sig-node-");
    expect(posted).not.toContain("fails upstream CI");
    const query = requests.filter((r) => r.startsWith("graphql"));
    expect(query).toEqual(["graphql IssueContext", "graphql FilesAndPullRequests"]);
    expect(repoRequests()).toEqual(firstRefreshRequests(2033));
  });
});
