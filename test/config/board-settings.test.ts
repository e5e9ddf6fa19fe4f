import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/config.js";

const BASE = `release: v1.38
schedule:
  source: sig-release
`;

const parse = (extra: string) => parseConfigText(BASE + extra);

describe("the board settings", () => {
  it("a repository without a board: the App keeps no board, and the words are the release's own", () => {
    const r = parse("");
    expect(r.ok && r.config.board).toBeNull();
    expect(r.ok && r.config.words).toEqual({ freezes: {}, statuses: {} });
  });

  it("owner and number are enough: every field gets the name the release boards use", () => {
    const r = parse("board:\n  owner: kubernetes\n  number: 269\n");
    expect(r.ok && r.config.board).toEqual({
      owner: "kubernetes",
      number: 269,
      fields: {
        status: "Status",
        stage: "Stage",
        sig: "SIG",
        enhancementType: "Enhancement Type",
        issueNumber: "Issue Number",
        exceptionRequestType: "Exception Request Type",
        exceptionStatus: "Exception Status",
        additionalTime: "Additional Time",
        exceptionRequestDate: "Exception Request Date",
        enhancementsContact: "Enhancements Contact",
        docsStatus: "Docs Status",
        docsRequired: "Docs Required?",
      },
    });
  });

  it("a board that names a field otherwise is followed, the other names kept", () => {
    const r = parse("board:\n  owner: someone\n  number: 3\n  fields:\n    stage: Target Stage\n");
    expect(r.ok && r.config.board?.fields.stage).toBe("Target Stage");
    expect(r.ok && r.config.board?.fields.sig).toBe("SIG");
  });

  it("a misspelt field setting, a number written as text and two settings naming one field are each reported with their line", () => {
    const r = parse('board:\n  owner: kubernetes\n  number: "269"\n  fields:\n    stauts: Status\n    sig: Stage\n');
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
    expect(problems).toContainEqual(expect.stringMatching(/^6: board\.number: must be the board's number/));
    expect(problems).toContainEqual(expect.stringMatching(/^8: board\.fields\.stauts: is not a setting; did you mean "status"\?/));
    expect(problems).toContainEqual(expect.stringMatching(/board\.fields: must name a different field for each setting/));
  });

  it("words can rename a freeze and a status; an unknown status key is reported", () => {
    const r = parse("words:\n  freezes:\n    prr-freeze: KEP readiness deadline\n  statuses:\n    exception-pending: Exception Pending\n");
    expect(r.ok && r.config.words).toEqual({
      freezes: { "prr-freeze": "KEP readiness deadline" },
      statuses: { "exception-pending": "Exception Pending" },
    });
    const bad = parse("words:\n  statuses:\n    tracked-prr: Tracked\n");
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(["words.statuses.tracked-prr"]);
  });
});
