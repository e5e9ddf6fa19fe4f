import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldValueOf, itemFor, releaseBoard, setValue } from "../../fake-github/projects.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";

const BOARD = /* GraphQL */ `
  query Board($owner: String!, $number: Int!, $after: String) {
    organization(login: $owner) {
      projectV2(number: $number) {
        id
        title
        fields(first: 50) { nodes { ... on ProjectV2FieldCommon { id name dataType } ... on ProjectV2SingleSelectField { options { id name } } } }
        items(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes {
            id
            content { ... on Issue { number } }
            fieldValues(first: 30) {
              nodes {
                ... on ProjectV2ItemFieldSingleSelectValue { name optionId field { ... on ProjectV2FieldCommon { name } } }
                ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { name } } }
                ... on ProjectV2ItemFieldNumberValue { number field { ... on ProjectV2FieldCommon { name } } }
              }
            }
          }
        }
      }
    }
  }
`;

type Field = { id: string; name: string; dataType: string; options?: Array<{ id: string; name: string }> };
type Value = { name?: string; text?: string; number?: number; field: { name: string } };
type Item = { id: string; content: { number: number }; fieldValues: { nodes: Value[] } };
type BoardPage = {
  organization: {
    projectV2: {
      id: string;
      title: string;
      fields: { nodes: Field[] };
      items: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Item[] };
    };
  };
};

const issue = (number: number): FakeIssue => ({
  number,
  title: `KEP ${number}`,
  body: "",
  labels: ["lead-opted-in"],
  milestone: null,
  assignees: [],
  comments: [],
});

/** The whole board, a page at a time, as the release board code will read it. */
async function readBoard(octokit: Octokit) {
  const items: Item[] = [];
  let after: string | null = null;
  let page: BoardPage["organization"]["projectV2"];
  do {
    page = ((await octokit.graphql(BOARD, { owner: "kubernetes", number: 269, after })) as BoardPage).organization.projectV2;
    items.push(...page.items.nodes);
    after = page.items.pageInfo.endCursor;
  } while (page.items.pageInfo.hasNextPage);
  return { ...page, items };
}

const value = (item: Item, field: string) => item.fieldValues.nodes.find((v) => v.field.name === field);

