import { describe, expect, it } from "vitest";
import type { Board } from "../../src/board/board.js";
import type { DesiredItem } from "../../src/board/desired.js";
import { describeFinding, planBoard } from "../../src/board/plan.js";
import { board, FIELDS, item, NAMES, pick } from "./fixtures.js";

const REPO = { owner: "kubernetes", repo: "enhancements" };

const want = (issue: number, over: Partial<DesiredItem> = {}): DesiredItem => ({
  issue,
  status: "Tracked for KEP readiness",
  stage: "Beta",
  sig: "sig-node",
  issueNumber: String(issue),
  enhancementType: "Graduating",
  docsStatus: null,
  docsRequired: null,
  ...over,
});

const plan = (b: Board, ...desired: DesiredItem[]) =>
  planBoard({ board: b, fields: NAMES, repository: REPO, items: desired.map((d) => ({ desired: d, contentId: `I_${d.issue}` })) });

const filled = (issue: number) =>
  item(issue, {
    status: pick("status", "Tracked for KEP Readiness"),
    stage: pick("stage", "Beta"),
    sig: pick("sig", "SIG Node"),
    type: pick("type", "Graduating"),
    number: { kind: "text", text: String(issue) },
  });

describe("the board writes for the release's issues", () => {
  it("an opted-in issue missing from the board is added and its five fields filled", () => {
    const { writes, findings } = plan(board([]), want(4818));
    expect(findings).toEqual([]);
    expect(writes).toEqual([
      { kind: "add-item", issue: 4818, contentId: "I_4818" },
      {
        kind: "set-option",
        issue: 4818,
        itemId: null,
        fieldId: "status",
        field: "Status",
        optionId: "status-0",
        value: "Tracked for KEP Readiness",
      },
      { kind: "set-option", issue: 4818, itemId: null, fieldId: "stage", field: "Stage", optionId: "stage-1", value: "Beta" },
      { kind: "set-option", issue: 4818, itemId: null, fieldId: "sig", field: "SIG", optionId: "sig-2", value: "SIG Node" },
      { kind: "set-text", issue: 4818, itemId: null, fieldId: "number", field: "Issue Number", value: "4818" },
      {
        kind: "set-option",
        issue: 4818,
        itemId: null,
        fieldId: "type",
        field: "Enhancement Type",
        optionId: "type-2",
        value: "Graduating",
      },
    ]);
  });

  it("an item that already says everything gets no write", () => {
    expect(plan(board([filled(4818)]), want(4818))).toEqual({ writes: [], findings: [], archived: [] });
  });

  it("an archived item is left alone, whatever it says, and named as such", () => {
    const archived = { ...filled(4818), archived: true };
    expect(plan(board([archived]), want(4818, { status: "At risk for KEP readiness" }))).toEqual({
      writes: [],
      findings: [],
      archived: [4818],
    });
  });

  it("only the field that differs is written, on the existing item", () => {
    const { writes } = plan(board([filled(4818)]), want(4818, { status: "At risk for KEP readiness" }));
    expect(writes).toEqual([
      {
        kind: "set-option",
        issue: 4818,
        itemId: "item-4818",
        fieldId: "status",
        field: "Status",
        optionId: "status-1",
        value: "At Risk for KEP Readiness",
      },
    ]);
  });

  it("Enhancement Type set by a person is left alone; an empty one is filled", () => {
    const mine = { ...filled(1), values: { ...filled(1).values, type: pick("type", "Major Change") } };
    expect(plan(board([mine]), want(1)).writes).toEqual([]);
    const empty = { ...filled(2), values: { ...filled(2).values } };
    delete empty.values.type;
    expect(plan(board([empty]), want(2)).writes.map((w) => (w.kind === "add-item" ? w.kind : `${w.kind} ${w.field}`))).toEqual([
      "set-option Enhancement Type",
    ]);
  });

  it("fields people own (Enhancements Contact, Note, PRR Status, and Docs Status while docs are not judged) are never written", () => {
    const withHuman = item(7, {
      ...filled(7).values,
      contact: pick("contact", "alice"),
      note: { kind: "text", text: "waiting on PRR" },
      prr: pick("prr", "In Review"),
      docs: pick("docs", "No PR"),
    });
    const { writes } = plan(board([withHuman]), want(7, { status: "At risk for code freeze", stage: "Stable" }));
    expect(writes.map((w) => (w.kind === "add-item" ? "" : w.fieldId))).toEqual(["status", "stage"]);
  });

  it("Docs Status follows the docs verdict in the board's spelling; an empty Docs Required? is filled, a person's answer kept", () => {
    const docs = { docsStatus: "Draft (PR)", docsRequired: "Need docs" };
    const empty = plan(board([filled(1)]), want(1, docs)).writes;
    expect(empty.map((w) => (w.kind === "set-option" ? `${w.field}=${w.value}` : w.kind))).toEqual([
      "Docs Status=Draft(PR)",
      "Docs Required?=Need Docs",
    ]);
    const chosen = item(2, { ...filled(2).values, docs: pick("docs", "No PR"), docsreq: pick("docsreq", "None Required") });
    expect(plan(board([chosen]), want(2, docs)).writes.map((w) => (w.kind === "set-option" ? `${w.field}=${w.value}` : w.kind))).toEqual([
      "Docs Status=Draft(PR)",
    ]);
    const done = item(3, { ...filled(3).values, docs: pick("docs", "Draft(PR)"), docsreq: pick("docsreq", "Need Docs") });
    expect(plan(board([done]), want(3, docs)).writes).toEqual([]);
  });

  it("an option the board lacks means no write to that field, and one finding naming the option however many items need it", () => {
    const { writes, findings } = plan(
      board([filled(1), filled(2)]),
      want(1, { sig: "sig-auth", stage: "Alpha" }),
      want(2, { sig: "sig-auth" }),
    );
    expect(findings).toEqual([{ kind: "missing-option", field: "SIG", option: "sig-auth" }]);
    expect(writes.map((w) => (w.kind === "add-item" ? "" : `${w.issue} ${w.field}`))).toEqual(["1 Stage"]);
    expect(describeFinding(findings[0]!)).toBe(
      'The board\'s field "SIG" has no option "sig-auth": kep-tracker leaves that field alone until the option is added.',
    );
  });

  it("a board without one of the fields is told once, and the other fields are still written", () => {
    const { writes, findings } = plan(
      board(
        [],
        FIELDS.filter((f) => f.name !== "Stage"),
      ),
      want(1),
      want(2),
    );
    expect(findings).toEqual([{ kind: "missing-field", field: "Stage" }]);
    expect(writes.filter((w) => w.kind !== "add-item" && w.field === "SIG")).toHaveLength(2);
  });

  it("a board whose Issue Number is a number field gets a number; an empty wish clears a field", () => {
    const fields = FIELDS.map((f) => (f.id === "number" ? { ...f, type: "number" as const } : f));
    const onBoard = item(5, { ...filled(5).values, number: { kind: "number", number: 4 } });
    const { writes } = plan(board([onBoard], fields), want(5, { stage: "" }));
    expect(writes.map((w) => w.kind)).toEqual(["clear", "set-number"]);
    expect(writes[1]).toMatchObject({ value: 5 });
  });

  it("items of another repository or drafts do not stand for the issue", () => {
    const other = item(9, filled(9).values, "kubernetes");
    const draft = { id: "draft", issue: null, values: {} };
    expect(plan(board([other, draft]), want(9)).writes[0]).toEqual({ kind: "add-item", issue: 9, contentId: "I_9" });
  });

  it("a field wish of null leaves that field as it is", () => {
    expect(
      plan(board([item(3)]), want(3, { status: null, stage: null, sig: null, enhancementType: null, issueNumber: "3" })).writes.map((w) =>
        w.kind === "add-item" ? "" : w.field,
      ),
    ).toEqual(["Issue Number"]);
  });
});
