import { describe, expect, it } from "vitest";
import { findKepFile } from "../../src/inputs/kep-location.js";
import { approversOf, assembleKep, indexOpenPrs, indexTree, kepReads } from "../../src/inputs/kep-reads.js";
import { planIssue } from "../../src/plan/issue-plan.js";
import type { MentioningPr } from "../../src/reading/mentions.js";
import { checkout, input, issue } from "../helpers/tracking.js";

/**
 * KEP 3541 (a recreate strategy for StatefulSets, alpha in v1.37) as if it stood before it merged:
 * only in its open PR. The default branch's listing has neither its directory nor its PRR file.
 */
const HEAD = "h".repeat(40);
const DIR = "keps/sig-apps/3541-add-recreate-strategy-to-statefulset";
const PRR = "keps/prod-readiness/sig-apps/3541.yaml";
const ADDED = [`${DIR}/kep.yaml`, `${DIR}/README.md`, PRR];
const pr = (number: number) => ({
  number,
  url: `https://github.com/kubernetes/enhancements/pull/${number}`,
  headSha: `s${number}`,
  files: ADDED,
});
const OPT_IN = new Date("2026-06-01T09:00:00Z");
const tree = [{ path: "OWNERS_ALIASES", sha: "o1", size: 4000 }];

const REPOSITORY = { owner: "kubernetes", repo: "enhancements" };

/** The issue's number, its body and the PRs that mention it, when they differ from KEP 3541's own issue. */
type Issue = { number?: number; body?: string; mentioning?: MentioningPr[] };

async function judged(prs: ReturnType<typeof pr>[], iss: Issue = {}) {
  const { number = 3541, body = "", mentioning = [] } = iss;
  const index = indexTree(tree);
  const openPrs = indexOpenPrs(prs);
  const searched: number[] = [];
  const mentions = { repository: REPOSITORY, prs: mentioning };
  const kepFile = await findKepFile({ search: async (n) => (searched.push(n), []), index, number, body, openPrs, mentions });
  const reads = kepReads({ number, headSha: HEAD, index, kepFile, openPrs, body, mentions });
  // What GitHub answers for each read: the files at each PR's head, as the fixtures have them; none on the default branch.
  const answer = (key: string) => (key.startsWith(HEAD) ? undefined : checkout.read(key.slice(key.indexOf(":") + 1)));
  const files = Object.fromEntries(reads.files.map((f) => [f.key, answer(f.key)]));
  const aliases = checkout.read("OWNERS_ALIASES");
  const { template: _none, ...gathered } = assembleKep(reads, files, approversOf(aliases));
  const labels = ["lead-opted-in", "stage/alpha"];
  const v = planIssue(input({ issue: issue(number, { labels, body }), ...gathered, now: OPT_IN }));
  return { v, reads, searched };
}

describe("a new KEP that exists only in an open PR", () => {
  it("is found in the open PRs' changed paths without a code search, and judged in open PR #N at PRR freeze", async () => {
    const { v, reads, searched } = await judged([pr(5960)]);
    expect(searched).toEqual([]);
    expect(reads.kepFile).toBe(`${DIR}/kep.yaml`);
    expect(reads.files.map((f) => f.key)).toEqual(
      expect.arrayContaining([`s5960:${DIR}/kep.yaml`, `s5960:${PRR}`, `s5960:${DIR}/README.md`]),
    );
    expect(v.problems.map((p) => p.id)).not.toContain("kep-not-found");
    expect(v).toMatchObject({ stage: "alpha", stageSource: "pull request", status: "Tracked for PRR freeze", kepPr: { number: 5960 } });
    expect(v.checklist.filter((i) => !i.done)).toEqual([]);
    expect(v.plan.comment).toContain("KEP in open PR [#5960](https://github.com/kubernetes/enhancements/pull/5960)");
  });

  it("before PRR freeze carries the team's two verdicts: tracked for PRR freeze, at risk for enhancements freeze until merged", async () => {
    const { v } = await judged([pr(5960)]);
    expect(v.status).toBe("Tracked for PRR freeze");
    expect(v.ahead?.status).toBe("At risk for enhancements freeze");
    expect(v.ahead?.checklist.map((i) => i.id)).toEqual(
      expect.arrayContaining(["kep-status", "kep-latest-milestone", "prr-approved", "no-open-kep-pr"]),
    );
    expect(v.ahead?.checklist.find((i) => i.id === "no-open-kep-pr")?.fix).toBe("merge or close #5960 before the freeze");
    const comment = v.plan.comment!;
    expect(comment).toContain("**Status: Tracked for PRR freeze**");
    expect(comment).toContain("Currently **At risk for enhancements freeze**.");
    expect(comment).toContain("**Enhancements freeze will also need:**");
    expect(v.plan).toMatchObject({ addLabels: [], removeLabels: [] });
  });

  it("when two open PRs add it, says so and judges the newest", async () => {
    const { v } = await judged([pr(5960), pr(5971)]);
    expect(v.kepPr).toEqual({ number: 5971, url: "https://github.com/kubernetes/enhancements/pull/5971" });
    expect(v.problems.find((p) => p.id === "kep-in-several-prs")?.message).toBe(
      "Open PRs #5971, #5960 each add this KEP: judged on the newest, #5971; close the others or say which one counts.",
    );
  });

  // The tracking issue is opened first and the KEP's directory sometimes carries another number (a typo, or the
  // number of an earlier issue): the team follows the link from the issue to the PR.
  const other = { number: 5990, mentioning: [] };
  it("is found through the open PR the issue's KEP line links, whatever number its directory carries", async () => {
    for (const kepLine of ["https://github.com/kubernetes/enhancements/pull/5960", "#5960"]) {
      const body = `- Kubernetes Enhancement Proposal: ${kepLine}`;
      const { v, reads, searched } = await judged([pr(5960)], { ...other, body });
      expect(reads.kepFile).toBe(`${DIR}/kep.yaml`);
      expect(searched).toEqual([]);
      expect(v).toMatchObject({ status: "Tracked for PRR freeze", kepPr: { number: 5960 } });
    }
  });

  it("is found through an open PR of this repository that mentions the issue, and not through another repository's", async () => {
    const mention = (repo: string): MentioningPr => ({ owner: "kubernetes", repo, number: 5960, state: "open", labels: [] });
    const found = await judged([pr(5960)], { ...other, mentioning: [mention("enhancements")] });
    expect(found.reads.kepFile).toBe(`${DIR}/kep.yaml`);
    expect(found.v.kepPr?.number).toBe(5960);
    const elsewhere = await judged([pr(5960)], { ...other, mentioning: [mention("kubernetes")] });
    expect(elsewhere.reads.kepFile).toBeNull();
    expect(elsewhere.searched).toEqual([5990]);
    expect(elsewhere.v.problems.map((p) => p.id)).toContain("kep-not-found");
  });

  it("a linked PR that adds two KEPs names neither", async () => {
    const two = { ...pr(5960), files: [...ADDED, "keps/sig-apps/9999-other/kep.yaml"] };
    const { reads } = await judged([two], { ...other, body: "- Kubernetes Enhancement Proposal: #5960" });
    expect(reads.kepFile).toBeNull();
  });
});
