import { z } from "zod";
import { STAGES, type Stage } from "../kep/kep-file.js";
import { RELEASE_NAME } from "../release/names.js";
import { dedupeBy } from "../util/dedupe.js";
import { linkTextsOnly, markdownLinks, stripHtmlComments } from "../util/user-text.js";
import { type PrRef, PrRefSchema, prKey } from "./pull-requests.js";

/**
 * A pure reader of KEP tracking issue bodies (issues in kubernetes/enhancements).
 *
 * Bodies are edited by hand for years, so this reads what is there and never throws:
 * - every template: the current one ("PRs by stage and milestone:" checklists), the older one
 *   ("Primary contact", "Responsible SIGs", "Alpha release target (x.y):"), the 2020–2024 hybrid
 *   that carries both, and the 2018 one ("One-line feature description", "KEP link(s)");
 * - PRs in GitHub task-list blocks (```` ```[tasklist] ```` with `# Alpha` headings), where a
 *   bare `#N` is a PR of the issue's own repository;
 * - a value on the line after its label (a lazy continuation), extra stage rows (`Alpha2`),
 *   struck-through links (`~~…~~`, which no longer count), SIG names in any spelling;
 * - headings `#`, bold labels, `-`/`*`/`1.` bullets, checkboxes, backticks, any case and spacing;
 * - anything else: every PR reference in the visible text lands in `allPrs`.
 *
 * Every step is linear in the body (issue 9): no regular expression here can backtrack over a
 * long run of `[`, spaces or links, so a hostile 64 KB body is read in a few milliseconds.
 *
 * Visible means outside HTML comments: later stages are parked in `<!-- ... -->` until they
 * start, and GitHub does not render them. An unclosed `<!--` hides the rest of the body on
 * GitHub too, so it is treated as ending at the end of the body; `unclosedHtmlComment` says
 * so, letting a caller tell the owners rather than silently reporting less.
 *
 * Nothing is invented: a field left empty, `TBD`, `N/A` or a template placeholder (`v1.xx`)
 * reads as null, and a target line that names no milestone and no PR yields no stage.
 */

const StageSchema = z.enum(STAGES);

/**
 * PRs of one stage, by the label they were listed under (not by repository: a k/enhancements
 * PR listed under "Code" stays in `code`; filter on `owner`/`repo` where that matters).
 * `other` holds lists under any other "... PR(s):" label, such as "Out of tree update PR(s):".
 * PRs listed under the stage before any label are placed by repository:
 * kubernetes/enhancements → kep, kubernetes/kubernetes → code, kubernetes/website → docs.
 */
export const StagePrsSchema = z.object({
  kep: z.array(PrRefSchema),
  code: z.array(PrRefSchema),
  docs: z.array(PrRefSchema),
  other: z.array(PrRefSchema),
});
export type StagePrs = z.infer<typeof StagePrsSchema>;

export const StageEntrySchema = z.object({
  stage: StageSchema,
  /** `v1.NN` (a leading `v` added, patch dropped); null when absent, TBD or a placeholder. */
  milestone: z.string().regex(RELEASE_NAME).nullable(),
  /** The stage's checkbox is ticked (`- [x] Alpha - v1.31`); false for old-template targets. */
  checked: z.boolean(),
  /**
   * A second (third…) row of the same stage, written `Alpha2` or `Alpha 2`, with its own target
   * and PRs; absent for the stage's first row.
   */
  round: z.number().int().min(2).optional(),
  prs: StagePrsSchema,
});
export type StageEntry = z.infer<typeof StageEntrySchema>;

