import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GRADUATION_CRITERIA, hasHeading, TEST_PLAN } from "../../src/verdict/checklist.js";

// Fixed seed in CI so a run is repeatable; a new one on each local run to keep exploring.
const seed = process.env.CI ? { seed: 20261129 } : {};

/**
 * The README check looks for its two sections only where a line starts with
 * "#", instead of running a multiline regular expression over the whole
 * README; it must find exactly what that expression finds.
 */
const ORACLES: Array<[string, RegExp, RegExp]> = [
  ["Graduation Criteria", GRADUATION_CRITERIA, /^#+\s*graduation criteria/im],
  ["Test Plan", TEST_PLAN, /^#+\s*test plan/im],
];

const piece = fc.constantFrom(
  "#",
  "##",
  " ",
  "\t",
  "\n",
  "\r\n",
  "\r",
  "\u2028",
  "x",
  "Graduation Criteria",
  "graduation criteria",
  "TEST PLAN",
  "Test Plan",
  "### ",
  "- ",
);

describe("the README's sections, found where a line starts with #", () => {
  it.each(ORACLES)("finds the %s heading exactly where the multiline expression does", (_, heading, oracle) => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((p) => p.join("")),
        (text) => {
          expect(hasHeading(text, heading)).toBe(oracle.test(text));
        },
      ),
      { numRuns: 2000, ...seed },
    );
  });

  it.each([
    ["a heading on the first line", "## Graduation Criteria\n", true],
    ["a heading after a Windows line break", "intro\r\n### Test Plan\r\n", true],
    ["the words inside a sentence", "See the graduation criteria below.\n", false],
    ["a heading marker after text on the line", "text # Graduation Criteria\n", false],
    ["a lone # line followed by the words (\\s spans the line break)", "#\nGraduation Criteria\n", true],
  ])("reads %s as the expression does", (_, text, found) => {
    expect(hasHeading(text, GRADUATION_CRITERIA) || hasHeading(text, TEST_PLAN)).toBe(found);
  });
});
