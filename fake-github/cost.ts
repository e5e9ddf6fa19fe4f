// GitHub's documented GraphQL charges ("Rate limits and node limits for the
// GraphQL API"): a query costs the requests needed to fill each connection,
// assuming every `first`/`last` is reached (a connection under 100 issues is
// asked 100 times), divided by 100 and rounded, at least 1 point; the nodes it
// may return (the products of those sizes) must stay within 500,000.
import {
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/** The most nodes one query may ask for. */
export const NODE_LIMIT = 500_000;
/** Points an hour for a user or an App installation on github.com. */
export const POINTS_PER_HOUR = 5_000;

export type QueryCost = {
  /** Requests needed to fill every connection, as GitHub counts them. */
  requests: number;
  /** The nodes the query may return. */
  nodes: number;
  /** Points: requests / 100, rounded, at least 1. */
  cost: number;
  /** The first connection past the node limit, with the nodes asked for by then; null within it. */
  overLimit: { field: string; nodes: number } | null;
};

type Walk = {
  variables: Record<string, unknown>;
  fragments: Map<string, FragmentDefinitionNode>;
  requests: number;
  nodes: number;
  overLimit: QueryCost["overLimit"];
};

function argValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.BOOLEAN) return node.value;
  return undefined;
}

/** Whether @include/@skip leaves the selection in, given the variables. */
function included(node: { directives?: readonly DirectiveNode[] | undefined }, w: Walk): boolean {
  for (const d of node.directives ?? []) {
    const arg = d.arguments?.find((a) => a.name.value === "if");
    const value = arg ? argValue(arg.value, w.variables) : undefined;
    if (d.name.value === "include" && value === false) return false;
    if (d.name.value === "skip" && value === true) return false;
  }
  return true;
}

/** The page size a connection field asks for, or null for a field that is not paged. */
function pageSize(field: FieldNode, w: Walk): number | null {
  let size: number | null = null;
  for (const arg of field.arguments ?? []) {
    if (arg.name.value !== "first" && arg.name.value !== "last") continue;
    const n = argValue(arg.value, w.variables);
    if (typeof n === "number") size = Math.max(size ?? 0, n);
  }
  return size;
}

function walk(set: SelectionSetNode | undefined, parents: number, w: Walk): void {
  for (const s of set?.selections ?? []) {
    if (!included(s, w)) continue;
    if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, parents, w);
    else if (s.kind === Kind.FRAGMENT_SPREAD) walk(w.fragments.get(s.name.value)?.selectionSet, parents, w);
    else {
      const size = pageSize(s, w);
      if (size === null) {
        walk(s.selectionSet, parents, w);
        continue;
      }
      w.requests += parents;
      w.nodes += parents * size;
      if (!w.overLimit && w.nodes > NODE_LIMIT) w.overLimit = { field: s.name.value, nodes: w.nodes };
      walk(s.selectionSet, parents * size, w);
    }
  }
}

/** The cost of running `operationName` of a valid document with `variables`. */
export function queryCost(document: DocumentNode, variables: Record<string, unknown>, operationName?: string): QueryCost {
  const op = getOperationAST(document, operationName);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const w: Walk = { variables, fragments, requests: 0, nodes: 0, overLimit: null };
  walk(op?.selectionSet, 1, w);
  return { requests: w.requests, nodes: w.nodes, cost: Math.max(1, Math.round(w.requests / 100)), overLimit: w.overLimit };
}
