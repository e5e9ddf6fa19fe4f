import { describe, expect, it } from "vitest";
import { planIssue } from "../../src/plan/issue-plan.js";
import { DEADLINES } from "../../src/release/timeline.js";
import { boardStatus } from "../../src/verdict/evaluate.js";
import { BOARD_STATUSES, VerdictSchema } from "../../src/verdict/types.js";
import { checkout, editedKep, input, issue, realKep } from "../helpers/tracking.js";

// v1.37 (real timeline): PRR freeze 2026-06-10T12:00Z, enhancements freeze 06-17,
// code freeze 07-23, docs freeze 08-06, release 08-27 (date only).
const OPT_IN = new Date("2026-06-01T09:00:00Z");
const BEFORE_EF = new Date("2026-06-12T09:00:00Z");
const BEFORE_CODE = new Date("2026-07-01T09:00:00Z");
const BEFORE_DOCS = new Date("2026-07-30T09:00:00Z");

const ids = (items: { id: string; done: boolean }[], done: boolean) => items.filter((i) => i.done === done).map((i) => i.id);
const problems = (v: { problems: { id: string }[] }) => v.problems.map((p) => p.id);

describe("phases, stages and board status, on real v1.37 KEPs", () => {
  it.each([
    // [phase, KEP, stage, now, status]
    ["opt-in", "3541", "alpha", OPT_IN, "Tracked for PRR freeze"],
    ["opt-in", "4974", "deprecated", OPT_IN, "Tracked for PRR freeze"],
    ["before enhancements freeze", "3541", "alpha", BEFORE_EF, "Tracked for enhancements freeze"],
    ["before enhancements freeze", "5958", "alpha", BEFORE_EF, "At risk for PRR freeze"],
    ["before enhancements freeze", "4192", "stable", BEFORE_EF, "Tracked for enhancements freeze"],
    ["before enhancements freeze", "4974", "deprecated", BEFORE_EF, "Tracked for enhancements freeze"],
    ["before enhancements freeze", "5040", "disabled", BEFORE_EF, "Tracked for enhancements freeze"],
  ])("%s: KEP %s (%s) is %s", (_, number, stage, now, status) => {
    const v = planIssue(input({ issue: issue(Number(number)), kep: realKep(number), now }));
    expect(VerdictSchema.parse(v)).toEqual(v);
    expect(v).toMatchObject({ inRelease: true, stage, stageSource: "kep.yaml", status });
  });

  it.each([
    ["before the release", new Date("2026-08-20T09:00:00Z"), "before-release", "release", "Tracked for docs freeze"],
    ["after the release", new Date("2026-09-01T09:00:00Z"), "released", null, "Tracked for docs freeze"],
  ])("%s, a beta KEP that met every freeze stays tracked", (_, now, phase, freeze, status) => {
    const body =
      "- [x] Beta - v1.37\n  - Code (k/k) update PR(s): kubernetes/kubernetes#130001\n  - Docs (k/website) update PR(s): kubernetes/website#51000\n";
    const pullRequests = {
      "kubernetes/kubernetes#130001": { state: "merged" as const, labels: [] },
      "kubernetes/website#51000": { state: "merged" as const, labels: [] },
    };
    const v = planIssue(input({ issue: issue(3157, { body }), kep: realKep("3157"), now, pullRequests }));
    expect(v).toMatchObject({ phase, freeze, status, stage: "beta" });
    expect(v.checklist).toEqual([]);
    expect(v.plan.comment).toContain(freeze ? "**Release:**" : "v1.37 has been released.");
  });

  it("opt-in: names the freeze, its instant and the days left", () => {
    const v = planIssue(input({ issue: issue(3541), kep: realKep("3541"), now: OPT_IN }));
    expect(v).toMatchObject({
      phase: "opt-in",
      freeze: "prr-freeze",
      deadline: { at: "2026-06-10T12:00:00.000Z", approximate: false, daysLeft: 10 },
    });
    expect(ids(v.checklist, false)).toEqual([]);
  });

  it("a disabled KEP needs no milestone.disabled: latest-milestone names the release, as upstream CI and the team take it", () => {
    const v = planIssue(input({ issue: issue(5040), kep: realKep("5040"), now: BEFORE_EF }));
    expect(v.checklist.find((i) => i.id === "kep-milestone-map")).toMatchObject({ done: true });
    expect(problems(v)).not.toContain("missed-freeze");
  });

  it("a disabled KEP whose map names its deprecation for a later release is told which line to change", () => {
    const kep = editedKep("5040", (t) => t.replace('stable: "1.39"', 'stable: "1.39"\n  deprecated: "v1.38"'));
    const v = planIssue(input({ issue: issue(5040), kep, now: BEFORE_EF }));
    expect(v.checklist.filter((i) => !i.done).map((i) => [i.freeze, i.id])).toEqual([["prr-freeze", "kep-milestone-map"]]);
    expect(v.checklist.find((i) => !i.done)!.fix).toBe(
      'set `milestone.disabled: "v1.37"` in keps/sig-storage/5040-remove-gitrepo-driver/kep.yaml',
    );
  });

  it("a beta KEP still in beta since v1.32 meets the milestone map", () => {
    const v = planIssue(input({ issue: issue(3157), kep: realKep("3157"), now: BEFORE_EF }));
    expect(v.checklist.find((i) => i.id === "kep-milestone-map")!.done).toBe(true);
  });

  it("before code freeze: a stable KEP with an unready k/k PR is at risk, naming the PR and what it lacks", () => {
    const body = [
      "- [ ] Stable - v1.37",
      "  - KEP (k/enhancements) update PR(s): https://github.com/kubernetes/enhancements/pull/5500",
      "  - Code (k/k) update PR(s):",
      "    - https://github.com/kubernetes/kubernetes/pull/130001",
      "    - https://github.com/kubernetes/kubernetes/pull/130002",
      "  - Docs (k/website) update PR(s): https://github.com/kubernetes/website/pull/51000",
    ].join("\n");
    const pullRequests = {
      "kubernetes/kubernetes#130001": { state: "merged" as const, labels: [] },
      "kubernetes/kubernetes#130002": { state: "open" as const, labels: ["approved"] },
    };
    const v = planIssue(input({ issue: issue(4192, { body }), kep: realKep("4192"), now: BEFORE_CODE, pullRequests }));
    expect(v.status).toBe("At risk for code freeze");
    expect(v.checklist.find((i) => i.id === "code-prs-ready")!.fix).toBe(
      "https://github.com/kubernetes/kubernetes/pull/130002 (needs lgtm)",
    );

    pullRequests["kubernetes/kubernetes#130002"].labels.push("lgtm");
    expect(planIssue(input({ issue: issue(4192, { body }), kep: realKep("4192"), now: BEFORE_CODE, pullRequests })).status).toBe(
      "Tracked for code freeze",
    );
  });

  it("out-of-tree work is not held to the k/k PR list", () => {
    const v = planIssue(
      input({ issue: issue(4192, { labels: ["lead-opted-in", "tracked/out-of-tree"] }), kep: realKep("4192"), now: BEFORE_CODE }),
    );
    expect(v.status).toBe("Tracked for code freeze");
  });

  it("before docs freeze: a stable KEP must say status implemented", () => {
    const body =
      "- [x] Stable - v1.37\n  - Code (k/k) update PR(s): kubernetes/kubernetes#130001\n  - Docs (k/website) update PR(s): kubernetes/website#51000\n";
    const pullRequests = {
      "kubernetes/kubernetes#130001": { state: "merged" as const, labels: [] },
      "kubernetes/website#51000": { state: "merged" as const, labels: [] },
    };
    const v = planIssue(input({ issue: issue(4192, { body }), kep: realKep("4192"), now: BEFORE_DOCS, pullRequests }));
    expect(v.status).toBe("At risk for docs freeze");
    expect(ids(v.checklist, false)).toEqual(["kep-implemented"]);
  });
});

