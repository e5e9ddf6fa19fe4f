import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEADLINES, type Deadline, parseDeadlineText, parseTimeline } from "../../src/release/timeline.js";
import { ENHANCEMENTS, TIMELINES } from "../helpers/fixtures.js";

const timelineOf = (version: string) => parseTimeline(readFileSync(`${TIMELINES}/release-${version}-timeline.md`, "utf8"));

/** A deadline as ISO text plus its flag, so failures print readably. */
const shown = (d: { at: Date; approximate: boolean } | null | undefined) => d && { at: d.at.toISOString(), approximate: d.approximate };
const exact = (iso: string) => ({ at: new Date(iso).toISOString(), approximate: false });
const approx = (iso: string) => ({ at: new Date(iso).toISOString(), approximate: true });

describe("parseDeadlineText", () => {
  describe("AoE with a UTC instant (v1.35 on)", () => {
    it("reads the UTC part", () => {
      expect(shown(parseDeadlineText("Tuesday 9th June 2026 (AoE) / Wednesday 10th June 2026, 12:00 UTC"))).toEqual(
        exact("2026-06-10T12:00:00Z"),
      );
    });

    it("lets the explicit UTC part win over the AoE day when they disagree", () => {
      expect(shown(parseDeadlineText("Tuesday 9th June 2026 (AoE) / Wednesday 10th June 2026, 11:00 UTC"))).toEqual(
        exact("2026-06-10T11:00:00Z"),
      );
    });

    it("reads a bare AoE day as 12:00 UTC the next day, exactly", () => {
      expect(shown(parseDeadlineText("Tuesday 9th June 2026 (AoE)"))).toEqual(exact("2026-06-10T12:00:00Z"));
      expect(shown(parseDeadlineText("Tuesday 30th June 2026 AoE"))).toEqual(exact("2026-07-01T12:00:00Z"));
      expect(shown(parseDeadlineText("2026-06-09 (AoE)"))).toEqual(exact("2026-06-10T12:00:00Z"));
    });
  });

  describe("UTC time with a US Pacific time (v1.28 to v1.34)", () => {
    it("reads the UTC part", () => {
      expect(shown(parseDeadlineText("02:00 UTC Friday 11th October 2024 / 19:00 PDT Thursday 10th October 2024"))).toEqual(
        exact("2024-10-11T02:00:00Z"),
      );
    });

    it("trusts UTC over a wrong local label (v1.34: 14:00 PST in June, really PDT)", () => {
      expect(shown(parseDeadlineText("21:00 UTC Friday 20th June 2025 / 14:00 PST Friday 20th June 2025"))).toEqual(
        exact("2025-06-20T21:00:00Z"),
      );
      // v1.30: "18:00 PDT" on a February evening, really PST.
      expect(shown(parseDeadlineText("02:00 UTC Friday 9th February 2024 / 18:00 PDT Thursday 8th February 2024"))).toEqual(
        exact("2024-02-09T02:00:00Z"),
      );
    });

    it("finds the UTC part whichever side of the slash it is on", () => {
      expect(shown(parseDeadlineText("19:00 PDT Thursday 10th October 2024 / 02:00 UTC Friday 11th October 2024"))).toEqual(
        exact("2024-10-11T02:00:00Z"),
      );
    });

    it("reads through a Markdown link to everytimezone.com", () => {
      const cell = "[01:00 UTC Friday 16th June 2023 / 18:00 PDT Thursday 15th June 2023](https://everytimezone.com/s/7babb4d3)";
      expect(shown(parseDeadlineText(cell))).toEqual(exact("2023-06-16T01:00:00Z"));
    });

    it("uses a Pacific time alone when there is no UTC part, but marks it approximate", () => {
      expect(shown(parseDeadlineText("19:00 PDT Thursday 10th October 2024"))).toEqual(approx("2024-10-11T02:00:00Z"));
      expect(shown(parseDeadlineText("18:00 PST Thursday 13th February 2025"))).toEqual(approx("2025-02-14T02:00:00Z"));
    });
  });

  describe("a day with no time", () => {
    it("means the end of that day AoE, marked approximate", () => {
      expect(shown(parseDeadlineText("Thursday 3rd October 2024"))).toEqual(approx("2024-10-04T12:00:00Z"));
    });

    it.each([
      ["Thursday 01st February 2024", "2024-02-02T12:00:00Z"],
      ["Wednesday 26nd July 2023", "2023-07-27T12:00:00Z"],
      ["Tuesday 14th November2023", "2023-11-15T12:00:00Z"],
      ["3 October 2024", "2024-10-04T12:00:00Z"],
      ["October 3rd, 2024", "2024-10-04T12:00:00Z"],
      ["Oct 3 2024", "2024-10-04T12:00:00Z"],
      ["Tuesday 31st December 2024", "2025-01-01T12:00:00Z"],
      ["Thursday 29th February 2024", "2024-03-01T12:00:00Z"],
      ["**Thursday 3rd October 2024**", "2024-10-04T12:00:00Z"],
    ])("reads %j", (text, iso) => {
      expect(shown(parseDeadlineText(text))).toEqual(approx(iso));
    });

    it("reads a plain ISO date the same way", () => {
      expect(shown(parseDeadlineText("2026-06-09"))).toEqual(approx("2026-06-10T12:00:00Z"));
      expect(shown(parseDeadlineText("  2026-06-09\n"))).toEqual(approx("2026-06-10T12:00:00Z"));
    });
  });

  describe("ISO 8601 instants", () => {
    it.each([
      ["2026-06-10T12:00:00Z", "2026-06-10T12:00:00Z"],
      ["2026-06-10t12:00:00z", "2026-06-10T12:00:00Z"],
      ["2026-06-10T12:00Z", "2026-06-10T12:00:00Z"],
      ["2026-06-10T12:00:00.250Z", "2026-06-10T12:00:00.250Z"],
      ["2026-06-10T14:00:00+02:00", "2026-06-10T12:00:00Z"],
      ["2026-06-10T07:00:00-05:00", "2026-06-10T12:00:00Z"],
      ["2026-06-10T17:30:00+05:30", "2026-06-10T12:00:00Z"],
      ["2026-06-10 14:00:00+0200", "2026-06-10T12:00:00Z"],
      ["2026-06-11T00:00:00+12:00", "2026-06-10T12:00:00Z"],
      // No offset: read as UTC, not as the machine's zone.
      ["2026-06-10T12:00:00", "2026-06-10T12:00:00Z"],
    ])("reads %j exactly", (text, iso) => {
      expect(shown(parseDeadlineText(text))).toEqual(exact(iso));
    });

    it("rejects an impossible date-time instead of falling back to its day", () => {
      expect(parseDeadlineText("2026-06-10T25:00:00Z")).toBeNull();
      expect(parseDeadlineText("2026-02-30T12:00:00Z")).toBeNull();
      expect(parseDeadlineText("2026-06-10T12:60:00Z")).toBeNull();
      expect(parseDeadlineText("2026-06-10T12:00:00+25:00")).toBeNull();
    });
  });

  describe("no date", () => {
    it.each([
      "",
      "   ",
      "TBD",
      "week 4",
      "12:00 UTC",
      "Tuesday",
      // v1.29 has this row: a day and month with no year is not a date we can place.
      "Tuesday 10th October",
      "31st February 2025",
      "2026-13-01",
      "2026-00-10",
      "the 3rd of Smarch 2024",
      "[link](https://example.com/2024)",
    ])("returns null for %j", (text) => {
      expect(parseDeadlineText(text)).toBeNull();
    });

    it("returns null rather than throwing for values that are not strings", () => {
      for (const value of [undefined, null, 42, {}, ["2026-06-09"]]) {
        expect(parseDeadlineText(value as unknown as string)).toBeNull();
      }
    });

    it("never throws and only ever returns a valid Date", () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (text) => {
          const parsed = parseDeadlineText(text);
          return parsed === null || (Number.isFinite(parsed.at.getTime()) && typeof parsed.approximate === "boolean");
        }),
        { numRuns: 2000 },
      );
    });
  });
});

