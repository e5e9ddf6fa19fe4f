import type { Stage } from "../kep/kep-file.js";
import { normaliseMilestone } from "./body-values.js";
import type { PrRef } from "./pull-requests.js";

/** One line of an issue body, read: its markers, its label and value, and the kind of label it is. */

export interface Line {
  /** Leading whitespace width, tabs as 4. */
  indent: number;
  isListItem: boolean;
  isHeading: boolean;
  /** Starts with `>`: someone quoted, never a continuation of a label's value. */
  isQuote: boolean;
  /** The checkbox state, when the line has one. */
  checked: boolean | null;
  /** The text without markers (heading, quote, bullet, checkbox) and inline emphasis/code marks. */
  text: string;
  /** The text without markers, inline marks kept (values are reported as written). */
  written: string;
}

// Each marker's pattern is tried only when the line starts with its first character.
export const startsWithOneOf = (text: string, chars: string): boolean => text !== "" && chars.includes(text.charAt(0));

export function readLine(raw: string): Line {
  const expanded = raw.includes("\t") ? raw.replace(/\t/g, "    ") : raw;
  let rest = expanded.trimStart();
  const indent = expanded.length - rest.length;
  const isQuote = rest.startsWith(">");
  if (isQuote) rest = rest.replace(/^(?:>\s?)+/, "");
  const heading = rest.startsWith("#") ? /^#{1,6}(?:\s+|$)/.exec(rest) : null;
  if (heading) rest = rest.slice(heading[0].length);
  const bullet = startsWithOneOf(rest, "-*+0123456789") ? /^(?:(?:[-*+]|\d{1,9}[.)])(?:\s+|$))+/.exec(rest) : null;
  if (bullet) rest = rest.slice(bullet[0].length);
  let checked: boolean | null = null;
  const box = rest.startsWith("[") ? /^\[([ xX])\](?:\s+|$)/.exec(rest) : null;
  if (box) {
    checked = box[1] !== " ";
    rest = rest.slice(box[0].length);
  }
  return {
    indent,
    isListItem: bullet !== null,
    isHeading: heading !== null,
    isQuote,
    checked,
    text: cleanInline(rest),
    written: rest.trim(),
  };
}