describe("open pull requests", () => {
  const retargeted = (text: string) =>
    text.replace('latest-milestone: "v1.36"', 'latest-milestone: "v1.37"').replace("stage: beta", "stage: stable");

  it("count for PRR freeze, and block enhancements freeze until merged", () => {
    // KEP 4827 (component statusz) as merged is beta in v1.36; an open PR moves it to stable in v1.37.
    const merged = realKep("4827");
    expect(merged.metadata.latestMilestone).toBe("v1.36");
    const prrFile = "keps/prod-readiness/sig-instrumentation/4827.yaml";
    const files = [merged.report.path, prrFile];
    const withoutPrr = {
      number: 5600,
      url: "https://github.com/kubernetes/enhancements/pull/5600",
      files,
      kep: editedKep("4827", retargeted),
    };
    const atPrr = planIssue(input({ issue: issue(4827), kep: merged, openPrs: [withoutPrr], now: OPT_IN }));
    expect(atPrr).toMatchObject({ stage: "stable", stageSource: "pull request", status: "At risk for PRR freeze" });
    expect(ids(atPrr.checklist, false)).toEqual(["prr-approver"]);
    expect(atPrr.checklist.find((i) => !i.done)!.fix).toBe(`name your PRR approver under \`stable:\` in ${prrFile}`);

    const prr = `${checkout.read(prrFile)}stable:\n  approver: "@jpbetz"\n`;
    const withPrr = { ...withoutPrr, kep: editedKep("4827", retargeted, { [prrFile]: prr }) };
    expect(planIssue(input({ issue: issue(4827), kep: merged, openPrs: [withPrr], now: OPT_IN })).status).toBe("Tracked for PRR freeze");

    const atEf = planIssue(input({ issue: issue(4827), kep: merged, openPrs: [withPrr], now: BEFORE_EF }));
    expect(atEf.status).toBe("At risk for enhancements freeze");
    expect(ids(atEf.checklist, false)).toEqual(["kep-stage", "kep-latest-milestone", "prr-approved", "no-open-kep-pr"]);
    expect(atEf.checklist.find((i) => i.id === "no-open-kep-pr")!.fix).toBe("merge or close #5600 before the freeze");
    expect(problems(atEf)).not.toContain("missed-freeze");
  });
});

