import { z } from "zod";
import { locate, type TextTree } from "./yaml-text.js";

/** A scalar field: any scalar is text; null or absent means empty. */
export const text = z.string().nullish();
/** A list of scalars. */
export const textList = z.array(z.string().nullable()).nullish();

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
    v = (v as Record<string, TextTree>)[String(step)];
  }
  return v;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

type Check = (value: unknown) => boolean;

/**
 * A plain predicate compiled from a zod schema made of strings, lists,
 * optional/nullable wrappers and strict objects: true only when zod would
 * accept the value unchanged. Anything else compiles to null and zod decides.
 * It exists because zod's own parse was most of the validator's cost over
 * 1,100 files, while nearly every file is well-formed.
 */
function compile(schema: z.ZodType): Check | null {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string) => compile(def[key] as z.ZodType);
  switch (def.type) {
    case "string":
      return (v) => typeof v === "string";
    case "optional": {
      const c = inner("innerType");
      return c && ((v) => v === undefined || c(v));
    }
    case "nullable": {
      const c = inner("innerType");
      return c && ((v) => v === null || c(v));
    }
    case "array": {
      const c = inner("element");
      return c && ((v) => Array.isArray(v) && v.every(c));
    }
    case "object": {
      const catchall = (def.catchall as { _zod?: { def: { type: string } } } | undefined)?._zod?.def.type;
      if (catchall !== "never") return null;
      const fields = Object.entries(def.shape as Record<string, z.ZodType>).map(([k, f]) => [k, compile(f)] as const);
      if (fields.some(([, c]) => c === null)) return null;
      const known = new Map(fields as Array<readonly [string, Check]>);
      return (v) => {
        if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
        for (const k of Object.keys(v)) if (!known.has(k)) return false;
        for (const [k, c] of known) if (!c((v as Record<string, unknown>)[k])) return false;
        return true;
      };
    }
    default:
      return null;
  }
}

const compiled = new WeakMap<z.ZodType, Check | null>();

/** Whether zod would accept `value` as it is, decided without running zod when the schema allows. */
export function conformsQuickly(schema: z.ZodType, value: unknown): boolean {
  if (!compiled.has(schema)) compiled.set(schema, compile(schema));
  return compiled.get(schema)?.(value) ?? false;
}

/**
 * Checks a TextTree against a strict zod schema, reporting every unknown key
 * and every value of the wrong kind (the two ways upstream's strict decoder
 * rejects a file), each at its line.
 */
export function checkShape<S extends z.ZodType>(
  source: string,
  tree: TextTree,
  schema: S,
): { value: z.infer<S> | null; problems: ShapeProblem[] } {
  if (conformsQuickly(schema, tree)) return { value: tree as z.infer<S>, problems: [] };
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
      const expected = issue.code === "invalid_type" ? describe[issue.expected] ?? issue.expected : "another kind of value";
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
