import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planIssue } from "../../src/plan/issue-plan.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { releaseWords } from "../../src/release/release-words.js";
import { GITHUB_BODY_LIMIT } from "../../src/util/user-text.js";
import { editedKep, input, issue, realKep } from "../helpers/tracking.js";

const golden = (name: string) => readFileSync(new URL(`./golden/${name}.md`, import.meta.url), "utf8");
const OPT_IN = new Date("2026-06-01T09:00:00Z");
const BEFORE_EF = new Date("2026-06-12T09:00:00Z");

// Each golden body was read as the KEP's author would read it: who it is for,
// the status, the freeze and its deadline, what to change in which file.
describe("the status comment", () => {
  it("is short when all is well (tracked for PRR freeze)", () => {
    const v = planIssue(input({ issue: issue(3541, { assignees: ["alice", "bob"] }), kep: realKep("3541"), now: OPT_IN }));
    expect(v.plan.comment).toBe(golden("tracked-prr"));
    expect(v.plan.comment).not.toContain("To do");
  });

  it("lists what to change when at risk, marking what a passed freeze needed", () => {
    // A disabled KEP whose map names its deprecation for the next release (without that line, latest-milestone suffices).
    const kep = editedKep("5040", (t) => t.replace('stable: "1.39"', 'stable: "1.39"\n  deprecated: "v1.38"'));
    const v = planIssue(input({ issue: issue(5040), kep, now: BEFORE_EF }));
    expect(v.plan.comment).toBe(golden("at-risk-missed"));
  });

  it("greets the kep.yaml authors when nobody is assigned, and quotes upstream CI's errors", () => {
    const bad = editedKep("5958", (t) => t.replace("owning-sig: sig-api-machinery", "owning-sig: sig-api-machinery\nowning-sigs: oops"));
    const v = planIssue(input({ issue: issue(5958, { assignees: [], labels: ["stage/beta"] }), kep: bad, now: OPT_IN }));
    expect(v.plan.comment).toBe(golden("invalid"));
  });

  it("says why a KEP was removed from the milestone and how to come back", () => {
    const v = planIssue(
      input({
        issue: issue(5958, { labels: ["tracked/no"], milestone: null }),
        kep: realKep("5958"),
        untrackReason: "the KEP will not graduate this cycle",
      }),
    );
    expect(v.plan.comment).toBe(golden("removed"));
  });

  it("stays within GitHub's 65,536 characters whatever the words, keeping its markers", () => {
    const long = "W".repeat(70_000);
    const words = releaseWords("v1.37", { freezes: { "prr-freeze": long }, statuses: { "tracked-prr-freeze": long } });
    const v = planIssue(input({ issue: issue(5040), kep: realKep("5040"), now: BEFORE_EF, words }));
    expect(GITHUB_BODY_LIMIT).toBe(65_536);
    expect(v.plan.comment!.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(v.plan.comment!.startsWith(`${STATUS_MARKER}\n`)).toBe(true);
    expect(v.plan.comment).toContain("kep-tracker");
  });

  it("shows a status conflict in its problems even when it says Removed from milestone", () => {
    const both = issue(5958, { labels: ["lead-opted-in", "tracked/yes", "tracked/no"], milestone: "v1.37" });
    const v = planIssue(input({ issue: both, kep: realKep("5958") }));
    expect(v.status).toBe("Removed from milestone");
    expect(v.plan.comment).toContain("**Problems:**");
    expect(v.plan.comment).toContain("`conflicting-tracked-labels`: The issue has tracked/yes and tracked/no");
    expect(v.plan.comment).toContain("`untracked-in-milestone`");
  });

  it("starts with the hidden marker the App finds it by", () => {
    const v = planIssue(input({ issue: issue(3541), kep: realKep("3541") }));
    expect(v.plan.comment!.startsWith(`${STATUS_MARKER}\n`)).toBe(true);
  });

  it("gives the same bytes for the same inputs, and changes at most once a day until the last two days", () => {
    const at = (now: Date) => planIssue(input({ issue: issue(3541), kep: realKep("3541"), now })).plan.comment;
    const first = at(OPT_IN);
    expect(at(OPT_IN)).toBe(first);
    // PRR freeze is at 12:00 UTC: the count of whole days left turns over just after then, and only then.
    expect(at(new Date("2026-06-01T12:00:00Z"))).toBe(first);
    const next = at(new Date("2026-06-01T12:01:00Z"));
    expect(next).not.toBe(first);
    expect(next!.replace("(in 8 days)", "(in 9 days)")).toBe(first);
    expect(at(new Date("2026-06-02T12:00:00Z"))).toBe(next);
  });
});

describe("the status comment after release day", () => {
  it("tells no one to ask for an exception: there is no freeze left to miss", () => {
    const v = planIssue(
      input({ issue: issue(3541), kep: editedKep("3541", (t) => t.replace(/^stage: .*$/m, "")), now: new Date("2026-09-01T09:00:00Z") }),
    );
    expect(v.plan.comment).toContain("v1.37 has been released.");
    expect(v.plan.comment).not.toContain("ask for an exception");
    expect(v.problems.find((p) => p.id === "missed-freeze")?.message).toMatch(/with items unmet: the KEP did not make v1\.37\.$/);
  });
});
