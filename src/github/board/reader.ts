/**
 * Reads a whole release board: its fields, and every item with its field values, 100 items a
 * request (ceil(items / 100) requests in all). A board read only in part would look like a
 * board missing items, and the plan would add them twice, so any GraphQL error, even beside
 * partial data, fails the read.
 */
import type { z } from "zod";
import type { Board, BoardField, BoardItem, FieldType, FieldValue } from "../../board/board.js";
import { isRecord } from "../../util/narrow.js";
import {
  BOARD,
  BOARD_ITEM,
  BOARD_ITEMS,
  BOARD_OWNER,
  BoardItemNode,
  BoardItemResponse,
  BoardItemsResponse,
  BoardOwnerResponse,
  BoardResponse,
  type FieldNode,
  ISSUE_ON_BOARD,
  IssueOnBoardResponse,
  type ItemNode,
} from "./queries.js";

/** The one call the reader needs; Probot's and @octokit/rest's Octokit both have it. */
export type GraphqlClient = { graphql: (query: string, params?: Record<string, unknown>) => Promise<unknown> };

/** Bounded time and memory: no real release board comes near 10,000 items. */
export const MAX_BOARD_PAGES = 100;

export class BoardReadError extends Error {
  constructor(
    message: string,
    /** The GraphQL errors' messages, when GitHub gave any. */
    readonly errors: string[] = [],
  ) {
    super(message);
    this.name = "BoardReadError";
  }
}

const FIELD_TYPES: Record<string, FieldType> = { SINGLE_SELECT: "single-select", TEXT: "text", NUMBER: "number", DATE: "date" };

function toField(node: FieldNode | null): BoardField | null {
  if (!node?.id || node.name === undefined) return null;
  return { id: node.id, name: node.name, type: FIELD_TYPES[node.dataType ?? ""] ?? "other", options: node.options ?? [] };
}

function toValue(node: ItemNode["fieldValues"]["nodes"][number]): [string, FieldValue] | null {
  if (!node || !("field" in node) || !node.field.id) return null;
  const id = node.field.id;
  if ("optionId" in node)
    return node.optionId && node.name !== null ? [id, { kind: "single-select", optionId: node.optionId, name: node.name }] : null;
  if ("text" in node) return node.text !== null ? [id, { kind: "text", text: node.text }] : null;
  if ("number" in node) return node.number !== null ? [id, { kind: "number", number: node.number }] : null;
  if ("date" in node) return node.date !== null ? [id, { kind: "date", date: node.date }] : null;
  return null;
}

const toFields = (nodes: Array<FieldNode | null>): BoardField[] => nodes.map(toField).filter((f): f is BoardField => f !== null);

function toItem(node: ItemNode | null): BoardItem | null {
  if (!node) return null;
  const c = node.content;
  const issue =
    c?.__typename === "Issue" && c.number !== undefined && c.repository
      ? { owner: c.repository.owner.login, repo: c.repository.name, number: c.number, nodeId: c.id ?? "" }
      : null;
  const values = Object.fromEntries(node.fieldValues.nodes.map(toValue).filter((v): v is [string, FieldValue] => v !== null));
  return { id: node.id, issue, values, ...(node.isArchived ? { archived: true } : {}) };
}

/** Whether GitHub's only errors say that nothing is at `path` (`node`: an item deleted since the event was sent). */
function onlyNotFound(e: unknown, path: string): boolean {
  const errors = isRecord(e) ? e.errors : undefined;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((x: unknown) => isRecord(x) && x.type === "NOT_FOUND" && Array.isArray(x.path) && x.path.join(".") === path)
  );
}

/**
 * One request; GraphQL errors (Octokit throws them, with any partial data) become a BoardReadError,
 * except that `gone` answers GitHub's NOT_FOUND at that path alone with a null node.
 */
async function ask(client: GraphqlClient, query: string, params: Record<string, unknown>, gone?: string): Promise<unknown> {
  try {
    return await client.graphql(query, params);
  } catch (e) {
    if (gone && onlyNotFound(e, gone)) return { [gone]: null };
    const errors = isRecord(e) ? e.errors : undefined;
    if (!Array.isArray(errors)) throw e;
    const messages = errors.map((x: unknown) => (isRecord(x) && typeof x.message === "string" ? x.message : "unknown error"));
    throw new BoardReadError(`GitHub answered the board read with errors: ${messages.join("; ")}`, messages);
  }
}