describe("DEADLINES", () => {
  it("lists the five deadlines in cycle order", () => {
    expect(DEADLINES).toEqual(["prr-freeze", "enhancements-freeze", "code-freeze", "docs-freeze", "release"]);
  });
});

type Expected = Record<Deadline, { at: string; approximate: boolean }>;

/**
 * v1.28 to v1.31 are not in key-dates.json; these were read off the tables by hand. Date-only
 * rows become 12:00 UTC the next day. v1.28 and v1.29 have no Docs Freeze row, so their docs
 * freeze is the "Docs complete — All PRs reviewed and ready to merge" row.
 */
const BY_HAND: Record<string, Expected> = {
  "1.28": {
    "prr-freeze": approx("2023-06-09T12:00:00Z"), // Thursday 8th June 2023
    "enhancements-freeze": exact("2023-06-16T01:00:00Z"), // 01:00 UTC Friday 16th June 2023
    "code-freeze": exact("2023-07-19T01:00:00Z"), // 01:00 UTC Wednesday 19th July 2023
    "docs-freeze": approx("2023-08-09T12:00:00Z"), // Docs complete: Tuesday 8th August 2023
    release: approx("2023-08-16T12:00:00Z"), // Tuesday 15th August 2023
  },
  "1.29": {
    "prr-freeze": approx("2023-09-29T12:00:00Z"), // Thursday 28th September 2023
    "enhancements-freeze": exact("2023-10-06T01:00:00Z"), // 01:00 UTC Friday 6th October 2023
    "code-freeze": exact("2023-11-01T01:00:00Z"), // 01:00 UTC Wednesday 1st November 2023
    "docs-freeze": approx("2023-11-29T12:00:00Z"), // Docs complete: Tuesday 28th November 2023
    release: approx("2023-12-14T12:00:00Z"), // Wednesday 13th December 2023
  },
  "1.30": {
    "prr-freeze": approx("2024-02-02T12:00:00Z"), // Thursday 01st February 2024
    "enhancements-freeze": exact("2024-02-09T02:00:00Z"), // 02:00 UTC Friday 9th February 2024
    "code-freeze": exact("2024-03-06T02:00:00Z"), // 02:00 UTC Wednesday 6th March 2024
    "docs-freeze": approx("2024-03-27T12:00:00Z"), // Tuesday 26th March 2024
    release: approx("2024-04-18T12:00:00Z"), // Wednesday 17th April 2024
  },
  "1.31": {
    "prr-freeze": approx("2024-06-07T12:00:00Z"), // Thursday 6th June 2024
    "enhancements-freeze": exact("2024-06-14T02:00:00Z"), // 02:00 UTC Friday 14th June 2024
    "code-freeze": exact("2024-07-24T02:00:00Z"), // 02:00 UTC Wednesday 24th July 2024 (not Test Freeze, 31st July)
    "docs-freeze": approx("2024-07-31T12:00:00Z"), // Tuesday 30th July 2024
    release: approx("2024-08-14T12:00:00Z"), // Tuesday 13th August 2024
  },
};

