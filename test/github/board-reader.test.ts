import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkDocument } from "../../fake-github/schema.js";
import type { BoardWrite } from "../../src/board/plan.js";
import { BoardReadError, readBoard, readBoardItem, readIssueOnBoard } from "../../src/github/board/reader.js";
import { BoardWriter } from "../../src/github/board/writer.js";

/** The schema's complaints about a document; none for a valid one. */
const schemaErrors = (doc: string): string[] => {
  const checked = checkDocument(doc);
  return checked.ok ? [] : checked.errors.map((e) => e.message);
};

const API = "https://api.github.com";
const octokit = () => new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });

/** The GraphQL requests made, as "<operation> <variables>". */
let sent: Array<{ op: string; variables: Record<string, unknown> }> = [];

beforeEach(() => {
  nock.disableNetConnect();
  sent = [];
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, "every mocked request was made").toEqual([]);
});

/** Answers the next GraphQL request with `answer`, recording it; a document GitHub would reject fails the test. */
function graphql(answer: (variables: Record<string, unknown>) => object, status = 200) {
  nock(API)
    .post("/graphql")
    .reply(status, (_uri, body) => {
      const { query, variables } = body as { query: string; variables: Record<string, unknown> };
      expect(schemaErrors(query)).toEqual([]);
      sent.push({ op: /(query|mutation) (\w+)/.exec(query)?.[2] ?? "?", variables });
      return answer(variables);
    });
}

const issueItem = (n: number) => ({
  id: `PVTI_${n}`,
  content: { __typename: "Issue", id: `I_${n}`, number: n, repository: { name: "enhancements", owner: { login: "kubernetes" } } },
  fieldValues: {
    nodes: [
      { __typename: "ProjectV2ItemFieldTextValue", text: `KEP ${n}`, field: { id: "title" } },
      {
        __typename: "ProjectV2ItemFieldSingleSelectValue",
        optionId: "s1",
        name: "Tracked For Code Freeze",
        field: { id: "status" },
      },
      { __typename: "ProjectV2ItemFieldTextValue", text: String(n), field: { id: "number" } },
      { __typename: "ProjectV2ItemFieldNumberValue", number: 3, field: { id: "days" } },
      { __typename: "ProjectV2ItemFieldLabelValue" },
      { __typename: "ProjectV2ItemFieldDateValue" },
    ],
  },
});

const items = (from: number, count: number, more: boolean) => ({
  pageInfo: { hasNextPage: more, endCursor: more ? `c${from + count}` : null },
  nodes: Array.from({ length: count }, (_, i) => issueItem(from + i)),
});

const FIELDS = {
  nodes: [
    { __typename: "ProjectV2Field", id: "title", name: "Title", dataType: "TITLE" },
    {
      __typename: "ProjectV2SingleSelectField",
      id: "status",
      name: "Status",
      dataType: "SINGLE_SELECT",
      options: [{ id: "s1", name: "Tracked For Code Freeze" }],
    },
    { __typename: "ProjectV2Field", id: "number", name: "Issue Number", dataType: "TEXT" },
    { __typename: "ProjectV2Field", id: "days", name: "Additional Time", dataType: "NUMBER" },
    { __typename: "ProjectV2IterationField", id: "it", name: "Iteration", dataType: "ITERATION" },
  ],
};

const firstPage = (itemPage: object) => ({
  data: { repositoryOwner: { projectV2: { id: "PVT_269", title: "v1.38 Release Tracking", fields: FIELDS, items: itemPage } } },
});
const nextPage = (itemPage: object) => ({ data: { repositoryOwner: { projectV2: { items: itemPage } } } });

