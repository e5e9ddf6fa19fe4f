import { z } from "zod";
import { locate, type TextTree } from "./yaml-text.js";

/**
 * The shape of a KEP metadata file, as upstream's strict Go decoder accepts
 * it: "text" is any scalar (null or absent means empty), "list" a list of
 * scalars, an object a mapping with exactly those keys (null allowed), and
 * `[object]` a list of such mappings.
 */
export type Spec = "text" | "list" | SpecMapping | readonly [SpecMapping];
type SpecMapping = { readonly [key: string]: Spec };

/** The value a Spec accepts, as a type. */
export type SpecValue<S> = S extends "text"
  ? string | null | undefined
  : S extends "list"
    ? Array<string | null> | null | undefined
    : S extends readonly [infer E]
      ? Array<SpecObject<E> | null> | null | undefined
      : SpecObject<S> | null | undefined;
export type SpecObject<S> = { [K in keyof S]?: SpecValue<S[K]> };

/** Array.isArray, which does not narrow a readonly tuple out of a union. */
const isSpecList = (s: Spec): s is readonly [SpecMapping] => Array.isArray(s);

/** The zod schema of a Spec (strict objects at every depth); each file's module builds its own once. */
export function schemaOf<S extends Spec & object>(spec: S): z.ZodType<SpecObject<S>> {
  // The value itself, not null: a mapping's entries may be null or absent, a list's entries null.
  const build = (s: Spec): z.ZodType => {
    if (s === "text") return z.string();
    if (s === "list") return z.array(z.string().nullable());
    if (isSpecList(s)) return z.array(build(s[0]).nullable());
    return z.strictObject(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, build(v).nullish()])));
  };
  // Safe: the schema is built from `spec`, which is what SpecObject<S> describes as a type.
  return build(spec) as z.ZodType<SpecObject<S>>;
}

export type ShapeProblem = {
  kind: "unknown-field" | "wrong-type";
  path: string;
  line: number | null;
  message: string;
};

const describe: Record<string, string> = {
  string: "a single value",
  array: "a list",
  object: "a mapping of keys to values",
  boolean: "true or false",
};

function kindOf(value: TextTree | undefined): string {
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "a mapping";
  return "a single value";
}

function valueAt(tree: TextTree, path: readonly PropertyKey[]): TextTree | undefined {
  let v: TextTree | undefined = tree;
  for (const step of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = Array.isArray(v) ? v[Number(step)] : v[String(step)];
  }
  return v;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

/**
 * Checks a TextTree against a Spec's schema, reporting every unknown key and every
 * value of the wrong kind (the two ways upstream's strict decoder rejects a
 * file), each at its line.
 */
export function checkShape<T>(source: string, tree: TextTree, schema: z.ZodType<T>): { value: T | null; problems: ShapeProblem[] } {
  const result = schema.safeParse(tree);
  if (result.success) return { value: result.data, problems: [] };
  const problems: ShapeProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({
          kind: "unknown-field",
          path: formatPath(path),
          line: locate(source, path, { key: true }),
          message: `unknown field "${formatPath(path)}"`,
        });
      }
    } else {
      const expected = issue.code === "invalid_type" ? (describe[issue.expected] ?? issue.expected) : "another kind of value";
      const where = issue.path.length ? `"${formatPath(issue.path)}"` : "the file";
      problems.push({
        kind: "wrong-type",
        path: formatPath(issue.path),
        line: locate(source, issue.path),
        message: `${where} must be ${expected}, not ${kindOf(valueAt(tree, issue.path))}`,
      });
    }
  }
  return { value: null, problems };
}
