import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue, FakePullState, FakeRepo } from "../../fake-github/world.js";
import { main } from "../../src/cli/main.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";
import { bufferIo } from "../helpers/io.js";
import { tempCacheDir } from "../helpers/sweep.js";

/** The code-freeze phase of v1.37 (code freeze: 23 July 2026). */
const CODE_PHASE = "2026-07-01T09:00:00Z";
const VIEWER = "release-bot";
const KEP_DIR = "keps/sig-node/2033-kubelet-in-userns-aka-rootless";
const BODY = `### Enhancement Description
- One-line enhancement description: Rootless mode
- Kubernetes Enhancement Proposal: https://github.com/kubernetes/enhancements/tree/master/${KEP_DIR}
- [ ] Beta - v1.37
  - Code (k/k) update PR(s): https://github.com/kubernetes/kubernetes/pull/130001
`;
/** kubernetes/kubernetes and kubernetes/website as far as the sweep reads them: PR states. */
const OTHER: Record<string, FakePullState> = {
  "kubernetes/kubernetes#130001": { state: "MERGED", merged: true, labels: [] },
  "kubernetes/kubernetes#130777": { state: "OPEN", merged: false, labels: ["kind/feature", "approved"] },
  "kubernetes/website#50002": { state: "OPEN", merged: false, labels: [] },
};

