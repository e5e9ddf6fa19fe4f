import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type ChecklistInput, checklistFor } from "../../src/verdict/checklist.js";
import { checkTemplate, parseTemplate } from "../../src/verdict/readme-template.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { checklistInput } from "../helpers/tracking.js";

/**
 * The Enhancements team's check-in asks, freeze by freeze, for what GUIDE §3 lists (the team's
 * own template since v1.33). Each line below is one of its requirements and the checklist item
 * that asks it; the checklist asks nothing else, so a shadow reading the status comment sees the
 * check-in they would have written, in the same order of freezes.
 */
const CHECK_IN: Array<{ freeze: "prr-freeze" | "enhancements-freeze" | "code-freeze"; asks: string; item: string }> = [
  { freeze: "prr-freeze", asks: "a SIG lead opted the KEP in", item: "lead-opted-in" },
  { freeze: "prr-freeze", asks: "the issue is in milestone v1.NN", item: "milestone" },
  { freeze: "prr-freeze", asks: "the PRR questionnaire is answered for the stage (the team's first PRR item)", item: "prr-questionnaire" },
  { freeze: "prr-freeze", asks: "kep.yaml names the stage, in an open PR or merged", item: "kep-stage" },
  { freeze: "prr-freeze", asks: "latest-milestone is v1.NN, in an open PR or merged", item: "kep-latest-milestone" },
  { freeze: "prr-freeze", asks: "the milestone map gives the stage a release", item: "kep-milestone-map" },
  { freeze: "prr-freeze", asks: "a PRR file names an approver for the target stage", item: "prr-approver" },
  { freeze: "enhancements-freeze", asks: "a SIG lead opted the KEP in", item: "lead-opted-in" },
  { freeze: "enhancements-freeze", asks: "the issue is in milestone v1.NN", item: "milestone" },
  { freeze: "enhancements-freeze", asks: "the PRR questionnaire is answered for the stage", item: "prr-questionnaire" },
  { freeze: "enhancements-freeze", asks: "status: implementable (deprecations: withdrawn), merged", item: "kep-status" },
  { freeze: "enhancements-freeze", asks: "kep.yaml names the stage, merged", item: "kep-stage" },
  { freeze: "enhancements-freeze", asks: "latest-milestone is this release, merged", item: "kep-latest-milestone" },
  { freeze: "enhancements-freeze", asks: "the milestone map gives the stage a release, merged", item: "kep-milestone-map" },
  { freeze: "enhancements-freeze", asks: "PRR approved for the target stage", item: "prr-approved" },
  { freeze: "enhancements-freeze", asks: "kep.yaml passes upstream CI (CI decides errors)", item: "kep-valid" },
  { freeze: "enhancements-freeze", asks: "README on the current template with graduation criteria and test plan", item: "readme-template" },
  { freeze: "enhancements-freeze", asks: "no other open PR touches the KEP's README or kep.yaml", item: "no-open-kep-pr" },
  { freeze: "code-freeze", asks: "the issue lists its k/k code PRs", item: "code-prs-listed" },
  { freeze: "code-freeze", asks: "every listed code PR is merge-ready (approved + lgtm) or merged", item: "code-prs-ready" },
];

const template = parseTemplate(readFileSync(`${FIXTURES}readmes/keps/NNNN-kep-template/README.md`, "utf8"));

const input = (over: Partial<ChecklistInput> = {}) =>
  checklistInput({ stage: "beta", readme: "", readmeCheck: checkTemplate("", template, "beta"), ...over });

describe("the checklist asks what the team's check-in asks", () => {
  for (const freeze of ["prr-freeze", "enhancements-freeze", "code-freeze"] as const) {
    const expected = CHECK_IN.filter((r) => r.freeze === freeze);
    it(`at ${freeze}: ${expected.map((r) => r.asks).join("; ")}`, () => {
      expect(checklistFor(freeze, input()).map((i) => i.id)).toEqual(expected.map((r) => r.item));
    });
  }

  it("out-of-tree KEPs are checked loosely at code freeze: no k/k PR list is asked", () => {
    expect(checklistFor("code-freeze", input({ outOfTree: true }))).toEqual([]);
  });

  it("a stable KEP is asked to set status: implemented once code freeze has passed", () => {
    const after = checklistFor("docs-freeze", input({ stage: "stable" })).map((i) => i.id);
    expect(after).toContain("kep-implemented");
    expect(checklistFor("docs-freeze", input({ stage: "beta" })).map((i) => i.id)).not.toContain("kep-implemented");
  });

  it("each item's label is filled in with the release and the stage, as a shadow would write it", () => {
    for (const freeze of ["prr-freeze", "enhancements-freeze"] as const) {
      for (const i of checklistFor(freeze, input())) {
        expect(i.label).not.toMatch(/<stage>|v1\.NN|undefined|null/);
      }
    }
  });
});