/** Drops emphasis and code marks so `**Alpha** - \`v1.34\`` reads as `Alpha - v1.34`. */
export function cleanInline(text: string): string {
  const unmarked = text.includes("*") || text.includes("`") ? text.replace(/[*`]/g, "") : text;
  // Whitespace other than single spaces becomes one space (a line rarely has any: no new string then).
  const spaced = (unmarked.includes("__") ? unmarked.replace(/__/g, "") : unmarked).replace(/\s{2,}|[^\S ]/g, " ").trim();
  return trimChars(spaced, "_").trim();
}

/** Like trim, for the given characters; a loop, since `/_+$/` is quadratic on long runs. */
export function trimChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text.charAt(start))) start++;
  while (end > start && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * `label: value`, with a label short enough to be one and not part of a URL. The label is read
 * from the cleaned text, the value from the written one (cleaning removes no colon, so the first
 * colon is the same in both); emphasis closing a bold label (`**Label:** value`) is dropped.
 */
export function splitLabel(line: Line): { label: string; value: string } | null {
  const m = line.text.includes(":") ? /^([^:]{1,100}):(?!\/\/)/.exec(line.text) : null;
  // "k/k#1 (note: …)" is a list item, not a label.
  if (!m || /#\d/.test(m[1] ?? "")) return null;
  const colon = line.written.indexOf(":");
  const value = trimChars(trimChars(line.written.slice(colon + 1), " *_"), " *");
  return { label: (m[1] ?? "").trim().toLowerCase(), value };
}

export type Field = "description" | "kepLink" | "discussionLink" | "contacts" | "sigs";
// The lists of a stage in the body (StagePrs in issue-body.ts), named here so that lines need not know the body.
export type Category = "kep" | "code" | "docs" | "other";

export const FIELD_LABELS: ReadonlyArray<[Field, RegExp]> = [
  // "One-line feature description" in the 2018 template.
  ["description", /^one[\s-]*line\s+(?:enhancement\s+|feature\s+)?description\b/],
  ["kepLink", /^(?:kubernetes\s+enhancement\s+proposal\b|kep(?:\s+link)?(?:\s*\([^)]*\))?$)/],
  ["discussionLink", /^discussion\s+links?\b/],
  ["contacts", /^(?:primary\s+contacts?\b|contacts?(?:\s*\(assignees?\))?$)/],
  ["sigs", /^(?:(?:responsible|owning|participating)\s+sigs?\b|sigs?$|sig\(s\)$)/],
];
// Template headers with no value of their own; they end a stage's section.
export const SECTION_LABELS = [/^enhancement\s+target\b/, /^prs?\s+by\s+stage\b/];

export const PR_WORDS = /\bprs?\b|\bpr\(s\)|\bupdates?\b|\bupdate\(s\)/;

export function categoryOf(label: string): Category | null {
  if (/^(?:kep|enhancements?)\b/.test(label) && (PR_WORDS.test(label) || label.includes("k/enhancements"))) return "kep";
  if (/^(?:code|implementation|tests?|k\/k)\b/.test(label)) return "code";
  if (/^(?:docs?|documentation|website|k\/website)\b/.test(label)) return "docs";
  if (/(?:\bprs?|\bpr\(s\)|\bupdates?|\bupdate\(s\))$/.test(label)) return "other";
  return null;
}

export function fieldOf(label: string): Field | null {
  for (const [field, pattern] of FIELD_LABELS) if (pattern.test(label)) return field;
  return null;
}

export const STAGE_WORDS: ReadonlyArray<[RegExp, Stage]> = [
  [/^alpha$/i, "alpha"],
  [/^beta$/i, "beta"],
  [/^(?:stable|ga|general availability)$/i, "stable"],
  [/^deprecat/i, "deprecated"],
  [/^disable/i, "disabled"],
  [/^remov/i, "removed"],
];

// A stage word (and a round: "Alpha2"), what the row is ("target", "release" ...), then its value.
const STAGE_WORD = "(alpha|beta|stable|ga|general availability|deprecated|deprecation|disabled?|removed|removal)";
const ROW_KIND = "((?:release\\s+)?target|release|stage|milestone)";
export const STAGE_LINE = new RegExp(
  `^${STAGE_WORD}(?:\\s?([2-9])(?![\\d.]))?(?![\\w-])\\s*${ROW_KIND}?\\s*(?:\\(x\\.y\\))?\\s*[-–—:=]*\\s*(?:(?:in|for)\\s+)?(.*)$`,
  "i",
);
// What may follow a stage word: a version, a placeholder, or nothing.
export const MILESTONE_START = /^[([]?\s*(?:v?\d{1,2}\.(?:\d{1,3}|x{1,2}|\*)|tbd|tba|tbc|n\/?a|none|unknown|todo|\?)(?![a-z])/i;

export interface StageLine {
  stage: Stage;
  /** 2 for an `Alpha2` or `Alpha 2` row, 1 for the stage's first. */
  round: number;
  milestone: string | null;
  /** An old-template "… release target (x.y):" line rather than a checklist item. */
  isTarget: boolean;
}

// The first letters of STAGE_LINE's words: most lines start otherwise.
export const STAGE_INITIALS = "abdgrsABDGRS";

export function readStageLine(text: string): StageLine | null {
  const m = startsWithOneOf(text, STAGE_INITIALS) ? STAGE_LINE.exec(text) : null;
  if (!m) return null;
  const rest = (m[4] ?? "").trim();
  if (rest !== "" && !MILESTONE_START.test(rest)) return null;
  const word = m[1] ?? "";
  const stage = STAGE_WORDS.find(([pattern]) => pattern.test(word))?.[1];
  if (!stage) return null;
  return { stage, round: Number(m[2] ?? 1), milestone: normaliseMilestone(rest), isTarget: /target/i.test(m[3] ?? "") };
}

/** Where a PR listed under a stage but under no label belongs, going by its repository. */
export function categoryByRepo(ref: PrRef): Category {
  if (ref.owner.toLowerCase() !== "kubernetes") return "other";
  switch (ref.repo.toLowerCase()) {
    case "enhancements":
      return "kep";
    case "kubernetes":
      return "code";
    case "website":
      return "docs";
    default:
      return "other";
  }
}
