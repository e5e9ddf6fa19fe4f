import { createRequire } from "node:module";
import jsyaml from "js-yaml";
import type { Document, LineCounter } from "yaml";
import { errorMessage, isRecord } from "../util/narrow.js";

/**
 * The one door YAML comes in by: kep.yaml, PRR files, OWNERS, OWNERS_ALIASES
 * and `.github/kep-tracker.yml` are all read here, under the same bounds.
 * Anyone can put YAML in a pull request, so a file may be built to hurt: a
 * few hundred bytes of nested aliases stand for billions of nodes, and a
 * deep nest overflows a recursive walk. Both parsers below keep an alias as
 * a reference to the anchored value, so parsing stays cheap; the bounds are
 * checked on that shared graph before anything walks it as a tree.
 */

/** Files larger than this are reported and not parsed (no KEP file comes close). */
export const YAML_MAX_BYTES = 1024 * 1024;
/** Deeper nesting is refused (kep.yaml needs 3 levels; the config 2). */
export const YAML_MAX_DEPTH = 64;
/** A file may stand for at most this many times its own size once its aliases are expanded. */
export const YAML_ALIAS_FACTOR = 4;
// Small files get a floor so that a legitimate anchor or two never trips the bound.
const ALIAS_FLOOR = 4096;

export type YamlProblem = { line: number | null; message: string };

/** A plain (unquoted) true/false, kept apart because yaml.v3 reads it as a boolean and a quoted one as text. */
export class PlainBoolean {
  constructor(readonly text: string) {}
}

export type RawTree = string | null | PlainBoolean | RawTree[] | { [key: string]: RawTree };

/** The size check, before any parser sees the text. */
export function sizeProblem(text: string): YamlProblem | null {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= YAML_MAX_BYTES) return null;
  return { line: null, message: `the file is ${bytes} bytes, over the ${YAML_MAX_BYTES}-byte (1 MiB) limit, so it was not parsed` };
}

class Unbounded extends Error {}

/**
 * What the parsed value stands for once every alias is expanded, counted in
 * characters (a scalar its length plus one, a list or mapping one more),
 * without expanding it: each shared value is measured once. Refuses past
 * `limit` or past the depth bound.
 */
function expandedSize(value: unknown, limit: number): number {
  const memo = new Map<object, number>();
  const walk = (v: unknown, depth: number): number => {
    if (v === null || typeof v !== "object" || v instanceof PlainBoolean) return typeof v === "string" ? v.length + 1 : 1;
    if (depth > YAML_MAX_DEPTH) throw new Unbounded(`it is nested deeper than ${YAML_MAX_DEPTH} levels`);
    const known = memo.get(v);
    if (known !== undefined) return known;
    let size = 1;
    const entries: Array<[string, unknown]> = Array.isArray(v) ? v.map((x) => ["", x]) : Object.entries(v);
    for (const [key, child] of entries) {
      size += key.length + walk(child, depth + 1);
      if (size > limit) throw new Unbounded("too many aliases: expanded, it is far larger than the file");
    }
    memo.set(v, size);
    return size;
  };
  return walk(value, 1);
}

/** The alias and depth bounds, on an already-parsed value (shared references intact). */
export function boundsProblem(value: unknown, textLength: number): YamlProblem | null {
  try {
    expandedSize(value, YAML_ALIAS_FACTOR * textLength + ALIAS_FLOOR);
    return null;
  } catch (e) {
    if (e instanceof Unbounded) return { line: null, message: e.message };
    throw e;
  }
}

// js-yaml applies implicit types to plain scalars only, which is what lets
// quoting be told apart; everything else stays text (the failsafe schema).
const plainBoolean = new jsyaml.Type("tag:kep-tracker,2026:plain-boolean", {
  kind: "scalar",
  resolve: (data: string) => /^(?:true|True|TRUE|false|False|FALSE)$/.test(data),
  construct: (data: string) => new PlainBoolean(data),
  instanceOf: PlainBoolean,
});
const plainNull = new jsyaml.Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (data: string) => /^(?:~|null|Null|NULL|)$/.test(data),
  construct: () => null,
});
const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [plainNull, plainBoolean] });