type KeyDate = { date?: string; utc?: string | null; raw?: string };
const KEY_DATE_FIELDS: Record<Deadline, string> = {
  "prr-freeze": "prr_freeze",
  "enhancements-freeze": "enhancements_freeze",
  "code-freeze": "code_and_test_freeze",
  "docs-freeze": "docs_freeze",
  release: "release",
};

/** What key-dates.json says: its UTC instant, or for a bare date 12:00 UTC the next day, approximate. */
function fromKeyDate(entry: KeyDate): { at: string; approximate: boolean } {
  if (entry.utc) return exact(entry.utc);
  const day = new Date(`${entry.date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return approx(day.toISOString());
}

const keyDates = JSON.parse(readFileSync(`${ENHANCEMENTS}/release-schedules/key-dates.json`, "utf8")) as Record<
  string,
  Record<string, KeyDate>
>;
const KEY_DATES: Record<string, Expected> = Object.fromEntries(
  ["1.32", "1.33", "1.34", "1.35", "1.36", "1.37"].map((version) => {
    const entries = keyDates[`v${version}`]!;
    const expected = Object.fromEntries(DEADLINES.map((d) => [d, fromKeyDate(entries[KEY_DATE_FIELDS[d]]!)]));
    return [version, expected as Expected];
  }),
);

const VERSIONS = ["1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36", "1.37"];

describe("parseTimeline on the sig-release tables", () => {
  it("has an expectation for each of the ten tables", () => {
    expect(Object.keys({ ...BY_HAND, ...KEY_DATES }).sort()).toEqual(VERSIONS);
  });

  describe.each(VERSIONS)("v%s", (version) => {
    const timeline = timelineOf(version);
    const expected = BY_HAND[version] ?? KEY_DATES[version]!;

    it("finds all five deadlines", () => {
      expect(timeline.missing).toEqual([]);
      expect(Object.keys(timeline.deadlines)).toEqual([...DEADLINES]);
    });

    it.each([...DEADLINES])("reads %s as expected", (deadline) => {
      expect(shown(timeline.deadlines[deadline])).toEqual(expected[deadline]);
    });

    it("puts the deadlines in cycle order", () => {
      const times = DEADLINES.map((d) => timeline.deadlines[d]!.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });
  });

  it("keeps the When cell exactly as written", () => {
    expect(timelineOf("1.33").deadlines["enhancements-freeze"]?.raw).toBe(
      "[02:00 UTC Friday 14th February 2025 / 18:00 PST Thursday 13th February 2025](https://everytimezone.com/s/db953795)",
    );
    expect(timelineOf("1.37").deadlines["prr-freeze"]?.raw).toBe("Tuesday 9th June 2026 (AoE) / Wednesday 10th June 2026, 12:00 UTC");
  });
});

/** A Timeline table from rows of [what, when], with the real header and extra columns. */
function table(rows: [string, string][]): string {
  return [
    "| **What** | **Who** | **When** | **Week** |",
    "|---|---|---|---|",
    ...rows.map(([what, when]) => `| ${what} | Lead | ${when} | week 1 |`),
  ].join("\n");
}

const FIVE: [string, string][] = [
  ["**Begin [Production Readiness Freeze]**", "Tuesday 9th June 2026 (AoE) / Wednesday 10th June 2026, 12:00 UTC"],
  ["**Begin [Enhancements Freeze]**", "Tuesday 16th June 2026 (AoE) / Wednesday 17th June 2026, 12:00 UTC"],
  ["**Begin [Code Freeze] and [Test Freeze]**", "Wednesday 22nd July 2026 (AoE) / Thursday 23rd July 2026, 12:00 UTC"],
  ["**[Docs Freeze]**", "Wednesday 5th August 2026 (AoE) / Thursday 6th August 2026, 12:00 UTC"],
  ["**v1.37.0 released**", "Wednesday 26th August 2026"],
];

describe("parseTimeline row and column matching", () => {
  it("reads the What and When columns from the header, wherever they are", () => {
    const markdown = [
      "| When | Week | What |",
      "| :--- | ---: | :---: |",
      "| 2026-06-10T12:00:00Z | 4 | Begin [Production Readiness Freeze] |",
      "| Thursday 3rd October 2024 | 5 | v1.32.0 released |",
    ].join("\n");
    const timeline = parseTimeline(markdown);
    expect(shown(timeline.deadlines["prr-freeze"])).toEqual(exact("2026-06-10T12:00:00Z"));
    expect(shown(timeline.deadlines.release)).toEqual(approx("2024-10-04T12:00:00Z"));
    expect(timeline.missing).toEqual(["enhancements-freeze", "code-freeze", "docs-freeze"]);
  });

  it("ignores rows that only look like freezes or releases", () => {
    const decoys: [string, string][] = [
      ["Call for PRR and Enhancement Freeze [Exceptions]", "Thursday 4th June 2026"],
      ["**Call for [Exceptions][Exception]**", "Monday 10th July 2023"],
      ["Call for Code Freeze [Exceptions]", "Monday 13th July 2026"],
      ["Brace Yourself, Code Freeze is Coming", "Monday 29th June 2026"],
      ["Begin [Feature blog freeze] - Open placeholder PRs", "Thursday 9th July 2026 (AoE)"],
      ["**[Test Freeze]**", "01:00 UTC Wednesday 26nd July 2023"],
      ["Docs deadline — Open placeholder PRs", "Thursday 2nd July 2026"],
      ["Docs deadline — PRs ready for review", "Tuesday 28th July 2026"],
      ["v1.37.0-alpha.1 released", "Wednesday 10th June 2026"],
      ["1.28.0-rc.0 released", "Tuesday 25th July 2023"],
      ["v1.34.0-rc.1 released (additional release cut for critical bug fix)", "Saturday 9th August 2025"],
      ["Release blog published", "Wednesday 26th August 2026"],
      ["Release Notes complete", "Wednesday 26th August 2026"],
    ];
    const parsed = parseTimeline(table(decoys));
    expect(parsed).toMatchObject({ deadlines: {}, missing: [...DEADLINES] });
    // The two docs rows are the Docs team's deadlines, beside the five (release/docs-deadlines.ts), and no freeze.
    expect(Object.keys(parsed.docs ?? {})).toEqual(["docs-placeholder", "docs-ready"]);
    expect(parsed.docs?.["docs-ready"]?.at).toEqual(new Date("2026-07-29T12:00:00Z"));
  });

  it("takes the decoy-free rows even when decoys come first", () => {
    const rows: [string, string][] = [
      ["Call for PRR and Enhancement Freeze [Exceptions]", "Thursday 4th June 2026"],
      ["v1.37.0-alpha.1 released", "Wednesday 10th June 2026"],
      ["Brace Yourself, Code Freeze is Coming", "Monday 29th June 2026"],
      ...FIVE,
    ];
    const timeline = parseTimeline(table(rows));
    expect(timeline.missing).toEqual([]);
    expect(shown(timeline.deadlines["prr-freeze"])).toEqual(exact("2026-06-10T12:00:00Z"));
    expect(shown(timeline.deadlines.release)).toEqual(approx("2026-08-27T12:00:00Z"));
  });

  it("accepts the older, unbolded and link-free spellings", () => {
    const rows: [string, string][] = [
      ["Production Readiness Freeze", "Thursday 8th June 2023"],
      ["Enhancements Freeze", "Thursday 15th June 2023"],
      ["Begin [Code Freeze]", "Tuesday 18th July 2023"],
      ["Docs Freeze", "Tuesday 8th August 2023"],
      ["1.28.0 released", "Tuesday 15th August 2023"],
    ];
    expect(parseTimeline(table(rows)).missing).toEqual([]);
  });

  it("prefers a Docs Freeze row to a Docs complete row, whichever comes first", () => {
    const rows: [string, string][] = [
      ["Docs complete — All PRs reviewed and ready to merge", "Tuesday 8th August 2023"],
      ["**Docs Freeze**", "Tuesday 1st August 2023"],
    ];
    expect(shown(parseTimeline(table(rows)).deadlines["docs-freeze"])).toEqual(approx("2023-08-02T12:00:00Z"));
  });

  it("counts a row whose When cell has no date as missing", () => {
    const rows = FIVE.map(([what, when]): [string, string] => [what, what.includes("Docs") ? "TBD" : when]);
    const timeline = parseTimeline(table(rows));
    expect(timeline.missing).toEqual(["docs-freeze"]);
    expect(timeline.deadlines["docs-freeze"]).toBeUndefined();
  });

  it("reads only tables with What and When headers in a whole README", () => {
    const readme = [
      "# Kubernetes 1.37",
      "",
      "| Role | Name |",
      "|---|---|",
      "| Begin [Enhancements Freeze] | Thursday 1st January 2026 |",
      "",
      "## Timeline",
      "",
      table(FIVE),
      "",
      "Text between tables ends the Timeline table.",
      "| Begin [Code Freeze] | Friday 2nd January 2026 |",
    ].join("\n");
    const timeline = parseTimeline(readme);
    expect(timeline.missing).toEqual([]);
    expect(shown(timeline.deadlines["enhancements-freeze"])).toEqual(exact("2026-06-17T12:00:00Z"));
    expect(shown(timeline.deadlines["code-freeze"])).toEqual(exact("2026-07-23T12:00:00Z"));
  });

  it("handles CRLF line endings and rows without a closing pipe", () => {
    const markdown = table(FIVE)
      .split("\n")
      .map((line) => line.replace(/ \|$/, ""))
      .join("\r\n");
    expect(parseTimeline(markdown).missing).toEqual([]);
  });

  it("finds nothing in text with no table", () => {
    expect(parseTimeline("")).toEqual({ deadlines: {}, missing: [...DEADLINES] });
    expect(parseTimeline("Begin Enhancements Freeze: 2026-06-17")).toEqual({ deadlines: {}, missing: [...DEADLINES] });
  });
});
