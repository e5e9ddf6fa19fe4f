import { fromKeys, isOneOf, isRecord } from "../util/narrow.js";
import { closest } from "../util/spelling.js";
import { type Finding, finding } from "./findings.js";
import { checkShape, type Spec, schemaOf } from "./shape.js";
import { locate, parseYaml, type RawTree, type TextTree, toText } from "./yaml-text.js";

export const STATUSES = ["provisional", "implementable", "implemented", "deferred", "rejected", "withdrawn", "replaced"] as const;
export const STAGES = ["alpha", "beta", "stable", "deprecated", "disabled", "removed"] as const;
export type Stage = (typeof STAGES)[number];

export const isStage = (s: string | null | undefined): s is Stage => isOneOf(STAGES, s);

const milestoneSpec = fromKeys(STAGES, () => "text" as const);

/** Every key upstream's strict decoder accepts in kep.yaml, at every depth. */
export const KEP_FILE_SPEC = {
  title: "text",
  "kep-number": "text",
  authors: "list",
  "owning-sig": "text",
  "participating-sigs": "list",
  reviewers: "list",
  approvers: "list",
  editor: "text",
  "creation-date": "text",
  "last-updated": "text",
  status: "text",
  "see-also": "list",
  replaces: "list",
  "superseded-by": "list",
  stage: "text",
  "latest-milestone": "text",
  milestone: milestoneSpec,
  "feature-gates": [{ name: "text", components: "list" }],
  // Checked against the YAML node itself (see parseKepFile): quoting matters.
  "disable-supported": "text",
  metrics: "list",
  // Not meant for kep.yaml, but upstream's decoder accepts them and real KEPs use them.
  id: "text",
  prnumber: "text",
  name: "text",
  path: "text",
} as const satisfies Spec;

/** The zod schema of kep.yaml. */
export const KEP_FILE_SCHEMA = schemaOf(KEP_FILE_SPEC);

/** The fields the tracker reads, taken leniently so a KEP with a bad field is still described. */
export type KepMetadata = {
  number: string | null;
  title: string | null;
  status: string | null;
  stage: string | null;
  latestMilestone: string | null;
  owningSig: string | null;
  participatingSigs: string[];
  authors: string[];
  milestone: Partial<Record<Stage, string>>;
};

export type ParsedKep = {
  path: string;
  metadata: KepMetadata;
  findings: Finding[];
  /** The 1-based line of a top-level key (or of item `index` of its list), for findings raised later. */
  lineOf: (key: string, index?: number) => number | null;
};

const TOP_LEVEL_KEYS = Object.keys(KEP_FILE_SPEC);

/**
 * Upstream treats every line that contains "---" as a separator: with none,
 * the whole file is the metadata; otherwise only the lines between the first
 * and the second separator are. Other lines are blanked so lines keep their
 * numbers.
 */
function metadataSegment(source: string): { text: string; separators: number[]; dropped: boolean } {
  if (!source.includes("---")) return { text: source, separators: [], dropped: false };
  const lines = source.split(/\r?\n/);
  const separators: number[] = [];
  const kept = lines.map((line, i) => {
    if (line.includes("---")) {
      separators.push(i + 1);
      return { line: "", sep: true, count: separators.length };
    }
    return { line, sep: false, count: separators.length };
  });
  let dropped = false;
  const out = kept.map(({ line, sep, count }) => {
    if (sep || count === 1) return line;
    if (line.trim() !== "" && !line.trimStart().startsWith("#")) dropped = true;
    return "";
  });
  return { text: out.join("\n"), separators, dropped };
}

// yaml.v3 into a Go bool: a plain true/false (PlainBoolean), or one of these
// YAML 1.1 words however quoted. A quoted "true" is text, and rejected.
const YAML11_BOOLEANS = new Set(["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF"]);

/**
 * A text field exactly as written; null when absent or empty. Quoted spaces
 * stay: upstream compares the text as it is, so `status: "implementable "`
 * is not implementable (a plain scalar has none; YAML drops them).
 */
