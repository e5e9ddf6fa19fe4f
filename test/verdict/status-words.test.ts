import { describe, expect, it } from "vitest";
import { boardWords } from "../../src/board/status-spelling.js";
import { releaseWords } from "../../src/release/release-words.js";
import { buildReport } from "../../src/render/report.js";
import { spokenStatus, statusFromSpoken, wordsDigestPart } from "../../src/verdict/status-words.js";
import { BOARD_STATUSES } from "../../src/verdict/types.js";
import { board, FIELDS, NAMES } from "../board/fixtures.js";

describe("statuses in the release's words", () => {
  const v138 = releaseWords("v1.38");

  it("says the PRR freeze statuses as v1.38's KEP readiness, and reads them back", () => {
    expect(spokenStatus("At risk for PRR freeze", v138)).toBe("At risk for KEP readiness");
    expect(spokenStatus("At risk for PRR freeze", releaseWords("v1.37"))).toBe("At risk for PRR freeze");
    for (const s of BOARD_STATUSES) expect(statusFromSpoken(spokenStatus(s, v138), v138)).toBe(s);
    // A comment written before the words changed is still read.
    expect(statusFromSpoken("Tracked for code freeze", v138)).toBe("Tracked for code freeze");
  });

  it("follows the configuration's words", () => {
    const words = releaseWords("v1.38", { statuses: { "exception-pending": "Exception requested" } });
    expect(spokenStatus("Exception pending", words)).toBe("Exception requested");
    expect(statusFromSpoken("Exception requested", words)).toBe("Exception pending");
  });

  it("spells each status as the board's Status option that means it", () => {
    const fields = FIELDS.map((f) => (f.id === "status" ? { ...f, options: [{ id: "x", name: "At Risk For KEP Readiness" }] } : f));
    const words = boardWords(v138, board([], fields), NAMES);
    expect(words.statuses["at-risk-prr-freeze"]).toBe("At Risk For KEP Readiness");
    expect(words.statuses["tracked-code-freeze"]).toBe("Tracked for code freeze");
  });

  it("keeps its own spelling where the board's option would bring a mention or markup into the comment", () => {
    const fields = FIELDS.map((f) => (f.id === "status" ? { ...f, options: [{ id: "x", name: "At risk for @kep **readiness**" }] } : f));
    expect(boardWords(v138, board([], fields), NAMES).statuses["at-risk-prr-freeze"]).toBe("At risk for KEP readiness");
  });

  it("groups the report in the board's order and names each group in the release's words", () => {
    const row = (issue: number, status: string) => ({
      issue,
      url: "",
      title: "",
      sig: null,
      stage: null,
      status,
      prrApprover: null,
      owners: [],
      problems: [],
      missing: [],
    });
    const r = buildReport("k/e", "v1.38", new Date(0), [row(2, "At risk for code freeze"), row(1, "Tracked for PRR freeze")], v138);
    expect(r.issues.map((i) => i.status)).toEqual(["Tracked for KEP readiness", "At risk for code freeze"]);
    expect(r.counts).toEqual({ "Tracked for KEP readiness": 1, "At risk for code freeze": 1 });
  });

  it("keeps the digests of comments in the evaluation's own words, and changes them with the words", () => {
    expect(wordsDigestPart(undefined)).toBeNull();
    expect(wordsDigestPart(releaseWords("v1.37"))).toBeNull();
    expect(wordsDigestPart(v138)).not.toBeNull();
    expect(wordsDigestPart(releaseWords("v1.38", { statuses: { deferred: "Deferred (next release)" } }))).not.toBe(wordsDigestPart(v138));
  });
});