describe("the fake GitHub's Projects v2 board", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  let octokit: Octokit;
  const numbers = Array.from({ length: 251 }, (_, i) => 4000 + i);
  const board = releaseBoard({ issues: numbers.slice(0, 250).map((number) => ({ owner: "kubernetes", repo: "enhancements", number })) });

  beforeAll(async () => {
    const on = itemFor(board, { owner: "kubernetes", repo: "enhancements", number: 4000 })!;
    setValue(board, on, "Enhancements Contact", "jenshu");
    setValue(board, on, "Note", "waiting on PRR");
    fake = await startFakeGitHub({
      repos: [
        {
          owner: "kubernetes",
          name: "enhancements",
          defaultBranch: "master",
          headSha: "a".repeat(40),
          files: new Map(),
          issues: numbers.map(issue),
          pulls: [],
        },
      ],
      projects: [board],
    });
    octokit = new Octokit({ baseUrl: fake.url, auth: "token", log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
  }, 60_000);
  afterAll(() => fake.close());

  it("pages a board of 250 items in 3 queries, with its fields, their options and what people filled in", async () => {
    fake.reset();
    const read = await readBoard(octokit);
    expect(fake.stats().byKind).toEqual({ "graphql Board": 3 });
    expect(read.title).toBe("v1.38 Release Tracking");
    expect(read.items.map((i) => i.content.number)).toEqual(numbers.slice(0, 250));
    const status = read.fields.nodes.find((f) => f.name === "Status")!;
    expect(status.dataType).toBe("SINGLE_SELECT");
    expect(status.options!.map((o) => o.name)).toEqual(
      expect.arrayContaining(["Tracked for KEP readiness", "At risk for KEP readiness", "Exception Pending"]),
    );
    expect(read.fields.nodes.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        "Stage",
        "SIG",
        "Enhancement Type",
        "Enhancements Contact",
        "Note",
        "Issue Number",
        "PRR Status",
        "Exception Request Type",
        "Exception Status",
        "Additional Time",
      ]),
    );
    expect(value(read.items[0]!, "Enhancements Contact")?.name).toBe("jenshu");
    expect(value(read.items[0]!, "Note")?.text).toBe("waiting on PRR");
    expect(value(read.items[0]!, "Title")?.text).toBe("KEP 4000");
    expect(fake.stats().unexpected).toEqual([]);
  });

  it("shows a mutation's change in the next query: an added item, a set option, text and number, a cleared value", async () => {
    const before = await readBoard(octokit);
    const field = (name: string) => before.fields.nodes.find((f) => f.name === name)!;
    const status = field("Status");
    const atRisk = status.options!.find((o) => o.name === "At risk for KEP readiness")!;
    const { repository } = (await octokit.graphql(
      `query IssueId { repository(owner: "kubernetes", name: "enhancements") { issue(number: 4250) { id } } }`,
    )) as { repository: { issue: { id: string } } };
    const added = (await octokit.graphql(
      `mutation Add($project: ID!, $content: ID!) { addProjectV2ItemById(input: { projectId: $project, contentId: $content }) { item { id } } }`,
      {
        project: before.id,
        content: repository.issue.id,
      },
    )) as { addProjectV2ItemById: { item: { id: string } } };
    const set = `mutation Set($project: ID!, $item: ID!, $field: ID!, $value: ProjectV2FieldValue!) {
      updateProjectV2ItemFieldValue(input: { projectId: $project, itemId: $item, fieldId: $field, value: $value }) { projectV2Item { id } } }`;
    const itemId = added.addProjectV2ItemById.item.id;
    await octokit.graphql(set, { project: before.id, item: itemId, field: status.id, value: { singleSelectOptionId: atRisk.id } });
    await octokit.graphql(set, { project: before.id, item: itemId, field: field("Issue Number").id, value: { text: "4250" } });
    await octokit.graphql(set, { project: before.id, item: itemId, field: field("Additional Time").id, value: { number: 3 } });
    await octokit.graphql(
      `mutation Clear($project: ID!, $item: ID!, $field: ID!) { clearProjectV2ItemFieldValue(input: { projectId: $project, itemId: $item, fieldId: $field }) { projectV2Item { id } } }`,
      {
        project: before.id,
        item: before.items[0]!.id,
        field: field("Note").id,
      },
    );

    const after = await readBoard(octokit);
    const item = after.items.find((i) => i.content.number === 4250)!;
    expect(after.items).toHaveLength(251);
    expect(value(item, "Status")?.name).toBe("At risk for KEP readiness");
    expect(value(item, "Issue Number")?.text).toBe("4250");
    expect(value(item, "Additional Time")?.number).toBe(3);
    expect(value(after.items[0]!, "Note")).toBeUndefined();
    // The seed's own objects are the fake's state: a test reads them back.
    expect(fieldValueOf(board, itemFor(board, { owner: "kubernetes", repo: "enhancements", number: 4250 })!, "Status")).toBe(
      "At risk for KEP readiness",
    );
    // Adding an issue already on the board gives its item back, as GitHub does.
    const again = (await octokit.graphql(
      `mutation Add($project: ID!, $content: ID!) { addProjectV2ItemById(input: { projectId: $project, contentId: $content }) { item { id } } }`,
      {
        project: before.id,
        content: repository.issue.id,
      },
    )) as { addProjectV2ItemById: { item: { id: string } } };
    expect(again.addProjectV2ItemById.item.id).toBe(itemId);
  });

  it("gives an issue's own item and its values in one query, as a webhook would read them", async () => {
    fake.reset();
    const query = `query IssueItems($owner: String!, $repo: String!, $number: Int!) {
      repository(owner: $owner, name: $repo) { issue(number: $number) { projectItems(first: 10) { nodes { id project { number title } fieldValueByName(name: "Enhancements Contact") { ... on ProjectV2ItemFieldSingleSelectValue { name } } } } } } }`;
    const data = (await octokit.graphql(query, { owner: "kubernetes", repo: "enhancements", number: 4000 })) as {
      repository: {
        issue: {
          projectItems: { nodes: Array<{ project: { number: number; title: string }; fieldValueByName: { name: string } | null }> };
        };
      };
    };
    expect(data.repository.issue.projectItems.nodes).toEqual([
      expect.objectContaining({ project: { number: 269, title: "v1.38 Release Tracking" }, fieldValueByName: { name: "jenshu" } }),
    ]);
    expect(fake.stats()).toMatchObject({ reads: 1, unexpected: [] });
  });

  it("refuses an option of another field, as GitHub does", async () => {
    const read = await readBoard(octokit);
    const stage = read.fields.nodes.find((f) => f.name === "Stage")!;
    const status = read.fields.nodes.find((f) => f.name === "Status")!;
    const set = `mutation Set($project: ID!, $item: ID!, $field: ID!, $value: ProjectV2FieldValue!) {
      updateProjectV2ItemFieldValue(input: { projectId: $project, itemId: $item, fieldId: $field, value: $value }) { projectV2Item { id } } }`;
    await expect(
      octokit.graphql(set, {
        project: read.id,
        item: read.items[1]!.id,
        field: stage.id,
        value: { singleSelectOptionId: status.options![0]!.id },
      }),
    ).rejects.toThrow(/does not belong to the field Stage/);
  });

  it("rejects a document with a misspelt field with GitHub's kind of GraphQL error, and runs none of it", async () => {
    fake.reset();
    const misspelt = BOARD.replace("fieldValues(first: 30)", "fieldValue(first: 30)");
    await expect(octokit.graphql(misspelt, { owner: "kubernetes", number: 269, after: null })).rejects.toThrow(
      /Cannot query field "fieldValue" on type "ProjectV2Item"/,
    );
    expect(fake.stats().unexpected).toEqual([
      expect.stringContaining('invalid GraphQL: Cannot query field "fieldValue" on type "ProjectV2Item"'),
    ]);
  });

  it("refuses a page larger than 100, and a connection without first or last, as GitHub does", async () => {
    await expect(
      octokit.graphql(`query Big { organization(login: "kubernetes") { projectV2(number: 269) { items(first: 101) { nodes { id } } } } }`),
    ).rejects.toThrow(/exceeds the `first` limit of 100 records/);
    await expect(
      octokit.graphql(`query Unbounded { organization(login: "kubernetes") { projectV2(number: 269) { items { nodes { id } } } } }`),
    ).rejects.toThrow(/You must provide a `first` or `last` value/);
  });
});
