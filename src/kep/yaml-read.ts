import {
  Composer,
  type CST,
  Document,
  type DocumentOptions,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type ParseOptions,
  Parser,
  type ScalarTag,
  type SchemaOptions,
  type YAMLError,
} from "yaml";
import { errorMessage } from "../util/narrow.js";

/**
 * The one door YAML comes in by: kep.yaml, PRR files, OWNERS, OWNERS_ALIASES
 * and `.github/kep-tracker.yml` are all read here, under the same bounds.
 * Anyone can put YAML in a pull request, so a file may be built to hurt: a
 * few hundred bytes of nested aliases stand for billions of nodes, and a
 * deep nest overflows a recursive walk and makes the parser itself slow. The
 * parser's nesting is watched as it reads; an alias stays a reference to the
 * anchored value, so parsing stays cheap, and the alias and depth bounds are
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

// Read as yaml.v3 reads into string fields: every scalar stays text, except that a plain (unquoted)
// null and a plain true/false are told apart from quoted ones. The `yaml` package tries these
// tests on plain scalars only, which is what lets quoting be told apart.
const PLAIN_NULL: ScalarTag = { tag: "tag:yaml.org,2002:null", default: true, test: /^(?:~|null|Null|NULL)?$/, resolve: () => null };
const PLAIN_BOOLEAN: ScalarTag = {
  tag: "tag:kep-tracker,2026:plain-boolean",
  default: true,
  test: /^(?:true|True|TRUE|false|False|FALSE)$/,
  resolve: (text) => new PlainBoolean(text),
};
type ReadOptions = ParseOptions & DocumentOptions & SchemaOptions;
// Keys are text, as in Go's structs and maps of strings: a list or mapping as a key is a problem.
const TEXT_OPTIONS: ReadOptions = { schema: "failsafe", customTags: [PLAIN_NULL, PLAIN_BOOLEAN], stringKeys: true, uniqueKeys: true };

// The parser keeps one entry on its stack per open collection (and the document and node around
// them): past this, the nesting is refused before its cost grows (it grows faster than the depth).
const MAX_PARSER_STACK = YAML_MAX_DEPTH + 8;

/** The documents of `text`, composed by the `yaml` package; throws Unbounded once the nesting is far too deep. */
function composeDocuments(text: string, options: ReadOptions, lines: LineCounter): Document.Parsed[] {
  const parser = new Parser(lines.addNewLine);
  function* tokens(): Generator<CST.Token> {
    lines.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_PARSER_STACK) throw new Unbounded(`it is nested deeper than ${YAML_MAX_DEPTH} levels`);
    }
    yield* parser.end();
  }
  return Array.from(new Composer(options).compose(tokens()));
}

/** A parse error as a problem: its line, and the message without the parser's excerpt. */
function parseProblem(e: YAMLError, lines: LineCounter): YamlProblem {
  const message =
    e.code === "DUPLICATE_KEY"
      ? "duplicated mapping key"
      : e.code === "NON_STRING_KEY"
        ? "a mapping key must be a single value, not a list or a mapping"
        : (e.message.split("\n")[0] ?? "");
  return { line: lines.linePos(e.pos[0]).line, message };
}

/** A document's value with aliases as shared references (boundsProblem measures them without expanding). */
function documentValue(doc: Document): { value: unknown } | { problem: YamlProblem } {
  try {
    return { value: doc.toJS({ maxAliasCount: -1 }) };
  } catch (e) {
    return { problem: { line: null, message: e instanceof RangeError ? "it is nested too deeply to read" : errorMessage(e) } };
  }
}

/** The first document, parsed under the bounds (and, unless `firstOnly`, the only one): what both readers below start from. */
function firstDocument(
  text: string,
  options: ReadOptions,
  firstOnly: boolean,
): { doc: Document.Parsed | undefined; lines: LineCounter } | { problems: YamlProblem[] } {
  const tooBig = sizeProblem(text);
  if (tooBig) return { problems: [tooBig] };
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = composeDocuments(text, options, lines);
  } catch (e) {
    if (e instanceof Unbounded) return { problems: [{ line: null, message: e.message }] };
    throw e;
  }
  const [doc, second] = docs;
  if (doc?.errors.length) return { problems: doc.errors.map((e) => parseProblem(e, lines)) };
  if (second && !firstOnly)
    return { problems: [{ line: lines.linePos(second.range[0]).line, message: "the file holds more than one YAML document" }] };
  return { doc, lines };
}

/**
 * The first YAML document of `text` (as yaml.v3's Decode reads it), every
 * scalar kept as text. `undefined` means there was no document. Duplicate
 * keys are a problem, as they are upstream; so is anything past the bounds.
 */
export function readYamlText(text: string): { raw: RawTree | undefined; problem: YamlProblem | null } {
  const read = firstDocument(text, TEXT_OPTIONS, true);
  if ("problems" in read) return { raw: undefined, problem: read.problems[0] ?? null };
  if (!read.doc) return { raw: undefined, problem: null };
  const result = documentValue(read.doc);
  if ("problem" in result) return { raw: undefined, problem: result.problem };
  const unbounded = boundsProblem(result.value, text.length);
  if (unbounded) return { raw: undefined, problem: unbounded };
  // Safe: this schema builds only text, null, PlainBoolean, lists and mappings with text keys, which is RawTree.
  return { raw: result.value as RawTree, problem: null };
}

export type YamlDocumentOptions = {
  /** A key given twice is a problem. */
  uniqueKeys?: boolean;
  /** false: positions only, no value (placing a line needs none). */
  value?: boolean;
  /** Every scalar stays text, as yaml.v3's nodes keep it. */
  failsafe?: boolean;
  /** Read the first document only, as yaml.v3's Unmarshal does (else a second document is a problem). */
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
  const options = { uniqueKeys: opts.uniqueKeys ?? false, ...(opts.failsafe ? { schema: "failsafe" } : {}) };
  const read = firstDocument(text, options, opts.firstDocument ?? false);
  if ("problems" in read) return { ok: false, problems: read.problems };
  const doc = read.doc ?? new Document();
  // Only placing a line (value: false) needs no value: the walker takes one step per path element.
  if (opts.value === false) return { ok: true, read: { doc, lines: read.lines, value: undefined } };
  const result = documentValue(doc);
  if ("problem" in result) return { ok: false, problems: [result.problem] };
  const unbounded = boundsProblem(result.value, text.length);
  return unbounded ? { ok: false, problems: [unbounded] } : { ok: true, read: { doc, lines: read.lines, value: result.value } };
}

/**
 * The one YAML-path-to-line walker: the 1-based line of the node at `path`
 * (of its key, with `key`), or of the deepest node on the way that exists.
 */
export function lineAtPath(read: Pick<YamlDocument, "doc" | "lines">, path: readonly PropertyKey[], key = false): number | null {
  const { doc, lines } = read;
  const at = (n: unknown) => {
    const start = isNode(n) ? n.range?.[0] : undefined;
    return start === undefined ? null : lines.linePos(start).line;
  };
  let node: unknown = doc.contents;
  let line: number | null = null;
  for (const [i, step] of path.entries()) {
    // A path steps through an alias into the anchored value (a bounded walk: one step per path element).
    if (isAlias(node)) node = node.resolve(doc);
    if (isSeq(node) && typeof step === "number") {
      node = node.items[step];
    } else if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(step));
      if (!pair) break;
      node = key && i === path.length - 1 ? pair.key : (pair.value ?? pair.key);
    } else break;
    line = at(node) ?? line;
  }
  return line ?? at(doc.contents);
}