function str(tree: Record<string, TextTree>, key: string): string | null {
  const v = tree[key];
  return typeof v === "string" && v !== "" ? v : null;
}

function strList(tree: Record<string, TextTree>, key: string): string[] {
  const v = tree[key];
  if (typeof v === "string" && v.trim() !== "") return [v.trim()];
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim());
}

function readMetadata(tree: Record<string, TextTree>): KepMetadata {
  const milestoneTree = tree.milestone;
  const milestone: Partial<Record<Stage, string>> = {};
  if (milestoneTree && typeof milestoneTree === "object" && !Array.isArray(milestoneTree)) {
    for (const s of STAGES) {
      const v = str(milestoneTree, s);
      if (v) milestone[s] = v;
    }
  }
  return {
    number: str(tree, "kep-number"),
    title: str(tree, "title"),
    status: str(tree, "status"),
    stage: str(tree, "stage"),
    latestMilestone: str(tree, "latest-milestone"),
    owningSig: str(tree, "owning-sig"),
    participatingSigs: strList(tree, "participating-sigs"),
    authors: strList(tree, "authors"),
    milestone,
  };
}

function knownKeysAt(path: string): readonly string[] {
  if (path.startsWith("milestone.")) return STAGES;
  if (path.startsWith("feature-gates[")) return ["name", "components"];
  return TOP_LEVEL_KEYS;
}

function unknownFieldFix(path: string): string {
  const key = path.split(/[.\]]/).pop() ?? path;
  const known = knownKeysAt(path);
  const near = closest(key, known);
  if (near) return `did you mean "${near}"? Rename or remove it.`;
  return `remove it or fix its spelling (known keys here: ${known.join(", ")}).`;
}

const REQUIRED_TEXT = ["title", "kep-number", "owning-sig", "status"] as const;
const REQUIRED_LIST = ["authors", "approvers"] as const;
const REQUIRED_FIX: Record<string, string> = {
  title: "give the KEP its title",
  "kep-number": "set it to the number of the KEP's tracking issue",
  "owning-sig": 'name the SIG that owns the KEP, e.g. "sig-node"',
  status: `set it to one of ${STATUSES.join(", ")}`,
  authors: 'list the authors, e.g. authors: ["@login"] (an empty list [] is accepted)',
  approvers: 'list the SIG approvers, e.g. approvers: ["@login"] (an empty list [] is accepted)',
};

/** upstream reads kep.yaml with Go's bufio.Scanner, whose lines stop at 64 KiB: a longer one fails the file. */
const MAX_LINE_BYTES = 64 * 1024;

/** The first line upstream's line scanner cannot read (65,536 bytes or more before its newline), if any. */
export function overlongLine(source: string): number | null {
  if (Buffer.byteLength(source, "utf8") < MAX_LINE_BYTES) return null;
  const lines = source.split("\n");
  const i = lines.findIndex((l) => Buffer.byteLength(l, "utf8") >= MAX_LINE_BYTES);
  return i === -1 ? null : i + 1;
}

/** A kep.yaml upstream cannot read at all: one yaml-invalid finding, no metadata. */
export function unreadableKep(path: string, line: number | null, message: string): ParsedKep {
  return { path, metadata: readMetadata({}), findings: [finding("yaml-invalid", path, line, message)], lineOf: () => null };
}

function requiredFindings(path: string, tree: Record<string, TextTree>, lineOf: ParsedKep["lineOf"], note: string): Finding[] {
  const out: Finding[] = [];
  const missing = (key: string) => {
    const state = key in tree ? "is empty" : "is missing";
    out.push(finding("required-field", path, key in tree ? lineOf(key) : null, `"${key}" ${state}${note}: ${REQUIRED_FIX[key]}.`));
  };
  // Upstream's "required" accepts any non-empty text, even blanks.
  for (const key of REQUIRED_TEXT) if (tree[key] === undefined || tree[key] === null || tree[key] === "") missing(key);
  for (const key of REQUIRED_LIST) if (tree[key] === undefined || tree[key] === null) missing(key);
  return out;
}

