import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/config.js";

const parse = (extra: string) => parseConfigText(`release: v1.37\nschedule:\n  source: sig-release\n${extra}`);

describe("the mirrors setting", () => {
  it("is empty unless given", () => {
    const r = parse("");
    expect(r.ok && r.config.mirrors).toEqual([]);
  });

  it("names a board, the release board's fields it copies under its own names, and the SIG it keeps", () => {
    const r = parse(
      "mirrors:\n  - board: { owner: kubernetes, number: 300 }\n    fields: { Status: Release Status, Stage: Stage }\n    filter: { sig: sig-node }\n",
    );
    expect(r.ok && r.config.mirrors).toEqual([
      {
        owner: "kubernetes",
        number: 300,
        fields: { status: "Release Status", stage: "Stage", sig: undefined, enhancementType: undefined, issueNumber: undefined },
        sig: "sig-node",
      },
    ]);
  });

  it("reports a field it cannot copy (a person's), a mirror copying nothing, and a bad number, each with its line", () => {
    const r = parse(
      "mirrors:\n  - board: { owner: kubernetes, number: 0 }\n    fields: { PRR Status: PRR }\n  - board: { owner: k, number: 2 }\n    fields: {}\n",
    );
    const problems = r.ok ? [] : r.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
    expect(problems).toContainEqual(expect.stringMatching(/^5: mirrors\[0\]\.board\.number: must be at least 1/));
    expect(problems).toContainEqual(expect.stringMatching(/^6: mirrors\[0\]\.fields\.PRR Status: is not a setting/));
    expect(problems).toContainEqual(expect.stringMatching(/^8: mirrors\[1\]\.fields: must name at least one field to copy/));
  });
});
