import { describe, expect, it } from "vitest";
import { type BoardItemInput, desiredItem, enhancementType } from "../../src/board/desired.js";
import { releaseWords } from "../../src/release/release-words.js";

const input = (over: Partial<BoardItemInput> = {}): BoardItemInput => ({
  issue: 4818,
  release: "v1.38",
  status: "Tracked for PRR freeze",
  stage: "beta",
  owningSig: "sig-node",
  kepStatus: "implementable",
  milestone: { alpha: "v1.36", beta: "v1.38" },
  ...over,
});

describe("what the board should say for an issue", () => {
  it("status in the release's words, stage and SIG from kep.yaml, the issue number as text", () => {
    expect(desiredItem(input(), releaseWords("v1.38"))).toEqual({
      issue: 4818,
      status: "Tracked for KEP readiness",
      stage: "Beta",
      sig: "sig-node",
      issueNumber: "4818",
      enhancementType: "Graduating",
      docsStatus: null,
      docsRequired: null,
    });
    expect(desiredItem(input({ release: "v1.37", milestone: { beta: "v1.37" } }), releaseWords("v1.37")).status).toBe(
      "Tracked for PRR freeze",
    );
  });

  it("a deprecation's stage is not one of the board's Alpha, Beta, Stable: Stage is left alone", () => {
    expect(desiredItem(input({ stage: "deprecated", kepStatus: "withdrawn" }), releaseWords("v1.38"))).toMatchObject({
      stage: null,
      enhancementType: "Deprecation",
    });
  });

  it("an issue the evaluation gives no status leaves Status alone", () => {
    expect(desiredItem(input({ status: null, stage: null }), releaseWords("v1.38"))).toMatchObject({ status: null, stage: null });
  });

  it.each<[string, Partial<BoardItemInput>, string | null]>([
    ["a KEP first targeting alpha in this release is Net New", { stage: "alpha", milestone: { alpha: "v1.38" } }, "Net New"],
    ["an alpha KEP with no milestone written yet is Net New", { stage: "alpha", milestone: {} }, "Net New"],
    ["a KEP repeating alpha from an earlier release is left empty", { stage: "alpha", milestone: { alpha: "v1.35" } }, null],
    ["a KEP moving to beta in this release is Graduating", { stage: "beta", milestone: { alpha: "v1.36", beta: "1.38" } }, "Graduating"],
    ["a KEP moving to stable in this release is Graduating", { stage: "stable", milestone: { stable: "v1.38.0" } }, "Graduating"],
    ["a KEP staying in beta for another release is left empty", { stage: "beta", milestone: { beta: "v1.36" } }, null],
    ["a withdrawn KEP is a Deprecation", { stage: "deprecated", kepStatus: "withdrawn" }, "Deprecation"],
    [
      "a KEP moving to deprecated in this release is a Deprecation",
      { stage: "deprecated", kepStatus: "implementable", milestone: { deprecated: "v1.38" } },
      "Deprecation",
    ],
    ["a KEP with no stage is left empty", { stage: null }, null],
  ])("%s", (_, over, expected) => {
    expect(enhancementType(input(over))).toBe(expected);
  });
});
