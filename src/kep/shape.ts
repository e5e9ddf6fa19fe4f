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
