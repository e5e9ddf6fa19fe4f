import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planIssue } from "../../src/plan/issue-plan.js";
import { releaseWords } from "../../src/release/release-words.js";
import { dueReminder, renderReminder } from "../../src/render/reminder.js";
import { type ExceptionFields, exceptionState } from "../../src/verdict/exceptions.js";
import { editedKep, input, issue, realKep, SETTINGS, V137 } from "../helpers/tracking.js";

/**
 * After PRR freeze (2026-06-10 12:00 UTC), before enhancements freeze: KEP 5040 (disabled), its map naming
 * its deprecation for v1.38, missed the PRR freeze.
 */
const BEFORE_EF = new Date("2026-06-12T09:00:00Z");
const V137_WORDS = releaseWords("v1.37");
const LATE_5040 = editedKep("5040", (t) => t.replace('stable: "1.39"', 'stable: "1.39"\n  deprecated: "v1.38"'));

const fields = (over: Partial<ExceptionFields>): ExceptionFields => ({
  requestType: "PRR / KEP Readiness",
  status: null,
  additionalDays: null,
  requestedAt: new Date("2026-06-11T10:00:00Z"),
  ...over,
});
const missed = (over: Partial<ExceptionFields>, now = BEFORE_EF) =>
  planIssue(input({ issue: issue(5040), kep: LATE_5040, now, exception: exceptionState(fields(over), V137, now), words: V137_WORDS }));

describe("an exception on the release board, in the evaluation", () => {
  it("without one, a KEP that missed the PRR freeze is at risk and faces removal", () => {
    const v = missed({ requestType: null });
    expect(v.status).toBe("At risk for PRR freeze");
    expect(v.problems.map((p) => p.id)).toContain("missed-freeze");
  });

  it("In Review: Exception pending, the KEP is not called for removal, and no reminder is sent", () => {
    const v = missed({ status: "In Review" });
    expect(v.status).toBe("Exception pending");
    expect(v.problems.map((p) => p.id)).not.toContain("missed-freeze");
    expect(dueReminder(v, [7, 2], BEFORE_EF)).toBeNull();
    expect(v.plan.comment).toContain("**Status: Exception pending**");
    expect(v.plan.comment).toContain("An exception for the PRR freeze is in review: the KEP stays in the release meanwhile.");
  });

  it("Approved: Exception approved until the freeze's deadline plus the days granted, the checklist judged against that day", () => {
    const v = missed({ status: "Approved", additionalDays: 3 });
    expect(v.status).toBe("Exception approved");
    // PRR freeze ended Tuesday 9 June AoE: 3 more days end with Friday 12 June AoE.
    expect(v.freeze).toBe("prr-freeze");
    expect(v.deadline?.at).toBe("2026-06-13T12:00:00.000Z");
    expect(v.checklist.some((i) => i.freeze === "prr-freeze" && !i.done)).toBe(true);
    expect(v.problems.map((p) => p.id)).not.toContain("missed-freeze");
    expect(v.plan.comment).toContain(
      "An exception for the PRR freeze is approved until 2026-06-13 12:00 UTC; the checklist is judged against that date.",
    );
    expect(v.plan.comment).toContain("**PRR freeze:** until Saturday 13 June 2026, 12:00 UTC (exception, in ");
  });

  it("Approved, once the time granted has passed: Tracked or At risk as usual", () => {
    const after = new Date("2026-06-14T09:00:00Z");
    const v = missed({ status: "Approved", additionalDays: 3 }, after);
    expect(v.status).toBe("At risk for PRR freeze");
    expect(v.plan.comment).toContain("ran until 2026-06-13 12:00 UTC; the KEP is judged as usual since.");
  });

  it.each([1e12, 366, Number.MAX_SAFE_INTEGER])(
    "Approved with %d days of Additional Time: a problem of this item, judged as usual",
    (days) => {
      const v = missed({ status: "Approved", additionalDays: days });
      expect(v.status).toBe("At risk for PRR freeze");
      expect(v.plan.comment).toContain(`could not be read (Additional Time of ${days} days is more than 365)`);
    },
  );

  it("Rejected: Removed from milestone, as the team does by hand", () => {
    const v = missed({ status: "Rejected" });
    expect(v.status).toBe("Removed from milestone");
    expect(v.plan.comment).toContain("**Status: Removed from milestone**");
    expect(v.plan.comment).toContain("The exception for the PRR freeze was rejected.");
  });

  it("a request made more than 3 days after the freeze is still shown, with what EXCEPTIONS.md asks", () => {
    const v = missed({ status: "In Review", requestedAt: new Date("2026-06-14T00:00:00Z") }, new Date("2026-06-15T09:00:00Z"));
    expect(v.status).toBe("Exception pending");
    expect(v.plan.comment).toContain("It was asked more than 3 days after the PRR freeze; EXCEPTIONS.md asks for requests within 3 days.");
  });
});

const golden = (name: string) => readFileSync(new URL(`../render/golden/${name}.md`, import.meta.url), "utf8");

describe("the status comment and reminders in v1.38's words", () => {
  const V138 = { ...SETTINGS, release: "v1.38" };
  const words = releaseWords("v1.38");
  const kep = realKep("4443");
  const opted = issue(4443, { milestone: "v1.38", labels: ["lead-opted-in", "sig/apps", "stage/alpha"] });
  const OPT_IN = new Date("2026-06-01T09:00:00Z");

  it("names the KEP Readiness Deadline where v1.37 said PRR freeze", () => {
    const v = planIssue(input({ issue: opted, kep, settings: V138, now: OPT_IN, words }));
    expect(v.plan.comment).toBe(golden("v138-kep-readiness"));
    expect(v.plan.comment).toMatch(/\*\*Status: (Tracked|At risk) for KEP readiness\*\*/);
    expect(v.plan.comment).toContain("**KEP Readiness Deadline:**");
    expect(v.plan.comment).not.toContain("PRR freeze");
  });

  it("tells an exception for the KEP readiness deadline in v1.38's words", () => {
    const now = new Date("2026-06-11T09:00:00Z");
    const exception = exceptionState(fields({ status: "In Review" }), V137, now);
    const v = planIssue(input({ issue: opted, kep, settings: V138, now, words, exception }));
    expect(v.plan.comment).toBe(golden("v138-exception-pending"));
    expect(v.plan.comment).toContain("An exception for the KEP readiness deadline is in review");
  });

  it("reminds of the KEP readiness deadline by that name", () => {
    const at = new Date("2026-06-08T13:00:00Z");
    const bare = issue(4443, { milestone: "v1.38", labels: ["lead-opted-in"], assignees: [] });
    const v = planIssue(input({ issue: bare, kep: null, settings: V138, now: at, words }));
    const due = dueReminder(v, [7, 2], at);
    expect(due).not.toBeNull();
    const text = renderReminder(v, due!, null, words);
    expect(text).toContain("at risk for KEP readiness deadline");
    expect(text).toContain("**KEP Readiness Deadline:**");
  });
});