function valueFindings(path: string, metadata: KepMetadata, lineOf: ParsedKep["lineOf"]): Finding[] {
  const out: Finding[] = [];
  const { status, stage } = metadata;
  if (status && !isOneOf(STATUSES, status)) {
    out.push(finding("status-invalid", path, lineOf("status"), `status "${status}" is not one of ${STATUSES.join(", ")}.`));
  }
  if (stage && !isStage(stage)) {
    out.push(finding("stage-invalid", path, lineOf("stage"), `stage "${stage}" is not one of ${STAGES.join(", ")}.`));
  }
  if (status === "implemented" && stage && stage !== "stable") {
    out.push(
      finding(
        "implemented-not-stable",
        path,
        lineOf("stage"),
        `status is implemented but stage is "${stage}": an implemented KEP is stable.`,
      ),
    );
  }
  return out;
}

function shapeFindings(
  path: string,
  text: string,
  tree: Record<string, TextTree>,
  raw: RawTree | undefined,
  lineOf: ParsedKep["lineOf"],
): Finding[] {
  const out: Finding[] = [];
  for (const p of checkShape(text, tree, KEP_FILE_SCHEMA).problems) {
    const fix = p.kind === "unknown-field" ? unknownFieldFix(p.path) : "change its form.";
    out.push(finding(p.kind, path, p.line, `${p.message}: upstream CI rejects the file; ${fix}`));
  }
  const ds = isRecord(raw) ? raw["disable-supported"] : undefined;
  if (typeof ds === "string" && !YAML11_BOOLEANS.has(ds)) {
    out.push(
      finding(
        "wrong-type",
        path,
        lineOf("disable-supported"),
        `"disable-supported" is ${JSON.stringify(ds)}, not a boolean: write true or false, unquoted.`,
      ),
    );
  }
  return out;
}

/**
 * Parses one kep.yaml the way upstream CI does and reports every problem it
 * would fail on (errors) and the checks only kepctl makes (warnings), except
 * the SIG and PRR checks, which need the repository around it (validate.ts).
 */
export function parseKepFile(path: string, source: string): ParsedKep {
  const long = overlongLine(source);
  if (long !== null)
    return unreadableKep(
      path,
      long,
      "bufio.Scanner: token too long: upstream reads kep.yaml line by line, up to 64 KiB a line; break the line up.",
    );
  const segment = metadataSegment(source);
  const { raw, problem } = parseYaml(segment.text);
  if (problem) {
    return unreadableKep(
      path,
      problem.line,
      `${problem.message}: fix the YAML${/duplicat/.test(problem.message) ? " (keep one of the two keys)" : ""}.`,
    );
  }
  const tree = toText(raw);
  if (tree === null) return unreadableKep(path, null, "the file holds no KEP metadata: add the fields of the KEP template.");
  if (typeof tree !== "object" || Array.isArray(tree)) {
    return {
      ...unreadableKep(path, 1, ""),
      findings: [finding("wrong-type", path, 1, "kep.yaml must be a mapping of keys to values: start from the KEP template.")],
    };
  }
  const lineOf = (key: string, index?: number) => locate(segment.text, index === undefined ? [key] : [key, index], { key: true });
  const note = segment.dropped
    ? ` (line ${segment.separators[0]} contains "---", ` +
      `so upstream reads only the lines after it${beforeNext(segment.separators)} as metadata)`
    : "";
  const metadata = readMetadata(tree);
  const findings = [
    ...shapeFindings(path, segment.text, tree, raw, lineOf),
    ...requiredFindings(path, tree, lineOf, note),
    ...valueFindings(path, metadata, lineOf),
  ];
  return { path, metadata, findings, lineOf };
}

/** " and before line N" when a second separator ends the metadata; nothing otherwise. */
const beforeNext = (separators: readonly number[]): string => (separators.length > 1 ? ` and before line ${separators[1]}` : "");
