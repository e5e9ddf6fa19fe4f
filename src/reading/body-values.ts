import { LOGIN, linkTextsOnly, markdownLinks } from "../util/user-text.js";

/** The values of an issue body's fields as people write them: placeholders, milestones, links, contacts, SIG names. */

export const PLACEHOLDER = /^[([]?\s*(?:tbd|tba|tbc|n\/?a|none|nil|todo|unknown|not yet|-+|\?+|\.{2,}|x\.y|v?\d+\.x+)\s*[)\].]?$/i;

/** Empty, TBD, N/A, `v1.xx` and the like say nothing. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return v === "" || PLACEHOLDER.test(v);
}

export const VERSION = /(?<![\w.])v?(\d{1,2})\.(\d{1,3})(?!\d)/i;

/**
 * A label's value that is only the template's hint, left in place: "(link to kubernetes/enhancements
 * file, if none yet, link to PR)". People write the real value on the next line.
 */
export function isHint(value: string): boolean {
  const v = value.trim();
  return v.length > 2 && v.startsWith("(") && v.endsWith(")") && firstLink(v) === null;
}

/** The first `x.y` version in the text as `vX.Y` ("1.34", "v1.34.0", "1.33-1.34" → first); else null. */
export function normaliseMilestone(text: string): string | null {
  const m = VERSION.exec(text);
  if (!m) return null;
  return `v${Number(m[1])}.${Number(m[2])}`;
}

export const URL_IN_TEXT = /https?:\/\/[^\s<>()[\]"'`]+/i;
export const DOMAIN_PATH = /(?<![\w@./-])(?:[a-z0-9-]{1,63}\.)+[a-z]{2,24}\/[^\s<>()[\]"'`]*/i;
export const ISSUE_REF = /(?<![\w./-])(?:[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100})?#\d{1,9}(?!\d)/;

/**
 * The link-like thing written first in a value, as written: a markdown link's target, a URL, a
 * bare domain path, `owner/repo#N` or `#N`. "See https://a, or [KEP](https://b)" gives https://a.
 */
export function firstLink(value: string): string | null {
  const found: Array<{ at: number; link: string }> = [];
  const markdown = markdownLinks(value).find((l) => linkTarget(l.target) !== null);
  if (markdown) found.push({ at: markdown.at, link: linkTarget(markdown.target) ?? "" });
  for (const pattern of value.includes("/") ? [URL_IN_TEXT, DOMAIN_PATH] : []) {
    const m = pattern.exec(value);
    if (m) found.push({ at: m.index, link: trimTrailingPunctuation(m[0]) });
  }
  const ref = value.includes("#") ? ISSUE_REF.exec(value) : null;
  if (ref) found.push({ at: ref.index, link: ref[0] });
  return found.reduce<{ at: number; link: string } | null>((a, b) => (a && a.at <= b.at ? a : b), null)?.link ?? null;
}

/** A markdown link's destination: its first word, without the `<…>` CommonMark allows around it. */
export function linkTarget(target: string): string | null {
  const word = target.trim().split(/\s/, 1)[0] ?? "";
  const bare = word.startsWith("<") ? (word.slice(1).split(">", 1)[0] ?? "") : word;
  return bare === "" ? null : bare;
}

export function trimTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && ".,;:!?".includes(url.charAt(end - 1))) end--;
  return url.slice(0, end);
}

// `@login` not inside an email address and not a team (`@org/team`).
export const MENTION = new RegExp(`(?<![\\w@.+-])@(${LOGIN})(?![\\w/-])`, "g");
export const BARE_LOGIN = new RegExp(`^@?(${LOGIN})$`);

/**
 * Logins from a contact value. `@mentions` when there are any; otherwise comma-separated items
 * that are each exactly login-shaped, so "Jane Doe" or an email address yield nothing.
 */
export function parseContacts(value: string): string[] {
  const mentions = [...value.matchAll(MENTION)].map((m) => m[1] ?? "");
  if (mentions.length > 0) return mentions.filter((l) => l !== "");
  return splitList(value)
    .filter((item) => !isPlaceholder(item))
    .map((item) => BARE_LOGIN.exec(item)?.[1] ?? "")
    .filter((l) => l !== "");
}

// GitHub team suffixes that old bodies used to ping SIGs (`@kubernetes/sig-node-feature-requests`).
export const TEAM_SUFFIX = /-(?:feature-requests|pr-reviews|api-reviews|bugs|misc|proposals|test-failures|leads)$/i;

/**
 * SIG names as `sigs.yaml` spells them: "SIG Node", "sig/node", "`sig/node`", "/sig node",
 * "@kubernetes/sig-node-…", "node" and "Node" all read `sig-node`; "wg-x" and "WG X" read `wg-x`.
 * Anything that is not a name (a sentence, a link to elsewhere) is kept as written.
 */
export function parseSigs(value: string): string[] {
  // Several "sig-…" written with spaces only: "sig-node sig-storage". The look-behind makes a run
  // of spaces one split point, not one attempt per space.
  const items = splitList(value).flatMap((item) => item.split(/(?<!\s)\s+(?=[@/]?(?:kubernetes\/)?(?:sig|wg)\b)/i));
  return items.map((item) => normaliseSig(item)).filter((s): s is string => s !== null);
}

// A group's name after its kind ("sig", "wg", "committee", "ug"), as the community writes them.
export const GROUP_NAME = /^(sig|wg|committee|ug)(?![a-z0-9])[\s/_-]*([a-z0-9][a-z0-9 _-]*)$/i;
// A bare name of one or two words ("node", "api-machinery", "Cluster Lifecycle") is a SIG's;
// longer prose ("not sure yet") is not a name.
export const KIND_ONLY = /^(?:sig|wg|committee|ug)(?![a-z0-9])/i;
export const BARE_GROUP_NAME = /^([a-z0-9][a-z0-9_-]*(?: [a-z0-9][a-z0-9_-]*)?)$/i;

export function normaliseSig(item: string): string | null {
  const text = withoutParentheses(linkTextsOnly(item)) // "(owning)", "(participating)"
    .trim()
    .replace(/^[@/]?(?:kubernetes\/)?/i, "")
    .trim();
  if (isPlaceholder(text)) return null;
  const group = GROUP_NAME.exec(text);
  // "sig-" with no name is a kind without a name, not a SIG called "sig-".
  const bare = group || KIND_ONLY.test(text) ? null : BARE_GROUP_NAME.exec(text);
  const written = group?.[2] ?? bare?.[1];
  if (written === undefined) return text;
  const name = written
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-")
    .replace(TEAM_SUFFIX, "");
  return `${(group?.[1] ?? "sig").toLowerCase()}-${name}`;
}

/** The text without `( … )` groups, in one pass (a regular expression backtracks on runs of `(`). */
export const withoutParentheses = (text: string): string => withoutSpans(text, "(", ")");

/** The text without the spans from each `open` to the next `close`, left to right; an unclosed `open` stays. */
export function withoutSpans(text: string, open: string, close: string): string {
  if (!text.includes(open)) return text;
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    const end = start < 0 ? -1 : text.indexOf(close, start + open.length);
    if (end < 0) break;
    parts.push(text.slice(from, start));
    from = end + close.length;
  }
  parts.push(text.slice(from));
  return parts.join("");
}

/** Items of a hand-written list: commas, semicolons, " and ", " & ". Splitting first, trimming after, keeps it linear. */
export function splitList(value: string): string[] {
  return value
    .split(/[,;&]|\band\b/i)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
