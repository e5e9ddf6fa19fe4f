import { describe, expect, it } from "vitest";
import { releaseWords, STATUS_KEYS, statusKeyOf, trackedStatusKey } from "../../src/release/release-words.js";
import { parseTimeline } from "../../src/release/timeline.js";
import { BOARD_STATUSES } from "../../src/verdict/types.js";

describe("a release's words", () => {
  it("up to v1.37 the first freeze is the PRR freeze and the board says 'Tracked for PRR freeze'", () => {
    const w = releaseWords("v1.37");
    expect(w.freezes["prr-freeze"]).toEqual({ name: "PRR freeze", title: "PRR freeze" });
    expect(w.statuses["tracked-prr-freeze"]).toBe("Tracked for PRR freeze");
    expect(w.statuses["at-risk-enhancements-freeze"]).toBe("At risk for enhancements freeze");
  });

  it("from v1.38 the PRR freeze is the KEP Readiness Deadline and the board says 'Tracked for KEP readiness'", () => {
    const w = releaseWords("v1.38");
    expect(w.freezes["prr-freeze"].title).toBe("KEP Readiness Deadline");
    expect(w.statuses["tracked-prr-freeze"]).toBe("Tracked for KEP readiness");
    expect(w.statuses["at-risk-prr-freeze"]).toBe("At risk for KEP readiness");
    expect(w.statuses["tracked-code-freeze"]).toBe("Tracked for code freeze");
    expect(releaseWords("1.40").statuses["at-risk-prr-freeze"]).toBe("At risk for KEP readiness");
  });

  it("the configuration can rename a freeze, which renames its statuses, or a single status", () => {
    const w = releaseWords("v1.38", {
      freezes: { "code-freeze": "code and test freeze" },
      statuses: { "exception-pending": "Exception Pending" },
    });
    expect(w.freezes["code-freeze"]).toEqual({ name: "code and test freeze", title: "Code and test freeze" });
    expect(w.statuses["at-risk-code-freeze"]).toBe("At risk for code and test freeze");
    expect(w.statuses["exception-pending"]).toBe("Exception Pending");
    expect(releaseWords("v1.37", { freezes: { "prr-freeze": "KEP readiness deadline" } }).statuses["tracked-prr-freeze"]).toBe(
      "Tracked for KEP readiness deadline",
    );
  });

  it("every status the evaluation gives today has a key, and v1.37's words are exactly those statuses", () => {
    const keys = BOARD_STATUSES.map(statusKeyOf);
    expect(keys).not.toContain(null);
    expect(new Set(keys).size).toBe(STATUS_KEYS.length);
    const w = releaseWords("v1.37");
    expect(BOARD_STATUSES.map((s) => w.statuses[statusKeyOf(s)!])).toEqual([...BOARD_STATUSES]);
    expect(statusKeyOf("Tracked for KEP readiness")).toBeNull();
  });

  it("after docs freeze a KEP keeps its docs freeze status", () => {
    expect(trackedStatusKey(true, "release")).toBe("tracked-docs-freeze");
    expect(trackedStatusKey(false, "prr-freeze")).toBe("at-risk-prr-freeze");
  });
});

describe("the v1.38 Timeline", () => {
  it("still names the row 'Production Readiness Freeze', and it is read as the KEP readiness deadline", () => {
    // The v1.38 README's row (sig-release PR #3108 renamed the freeze but not this row).
    const table = [
      "| **What** | **Who** | **When** | **Week** |",
      "|---|---|---|---|",
      "| Begin [Production Readiness Freeze](https://example.invalid) | Enhancements Lead | Tuesday 6th October 2026 (AoE) / Wednesday 7th October 2026, 12:00 UTC | week 4 |",
    ].join("\n");
    expect(parseTimeline(table).deadlines["prr-freeze"]?.at.toISOString()).toBe("2026-10-07T12:00:00.000Z");
  });
});
