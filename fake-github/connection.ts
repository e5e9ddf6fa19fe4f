// The pieces every GraphQL node of the fake shares: GitHub's errors,
// connections with GitHub's paging rules, node ids, actors.
import type { GraphQLResolveInfo } from "graphql";
import type { FakeIssue, FakeRepo, World } from "./world.js";

/** An error GitHub reports beside data, with its `type` ("NOT_FOUND"). */
export class FakeGraphQLError extends Error {
  constructor(
    message: string,
    readonly type?: string,
  ) {
    super(message);
  }
}

export type Args = Record<string, unknown>;
export type PageArgs = { first?: number | null; last?: number | null; after?: string | null; before?: string | null };

/**
 * A connection over a list, with GitHub's rules: `first` or `last` is
 * required and at most 100. Cursors are positions in the list.
 */
export function connection<T>(all: T[], args: PageArgs, info: GraphQLResolveInfo, node: (t: T) => unknown = (t) => t) {
  const name = info.fieldName;
  if (args.first == null && args.last == null)
    throw new FakeGraphQLError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
      "MISSING_PAGINATION_BOUNDARIES",
    );
  for (const k of ["first", "last"] as const) {
    const n = args[k];
    if (n != null && (n < 0 || n > 100))
      throw new FakeGraphQLError(
        `Requesting ${n} records on the \`${name}\` connection exceeds the \`${k}\` limit of 100 records.`,
        "EXCESSIVE_PAGINATION",
      );
  }
  let start = args.after != null ? Number(args.after) + 1 : 0;
  let end = args.before != null ? Math.min(all.length, Number(args.before)) : all.length;
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const slice = all.slice(start, end);
  return {
    totalCount: all.length,
    pageInfo: {
      hasNextPage: end < all.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? String(start) : null,
      endCursor: slice.length ? String(end - 1) : null,
    },
    nodes: () => slice.map(node),
    edges: () => slice.map((t, i) => ({ cursor: String(start + i), node: node(t) })),
  };
}

export const nodeId = (prefix: string, key: string) => `${prefix}_${Buffer.from(key).toString("base64url")}`;
export const idKey = (id: string) => Buffer.from(id.slice(id.indexOf("_") + 1), "base64url").toString();

/** Bots are "<slug>[bot]" in REST and "<slug>" of type Bot in GraphQL. */
export function actorNode(login: string) {
  const bot = login.endsWith("[bot]");
  return { __typename: bot ? "Bot" : "User", login: bot ? login.slice(0, -5) : login };
}

/**
 * Builders bound at load time, where a direct import would make a cycle: an
 * issue has project items (repo-nodes imports project-nodes) and an item has
 * an issue as content (project-nodes asks for issueNode here).
 */
export const late: { issueNode: ((world: World, repo: FakeRepo, issue: FakeIssue) => unknown) | null } = { issueNode: null };
