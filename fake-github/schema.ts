// GitHub's published GraphQL schema, for checking every document the tests,
// the bench's fake GitHub and the demo send. The package's SDL repeats one
// field, which graphql-js rejects; its JSON introspection loads cleanly.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  buildClientSchema,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  type IntrospectionQuery,
  parse,
  validate,
} from "graphql";

let built: GraphQLSchema | null = null;

/**
 * The package's schema.json, found as Node finds packages. Importing the
 * package instead would build a second schema for its own validator (about
 * half a second more in every test file); its exports do not list the file.
 */
function schemaJsonPath(): string {
  for (const dir of createRequire(import.meta.url).resolve.paths("@octokit/graphql-schema") ?? []) {
    const path = join(dir, "@octokit", "graphql-schema", "schema.json");
    if (existsSync(path)) return path;
  }
  throw new Error("@octokit/graphql-schema is not installed: npm ci installs it (a dev dependency)");
}

/** The schema, built once per process (about 0.2 s). */
export function githubSchema(): GraphQLSchema {
  if (!built) {
    built = buildClientSchema(JSON.parse(readFileSync(schemaJsonPath(), "utf8")) as IntrospectionQuery);
  }
  return built;
}

export type CheckedDocument = { ok: true; document: DocumentNode } | { ok: false; errors: readonly GraphQLError[] };

// A sweep sends the same few documents again and again; FilesAndPullRequests varies, so keep the cache bounded.
const cache = new Map<string, CheckedDocument>();
const CACHE_SIZE = 200;

/** Parses and validates a document against GitHub's schema: what GitHub answers before running a query. */
export function checkDocument(query: string): CheckedDocument {
  const hit = cache.get(query);
  if (hit) return hit;
  let result: CheckedDocument;
  try {
    const document = parse(query);
    const errors = validate(githubSchema(), document);
    result = errors.length ? { ok: false, errors } : { ok: true, document };
  } catch (e) {
    // parse() throws a GraphQLError for a syntax error; anything else is a bug here.
    if (!(e instanceof GraphQLError)) throw e;
    result = { ok: false, errors: [e] };
  }
  cache.set(query, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}

/**
 * The errors GitHub would answer a request with before running it: an invalid
 * document, or variables that do not fit the operation's declared types
 * (a missing `$owner: String!`, a string for an `Int!`). Empty when valid.
 */
export function requestErrors(query: string, variables: Record<string, unknown> = {}, operationName?: string): string[] {
  const checked = checkDocument(query);
  if (!checked.ok) return checked.errors.map((e) => e.message);
  const operation = getOperationAST(checked.document, operationName);
  if (!operation) return ["the document has no operation to run (several operations and no operationName?)"];
  const coerced = getVariableValues(githubSchema(), operation.variableDefinitions ?? [], variables);
  return coerced.errors ? coerced.errors.map((e) => e.message) : [];
}

/** The operation's name ("SweepPage"), or "anonymous". */
export function operationName(query: string): string {
  const checked = checkDocument(query);
  if (checked.ok) return getOperationAST(checked.document)?.name?.value ?? "anonymous";
  return /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "anonymous";
}