// js-yaml counts a level per node, keys included: a little headroom over the levels of nesting.
const JSYAML_MAX_DEPTH = YAML_MAX_DEPTH + 2;
// js-yaml 4.3 reads maxDepth; its type definitions predate the option.
const LOAD_OPTIONS: jsyaml.LoadOptions & { maxDepth: number } = { schema: SCHEMA, maxDepth: JSYAML_MAX_DEPTH };
const GATE_OPTIONS: jsyaml.LoadOptions & { maxDepth: number } = { schema: jsyaml.FAILSAFE_SCHEMA, maxDepth: JSYAML_MAX_DEPTH };
const tooDeep = (e: unknown) => e instanceof RangeError || /nesting exceeded maxDepth/.test(errorMessage(e));

function jsyamlProblem(e: unknown): YamlProblem {
  if (tooDeep(e)) return { line: null, message: `it is nested deeper than ${YAML_MAX_DEPTH} levels` };
  // js-yaml's YAMLException: `reason` without the excerpt, `mark.line` 0-based.
  const err = isRecord(e) ? e : {};
  const mark = isRecord(err.mark) ? err.mark : {};
  const line = typeof mark.line === "number" ? mark.line + 1 : null;
  return { line, message: typeof err.reason === "string" ? err.reason : errorMessage(e) };
}

/**
 * The first YAML document of `text` (as yaml.v3's Decode reads it), every
 * scalar kept as text. `undefined` means there was no document. Duplicate
 * keys are a problem, as they are upstream; so is anything past the bounds.
 */
export function readYamlText(text: string): { raw: RawTree | undefined; problem: YamlProblem | null } {
  const tooBig = sizeProblem(text);
  if (tooBig) return { raw: undefined, problem: tooBig };
  let raw: RawTree | undefined;
  try {
    // Safe: SCHEMA builds only text, null, PlainBoolean, lists and mappings, which is RawTree.
    raw = (jsyaml.loadAll(text, null, LOAD_OPTIONS) as RawTree[])[0];
  } catch (e) {
    return { raw: undefined, problem: jsyamlProblem(e) };
  }
  const unbounded = boundsProblem(raw, text.length);
  return unbounded ? { raw: undefined, problem: unbounded } : { raw, problem: null };
}

// YAML 1.2's core schema as the `yaml` package resolves plain scalars (its
// schema/core), for js-yaml: a file both parsers accept reads the same.
// js-yaml keeps one type per tag, so each tag's forms are tried in turn here.
type CoreForm = [RegExp, (data: string) => unknown];
const coreType = (tag: string, forms: CoreForm[]) => {
  const formOf = (data: string) => forms.find(([test]) => test.test(data));
  return new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (data: string) => formOf(data) !== undefined,
    construct: (data: string) => formOf(data)![1](data),
  });
};
const CORE_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    coreType("null", [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    coreType("bool", [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (data) => data[0] === "t" || data[0] === "T"]]),
    coreType("int", [
      [/^0o[0-7]+$/, (data) => parseInt(data.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (data) => parseInt(data, 10)],
      [/^0x[0-9a-fA-F]+$/, (data) => parseInt(data.substring(2), 16)],
    ]),
    coreType("float", [
      [
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
        (data) => (data.slice(-3).toLowerCase() === "nan" ? NaN : data[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY),
      ],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat],
    ]),
  ],
});
const CORE_OPTIONS: jsyaml.LoadOptions & { maxDepth: number } = { schema: CORE_SCHEMA, maxDepth: JSYAML_MAX_DEPTH };

/**
 * The value of a one-document file under YAML 1.2's core schema, read by the
 * fast parser, or null when it cannot say: any error, a directive (`%YAML 1.1`
 * changes what `yes` means to the other parser), a tag it does not know, or
 * anything past the bounds. A caller then asks readYamlDocument, whose
 * verdict (and lines) are the ones reported; this only spares it the work
 * when the file is fine.
 */
export function readYamlValueQuickly(text: string): { value: unknown } | null {
  if (sizeProblem(text) || /^%/m.test(text)) return null;
  let value: unknown;
  try {
    value = jsyaml.load(text, CORE_OPTIONS);
  } catch {
    return null;
  }
  return boundsProblem(value, text.length) ? null : { value };
}

