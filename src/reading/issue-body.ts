import { z } from "zod";
import { STAGES, type Stage } from "../kep/kep-file.js";
import { RELEASE_NAME } from "../release/names.js";
import { dedupeBy } from "../util/dedupe.js";
import { stripHtmlComments } from "../util/user-text.js";
import {
  type Category,
  categoryByRepo,
  categoryOf,
  cleanInline,
  type Field,
  fieldOf,
  type Line,
  readLine,
  readStageLine,
  SECTION_LABELS,
  type StageLine,
  splitLabel,
} from "./body-lines.js";
import { firstLink, isHint, isPlaceholder, parseContacts, parseSigs, withoutSpans } from "./body-values.js";
import { extractPrRefs, PrInterner } from "./pr-refs.js";
import { type PrRef, PrRefSchema } from "./pull-requests.js";

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
 * Every step is linear in the body: no regular expression here can backtrack over a
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
  const { visible, unclosed } = stripHtmlComments(text);
  const result = walkLines(visible.split(/\r\n?|\n/), repo);
  return { ...result, unclosedHtmlComment: unclosed };
}

// ---------------------------------------------------------------------------------------------
// HTML comments
/**
 * Comments are removed everywhere, code fences included, which is what the template's parked
 * stages need; the one stripper lives with the other readings of user text.
 */
export { stripHtmlComments };

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
  const child = value !== "" && !isHint(value) ? { values: [value], consumed: 0 } : childValues(lines, i, line.indent);
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
