import { describe, expect, it } from "vitest";
import { checkDocument } from "../../fake-github/schema.js";
import { BOARD_DOCUMENTS } from "../../src/github/board/queries.js";

/** The schema's complaints about a document; none for a valid one. */
const schemaErrors = (doc: string): string[] => {
  const checked = checkDocument(doc);
  return checked.ok ? [] : checked.errors.map((e) => e.message);
};

describe("the board's GraphQL documents", () => {
  it.each(Object.entries(BOARD_DOCUMENTS))("%s is valid against GitHub's schema", (_, doc) => {
    expect(schemaErrors(doc)).toEqual([]);
  });

  it("a misspelt field would fail this test", () => {
    expect(schemaErrors(BOARD_DOCUMENTS.BOARD.replace("optionId", "optionID"))).toEqual([
      expect.stringContaining('Cannot query field "optionID"'),
    ]);
  });
});