// The `yaml` package keeps node positions; it is slower, so it is loaded only
// where positions are needed (the config, and placing a finding deep in a file).
const requireYaml = createRequire(import.meta.url);
// Safe: createRequire answers `any`; this is the yaml package the type imports describe.
export const yamlModule = (): typeof import("yaml") => requireYaml("yaml") as typeof import("yaml");

export type YamlDocumentOptions = {
  /** A key given twice is a problem. */
  uniqueKeys?: boolean;
  /** false: positions only, no value (placing a line needs none). */
  value?: boolean;
  /** Every scalar stays text, as yaml.v3's nodes keep it. */
  failsafe?: boolean;
  /** Read the first document only, as yaml.v3's Unmarshal does. */
  firstDocument?: boolean;
};

export type YamlDocument = { doc: Document; lines: LineCounter; value: unknown };

/**
 * Parses `text` keeping positions (for lines in messages), under the same
 * bounds. Problems carry their line.
 */
export function readYamlDocument(
  text: string,
  opts: YamlDocumentOptions = {},
): { ok: true; read: YamlDocument } | { ok: false; problems: YamlProblem[] } {
  const tooBig = sizeProblem(text);
  if (tooBig) return { ok: false, problems: [tooBig] };
  // The positional parser takes seconds on deep nesting before it overflows its stack; the
  // fast one refuses it at once, so it vets the depth first (its other verdicts are not ours here).
  if (opts.value !== false || opts.firstDocument) {
    try {
      jsyaml.loadAll(text, null, GATE_OPTIONS);
    } catch (e) {
      if (tooDeep(e)) return { ok: false, problems: [jsyamlProblem(e)] };
    }
  }
  const Y = yamlModule();
  const lines = new Y.LineCounter();
  const options = {
    lineCounter: lines,
    uniqueKeys: opts.uniqueKeys ?? false,
    prettyErrors: true,
    ...(opts.failsafe ? { schema: "failsafe" as const } : {}),
  };
  // yaml.v3's Unmarshal reads the first document and never looks at the rest.
  const doc = opts.firstDocument ? (Y.parseAllDocuments(text, options)[0] ?? Y.parseDocument("", options)) : Y.parseDocument(text, options);
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? null,
        message: (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, ""),
      })),
    };
  }
  // Only placing a line (value: false) needs no value: the walker takes one step per path element.
  if (opts.value === false) return { ok: true, read: { doc, lines, value: undefined } };
  let value: unknown;
  try {
    // -1: aliases stay shared references; boundsProblem measures them without expanding.
    value = doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    return {
      ok: false,
      problems: [{ line: null, message: e instanceof RangeError ? "it is nested too deeply to read" : errorMessage(e) }],
    };
  }
  const unbounded = boundsProblem(value, text.length);
  return unbounded ? { ok: false, problems: [unbounded] } : { ok: true, read: { doc, lines, value } };
}

/**
 * The one YAML-path-to-line walker: the 1-based line of the node at `path`
 * (of its key, with `key`), or of the deepest node on the way that exists.
 */
export function lineAtPath(read: Pick<YamlDocument, "doc" | "lines">, path: readonly PropertyKey[], key = false): number | null {
  const Y = yamlModule();
  const { doc, lines } = read;
  const at = (n: unknown) => {
    const start = Y.isNode(n) ? n.range?.[0] : undefined;
    return start === undefined ? null : lines.linePos(start).line;
  };
  let node: unknown = doc.contents;
  let line: number | null = null;
  for (const [i, step] of path.entries()) {
    // A path steps through an alias into the anchored value (a bounded walk: one step per path element).
    if (Y.isAlias(node)) node = node.resolve(doc);
    if (Y.isSeq(node) && typeof step === "number") {
      node = node.items[step];
    } else if (Y.isMap(node)) {
      const pair = node.items.find((p) => String(Y.isScalar(p.key) ? p.key.value : p.key) === String(step));
      if (!pair) break;
      node = key && i === path.length - 1 ? pair.key : (pair.value ?? pair.key);
    } else break;
    line = at(node) ?? line;
  }
  return line ?? at(doc.contents);
}
