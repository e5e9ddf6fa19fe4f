import { lineAtPath, PlainBoolean, type RawTree, readYamlDocument, readYamlText, type YamlProblem } from "./yaml-read.js";

export { PlainBoolean, type RawTree, type YamlProblem };

/**
 * KEP metadata read the way upstream's Go decoder (yaml.v3 into string fields)
 * reads it: every scalar stays the text that was written ("1.30" stays "1.30",
 * "0752" stays "0752"), and only a plain null (`~`, `null`, nothing) is null.
 */
export type TextTree = string | null | TextTree[] | { [key: string]: TextTree };

/**
 * Parses the first YAML document of `text` (as yaml.v3's Decode does), under
 * the bounds of yaml-read.ts. `undefined` means there was no document.
 */
export function parseYaml(text: string): { raw: RawTree | undefined; problem: YamlProblem | null } {
  return readYamlText(text);
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

function locateDeep(text: string, path: readonly PropertyKey[], key: boolean): number | null {
  const parsed = readYamlDocument(text, { value: false });
  return parsed.ok ? lineAtPath(parsed.read, path, key) : null;
}

/**
 * The line of a top-level key, or of item `index` of its block list, found by
 * scanning lines: the common case, without parsing the file again. Null
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
    const line = topLevelLine(text, top, typeof index === "number" ? index : undefined);
    if (line !== null) return line;
  }
  try {
    return locateDeep(text, path, opts.key ?? false);
  } catch {
    return null;
  }
}
