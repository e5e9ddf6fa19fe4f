/**
 * Text people wrote, as markdown sees it: the one HTML-comment stripper, and the one way to put
 * someone's words into a comment of the App without them acting as markdown.
 *
 * Pure and linear in the length of the text: these run on whole issue bodies and comments.
 */

/** Whether a `<!--` opened on an earlier line is still open; carried by line-by-line readers. */
export type HtmlCommentState = { inComment: boolean };

export type StripOptions = {
  /**
   * Keep inline code spans whole, so that a `<!--` written between backticks stays visible text,
   * as GitHub shows it. Off for issue bodies, where the template parks stages in comments even
   * inside fenced blocks and a fence would otherwise read as one long code span.
   */
  codeSpans?: boolean;
};

/**
 * Removes `<!-- ... -->` (also the empty `<!-->` and `<!--->`, as CommonMark reads them). An
 * unclosed `<!--` runs to the end of the text, and `state` carries it to the next call so that a
 * line-by-line reader hides the following lines too; `unclosed` says the text ended inside one.
 */
export function stripHtmlComments(
  text: string,
  state: HtmlCommentState = { inComment: false },
  options: StripOptions = {},
): { visible: string; unclosed: boolean } {
  const parts: string[] = [];
  let i = 0;
  // Searches are remembered until passed, so that many code spans before one far-away `<!--`
  // do not each scan to it again (which made this quadratic).
  let open = -2;
  let tick = -2;
  while (i < text.length) {
    if (state.inComment) {
      const end = text.indexOf("-->", i);
      if (end < 0) return { visible: parts.join(""), unclosed: true };
      state.inComment = false;
      i = end + 3;
      continue;
    }
    if (open !== -1 && open < i) open = text.indexOf("<!--", i);
    if (open < 0) break;
    if (options.codeSpans && tick !== -1 && tick < i) tick = text.indexOf("`", i);
    if (options.codeSpans && tick >= 0 && tick < open) {
      const spanEnd = codeSpanEnd(text, tick);
      parts.push(text.slice(i, spanEnd));
      i = spanEnd;
      continue;
    }
    parts.push(text.slice(i, open));
    i = open + 4;
    if (text.startsWith(">", i)) i += 1;
    else if (text.startsWith("->", i)) i += 2;
    else state.inComment = true;
  }
  if (!state.inComment && i < text.length) parts.push(text.slice(i));
  return { visible: parts.join(""), unclosed: state.inComment };
}

/**
 * Index just past the code span whose opening backtick run starts at `start`, or past the run if
 * it is never closed. Each closing candidate is visited once per opening run, and an unclosed
 * run's scan is remembered per run length, so the total work stays linear in practice.
 */
function codeSpanEnd(text: string, start: number): number {
  const opening = runLength(text, start);
  let at = start + opening;
  while (at < text.length) {
    const next = text.indexOf("`", at);
    if (next < 0) break;
    const n = runLength(text, next);
    if (n === opening) return next + n;
    at = next + n;
  }
  return start + opening;
}

function runLength(text: string, at: number): number {
  let n = 0;
  while (text.charCodeAt(at + n) === 96) n += 1;
  return n;
}

// Characters that make markdown structure or links when they are not escaped.
const ESCAPED = new Set(["\\", "`", "*", "_", "[", "]", "(", ")", "#", "|", "~", "!", "{", "}"]);
const ZERO_WIDTH_JOINER = "\u200D";

/**
 * Someone's words made safe to show inline in a comment of the App (a quoted command, a kep.yaml
 * author, an `/untrack` reason, an issue title): what GitHub renders is the text as they typed it,
 * on one line, but it can do nothing.
 * - HTML comments are removed (they were hidden from readers anyway; an unclosed one drops the
 *   rest), and `<`, `>`, `&` become entities, so no tag, comment or App marker can be forged;
 * - `@name` and `@org/team` get a zero-width joiner after the `@`, so nobody is notified;
 * - line breaks and runs of whitespace become one space, so no heading, list, quote or table starts;
 * - markdown punctuation is backslash-escaped, so no emphasis, link, image or code span opens.
 * Text longer than `maxLength` is cut and ends with "…".
 */
export function neutraliseUserText(text: string, maxLength = 1000): string {
  const visible = stripHtmlComments(typeof text === "string" ? text : "").visible;
  const out: string[] = [];
  let space = false;
  // Only digits so far: a "." or ")" next would start an ordered list.
  let digits = true;
  let i = 0;
  for (; i < visible.length && out.length < maxLength; i++) {
    const c = visible.charAt(i);
    if (isSpace(c)) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out.push(" ");
      digits = false;
    }
    space = false;
    out.push(escapeChar(c, visible, i, out.length === 0 || (digits && LIST_NUMBER.test(c))));
    digits &&= c >= "0" && c <= "9";
  }
  while (i < visible.length && isSpace(visible.charAt(i))) i++;
  return out.join("") + (i < visible.length ? "…" : "");
}

