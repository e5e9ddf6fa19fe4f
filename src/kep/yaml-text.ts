import jsyaml from "js-yaml";
import { createRequire } from "node:module";

/**
 * KEP metadata read the way upstream's Go decoder (yaml.v3 into string fields)
 * reads it: every scalar stays the text that was written ("1.30" stays "1.30",
 * "0752" stays "0752"), and only a plain null (`~`, `null`, nothing) is null.
 */
export type TextTree = string | null | TextTree[] | { [key: string]: TextTree };

/** A plain (unquoted) true/false, kept apart because yaml.v3 reads it as a boolean and a quoted one as text. */
export class PlainBoolean {
  constructor(readonly text: string) {}
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

export type RawTree = string | null | PlainBoolean | RawTree[] | { [key: string]: RawTree };

export type YamlProblem = { line: number | null; message: string };

/**
 * Parses the first YAML document of `text` (as yaml.v3's Decode does).
 * `undefined` means there was no document. Duplicate keys are a problem, as
 * they are upstream.
 */
export function parseYaml(text: string): { raw: RawTree | undefined; problem: YamlProblem | null } {
  try {
    const docs = jsyaml.loadAll(text, undefined, { schema: SCHEMA }) as RawTree[];
    return { raw: docs[0], problem: null };
  } catch (e) {
    const err = e as { reason?: string; message?: string; mark?: { line?: number } };
    const line = typeof err.mark?.line === "number" ? err.mark.line + 1 : null;
    return { raw: undefined, problem: { line, message: err.reason ?? err.message ?? String(e) } };
  }
}

export function toText(raw: RawTree | undefined): TextTree {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string") return raw;
  if (raw instanceof PlainBoolean) return raw.text;
  if (Array.isArray(raw)) return raw.map(toText);
  const out: { [key: string]: TextTree } = {};
  for (const [k, v] of Object.entries(raw)) out[k] = toText(v);
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// The `yaml` package keeps node positions; it is slower, so it is loaded and
// run only to place a finding that is not on a top-level key.
const requireYaml = createRequire(import.meta.url);
type YamlModule = typeof import("yaml");

function locateDeep(text: string, path: readonly PropertyKey[], key: boolean): number | null {
  const yaml = requireYaml("yaml") as YamlModule;
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  let node: unknown = doc.contents;
  let line: number | null = null;
  const lineOf = (n: unknown) => {
    const start = (n as { range?: [number] } | null)?.range?.[0];
    return start === undefined ? null : lines.linePos(start).line;
  };
  for (let i = 0; i < path.length; i++) {
    if (yaml.isAlias(node)) node = node.resolve(doc);
    const step = path[i];
    if (yaml.isSeq(node) && typeof step === "number") {
      node = node.items[step];
    } else if (yaml.isMap(node)) {
      const pair = node.items.find((p) => String(yaml.isScalar(p.key) ? p.key.value : p.key) === String(step));
      if (!pair) break;
      node = i === path.length - 1 && key ? pair.key : pair.value ?? pair.key;
    } else {
      break;
    }
    line = lineOf(node) ?? line;
  }
  return line ?? lineOf(doc.contents);
}

/**
 * The line of a top-level key, or of item `index` of its block list, found by
 * scanning lines: the common case, without loading a second parser. Null
 * when the layout is not the plain one (the caller then parses).
 */
function topLevelLine(text: string, key: string, index?: number): number | null {
  const name = escapeRegExp(key);
  const m = new RegExp(`^(?:${name}|"${name}"|'${name}')[ \\t]*:(.*)$`, "m").exec(text);
  if (!m) return null;
  const keyLine = text.slice(0, m.index).split("\n").length;
  if (index === undefined) return keyLine;
  if (m[1]!.replace(/#.*/, "").trim() !== "") return keyLine; // a flow list on the key's line
  const lines = text.split("\n");
  let itemIndent = -1;
  let seen = -1;
  for (let i = keyLine; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^(\s*)-(\s|$)/.exec(line);
    const indent = line.length - line.trimStart().length;
    if (item && (itemIndent === -1 || indent === itemIndent)) {
      itemIndent = indent;
      if (++seen === index) return i + 1;
    } else if (indent <= Math.max(itemIndent, 0) && !item) {
      return null;
    }
  }
  return null;
}

/**
 * The 1-based line of the value at `path` (or of its key, with `key`), for
 * messages. A top-level key is found by scanning lines; anything deeper asks
 * the `yaml` parser. Null when it cannot be placed.
 */
export function locate(text: string, path: readonly PropertyKey[], opts: { key?: boolean } = {}): number | null {
  const [top, index] = path;
  if (typeof top === "string" && (path.length === 1 || (path.length === 2 && typeof index === "number"))) {
    const line = topLevelLine(text, top, index as number | undefined);
    if (line !== null) return line;
  }
  try {
    return locateDeep(text, path, opts.key ?? false);
  } catch {
    return null;
  }
}
