/**
 * The sections of a KEP README as a reader sees them: headings outside HTML
 * comments and fenced code, each with the text under it. Authors number,
 * emphasise and reword the template's headings ("## 3. Graduation
 * Requirements", "Migration / Graduation Criteria"); `sectionKey` gives such
 * variants the template heading's key.
 */

/** The KEP template's README: the reference of "uses the latest template", read from the same commit as the KEP. */
export const TEMPLATE_README = "keps/NNNN-kep-template/README.md";

export type Section = {
  level: number;
  /** The heading as written, without its "#"s. */
  title: string;
  /** The heading by meaning (sectionKey). */
  key: string;
  /** The lines under the heading up to the next heading of any level, comments removed. */
  lines: string[];
  /** The text of the comments under the heading: the template's instructions ("This section must be completed when ..."). */
  notes: string;
};

/** Marks a line of a comment kept for `notes`: never in a README's text. */
const NOTE = "\u0000";

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The text with HTML comments removed (a comment left open runs to the end,
 * as a browser reads it); with `keep`, each line of a comment stays, marked.
 */
export function withoutComments(text: string, keep = false): string {
  let out = "";
  let at = 0;
  for (;;) {
    const open = text.indexOf("<!--", at);
    if (open === -1) return out + text.slice(at);
    out += text.slice(at, open);
    const close = text.indexOf("-->", open + 4);
    const comment = text.slice(open, close === -1 ? text.length : close);
    // Keep the comment's line breaks, so that a line after it stays a line of its own.
    out += keep ? `\n${comment.replace(/^/gm, NOTE)}\n` : comment.replace(/[^\n]/g, "");
    if (close === -1) return out;
    at = close + 3;
  }
}

/** The README's sections in order; text before the first heading is not a section. */
export function readmeSections(markdown: string): Section[] {
  const sections: Section[] = [];
  let fence: string | null = null;
  for (const line of withoutComments(markdown, true).split(/\r\n|[\n\r\u2028\u2029]/)) {
    if (line.startsWith(NOTE)) {
      const last = sections.at(-1);
      if (last) last.notes += `${line.slice(1)}\n`;
      continue;
    }
    const f = FENCE.exec(line)?.[1];
    if (fence) {
      if (f?.startsWith(fence)) fence = null;
      sections.at(-1)?.lines.push(line);
      continue;
    }
    if (f) fence = f;
    const h = fence ? null : HEADING.exec(line);
    if (h) sections.push({ level: h[1]!.length, title: h[2]!, key: sectionKey(h[2]!), lines: [], notes: "" });
    else sections.at(-1)?.lines.push(line);
  }
  return sections;
}

/** The words of a word: plurals and "requirements" for "criteria" read alike. */
const WORD: Record<string, string> = { requirement: "criteria", requirements: "criteria", criterion: "criteria" };
const singular = (w: string) => WORD[w] ?? (w.length > 4 && /[^siu]s$/.test(w) ? w.slice(0, -1) : w);

/**
 * A heading by meaning: no emphasis, links, numbering ("3.", "3.2", "IV."),
 * "(Optional)", case or punctuation, and "requirements" read as "criteria".
 */
export function sectionKey(title: string): string {
  const words = title
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]/g, "")
    .toLowerCase()
    .replace(/\((?:optional|required)\)/g, "")
    .replace(/^\s*(?:(?:\d+\.)*\d+\.?|[ivx]+\.|[a-z]\.|[a-z]\))\s+/, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  return words.map(singular).join(" ");
}

/** The keys a README heading answers to: its own and, for "Migration / Graduation Criteria", each part's. */
export function keysOf(title: string): string[] {
  const parts = title.split(/\s+(?:\/|&|and)\s+|\//i).map(sectionKey);
  return [...new Set([sectionKey(title), ...(parts.length > 1 ? parts : [])])].filter(Boolean);
}

/** A section's lines and its subsections' (headings included), up to the next heading of its level or above. */
export function sectionText(sections: readonly Section[], index: number): string[] {
  const own = sections[index];
  if (!own) return [];
  const lines = [...own.lines];
  for (let i = index + 1; i < sections.length && sections[i]!.level > own.level; i++)
    lines.push(`${"#".repeat(sections[i]!.level)} ${sections[i]!.title}`, ...sections[i]!.lines);
  return lines;
}
