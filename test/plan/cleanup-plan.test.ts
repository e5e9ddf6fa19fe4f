import { describe, expect, it } from "vitest";
import { type CleanupContext, type CleanupIssue, closingComment, handbookQueries, planCleanup } from "../../src/plan/cleanup-plan.js";
import { nextRelease } from "../../src/release/names.js";

const V137 = { title: "v1.37", number: 37 };
const V138 = { title: "v1.38", number: 38 };
const CTX: CleanupContext = {
  release: "v1.37",
  next: "v1.38",
  current: "v1.37",
  nextMilestone: V138,
  leadOptedIn: "lead-opted-in",
  tracked: ["tracked/yes", "tracked/no", "tracked/out-of-tree"],
  botLogin: "kep-tracker[bot]",
};

const kep = (stage: string, status: string, latestMilestone: string) => ({
  path: "keps/sig-x/1-x/kep.yaml",
  stage,
  status,
  latestMilestone,
});
const issue = (
  number: number,
  labels: string[],
  milestone: CleanupIssue["milestone"],
  k: CleanupIssue["kep"] = null,
  comments: CleanupIssue["comments"] = [],
): CleanupIssue => ({ number, title: `KEP ${number}`, labels, milestone, comments, kep: k });

describe("the end-of-cycle cleanup plan", () => {
  it("closes a stable, implemented KEP's issue with a comment saying it is implemented and stable in the release", () => {
    const plan = planCleanup([issue(1, ["lead-opted-in", "tracked/yes"], V137, kep("stable", "implemented", "v1.37"))], CTX);
    expect(plan.actions).toEqual([
      {
        step: "close",
        issue: 1,
        title: "KEP 1",
        writes: [
          { kind: "create-comment", body: expect.stringContaining("Implemented and stable in v1.37") },
          { kind: "close-issue", reason: "completed" },
        ],
      },
    ]);
  });

  it("does not post the closing comment again when an earlier run posted it but the issue stayed open", () => {
    const posted = { id: 5, author: "kep-tracker[bot]", bot: true, body: closingComment("v1.37", kep("stable", "implemented", "v1.37")) };
    const plan = planCleanup([issue(1, ["lead-opted-in"], V137, kep("stable", "implemented", "v1.37"), [posted])], CTX);
    expect(plan.actions[0]!.writes).toEqual([{ kind: "close-issue", reason: "completed" }]);
  });

  it("moves an issue whose kep.yaml names the next release to its milestone, keeping lead-opted-in and dropping tracked/*", () => {
    const plan = planCleanup([issue(2, ["lead-opted-in", "tracked/no"], V137, kep("alpha", "implementable", "v1.38"))], CTX);
    expect(plan.actions).toEqual([
      {
        step: "move",
        issue: 2,
        title: "KEP 2",
        writes: [
          { kind: "set-milestone", milestone: V138 },
          { kind: "remove-label", label: "tracked/no" },
        ],
      },
    ]);
  });

  it("holds an issue opted in for the next release when that milestone does not exist yet, saying so", () => {
    const plan = planCleanup([issue(2, ["lead-opted-in"], V137, kep("alpha", "implementable", "v1.38"))], { ...CTX, nextMilestone: null });
    expect(plan.actions).toEqual([]);
    expect(plan.held).toEqual([{ issue: 2, title: "KEP 2", reason: expect.stringContaining("v1.38") }]);
  });

  it("untracks every other issue of the first query: lead-opted-in and tracked/* removed, milestone cleared, other labels kept", () => {
    const plan = planCleanup(
      [
        issue(3, ["lead-opted-in", "tracked/yes", "sig/node"], V137, kep("beta", "implementable", "v1.37")),
        issue(4, ["lead-opted-in"], null),
      ],
      CTX,
    );
    expect(plan.actions.map((a) => [a.step, a.issue, a.writes])).toEqual([
      [
        "untrack",
        3,
        [
          { kind: "remove-label", label: "lead-opted-in" },
          { kind: "remove-label", label: "tracked/yes" },
          { kind: "set-milestone", milestone: null },
        ],
      ],
      ["untrack", 4, [{ kind: "remove-label", label: "lead-opted-in" }]],
    ]);
  });

  it("removes tracked/* left on open issues outside the first query, the next milestone's included, and touches nothing else", () => {
    const plan = planCleanup(
      [issue(5, ["tracked/out-of-tree"], null), issue(6, ["lead-opted-in", "tracked/yes"], V138), issue(7, ["sig/apps"], null)],
      CTX,
    );
    expect(plan.actions.map((a) => [a.step, a.issue, a.writes])).toEqual([
      ["clear-tracked", 5, [{ kind: "remove-label", label: "tracked/out-of-tree" }]],
      ["clear-tracked", 6, [{ kind: "remove-label", label: "tracked/yes" }]],
    ]);
  });

  it("plans nothing for a repository already cleaned up, where both handbook queries are empty", () => {
    const clean = [issue(6, ["lead-opted-in"], V138), issue(7, ["sig/apps"], null)];
    expect(planCleanup(clean, CTX)).toEqual({ actions: [], held: [] });
    expect(handbookQueries(clean, CTX)).toEqual({ optedIn: [], tracked: [] });
  });

  it("plans an issue read by both queries once, in step order", () => {
    const both = issue(3, ["lead-opted-in", "tracked/yes"], V137);
    const plan = planCleanup([issue(9, ["tracked/no"], null), both, both], CTX);
    expect(plan.actions.map((a) => [a.step, a.issue])).toEqual([
      ["untrack", 3],
      ["clear-tracked", 9],
    ]);
  });

  it("names the release after v1.37 v1.38, and after v1.9 v1.10", () => {
    expect(nextRelease("v1.37")).toBe("v1.38");
    expect(nextRelease("v1.9")).toBe("v1.10");
    expect(nextRelease("1.37")).toBeNull();
  });
});
