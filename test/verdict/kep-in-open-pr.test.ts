import { describe, expect, it } from "vitest";
import { approversOf, assembleKep, findKepFile, indexOpenPrs, indexTree, kepReads } from "../../src/inputs/kep-reads.js";
import { planIssue } from "../../src/plan/issue-plan.js";
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

async function judged(prs: ReturnType<typeof pr>[]) {
  const index = indexTree(tree);
  const openPrs = indexOpenPrs(prs);
  const searched: number[] = [];
  const kepFile = await findKepFile(async (n) => (searched.push(n), []), index, 3541, "", openPrs);
  const reads = kepReads({ number: 3541, headSha: HEAD, index, kepFile, openPrs, body: "" });
  // What GitHub answers for each read: the files at each PR's head, as the fixtures have them; none on the default branch.
  const answer = (key: string) => (key.startsWith(HEAD) ? undefined : checkout.read(key.slice(key.indexOf(":") + 1)));
  const files = Object.fromEntries(reads.files.map((f) => [f.key, answer(f.key)]));
  const aliases = checkout.read("OWNERS_ALIASES");
  const gathered = assembleKep(reads, files, approversOf(aliases));
  const labels = ["lead-opted-in", "stage/alpha"];
  const v = planIssue(input({ issue: issue(3541, { labels }), ...gathered, now: OPT_IN }));
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
});
