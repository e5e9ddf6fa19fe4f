import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { daysUntil, deadlineInstants, PHASES, phaseAt } from "../../src/release/schedule.js";
import { DEADLINES, type Deadline, parseTimeline } from "../../src/release/timeline.js";
import { TIMELINES } from "../helpers/fixtures.js";

const v137 = parseTimeline(readFileSync(`${TIMELINES}/release-1.37-timeline.md`, "utf8"));
const deadlines = deadlineInstants(v137)!;
const plus = (at: Date, ms: number) => new Date(at.getTime() + ms);
const MINUTE = 60_000;
const DAY = 86_400_000;

describe("deadlineInstants", () => {
  it("gives the five instants of a complete timeline", () => {
    expect(Object.keys(deadlines)).toEqual([...DEADLINES]);
    expect(deadlines["prr-freeze"].toISOString()).toBe("2026-06-10T12:00:00.000Z");
  });

  it("gives null when a deadline is missing", () => {
    const { release: _dropped, ...four } = v137.deadlines;
    expect(deadlineInstants({ deadlines: four, missing: ["release"] })).toBeNull();
  });
});

describe("phaseAt", () => {
  it("is opt-in long before PRR freeze", () => {
    expect(phaseAt(deadlines, new Date("2026-05-18T00:00:00Z"))).toEqual({ phase: "opt-in", next: "prr-freeze" });
  });

  it("is released long after the release", () => {
    expect(phaseAt(deadlines, new Date("2027-01-01T00:00:00Z"))).toEqual({ phase: "released", next: null });
  });

  // Each deadline ends the phase of the same index: one millisecond before it, the phase still
  // runs; at the instant itself the deadline has passed and the next phase has begun.
  describe.each(DEADLINES.map((deadline, i) => [deadline, i] as const))("around %s", (deadline, i) => {
    const at = deadlines[deadline];

    it("is still the phase it ends one millisecond before", () => {
      expect(phaseAt(deadlines, plus(at, -1))).toEqual({ phase: PHASES[i], next: deadline });
    });

    it("has moved on at the instant itself", () => {
      const next: Deadline | null = DEADLINES[i + 1] ?? null;
      expect(phaseAt(deadlines, at)).toEqual({ phase: PHASES[i + 1], next });
      expect(phaseAt(deadlines, plus(at, 1))).toEqual({ phase: PHASES[i + 1], next });
    });
  });

  it("names the phases after the deadline that ends them", () => {
    expect(PHASES).toEqual([
      "opt-in",
      "before-enhancements-freeze",
      "before-code-freeze",
      "before-docs-freeze",
      "before-release",
      "released",
    ]);
  });
});

describe("daysUntil", () => {
  const now = new Date("2026-06-01T12:00:00Z");

  it.each([
    ["a passed deadline", -DAY, 0],
    ["the instant itself", 0, 0],
    ["30 seconds away", 30_000, 0],
    ["just under a minute away", MINUTE - 1, 0],
    ["exactly a minute away", MINUTE, 1],
    ["an hour away", 60 * MINUTE, 1],
    ["exactly a day away", DAY, 1],
    ["a day and a millisecond away", DAY + 1, 2],
    ["a week away", 7 * DAY, 7],
    ["six and a half days away", 6.5 * DAY, 7],
  ])("gives %s as %i", (_what, ms, days) => {
    expect(daysUntil(plus(now, ms), now)).toBe(days);
  });

  it("counts from PRR freeze's AoE instant", () => {
    expect(daysUntil(deadlines["prr-freeze"], now)).toBe(9);
  });

  it("gives 0 for an invalid date rather than NaN", () => {
    expect(daysUntil(new Date("nonsense"), now)).toBe(0);
  });
});