export const IssueBodySchema = z.object({
  /** "One-line enhancement description (can be used as a release note):", as written. */
  description: z.string().nullable(),
  /** "Kubernetes Enhancement Proposal:" link as written (a URL, `owner/repo#N` or `#N`). */
  kepLink: z.string().nullable(),
  /** "Discussion Link:" link as written. */
  discussionLink: z.string().nullable(),
  /** "Primary contact (assignee):" GitHub logins, without `@`, in order, deduplicated. */
  contacts: z.array(z.string()),
  /** "Responsible SIGs:", `sig-x`/`wg-x` where recognisable, otherwise as written. */
  sigs: z.array(z.string()),
  /**
   * One entry per stage and milestone, in order of first appearance. A checklist line and an
   * old-template target line for the same stage merge when their milestones agree or one is
   * unknown; a stage listed twice with different milestones (retargeted) gives two entries.
   */
  stages: z.array(StageEntrySchema),
  /** Every PR referenced anywhere in the visible body, in order, deduplicated. */
  allPrs: z.array(PrRefSchema),
  /** A `<!--` never closed: everything after it was ignored, as GitHub hides it too. */
  unclosedHtmlComment: z.boolean(),
});
export type IssueBody = z.infer<typeof IssueBodySchema>;

// ---------------------------------------------------------------------------------------------
// Public entry point

export type RepoName = { owner: string; repo: string };

/** Tracking issues live in kubernetes/enhancements: a bare `#N` in a task list is one of its PRs. */
const ENHANCEMENTS_REPO: RepoName = { owner: "kubernetes", repo: "enhancements" };

/**
 * Reads a tracking issue's body. `repo` is the issue's own repository, where GitHub links a bare
 * `#N` of a task list or a KEP list (default kubernetes/enhancements).
 */
export function parseIssueBody(body: string | null | undefined, repo: RepoName = ENHANCEMENTS_REPO): IssueBody {
  // Webhook payloads are not type-checked: anything but a string reads as an empty body.
  const text = typeof body === "string" ? body : "";
  // Finding the KEP, planning reads and evaluating each read the body: parse it once. The body
  // itself is the key (the engine keeps a string's hash; a key built anew would be hashed anew).
  const repoKey = `${repo.owner}/${repo.repo}`;
  const known = recent.get(text);
  if (known?.repo === repoKey) return known.parsed;
  const { visible, unclosed } = stripHtmlComments(text);
  const result = walkLines(visible.split(/\r\n?|\n/), repo);
  const parsed = deepFreeze({ ...result, unclosedHtmlComment: unclosed });
  recent.delete(text);
  recent.set(text, { repo: repoKey, parsed });
  // The map holds at least the body just set, so its oldest key exists.
  if (recent.size > RECENT_BODIES) recent.delete(recent.keys().next().value as string);
  return parsed;
}

/** A sweep reads a batch of a few hundred issues before evaluating them. */
const RECENT_BODIES = 1000;
const recent = new Map<string, { repo: string; parsed: IssueBody }>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// HTML comments

/**
 * Comments are removed everywhere, code fences included, which is what the template's parked
 * stages need; the one stripper lives with the other readings of user text.
 */
export { stripHtmlComments };

// ---------------------------------------------------------------------------------------------
// PR references

