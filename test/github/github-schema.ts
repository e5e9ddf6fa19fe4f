import { schema as published } from "@octokit/graphql-schema";
import { buildClientSchema, type IntrospectionQuery, parse, validate } from "graphql";

/**
 * GitHub's published schema, from @octokit/graphql-schema's JSON introspection (its SDL repeats a
 * field, which graphql-js rejects). A minimal local copy for the board tests until the shared
 * fake GitHub's validator is on main: deduplicate then.
 */
const schema = buildClientSchema(published.json as unknown as IntrospectionQuery);

/** The schema's complaints about a document; none for a valid one. */
export const schemaErrors = (doc: string): string[] => validate(schema, parse(doc)).map((e) => e.message);