describe("reading a release board", () => {
  it("250 items come in 3 requests of 100, each after the last page's cursor", async () => {
    graphql(() => firstPage(items(1, 100, true)));
    graphql(() => nextPage(items(101, 100, true)));
    graphql(() => nextPage(items(201, 50, false)));
    const board = await readBoard(octokit(), "kubernetes", 269);
    expect(board.items).toHaveLength(250);
    expect(new Set(board.items.map((i) => i.issue?.number)).size).toBe(250);
    expect(sent.map((s) => `${s.op} ${s.variables.after ?? ""}`)).toEqual(["Board ", "BoardItems c101", "BoardItems c201"]);
    expect(sent[0]!.variables).toEqual({ owner: "kubernetes", number: 269 });
  });

  it("fields keep their type and options; values are read by field id; value types kep-tracker does not use are skipped", async () => {
    graphql(() => firstPage(items(7, 1, false)));
    const board = await readBoard(octokit(), "kubernetes", 269);
    expect(board.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      "Title:other",
      "Status:single-select",
      "Issue Number:text",
      "Additional Time:number",
      "Iteration:other",
    ]);
    expect(board.items[0]).toEqual({
      id: "PVTI_7",
      issue: { owner: "kubernetes", repo: "enhancements", number: 7, nodeId: "I_7" },
      values: {
        title: { kind: "text", text: "KEP 7" },
        status: { kind: "single-select", optionId: "s1", name: "Tracked For Code Freeze" },
        number: { kind: "text", text: "7" },
        days: { kind: "number", number: 3 },
      },
    });
  });

  it("draft items and pull requests are items with no issue", async () => {
    graphql(() =>
      firstPage({
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: [
          { id: "d", content: { __typename: "DraftIssue" }, fieldValues: { nodes: [] } },
          { id: "p", content: null, fieldValues: { nodes: [] } },
        ],
      }),
    );
    const board = await readBoard(octokit(), "kubernetes", 269);
    expect(board.items.map((i) => i.issue)).toEqual([null, null]);
  });

  it("GraphQL errors beside partial data fail the read instead of looking like an empty board", async () => {
    graphql(() => firstPage(items(1, 100, true)));
    graphql(() => ({
      data: { repositoryOwner: { projectV2: { items: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } },
      errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }],
    }));
    const read = readBoard(octokit(), "kubernetes", 269);
    await expect(read).rejects.toBeInstanceOf(BoardReadError);
    await expect(read).rejects.toThrow("GitHub answered the board read with errors: API rate limit exceeded");
  });

  it("a board that does not exist, or that the App may not see, says which and what to check", async () => {
    graphql(() => ({
      data: { repositoryOwner: { projectV2: null } },
      errors: [{ type: "NOT_FOUND", message: "Could not resolve to a ProjectV2 with the number 999." }],
    }));
    await expect(readBoard(octokit(), "kubernetes", 999)).rejects.toThrow("Could not resolve to a ProjectV2 with the number 999.");
    graphql(() => ({ data: { repositoryOwner: null } }));
    await expect(readBoard(octokit(), "nobody", 1)).rejects.toThrow(/no project nobody\/1: check board.owner and board.number/);
  });

  it("an answer in an unexpected shape fails the read", async () => {
    graphql(() => ({ data: { repositoryOwner: { projectV2: { id: "PVT", title: "t", fields: FIELDS, items: { nodes: "nope" } } } } }));
    await expect(readBoard(octokit(), "kubernetes", 269)).rejects.toThrow(/unexpected shape/);
  });

  it("a server error is passed on as it is, for the caller's retry", async () => {
    graphql(() => ({ message: "Bad gateway" }), 502);
    await expect(readBoard(octokit(), "kubernetes", 269)).rejects.toMatchObject({ status: 502 });
  });
});