function parsed<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const r = schema.safeParse(data);
  if (!r.success) throw new BoardReadError(`the board read came back in an unexpected shape: ${r.error.message.slice(0, 300)}`);
  return r.data;
}

const notFound = (owner: string, number: number) =>
  new BoardReadError(
    `no project ${owner}/${number}: check board.owner and board.number, ` +
      `and that the App may read it (organisation permission Projects, installed on ${owner})`,
  );

/** The whole board `owner`'s project `number` (an organisation's or a user's). */
export async function readBoard(client: GraphqlClient, owner: string, number: number): Promise<Board> {
  const first = parsed(BoardResponse, await ask(client, BOARD, { owner, number }));
  const project = first.repositoryOwner?.projectV2;
  if (!project) throw notFound(owner, number);
  const fields = toFields(project.fields.nodes);
  const items = project.items.nodes.map(toItem).filter((i): i is BoardItem => i !== null);
  let page = project.items.pageInfo;
  for (let pages = 1; page.hasNextPage; pages++) {
    if (!page.endCursor) throw new BoardReadError("GitHub said more items follow but gave no cursor");
    if (pages >= MAX_BOARD_PAGES)
      throw new BoardReadError(`the board has more than ${MAX_BOARD_PAGES * 100} items; kep-tracker reads at most that many`);
    const next = parsed(BoardItemsResponse, await ask(client, BOARD_ITEMS, { owner, number, after: page.endCursor }));
    const more = next.repositoryOwner?.projectV2?.items;
    if (!more) throw notFound(owner, number);
    items.push(...more.nodes.map(toItem).filter((i): i is BoardItem => i !== null));
    page = more.pageInfo;
  }
  return { id: project.id, title: project.title, fields, items };
}

/** A board with only the items one event concerns, and what the event needs beside it. */
export type IssueOnBoard = {
  /** The board's fields, with only this issue's item (none when it is not on the board yet). */
  board: Board;
  /** The issue's node id, for adding it; null when the repository has no such issue. */
  issueNodeId: string | null;
};

/**
 * For an event on one issue: the board's fields and the issue's item on it, one request
 * (`repo` is the tracked repository, `owner`/`number` the board).
 */
export async function readIssueOnBoard(
  client: GraphqlClient,
  repo: { owner: string; repo: string },
  issue: number,
  owner: string,
  number: number,
): Promise<IssueOnBoard> {
  const data = parsed(
    IssueOnBoardResponse,
    await ask(client, ISSUE_ON_BOARD, { ...repo, number: issue, boardOwner: owner, board: number }),
  );
  const project = data.repositoryOwner?.projectV2;
  if (!project) throw notFound(owner, number);
  const found = data.repository?.issue;
  const item = found?.projectItems.nodes.find((n) => n?.project.id === project.id) ?? null;
  return {
    board: {
      id: project.id,
      title: project.title,
      fields: toFields(project.fields.nodes),
      items: [toItem(item)].filter((i): i is BoardItem => i !== null),
    },
    issueNodeId: found?.id ?? null,
  };
}

/**
 * For a projects_v2_item event: the item and its board's fields, one request. Null when the
 * node is no longer an item: deleted since the event was sent, which GitHub answers with a
 * NOT_FOUND error beside `node: null`.
 */
export async function readBoardItem(
  client: GraphqlClient,
  itemNodeId: string,
): Promise<{ board: Board; owner: string; number: number } | null> {
  const data = parsed(BoardItemResponse, await ask(client, BOARD_ITEM, { item: itemNodeId }, "node"));
  if (!data.node || !("id" in data.node)) return null;
  const node = parsed(BoardItemNode, data.node);
  const item = toItem(node);
  const p = node.project;
  return {
    board: { id: p.id, title: p.title, fields: toFields(p.fields.nodes), items: item ? [item] : [] },
    owner: p.owner.login ?? "",
    number: p.number,
  };
}

/** "Organization", "User", or null when GitHub knows no one by that login. */
export async function boardOwnerType(client: GraphqlClient, owner: string): Promise<string | null> {
  return parsed(BoardOwnerResponse, await ask(client, BOARD_OWNER, { owner })).repositoryOwner?.__typename ?? null;
}
