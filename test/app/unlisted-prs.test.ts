import { describe, expect, it } from "vitest";
import {
  CONFIG,
  deliver,
  firstRefreshRequests,
  type IssueState,
  mockFiles,
  mockIssueContext,
  mockTree,
  OWNER,
  payload,
  REPO,
  repoRequests,
  setupApp,
  useNock,
} from "../helpers/app.js";

/** KEP 2033 (sig-node, beta in v1.37) in the code-freeze phase of v1.37 (code freeze: 23 July 2026). */
const CODE_PHASE = new Date("2026-07-01T09:00:00Z");
const ISSUE = `/repos/${OWNER}/${REPO}/issues/2033`;
const KEP_DIR = "keps/sig-node/2033-kubelet-in-userns-aka-rootless";
const labeled = payload("issues", "labeled", (p) => {
  p.issue.number = 2033;
  p.issue.labels = [{ name: "lead-opted-in" }, { name: "sig/node" }, { name: "stage/beta" }, { name: "tracked/yes" }];
  p.issue.milestone = { title: "v1.37", number: 37 };
});
const BODY = `### Enhancement Description
- One-line enhancement description: Rootless mode
- Kubernetes Enhancement Proposal: https://github.com/kubernetes/enhancements/tree/master/${KEP_DIR}
- [ ] Beta - v1.37
  - Code (k/k) update PR(s): https://github.com/kubernetes/kubernetes/pull/130001
  - Docs (k/website) update PR(s): https://github.com/kubernetes/website/pull/50001
`;
const LISTED = {
  "kubernetes/kubernetes#130001": { state: "MERGED", merged: true, labels: [] },
  "kubernetes/website#50001": { state: "OPEN", merged: false, labels: ["lgtm", "approved"] },
  // Merged enhancements PRs: their files, read in the same file query, say whether they changed this KEP.
  "kubernetes/enhancements#5050": {
    state: "MERGED",
    merged: true,
    labels: [],
    files: [`${KEP_DIR}/kep.yaml`, "keps/prod-readiness/sig-node/2033.yaml"],
  },
  "kubernetes/enhancements#5060": {
    state: "MERGED",
    merged: true,
    labels: [],
    files: ["keps/sig-apps/3541-add-recreate-strategy-to-statefulset/kep.yaml"],
  },
};

useNock();

async function statusComment(state: Omit<IssueState, "number" | "labels">, now: Date): Promise<string> {
  const { probot, scope } = setupApp(CONFIG, now);
  mockIssueContext(scope, {
    number: 2033,
    labels: ["lead-opted-in", "sig/node", "stage/beta", "tracked/yes"],
    body: BODY,
    comments: [],
    ...state,
  });
  mockTree(scope);
  mockFiles(scope, {}, LISTED);
  let posted = "";
  scope.post(`${ISSUE}/comments`, (b: { body: string }) => ((posted = b.body), true)).reply(201, { id: 991 });
  await deliver(probot, "issues", labeled);
  return posted;
}

const MENTIONS: IssueState["crossReferences"] = [
  { pr: "kubernetes/kubernetes#130001", state: "MERGED" },
  { pr: "kubernetes/kubernetes#130777", state: "OPEN", labels: ["kind/feature", "lgtm"] },
  { pr: "kubernetes/website#50002", state: "MERGED" },
  { pr: "kubernetes/enhancements#5100", state: "OPEN" },
  { pr: "kubernetes/enhancements#5050", state: "MERGED" },
  { pr: "kubernetes/enhancements#5060", state: "MERGED" },
  { pr: "kubernetes/enhancements#5200", state: "OPEN" },
  { pr: "kubernetes/test-infra#40000", state: "OPEN" },
];
// #5100 changes the KEP's directory; #5200 changes another KEP's (a PR that mentions many issues).
const OPEN_PRS = [
  { number: 5100, headSha: "c".repeat(40), files: [`${KEP_DIR}/README.md`] },
  { number: 5200, headSha: "d".repeat(40), files: ["keps/sig-apps/3541-add-recreate-strategy-to-statefulset/README.md"] },
];

describe("PRs that mention the KEP but are not in the issue description", () => {
  it("lists them under the checklist from code freeze on, with their state, in the same requests as before", async () => {
    const posted = await statusComment({ crossReferences: MENTIONS, openPrs: OPEN_PRS }, CODE_PHASE);
    expect(posted).toContain(
      [
        "**PRs that mention this issue but are not in its description** (add the ones that belong to this KEP under its stage, or ignore the rest):",
        "- KEP (k/enhancements): https://github.com/kubernetes/enhancements/pull/5050 (merged)",
        "- KEP (k/enhancements): https://github.com/kubernetes/enhancements/pull/5100 (open, needs lgtm and approved)",
        "- Code (k/k): https://github.com/kubernetes/kubernetes/pull/130777 (open, lgtm, needs approved)",
        "- Docs (k/website): https://github.com/kubernetes/website/pull/50002 (merged)",
      ].join("\n"),
    );
    expect(posted).not.toContain("/pull/5200");
    expect(posted).not.toContain("/pull/5060");
    expect(posted).not.toContain("test-infra");
    expect(posted).not.toContain("/pull/130001 (");
    expect(repoRequests()).toEqual(firstRefreshRequests(2033));
  });

  it("does not list them before code freeze", async () => {
    const posted = await statusComment({ crossReferences: MENTIONS, openPrs: OPEN_PRS }, new Date("2026-06-01T09:00:00Z"));
    expect(posted).toContain("**Status:");
    expect(posted).not.toContain("PRs that mention this issue");
  });
});