const isSpace = (c: string): boolean => /\s/.test(c);
// What makes a line a list item, heading rule or setext underline when it comes first.
const LINE_START = new Set(["-", "+", "="]);
const LIST_NUMBER = /[.)]/;

function escapeChar(c: string, text: string, i: number, first: boolean): string {
  if (c === "<") return "&lt;";
  if (c === ">") return "&gt;";
  if (c === "&") return "&amp;";
  if (c === "@" && /[A-Za-z0-9]/.test(text.charAt(i + 1))) return `@${ZERO_WIDTH_JOINER}`;
  if (first && (LINE_START.has(c) || LIST_NUMBER.test(c))) return `\\${c}`;
  return ESCAPED.has(c) ? `\\${c}` : c;
}

/**
 * A GitHub login as GitHub gives them out: letters, digits and single inner hyphens, at most 39
 * characters. Only such a name is greeted with "@"; anything else someone wrote where a login
 * belongs (a kep.yaml author of "Jane Doe", or a line break and a forged status) is shown inert.
 */
/** A GitHub login as a pattern to build on: letters, digits and single inner hyphens, 39 at most. */
export const LOGIN = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
const GITHUB_LOGIN = new RegExp(`^${LOGIN}$`);
export const isGitHubLogin = (name: string): boolean => GITHUB_LOGIN.test(name);

/** Someone greeted on purpose: `@login` when it is a login, else their words made inert (no mention). */
export function greet(name: string): string {
  return isGitHubLogin(name) ? `@${name}` : neutraliseUserText(name, 100);
}

/** GitHub's limit on an issue's or a comment's body, in characters: a longer one is refused with 422. */
export const GITHUB_BODY_LIMIT = 65_536;

/**
 * The App's own sentence with people's words inside it (a finding quoting a kep.yaml value, a
 * problem naming a milestone or label): kept on one line, with no mention, tag, HTML comment or
 * marker, but its inline markdown (the App's code spans) left as it is. Text longer than
 * `maxLength` is cut and ends with "…".
 */
export function inlineSafe(text: string, maxLength = 2000): string {
  const cut = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  // Most texts need none of the changes below: one test spares five passes.
  if (!NEEDS_SAFETY.test(cut)) return cut;
  return cut
    .replace(/\s+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_JOINER}`);
}

// What inlineSafe changes: whitespace other than a single space, `&`, `<`, `>`, and `@`.
const NEEDS_SAFETY = /[^\S ]| {2}|[&<>@]/;

/** A markdown link `[text](target)` (or, when asked, `[text][ref]`), where it starts and ends. */
export type MarkdownLink = { at: number; end: number; text: string; target: string };

/**
 * The links of a text, leftmost first, read as `\[([^\]]*)\]\(([^)]*)\)` reads them (no nesting,
 * no `]` in the text) but in one pass: every search moves forward, so runs of `[`, `[](` or
 * `[a](` cost linear time instead of the regular expression's quadratic backtracking.
 * With `references`, `[text][ref]` is a link too, its target the reference name.
 */
export function markdownLinks(text: string, options: { references?: boolean } = {}): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  // Once a closing character is known to be absent, it stays absent for the rest of the text.
  const missing = new Set<string>();
  const after = (char: string, from: number): number => {
    if (missing.has(char)) return -1;
    const at = text.indexOf(char, from);
    if (at < 0) missing.add(char);
    return at;
  };
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("[", i);
    if (open < 0) break;
    const close = text.indexOf("]", open + 1);
    if (close < 0) break;
    const next = text.charAt(close + 1);
    const end = next === "(" ? after(")", close + 2) : next === "[" && options.references ? after("]", close + 2) : -1;
    if (end < 0) {
      // Every `[` before `close` meets this same `]`: none of them starts a link.
      i = close + 1;
      continue;
    }
    links.push({ at: open, end: end + 1, text: text.slice(open + 1, close), target: text.slice(close + 2, end) });
    i = end + 1;
  }
  return links;
}

/** The text with each markdown link replaced by its text: "[02:00 UTC](https://…)" reads "02:00 UTC". */
export function linkTextsOnly(text: string, options: { references?: boolean } = {}): string {
  const parts: string[] = [];
  let from = 0;
  for (const link of markdownLinks(text, options)) {
    parts.push(text.slice(from, link.at), link.text);
    from = link.end;
  }
  parts.push(text.slice(from));
  return parts.join("");
}
