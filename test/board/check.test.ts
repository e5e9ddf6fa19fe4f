import { describe, expect, it } from "vitest";
import { checkBoard } from "../../src/board/check.js";
import { describeFinding } from "../../src/board/plan.js";
import { releaseWords } from "../../src/release/release-words.js";
import { board, FIELDS, NAMES } from "./fixtures.js";

describe("checking a board when the configuration changes", () => {
  it("a board like v1.38's offers every field and option kep-tracker needs", () => {
    expect(checkBoard(board([]), NAMES, releaseWords("v1.38"))).toEqual([]);
  });

  it("a v1.37 board copied for v1.38 without the KEP readiness options is told which options to add", () => {
    const old = FIELDS.map((f) =>
      f.id === "status"
        ? {
            ...f,
            options: f.options
              .filter((o) => !/KEP Readiness/.test(o.name))
              .concat([
                { id: "p1", name: "Tracked For PRR Freeze" },
                { id: "p2", name: "At Risk For PRR Freeze" },
              ]),
          }
        : f,
    );
    const findings = checkBoard(board([], old), NAMES, releaseWords("v1.38"));
    expect(findings.map(describeFinding)).toEqual([
      'The board\'s field "Status" has no option "Tracked for KEP readiness": kep-tracker leaves that field alone until the option is added.',
      'The board\'s field "Status" has no option "At risk for KEP readiness": kep-tracker leaves that field alone until the option is added.',
    ]);
    expect(checkBoard(board([], old), NAMES, releaseWords("v1.37"))).toEqual([]);
  });

  it("a missing exception field and an Issue Number of an unusable type are both said", () => {
    const fields = FIELDS.filter((f) => f.id !== "xdays").map((f) => (f.id === "number" ? { ...f, type: "other" as const } : f));
    expect(checkBoard(board([], fields), NAMES, releaseWords("v1.38"))).toEqual([
      { kind: "wrong-field-type", field: "Issue Number", type: "other" },
      { kind: "missing-field", field: "Additional Time" },
    ]);
  });
});
