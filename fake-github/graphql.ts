// GraphQL answered by graphql-js itself over GitHub's published schema: the
// document is validated, variables coerced, and every field resolved from the
// World through plain objects (a field with arguments is a method). What the
// schema has and the fake does not model comes back null, or as an error for
// a non-null field, so a query can never get more than real GitHub gives.
import { type ExecutionResult, execute, type GraphQLResolveInfo, getOperationAST } from "graphql";
import { type Args, actorNode, FakeGraphQLError, type PageArgs } from "./connection.js";
import { NODE_LIMIT, POINTS_PER_HOUR, type QueryCost, queryCost } from "./cost.js";
import { projectById, projectMutations, projectOwner } from "./project-nodes.js";
import { issueById, repositoryNode } from "./repo-nodes.js";
import { checkDocument, githubSchema } from "./schema.js";
import { searchIssues } from "./search.js";
import type { World } from "./world.js";

export type GraphQLBody = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };
export type GraphQLAnswer = {
  operation: string;
  mutation: boolean;
  unmeant: string[];
  /** What GitHub charges for the request; null for a document it refuses before running. */
  cost: QueryCost | null;
  result: { data?: unknown; errors?: unknown[] };
};

/**
 * Runs one request against the World as `actor` (a login; "x[bot]" for the App); `pointsUsed`:
 * the points charged before it this hour, for `rateLimit`.
 */
export function runGraphQL(world: World, body: GraphQLBody, actor: string, pointsUsed = 0): GraphQLAnswer {
  const checked = checkDocument(body.query);
  if (!checked.ok)
    return {
      operation: "invalid",
      mutation: false,
      unmeant: [],
      cost: null,
      result: { errors: checked.errors.map((e) => ({ message: e.message, locations: e.locations })) },
    };
  const op = getOperationAST(checked.document, body.operationName ?? undefined);
  const operation = op?.name?.value ?? "anonymous";
  const mutation = op?.operation === "mutation";
  const cost = queryCost(checked.document, body.variables ?? {}, body.operationName ?? undefined);
  // GitHub refuses the whole query, before running it, once it may return more nodes than the limit.
  if (cost.overLimit)
    return {
      operation,
      mutation,
      unmeant: [],
      cost,
      result: { errors: [{ type: "MAX_NODE_LIMIT_EXCEEDED", message: overLimitMessage(cost.overLimit) }] },
    };
  const rootValue = mutation ? projectMutations(world, actor) : queryRoot(world, actor, cost, pointsUsed);
  const result = execute({
    schema: githubSchema(),
    document: checked.document,
    rootValue,
    variableValues: body.variables ?? {},
    operationName: body.operationName ?? undefined,
  }) as ExecutionResult;
  const errors = result.errors?.map((e) => ({
    ...(e.originalError instanceof FakeGraphQLError && e.originalError.type ? { type: e.originalError.type } : {}),
    path: e.path,
    locations: e.locations,
    message: e.message,
  }));
  // An error the fake did not mean (a non-null field it does not model, an Int past 2^31) is worth a look.
  const unmeant =
    result.errors?.filter((e) => !(e.originalError instanceof FakeGraphQLError)).map((e) => `${e.path?.join(".") ?? ""}: ${e.message}`) ??
    [];
  return {
    operation,
    mutation,
    unmeant,
    cost,
    result: { ...("data" in result ? { data: result.data } : {}), ...(errors?.length ? { errors } : {}) },
  };
}

const overLimitMessage = ({ field, nodes }: { field: string; nodes: number }) =>
  `By the time this query traverses to the ${field} connection, it is requesting up to ${nodes.toLocaleString("en-US")} possible nodes ` +
  `which exceeds the maximum limit of ${NODE_LIMIT.toLocaleString("en-US")}.`;

function queryRoot(world: World, actor: string, cost: QueryCost, pointsUsed: number) {
  return {
    viewer: () => actorNode(actor),
    repository: ({ owner, name }: Args) => repositoryNode(world, String(owner), String(name)),
    organization: ({ login }: Args) => projectOwner(world, String(login), "Organization"),
    user: ({ login }: Args) => projectOwner(world, String(login), "User"),
    // An organization or a user, whichever the login is; null (no error) for nobody, as GitHub answers.
    repositoryOwner: ({ login }: Args) => {
      const lower = String(login).toLowerCase();
      if (!world.projects.some((p) => p.owner.toLowerCase() === lower) && !world.repos.some((r) => r.owner.toLowerCase() === lower))
        return null;
      const type = world.projects.find((p) => p.owner.toLowerCase() === lower)?.ownerType ?? "Organization";
      return projectOwner(world, String(login), type);
    },
    node: ({ id }: Args) => nodeById(world, String(id)),
    nodes: ({ ids }: Args) => (ids as string[]).map((id) => nodeById(world, id)),
    search: (args: Args & PageArgs, _c: unknown, info: GraphQLResolveInfo) => searchIssues(world, args, info),
    // As GitHub answers it: this query's cost, and the hour's points with it counted.
    rateLimit: () => ({
      limit: POINTS_PER_HOUR,
      cost: cost.cost,
      remaining: Math.max(0, POINTS_PER_HOUR - pointsUsed - cost.cost),
      used: pointsUsed + cost.cost,
      nodeCount: cost.nodes,
      resetAt: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  };
}

function nodeById(world: World, id: string): unknown {
  const found = issueById(world, id) ?? projectById(world, id);
  if (!found) throw new FakeGraphQLError(`Could not resolve to a node with the global id of '${id}'`, "NOT_FOUND");
  return found;
}