const PR_URL = /https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})\/pull\/(\d{1,9})(?!\d)/gi;
// `owner/repo#N`; the look-behind keeps it from starting inside a URL path or a word.
const SHORT_REF = /(?<![\w./-])([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})#(\d{1,9})(?!\d)/g;
// `#N` alone: GitHub links it to the issue's own repository, kubernetes/enhancements.
const BARE_REF = /(?<![\w/#&;-])#(\d{1,9})(?![\w])/g;

/** The release team's shorthand: `k/k`, `k/enhancements`, `k/website`, `k/test-infra`. */
function expandShorthand(owner: string, repo: string): { owner: string; repo: string } {
  if (owner.toLowerCase() !== "k") return { owner, repo };
  return { owner: "kubernetes", repo: repo.toLowerCase() === "k" ? "kubernetes" : repo };
}

function prRef(owner: string, repo: string, digits: string): PrRef | null {
  const number = Number(digits);
  if (!Number.isSafeInteger(number) || number <= 0) return null;
  return { owner, repo, number, url: `https://github.com/${owner}/${repo}/pull/${number}` };
}

/**
 * PR references in one piece of text, in order of first position, each spelling once: full pull URLs and
 * `owner/repo#N` (shorthand owner `k` expanded). With `bareNumbersRepo`, `#N` is read as a PR
 * of that repository too (only used where the label says the list is k/enhancements PRs).
 */
export function extractPrRefs(text: string, bareNumbersRepo?: { owner: string; repo: string }): PrRef[] {
  // Every spelling of a PR has a `#` or `/pull/`; most lines of a body have neither.
  if (!text.includes("#") && !text.includes("/pull/")) return [];
  const found: Array<{ at: number; ref: PrRef }> = [];
  // The same spelling twice in one text is one PR: 20,000 `#1` build one reference, not 20,000.
  const spelt = new Set<string>();
  const add = (m: RegExpMatchArray, ref: () => PrRef | null): void => {
    if (spelt.has(m[0])) return;
    spelt.add(m[0]);
    const r = ref();
    if (r) found.push({ at: m.index ?? 0, ref: r });
  };
  // Each pattern runs only where its mark is: most lines of a body have one kind of reference at most.
  if (text.includes("/pull/")) for (const m of text.matchAll(PR_URL)) add(m, () => prRef(m[1] ?? "", m[2] ?? "", m[3] ?? ""));
  if (!text.includes("#")) return found.map((f) => f.ref);
  for (const m of text.matchAll(SHORT_REF)) {
    add(m, () => {
      const { owner, repo } = expandShorthand(m[1] ?? "", m[2] ?? "");
      return prRef(owner, repo, m[3] ?? "");
    });
  }
  if (bareNumbersRepo) {
    for (const m of text.matchAll(BARE_REF)) add(m, () => prRef(bareNumbersRepo.owner, bareNumbersRepo.repo, m[1] ?? ""));
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.ref);
}

/**
 * One object per PR of a body (GitHub names are case-insensitive), so that lists of the same PRs
 * share their references and deduplicate by identity, without a key string per occurrence.
 */
class PrInterner {
  private readonly known = new Map<string, PrRef>();
  intern(ref: PrRef): PrRef {
    const key = prKey(ref);
    const known = this.known.get(key);
    if (known) return known;
    this.known.set(key, ref);
    return ref;
  }
}

// ---------------------------------------------------------------------------------------------
// Values

const PLACEHOLDER = /^[([]?\s*(?:tbd|tba|tbc|n\/?a|none|nil|todo|unknown|not yet|-+|\?+|\.{2,}|x\.y|v?\d+\.x+)\s*[)\].]?$/i;

/** Empty, TBD, N/A, `v1.xx` and the like say nothing. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return v === "" || PLACEHOLDER.test(v);
}

const VERSION = /(?<![\w.])v?(\d{1,2})\.(\d{1,3})(?!\d)/i;

/** The first `x.y` version in the text as `vX.Y` ("1.34", "v1.34.0", "1.33-1.34" → first); else null. */
export function normaliseMilestone(text: string): string | null {
  const m = VERSION.exec(text);
  if (!m) return null;
  return `v${Number(m[1])}.${Number(m[2])}`;
}

const URL_IN_TEXT = /https?:\/\/[^\s<>()[\]"'`]+/i;
const DOMAIN_PATH = /(?<![\w@./-])(?:[a-z0-9-]{1,63}\.)+[a-z]{2,24}\/[^\s<>()[\]"'`]*/i;
const ISSUE_REF = /(?<![\w./-])(?:[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100})?#\d{1,9}(?!\d)/;

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
function linkTarget(target: string): string | null {
  const word = target.trim().split(/\s/, 1)[0] ?? "";
  const bare = word.startsWith("<") ? (word.slice(1).split(">", 1)[0] ?? "") : word;
  return bare === "" ? null : bare;
}

function trimTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && ".,;:!?".includes(url.charAt(end - 1))) end--;
  return url.slice(0, end);
}

const LOGIN = "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}";
// `@login` not inside an email address and not a team (`@org/team`).
const MENTION = new RegExp(`(?<![\\w@.+-])@(${LOGIN})(?![\\w/-])`, "g");
const BARE_LOGIN = new RegExp(`^@?(${LOGIN})$`);

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
const TEAM_SUFFIX = /-(?:feature-requests|pr-reviews|api-reviews|bugs|misc|proposals|test-failures|leads)$/i;

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
const GROUP_NAME = /^(sig|wg|committee|ug)(?![a-z0-9])[\s/_-]*([a-z0-9][a-z0-9 _-]*)$/i;
// A bare name of one or two words ("node", "api-machinery", "Cluster Lifecycle") is a SIG's;
// longer prose ("not sure yet") is not a name.
const KIND_ONLY = /^(?:sig|wg|committee|ug)(?![a-z0-9])/i;
const BARE_GROUP_NAME = /^([a-z0-9][a-z0-9_-]*(?: [a-z0-9][a-z0-9_-]*)?)$/i;

function normaliseSig(item: string): string | null {
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
const withoutParentheses = (text: string): string => withoutSpans(text, "(", ")");

/** The text without the spans from each `open` to the next `close`, left to right; an unclosed `open` stays. */
function withoutSpans(text: string, open: string, close: string): string {
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
function splitList(value: string): string[] {
  return value
    .split(/[,;&]|\band\b/i)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

// ---------------------------------------------------------------------------------------------
// Lines

interface Line {
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
const startsWithOneOf = (text: string, chars: string): boolean => text !== "" && chars.includes(text.charAt(0));

function readLine(raw: string): Line {
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
function cleanInline(text: string): string {
  const unmarked = text.includes("*") || text.includes("`") ? text.replace(/[*`]/g, "") : text;
  // Whitespace other than single spaces becomes one space (a line rarely has any: no new string then).
  const spaced = (unmarked.includes("__") ? unmarked.replace(/__/g, "") : unmarked).replace(/\s{2,}|[^\S ]/g, " ").trim();
  return trimChars(spaced, "_").trim();
}

/** Like trim, for the given characters; a loop, since `/_+$/` is quadratic on long runs. */
function trimChars(text: string, chars: string): string {
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
function splitLabel(line: Line): { label: string; value: string } | null {
  const m = line.text.includes(":") ? /^([^:]{1,100}):(?!\/\/)/.exec(line.text) : null;
  // "k/k#1 (note: …)" is a list item, not a label.
  if (!m || /#\d/.test(m[1] ?? "")) return null;
  const colon = line.written.indexOf(":");
  const value = trimChars(trimChars(line.written.slice(colon + 1), " *_"), " *");
  return { label: (m[1] ?? "").trim().toLowerCase(), value };
}

// ---------------------------------------------------------------------------------------------
// Line kinds

type Field = "description" | "kepLink" | "discussionLink" | "contacts" | "sigs";
type Category = keyof StagePrs;

const FIELD_LABELS: ReadonlyArray<[Field, RegExp]> = [
  // "One-line feature description" in the 2018 template.
  ["description", /^one[\s-]*line\s+(?:enhancement\s+|feature\s+)?description\b/],
  ["kepLink", /^(?:kubernetes\s+enhancement\s+proposal\b|kep(?:\s+link)?(?:\s*\([^)]*\))?$)/],
  ["discussionLink", /^discussion\s+links?\b/],
  ["contacts", /^(?:primary\s+contacts?\b|contacts?(?:\s*\(assignees?\))?$)/],
  ["sigs", /^(?:(?:responsible|owning|participating)\s+sigs?\b|sigs?$|sig\(s\)$)/],
];
// Template headers with no value of their own; they end a stage's section.
const SECTION_LABELS = [/^enhancement\s+target\b/, /^prs?\s+by\s+stage\b/];

const PR_WORDS = /\bprs?\b|\bpr\(s\)|\bupdates?\b|\bupdate\(s\)/;

function categoryOf(label: string): Category | null {
  if (/^(?:kep|enhancements?)\b/.test(label) && (PR_WORDS.test(label) || label.includes("k/enhancements"))) return "kep";
  if (/^(?:code|implementation|tests?|k\/k)\b/.test(label)) return "code";
  if (/^(?:docs?|documentation|website|k\/website)\b/.test(label)) return "docs";
  if (/(?:\bprs?|\bpr\(s\)|\bupdates?|\bupdate\(s\))$/.test(label)) return "other";
  return null;
}

function fieldOf(label: string): Field | null {
  for (const [field, pattern] of FIELD_LABELS) if (pattern.test(label)) return field;
  return null;
}

const STAGE_WORDS: ReadonlyArray<[RegExp, Stage]> = [
  [/^alpha$/i, "alpha"],
  [/^beta$/i, "beta"],
  [/^(?:stable|ga|general availability)$/i, "stable"],
  [/^deprecat/i, "deprecated"],
  [/^disable/i, "disabled"],
  [/^remov/i, "removed"],
];

const STAGE_LINE =
  /^(alpha|beta|stable|ga|general availability|deprecated|deprecation|disabled?|removed|removal)(?:\s?([2-9])(?![\d.]))?(?![\w-])\s*((?:release\s+)?target|release|stage|milestone)?\s*(?:\(x\.y\))?\s*[-–—:=]*\s*(?:(?:in|for)\s+)?(.*)$/i;
// What may follow a stage word: a version, a placeholder, or nothing.
const MILESTONE_START = /^[([]?\s*(?:v?\d{1,2}\.(?:\d{1,3}|x{1,2}|\*)|tbd|tba|tbc|n\/?a|none|unknown|todo|\?)(?![a-z])/i;

interface StageLine {
  stage: Stage;
  /** 2 for an `Alpha2` or `Alpha 2` row, 1 for the stage's first. */
  round: number;
  milestone: string | null;
  /** An old-template "… release target (x.y):" line rather than a checklist item. */
  isTarget: boolean;
}

// The first letters of STAGE_LINE's words: most lines start otherwise.
const STAGE_INITIALS = "abdgrsABDGRS";

function readStageLine(text: string): StageLine | null {
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
function categoryByRepo(ref: PrRef): Category {
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

// ---------------------------------------------------------------------------------------------
// The walk

interface StageBuilder {
  stage: Stage;
  round: number;
  milestone: string | null;
  checked: boolean;
  prs: Record<Category, PrRef[]>;
}

function newStage(stage: Stage, round: number, milestone: string | null): StageBuilder {
  const prs = { kep: [], code: [], docs: [], other: [] };
  return { stage, round, milestone, checked: false, prs };
}

/** The entry for this stage row and milestone: an existing one when the milestones agree or one is unknown. */
function upsertStage(stages: StageBuilder[], row: StageLine): StageBuilder {
  const { stage, round, milestone } = row;
  const existing = stages.find(
    (s) => s.stage === stage && s.round === round && (s.milestone === milestone || s.milestone === null || milestone === null),
  );
  if (existing) {
    existing.milestone ??= milestone;
    return existing;
  }
  const created = newStage(stage, round, milestone);
  stages.push(created);
  return created;
}

/** Appends in place; a loop, since spreading thousands of references into `push` can overflow the stack. */
function append(list: PrRef[], refs: readonly PrRef[]): void {
  // Most lines have none, and an empty array literal is of another kind than a filled one to the engine.
  if (refs.length === 0) return;
  for (const ref of refs) list.push(ref);
}

function addByRepo(stage: StageBuilder, refs: readonly PrRef[]): void {
  for (const ref of refs) stage.prs[categoryByRepo(ref)].push(ref);
}

// A value left empty on its label's line may sit in the nested lines below it.
const MAX_CHILD_LINES = 50;

/**
 * The value of a label left empty on its own line: the nested lines below it, or else the next
 * line when it continues the label's paragraph (a "lazy continuation", not indented: the 2018
 * template's `/sig architecture` under "Responsible SIGs:"). `consumed` lines were the value.
 */
function childValues(lines: readonly string[], index: number, indent: number): { values: string[]; consumed: number } {
  const values: string[] = [];
  for (let j = index + 1; j < lines.length && values.length < MAX_CHILD_LINES; j++) {
    const child = readLine(lines[j] ?? "");
    if (child.text === "") continue;
    if (child.indent <= indent) break;
    values.push(child.written);
  }
  if (values.length > 0) return { values, consumed: 0 };
  const next = readLine(lines[index + 1] ?? "");
  const lazy = next.text !== "" && !next.isListItem && !next.isHeading && !next.isQuote && splitLabel(next) === null;
  return lazy ? { values: [next.written], consumed: 1 } : { values: [], consumed: 0 };
}

interface Fields {
  description: string | null;
  kepLink: string | null;
  discussionLink: string | null;
  contacts: string[];
  sigs: string[];
}

function applyField(fields: Fields, field: Field, values: readonly string[]): void {
  const written = values.filter((v) => !isPlaceholder(cleanInline(v)));
  // Only the description keeps its inline code marks; in links and names they are noise.
  // A stray mark between two words still separates them: "@someone`Out" is not the login "someoneOut".
  const meaningful = written.map((v) => v.replace(/(?<=[\w-])`+(?=[\w-])/g, " ").replace(/`/g, ""));
  switch (field) {
    case "description":
      fields.description ??= written[0] ?? null;
      return;
    case "kepLink":
      fields.kepLink ??= firstOf(meaningful.map(firstLink));
      return;
    case "discussionLink":
      fields.discussionLink ??= firstOf(meaningful.map(firstLink));
      return;
    case "contacts":
      fields.contacts.push(...meaningful.flatMap(parseContacts));
      return;
    case "sigs":
      fields.sigs.push(...meaningful.flatMap(parseSigs));
      return;
  }
}

const firstOf = (values: ReadonlyArray<string | null>): string | null => values.find((v) => v !== null) ?? null;

/** What the walk has read so far, and where it is. */
interface Walk {
  readonly repo: RepoName;
  readonly fields: Fields;
  readonly stages: StageBuilder[];
  /** Every PR seen, duplicates included until the end. */
  readonly allPrs: PrRef[];
  readonly prs: PrInterner;
  /** The stage section being read, and the labelled list inside it. */
  stage: StageBuilder | null;
  category: Category | null;
  categoryIndent: number;
  /** Inside a ```` ```[tasklist] ```` block, where `#N` is a PR of the issue's own repository. */
  tasklist: boolean;
  /** An unlabelled first bullet, taken for the description when a field label follows it. */
  unlabelledFirst: string | null;
  /** Something was read already: a later unlabelled bullet is not in the description's place. */
  started: boolean;
}

const TASKLIST_OPEN = /^\s*(?:`{3,}|~{3,})\s*\[tasklist\]\s*$/i;
const FENCE_CLOSE = /^\s*(?:`{3,}|~{3,})\s*$/;

function walkLines(lines: readonly string[], repo: RepoName): Omit<IssueBody, "unclosedHtmlComment"> {
  const walk: Walk = {
    repo,
    fields: { description: null, kepLink: null, discussionLink: null, contacts: [], sigs: [] },
    stages: [],
    allPrs: [],
    prs: new PrInterner(),
    stage: null,
    category: null,
    categoryIndent: 0,
    tasklist: false,
    unlabelledFirst: null,
    started: false,
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = withoutStrikethrough(lines[i] ?? "");
    if (readFence(walk, raw)) continue;
    const line = readLine(raw);
    if (line.text === "") continue;
    i += readBodyLine(walk, lines, i, raw, line);
  }
  return finish(walk);
}

/** Task-list blocks open and close; any other fence line is read as text, as it always was. */
function readFence(walk: Walk, raw: string): boolean {
  if (TASKLIST_OPEN.test(raw)) {
    walk.tasklist = true;
    walk.stage = null;
    return true;
  }
  if (walk.tasklist && FENCE_CLOSE.test(raw)) {
    walk.tasklist = false;
    walk.stage = null;
    return true;
  }
  return false;
}

/** Reads one line in its place; returns how many following lines it consumed as its value. */
function readBodyLine(walk: Walk, lines: readonly string[], i: number, raw: string, line: Line): number {
  const labelled = splitLabel(line);
  const refs = extractPrRefs(raw, walk.tasklist ? walk.repo : undefined).map((r) => walk.prs.intern(r));
  // Labels of the whole issue end any stage section.
  const field = labelled && !categoryOf(labelled.label) ? fieldOf(labelled.label) : null;
  if (field && labelled) return readField(walk, { lines, i, line, field, value: labelled.value, refs });
  const first = !walk.started && line.isListItem && !labelled && refs.length === 0 ? line.written : null;
  walk.unlabelledFirst = first;
  walk.started ||= !line.isHeading;
  append(walk.allPrs, refs);
  if (labelled && SECTION_LABELS.some((p) => p.test(labelled.label))) {
    walk.stage = null;
    return 0;
  }
  const stageLine = readStageLine(line.text);
  if (stageLine) readStageRow(walk, stageLine, line, refs);
  else if (walk.stage) readStageItem(walk, walk.stage, { raw, line, labelled, refs });
  return 0;
}

type FieldLine = { lines: readonly string[]; i: number; line: Line; field: Field; value: string; refs: PrRef[] };

function readField(walk: Walk, { lines, i, line, field, value, refs }: FieldLine): number {
  const child = value !== "" ? { values: [value], consumed: 0 } : childValues(lines, i, line.indent);
  // "- KEP artifacts are hard to navigate…" in the description's place, before the KEP link's label.
  if (field !== "description" && walk.unlabelledFirst !== null) walk.fields.description ??= walk.unlabelledFirst;
  walk.unlabelledFirst = null;
  walk.started = true;
  applyField(walk.fields, field, child.values);
  append(walk.allPrs, refs);
  walk.stage = null;
  return child.consumed;
}

function readStageRow(walk: Walk, stageLine: StageLine, line: Line, refs: readonly PrRef[]): void {
  // An empty target line ("Beta release target (x.y): TBD") says nothing about the stage.
  if (stageLine.isTarget && stageLine.milestone === null && refs.length === 0) {
    walk.stage = null;
    return;
  }
  const entry = upsertStage(walk.stages, stageLine);
  entry.checked ||= line.checked === true;
  addByRepo(entry, refs);
  // Old-template targets are one-liners: the free-form lists after them are not theirs.
  walk.stage = stageLine.isTarget ? null : entry;
  walk.category = null;
}

type ItemLine = { raw: string; line: Line; labelled: { label: string } | null; refs: PrRef[] };

function readStageItem(walk: Walk, stage: StageBuilder, { raw, line, labelled, refs }: ItemLine): void {
  const labelCategory = labelled ? categoryOf(labelled.label) : null;
  if (labelCategory) {
    // A nested "Nice to have PR(s):" under Code stays Code; named lists always switch.
    const nestedAside = labelCategory === "other" && walk.category !== null && line.indent > walk.categoryIndent;
    if (!nestedAside) {
      walk.category = labelCategory;
      walk.categoryIndent = line.indent;
    }
  } else if (line.isHeading || (line.indent === 0 && !line.isListItem && refs.length === 0)) {
    // Prose or a heading back at the margin closes the stage section.
    walk.stage = null;
    return;
  }
  // Inside a KEP list, `#N` is a PR of the issue's own repository, as GitHub links it.
  const listed = walk.category === "kep" && !walk.tasklist ? extractPrRefs(raw, walk.repo).map((r) => walk.prs.intern(r)) : refs;
  append(walk.allPrs, listed);
  if (walk.category) append(stage.prs[walk.category], listed);
  else addByRepo(stage, listed);
}

function finish(walk: Walk): Omit<IssueBody, "unclosedHtmlComment"> {
  const { fields } = walk;
  return {
    description: fields.description,
    kepLink: fields.kepLink,
    discussionLink: fields.discussionLink,
    // GitHub logins and SIG names are case-insensitive.
    contacts: dedupeBy(fields.contacts, (v) => v.toLowerCase()),
    sigs: dedupeBy(fields.sigs, (v) => v.toLowerCase()),
    stages: walk.stages.map((s) => ({
      stage: s.stage,
      milestone: s.milestone,
      checked: s.checked,
      ...(s.round > 1 ? { round: s.round } : {}),
      prs: { kep: dedupeBy(s.prs.kep), code: dedupeBy(s.prs.code), docs: dedupeBy(s.prs.docs), other: dedupeBy(s.prs.other) },
    })),
    allPrs: dedupeBy(walk.allPrs),
  };
}

/**
 * The line without `~~struck-through~~` text: a PR or link crossed out no longer counts. Pairs
 * are matched on the line, left to right; a lone `~~` stays.
 */
function withoutStrikethrough(raw: string): string {
  return withoutSpans(raw, "~~", "~~");
}