describe("kep-tracker sweep and the PRs that mention a tracking issue", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  let repo: FakeRepo;
  const issue: FakeIssue = {
    number: 2033,
    title: "Rootless mode",
    body: BODY,
    labels: ["lead-opted-in", "sig/node", "stage/beta", "tracked/yes"],
    milestone: { title: "v1.37", number: 37 },
    assignees: ["AkihiroSuda"],
    comments: [],
    mentionedBy: [
      { owner: "kubernetes", repo: "kubernetes", number: 130001 },
      { owner: "kubernetes", repo: "kubernetes", number: 130777 },
      { owner: "kubernetes", repo: "enhancements", number: 5100 },
      { owner: "kubernetes", repo: "enhancements", number: 5050 },
      { owner: "kubernetes", repo: "enhancements", number: 5060 },
    ],
  };
  const run = async () => {
    const io = bufferIo();
    const env = { GITHUB_TOKEN: "test-token", GITHUB_API_URL: fake.url, KEP_TRACKER_THROTTLE: "off" };
    const status = await main(["sweep", "--repo", "kubernetes/enhancements", "--now", CODE_PHASE, "--cache-dir", tempCacheDir()], io, env);
    expect(io.err()).not.toMatch(/error/i);
    expect(status).toBe(0);
  };
  const own = () => issue.comments.filter((c) => c.author === VIEWER);

  beforeAll(async () => {
    repo = fixtureRepo([issue]);
    // An open enhancements PR that changes the KEP's README, and the KEP's OWNERS without its marked approver.
    repo.pulls.push({ number: 5100, headSha: "e".repeat(40), files: [`${KEP_DIR}/README.md`] });
    // Merged: one changed this KEP, one another KEP (and mentions many issues).
    repo.pulls.push({ number: 5050, headSha: "f".repeat(40), files: [`${KEP_DIR}/kep.yaml`], state: "MERGED" });
    repo.pulls.push({
      number: 5060,
      headSha: "9".repeat(40),
      files: ["keps/sig-apps/3541-add-recreate-strategy-to-statefulset/kep.yaml"],
      state: "MERGED",
    });
    repo.files.set(`${KEP_DIR}/OWNERS`, "approvers:\n  - someone-else\n");
    fake = await startFakeGitHub({ ...APP_SEED, repos: [repo], viewer: VIEWER, otherPulls: (o, r, n) => OTHER[`${o}/${r}#${n}`] ?? null });
  });
  afterAll(() => fake.close());

  it("lists the mentioning PRs the description lacks and SIG Node's approver error, reading them in the sweep's usual queries", async () => {
    await run();
    expect(fake.stats().unexpected).toEqual([]);
    expect(own()).toHaveLength(1);
    const body = own()[0]!.body;
    expect(body).toContain("- KEP (k/enhancements): https://github.com/kubernetes/enhancements/pull/5050 (merged)");
    expect(body).toContain("- KEP (k/enhancements): https://github.com/kubernetes/enhancements/pull/5100 (open, needs lgtm and approved)");
    expect(body).not.toContain("pull/5060");
    expect(body).toContain("- Code (k/k): https://github.com/kubernetes/kubernetes/pull/130777 (open, approved, needs lgtm)");
    expect(body).not.toContain("pull/130001 (");
    expect(body).toMatch(/`sig-node-approver-not-in-owners` keps\/sig-node\/2033-kubelet-in-userns-aka-rootless\/kep\.yaml:\d+/);
    const graphql = Object.entries(fake.stats().byKind).filter(([k]) => k.startsWith("graphql"));
    // Beside the issue page and the files: one listing of kubernetes/website's dev-1.37 PRs for the docs.
    expect(Object.fromEntries(graphql)).toEqual({
      "graphql SweepPage": 1,
      "graphql WebsitePrs": 1,
      "graphql FilesAndPullRequests": 1,
      "graphql SweepIssue": 1,
    });
  });

  it("asks GitHub for fewer than 15 GraphQL points a page of issues, by its documented cost", async () => {
    fake.reset();
    await run();
    expect(fake.stats().pointsByKind["graphql SweepPage"]!.most).toBeLessThan(15);
  });

  it("changes nothing on a second run, and edits the comment when a new PR mentions the issue", async () => {
    const before = own()[0]!.body;
    fake.reset();
    await run();
    expect(fake.stats().writes).toBe(0);
    expect(own()[0]!.body).toBe(before);

    issue.mentionedBy!.push({ owner: "kubernetes", repo: "website", number: 50002 });
    fake.reset();
    await run();
    expect(fake.stats().byKind).toMatchObject({ "PATCH comment": 1 });
    expect(own()).toHaveLength(1);
    // A website PR is the KEP's docs PR: shown in the Docs section, with how it was found and its branch.
    expect(own()[0]!.body).toContain(
      "- https://github.com/kubernetes/website/pull/50002: Ready for review, against `main`, by ghost " +
        "(it mentions this issue; add it to the description)",
    );
    expect(own()[0]!.body).not.toContain("- Docs (k/website):");
  });

  it("edits the comment when an open PR that mentions the issue gets lgtm, and not for its other labels", async () => {
    OTHER["kubernetes/kubernetes#130777"]!.labels.push("size/M");
    fake.reset();
    await run();
    expect(fake.stats().writes).toBe(0);

    OTHER["kubernetes/kubernetes#130777"]!.labels.push("lgtm");
    fake.reset();
    await run();
    expect(fake.stats().byKind).toMatchObject({ "PATCH comment": 1 });
    expect(own()[0]!.body).toContain("- Code (k/k): https://github.com/kubernetes/kubernetes/pull/130777 (open, lgtm, approved)");
  });

  it("reads every file of a merged PR that mentions the issue past its first 100, to see that it changes the KEP", async () => {
    const many = Array.from({ length: 150 }, (_, i) => `docs/generated/page-${String(i).padStart(3, "0")}.md`);
    repo.pulls.push({ number: 5070, headSha: "7".repeat(40), files: [...many, `${KEP_DIR}/README.md`], state: "MERGED" });
    issue.mentionedBy!.push({ owner: "kubernetes", repo: "enhancements", number: 5070 });
    fake.reset();
    await run();
    expect(fake.stats().unexpected).toEqual([]);
    expect(own()[0]!.body).toContain("- KEP (k/enhancements): https://github.com/kubernetes/enhancements/pull/5070 (merged)");
  });
});