describe("reading the board for one event", () => {
  const board = { id: "PVT_269", title: "v1.38 Release Tracking", fields: FIELDS };

  it("an issue event reads the board's fields and the issue's item on that board in one request, ignoring its items on other boards", async () => {
    graphql(() => ({
      data: {
        repository: {
          issue: {
            id: "I_7",
            projectItems: {
              nodes: [
                { ...issueItem(7), id: "PVTI_other", project: { id: "PVT_264" } },
                { ...issueItem(7), project: { id: "PVT_269" } },
              ],
            },
          },
        },
        repositoryOwner: { projectV2: board },
      },
    }));
    const read = await readIssueOnBoard(octokit(), { owner: "kubernetes", repo: "enhancements" }, 7, "kubernetes", 269);
    expect(read.issueNodeId).toBe("I_7");
    expect(read.board.items.map((i) => i.id)).toEqual(["PVTI_7"]);
    expect(read.board.fields).toHaveLength(5);
    expect(sent.map((s) => s.op)).toEqual(["IssueOnBoard"]);
    expect(sent[0]!.variables).toEqual({ owner: "kubernetes", repo: "enhancements", number: 7, boardOwner: "kubernetes", board: 269 });
  });

  it("an issue not yet on the board comes back with no item and the node id to add it by", async () => {
    graphql(() => ({ data: { repository: { issue: { id: "I_8", projectItems: { nodes: [] } } }, repositoryOwner: { projectV2: board } } }));
    const read = await readIssueOnBoard(octokit(), { owner: "kubernetes", repo: "enhancements" }, 8, "kubernetes", 269);
    expect(read).toMatchObject({ issueNodeId: "I_8", board: { id: "PVT_269", items: [] } });
  });

  it("a board item event reads the item with its board's fields, and a deleted item reads as nothing", async () => {
    graphql(() => ({
      data: { node: { ...issueItem(9), project: { ...board, number: 269, owner: { __typename: "Organization", login: "kubernetes" } } } },
    }));
    const read = await readBoardItem(octokit(), "PVTI_9");
    expect(read).toMatchObject({
      owner: "kubernetes",
      number: 269,
      board: { id: "PVT_269", items: [{ id: "PVTI_9", issue: { number: 9, nodeId: "I_9" } }] },
    });
    graphql(() => ({ data: { node: null } }));
    expect(await readBoardItem(octokit(), "PVTI_gone")).toBeNull();
  });
});

describe("writing a board plan", () => {
  const target = { issue: 4818, fieldId: "F_status", field: "Status" };
  const plan: BoardWrite[] = [
    { kind: "add-item", issue: 4818, contentId: "I_4818" },
    { ...target, itemId: null, kind: "set-option", optionId: "opt1", value: "Tracked for KEP readiness" },
    { ...target, itemId: null, kind: "set-text", fieldId: "F_num", field: "Issue Number", value: "4818" },
    { issue: 1, itemId: "PVTI_1", fieldId: "F_num", field: "Issue Number", kind: "set-number", value: 1 },
    { issue: 2, itemId: "PVTI_2", fieldId: "F_stage", field: "Stage", kind: "clear" },
  ];

  it("an added item's fields are written on the item the add returned; one request a write", async () => {
    graphql(() => ({ data: { addProjectV2ItemById: { item: { id: "PVTI_new" } } } }));
    for (let i = 0; i < 4; i++) graphql(() => ({ data: { x: { projectV2Item: { id: "PVTI" } } } }));
    const results = await new BoardWriter(octokit(), "PVT_269").applyAll(plan);
    expect(results.map((r) => r.outcome)).toEqual(["made", "made", "made", "made", "made"]);
    expect(sent).toEqual([
      { op: "AddBoardItem", variables: { project: "PVT_269", content: "I_4818" } },
      {
        op: "SetBoardField",
        variables: { project: "PVT_269", item: "PVTI_new", field: "F_status", value: { singleSelectOptionId: "opt1" } },
      },
      { op: "SetBoardField", variables: { project: "PVT_269", item: "PVTI_new", field: "F_num", value: { text: "4818" } } },
      { op: "SetBoardField", variables: { project: "PVT_269", item: "PVTI_1", field: "F_num", value: { number: 1 } } },
      { op: "ClearBoardField", variables: { project: "PVT_269", item: "PVTI_2", field: "F_stage" } },
    ]);
  });

  it("a dry run makes no request", async () => {
    const results = await new BoardWriter(octokit(), "PVT_269", { dryRun: true }).applyAll(plan);
    expect(results.every((r) => r.outcome === "dry-run")).toBe(true);
    expect(sent).toEqual([]);
  });

  it("a failed add skips that item's field writes, the rest go on, and the limit caps the requests", async () => {
    graphql(() => ({ message: "Server Error" }), 500);
    graphql(() => ({ data: { x: { projectV2Item: { id: "PVTI" } } } }));
    const results = await new BoardWriter(octokit(), "PVT_269").applyAll(plan, 2);
    expect(results.map((r) => r.outcome)).toEqual(["failed", "skipped", "skipped", "made"]);
    expect(sent.map((s) => s.op)).toEqual(["AddBoardItem", "SetBoardField"]);
  });
});
