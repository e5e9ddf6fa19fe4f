import { createRequire } from "node:module";
import type { z } from "zod";
import { isRecord } from "../util/narrow.js";
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

/** Whether `value` fits `spec`: a plain walk, so well-formed files never need zod. */
export function conforms(spec: Spec, value: unknown): boolean {
  if (spec === "text") return value === undefined || value === null || typeof value === "string";
  if (spec === "list")
    return value === undefined || value === null || (Array.isArray(value) && value.every((v) => v === null || typeof v === "string"));
  if (value === undefined || value === null) return true;
  if (isSpecList(spec)) return Array.isArray(value) && value.every((v) => v === null || conformsObject(spec[0], v));
  return conformsObject(spec, value);
}

function conformsObject(spec: SpecMapping, value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const k of Object.keys(value)) if (!(k in spec)) return false;
  for (const [k, s] of Object.entries(spec)) if (!conforms(s, value[k])) return false;
  return true;
}

// zod is loaded only to explain a file that does not conform: loading it is
// most of what the validator would otherwise cost on a clean checkout.
const requireZod = createRequire(import.meta.url);
const schemas = new WeakMap<object, z.ZodType>();

/** The zod schema of a Spec (strict objects at every depth), built on first need. */
export function schemaOf(spec: Spec & object, root = true): z.ZodType {
  const cached = root ? schemas.get(spec) : undefined;
  if (cached) return cached;
  // Safe: createRequire answers `any`; this is the zod the type import above describes.
  const { z: zod } = requireZod("zod") as typeof import("zod");
  // The value itself, not null: a mapping's entries may be null or absent, a list's entries null.
  const build = (s: Spec): z.ZodType => {
    if (s === "text") return zod.string();
    if (s === "list") return zod.array(zod.string().nullable());
    if (isSpecList(s)) return zod.array(build(s[0]).nullable());
    return zod.strictObject(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, build(v).nullish()])));
  };
  const schema = build(spec);
  if (root) schemas.set(spec, schema);
  return schema;
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
 * Checks a TextTree against a Spec, reporting every unknown key and every
 * value of the wrong kind (the two ways upstream's strict decoder rejects a
 * file), each at its line.
 */
export function checkShape<S extends Spec & object>(
  source: string,
  tree: TextTree,
  spec: S,
): { value: SpecObject<S> | null; problems: ShapeProblem[] } {
  // Both casts are safe: the value was just checked against `spec` (by the walk, then by zod's
  // schema built from the same spec), which is what SpecObject<S> describes as a type.
  if (conforms(spec, tree) && tree !== null) return { value: tree as SpecObject<S>, problems: [] };
  const result = schemaOf(spec).safeParse(tree);
  if (result.success) return { value: result.data as SpecObject<S>, problems: [] };
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