describe("problems", () => {
  it("kep-not-found and missing-deadlines when no kep.yaml has the issue's number", () => {
    const v = planIssue(input({ issue: issue(999999, { labels: ["lead-opted-in", "stage/beta"] }) }));
    expect(problems(v)).toEqual(expect.arrayContaining(["kep-not-found", "missing-deadlines"]));
    expect(v).toMatchObject({ stage: "beta", stageSource: "label" });
  });

  it("missing-owners when the issue has no assignee and kep.yaml no author", () => {
    const kep = editedKep("5958", (t) => t.replace(/authors:\n( {2}- .*\n)+/, "authors: []\n"));
    const v = planIssue(input({ issue: issue(5958, { assignees: [] }), kep }));
    expect(problems(v)).toContain("missing-owners");
    expect(v.owners).toEqual([]);
  });

  it("owners fall back to kep.yaml authors, without @", () => {
    const v = planIssue(input({ issue: issue(5958, { assignees: [] }), kep: realKep("5958") }));
    expect(v.ownersSource).toBe("authors");
    expect(v.owners.length).toBeGreaterThan(0);
    expect(v.owners.every((o) => !o.startsWith("@"))).toBe(true);
  });

  it("kep-invalid when the merged KEP fails upstream CI", () => {
    const kep = editedKep("5958", (t) => t.replace("owning-sig: sig-api-machinery", "owning-sig: sig-api-machinery\nowning-sigs: oops"));
    expect(problems(planIssue(input({ issue: issue(5958), kep })))).toContain("kep-invalid");
  });

  it("the plan swaps a stale stage label, and the comment already reads as after the swap", () => {
    const v = planIssue(
      input({ issue: issue(5958, { labels: ["lead-opted-in", "stage/beta", "sig/api-machinery"] }), kep: realKep("5958") }),
    );
    expect(v.plan).toMatchObject({ addLabels: ["stage/alpha"], removeLabels: ["stage/beta"] });
    // Otherwise the next event or sweep would edit the comment a second time, only to drop the problem.
    expect(problems(v)).not.toContain("stage-label-mismatch");
    expect(v.plan.comment).not.toContain("stage/beta");
  });

  it("stage-label-mismatch when the label disagrees with a stage only an open PR gives", () => {
    const merged = realKep("4827");
    const pr = {
      number: 5600,
      url: "https://github.com/kubernetes/enhancements/pull/5600",
      files: [merged.report.path],
      kep: editedKep("4827", (t) =>
        t.replace('latest-milestone: "v1.36"', 'latest-milestone: "v1.37"').replace("stage: beta", "stage: stable"),
      ),
    };
    const v = planIssue(
      input({ issue: issue(4827, { labels: ["lead-opted-in", "stage/beta", "sig/instrumentation"] }), kep: merged, openPrs: [pr] }),
    );
    expect(v.plan).toMatchObject({ addLabels: [], removeLabels: [] });
    expect(v.problems.find((p) => p.id === "stage-label-mismatch")?.message).toBe(
      "The label says stage/beta but pull request says stage stable.",
    );
  });

  it("says once when the description's target for the release disagrees with kep.yaml, judges kep.yaml and asks to align them", () => {
    // KEP 4960 (container stop signals): kep.yaml says beta for v1.37; the description says stable for v1.37.
    const body = "- [ ] Stable - v1.37\n  - Code (k/k) update PR(s): https://github.com/kubernetes/kubernetes/pull/130556\n";
    const v = planIssue(input({ issue: issue(4960, { body, labels: ["lead-opted-in", "stage/beta"] }), kep: realKep("4960") }));
    expect(v).toMatchObject({ stage: "beta", stageSource: "kep.yaml" });
    expect(v.problems.filter((p) => p.id === "stage-target-mismatch").map((p) => p.message)).toEqual([
      "The issue description targets stable in v1.37 but kep.yaml says stage beta: the checklist follows kep.yaml, " +
        "which upstream CI checks; the KEP's owners align the two.",
    ]);
    expect(v.plan.comment!.match(/targets stable in v1\.37/g)).toHaveLength(1);
  });

  it("no disagreement when the description's target for the release is kep.yaml's stage, or names another release", () => {
    const agree = "- [ ] Beta - v1.37\n";
    const other = "- [x] Alpha - v1.33\n- [ ] Stable - v1.39\n";
    for (const body of [agree, other])
      expect(problems(planIssue(input({ issue: issue(4960, { body }), kep: realKep("4960") })))).not.toContain("stage-target-mismatch");
  });

  it("adds the owning SIG's label only when the issue has no SIG label", () => {
    expect(
      planIssue(input({ issue: issue(5958, { labels: ["lead-opted-in", "stage/alpha"] }), kep: realKep("5958") })).plan.addLabels,
    ).toEqual(["sig/api-machinery"]);
    expect(
      planIssue(input({ issue: issue(5958, { labels: ["lead-opted-in", "stage/alpha", "sig/node"] }), kep: realKep("5958") })).plan
        .addLabels,
    ).toEqual([]);
  });

  it("milestone-mismatch, opted-in-without-milestone and milestone-without-opt-in", () => {
    expect(problems(planIssue(input({ issue: issue(5958, { milestone: "v1.36" }), kep: realKep("5958") })))).toContain(
      "milestone-mismatch",
    );
    expect(problems(planIssue(input({ issue: issue(5958, { milestone: null }), kep: realKep("5958") })))).toContain(
      "opted-in-without-milestone",
    );
    const noOptIn = planIssue(input({ issue: issue(5958, { labels: [] }), kep: realKep("5958") }));
    expect(problems(noOptIn)).toContain("milestone-without-opt-in");
    expect(noOptIn.status).toBe("At risk for PRR freeze");
  });

  it("conflicting-tracked-labels and tracked-but-closed", () => {
    const v = planIssue(
      input({ issue: issue(5958, { labels: ["lead-opted-in", "tracked/yes", "tracked/no"], state: "closed" }), kep: realKep("5958") }),
    );
    expect(problems(v)).toEqual(expect.arrayContaining(["conflicting-tracked-labels"]));
    const closed = planIssue(
      input({ issue: issue(5958, { labels: ["lead-opted-in", "tracked/yes"], state: "closed" }), kep: realKep("5958") }),
    );
    expect(problems(closed)).toContain("tracked-but-closed");
  });

  it("a provisional KEP after enhancements freeze missed it", () => {
    const v = planIssue(input({ issue: issue(5343), kep: realKep("5343"), now: BEFORE_CODE }));
    expect(v.status).toBe("At risk for enhancements freeze");
    expect(problems(v)).toContain("missed-freeze");
    expect(v.checklist.filter((i) => !i.done).map((i) => [i.freeze, i.id])).toContainEqual(["enhancements-freeze", "kep-status"]);
  });

  it("tracked/no reads as Removed from milestone; an issue outside the release gets no comment", () => {
    expect(planIssue(input({ issue: issue(5958, { labels: ["tracked/no"], milestone: null }), kep: realKep("5958") })).status).toBe(
      "Removed from milestone",
    );
    const outside = planIssue(input({ issue: issue(5958, { labels: [], milestone: null }), kep: realKep("5958") }));
    expect(outside).toMatchObject({ inRelease: false, status: null, plan: { comment: null } });
  });
});

describe("board status words", () => {
  it("are, for every freeze, tracked or at risk, one of the board's own statuses", () => {
    for (const freeze of DEADLINES) for (const ok of [true, false]) expect(BOARD_STATUSES).toContain(boardStatus(freeze, ok));
  });
});
