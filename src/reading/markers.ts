import { type ChangeKind, isChangeKind } from "../release/change-kind.js";
/**
 * The hidden markers of the App's status comment: the facts a later run reads
 * back from GitHub, written and parsed here only. They sit on the comment's
 * first lines, before anything a person reads, and are parsed only from
 * there (and only from the App's own comments, which callers select with
 * statusComments), so no wording of the visible text can lose or fake them.
 *
 *   <!-- kep-tracker:status -->                  finds the status comment again
 *   <!-- kep-tracker:inputs <digest> -->          what the comment was computed from
 *   <!-- kep-tracker:untrack-reason <text> -->    the reason given to /untrack, URI-encoded
 *   <!-- kep-tracker:kep stage=<s>&sig=<sig>&change=<kind>&docs=<word> -->
 *                                                the stage, owning SIG, kind of change and docs word the
 *                                                evaluation found (what the release board's Stage, SIG,
 *                                                Enhancement Type and Docs Status should say)
 *   <!-- kep-tracker:verdict release=<v1.NN>&status=<status> -->
 *                                                the release the comment is for and the status it
 *                                                gave, in the evaluation's own words (final edits
 *                                                and unchanged issues read these, never the text)
 *   <!-- kep-tracker:docs-none <text> -->         the reason given to `/kep-docs none`, URI-encoded
 *   <!-- kep-tracker:docs <text> -->              what the sweep read of the KEP's kubernetes/website PRs
 *                                                (verdict/docs.ts), URI-encoded: the webhook path, which
 *                                                does not list kubernetes/website, judges docs by it
 *
 * and the first line of a final edit and of the cleanup's closing comment:
 *
 *   <!-- kep-tracker:final <release> -->  <!-- kep-tracker:closed <release> -->
 *
 * and the first line of each freeze reminder (read there only, so that a marker
 * quoted further down a comment, or in anyone else's comment, counts for nothing):
 *
 *   <!-- kep-tracker:reminder <release> <freeze> <days> -->
 */

export const STATUS_MARKER = "<!-- kep-tracker:status -->";

export type StatusMarkers = {
  /** The digest of the inputs the comment was computed from (see kep-inputs.ts). */
  inputs: string | null;
  /** The reason given to /untrack, carried from one rendering to the next. */
  untrackReason: string | null;
  /**
   * The KEP's stage and owning SIG as the evaluation found them; null in a comment written
   * before this marker existed. A sweep that skips the unchanged issue checks its board item by them.
   */
  kep?: KepMark | null;
  /** The release the comment was written for; from its greeting in a comment written before the marker. */
  release?: string | null;
  /** The status the comment gave, in the evaluation's words (BOARD_STATUSES). */
  status?: string | null;
  /**
   * Only for a comment written before the verdict marker: its visible status line, in the words
   * of its release (callers match them to the evaluation's words).
   */
  statusLine?: string | null;
  /** What the sweep read of the KEP's docs PRs, as verdict/docs.ts wrote it; null when none was read. */
  docs?: string | null;
  /** The reason given to `/kep-docs none`, carried from one rendering to the next; null when none holds. */
  docsNone?: string | null;
};

/**
 * What the `kep` marker keeps: each null when the evaluation found none. `change` (what the release
 * does to the KEP, the board's Enhancement Type) is absent from markers written before it was kept.
 */
export type KepMark = {
  stage: string | null;
  sig: string | null;
  change?: ChangeKind | null;
  /** Where the KEP's docs stand (the docs verdict's word, or "none" when no docs are needed); absent before docs are judged. */
  docs?: string | null;
};

const MARKER = /^<!-- kep-tracker:([a-z-]+)(?: (\S+))? -->$/;

/** The marker lines that open a status comment, STATUS_MARKER first. */
export function markerLines(m: StatusMarkers): string[] {
  const lines = [STATUS_MARKER];
  if (m.inputs) lines.push(`<!-- kep-tracker:inputs ${m.inputs} -->`);
  // URI-encoded: one token without spaces, and no "-->" can close the comment early.
  if (m.untrackReason) lines.push(`<!-- kep-tracker:untrack-reason ${encodeURIComponent(m.untrackReason)} -->`);
  // Form-encoded: no spaces, and no ">" to close the comment early.
  if (m.kep) lines.push(`<!-- kep-tracker:kep ${kepMarkText(m.kep)} -->`);
  if (m.release) lines.push(`<!-- kep-tracker:verdict ${verdictMarkText(m.release, m.status ?? null)} -->`);
  if (m.docsNone) lines.push(`<!-- kep-tracker:docs-none ${encodeURIComponent(m.docsNone)} -->`);
  if (m.docs) lines.push(`<!-- kep-tracker:docs ${encodeURIComponent(m.docs)} -->`);
  return lines;
}

/** The markers of a status comment's body, read from its opening marker lines only. */
export function readMarkers(body: string): StatusMarkers {
  const found: StatusMarkers = { inputs: null, untrackReason: null, kep: null };
  const lines = body.split("\n", 8);
  if (lines[0] !== STATUS_MARKER) return found;
  for (const line of lines.slice(1)) {
    const m = MARKER.exec(line);
    if (!m) break;
    if (m[1] === "inputs" && m[2]) found.inputs = m[2];
    if (m[1] === "untrack-reason" && m[2]) found.untrackReason = decoded(m[2]) ?? legacyReason(body);
    if (m[1] === "kep") found.kep = kepMarkOf(m[2] ?? "");
    if (m[1] === "verdict") Object.assign(found, verdictMarkOf(m[2] ?? ""));
    if (m[1] === "docs" && m[2]) found.docs = decoded(m[2]);
    if (m[1] === "docs-none" && m[2]) found.docsNone = decoded(m[2]);
  }
  found.untrackReason ??= legacyReason(body);
  if (!found.release) {
    const release = legacyRelease(body);
    const statusLine = legacyStatus(body);
    if (release) found.release = release;
    if (statusLine) found.statusLine = statusLine;
  }
  return found;
}

const verdictMarkText = (release: string, status: string | null): string => {
  const params = new URLSearchParams({ release });
  if (status) params.set("status", status);
  return params.toString();
};

const verdictMarkOf = (text: string): Pick<StatusMarkers, "release" | "status"> => {
  const params = new URLSearchParams(text);
  return { release: params.get("release"), status: params.get("status") };
};

/** Status comments written before the verdict marker name their release in the greeting only. */
const legacyRelease = (body: string): string | null =>
  /^Hello [^\n]*?👋, (v\d+\.\d+) Enhancements team here\.$/m.exec(body.slice(0, 4000))?.[1] ?? null;

/** …and their status in the visible status line, in the words of the release (matched to the evaluation's by the caller). */
const legacyStatus = (body: string): string | null => /^\*\*Status: ([^*]+)\*\*/m.exec(body)?.[1] ?? null;

/** The opening line of a status comment's final edit, with the release it closes. */
export const finalMarker = (release: string) => `<!-- kep-tracker:final ${release} -->`;

/** The opening line of the cleanup's closing comment, with the release it closes. */
export const closedMarker = (release: string) => `<!-- kep-tracker:closed ${release} -->`;

const kepMarkText = (k: KepMark): string => {
  const params = new URLSearchParams();
  if (k.stage) params.set("stage", k.stage);
  if (k.sig) params.set("sig", k.sig);
  if (k.change) params.set("change", k.change);
  if (k.docs) params.set("docs", k.docs);
  // An empty token would not match MARKER's `(\S+)`: "-" stands for neither.
  return params.toString() || "-";
};

function kepMarkOf(text: string): KepMark {
  const params = new URLSearchParams(text === "-" ? "" : text);
  const change = params.get("change");
  const docs = params.get("docs");
  return { stage: params.get("stage"), sig: params.get("sig"), ...(isChangeKind(change) ? { change } : {}), ...(docs ? { docs } : {}) };
}

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Status comments written before the reason had its marker say it only in
 * words; read there until the comment is next rendered (with the marker).
 */
function legacyReason(body: string): string | null {
  return /^\*\*Status: Removed from milestone\*\* [^\n]*? Reason: (.+)$/m.exec(body)?.[1] ?? null;
}

/** Which reminder a reminder comment is: the release, the freeze and how many days before it. */
export type ReminderMark = { release: string; freeze: string; days: number };

/** A reminder's marker, its first line. */
export const reminderMarkerLine = (r: ReminderMark): string => `<!-- kep-tracker:reminder ${r.release} ${r.freeze} ${r.days} -->`;

const REMINDER_MARKER = /^<!-- kep-tracker:reminder (\S+) (\S+) (\d{1,4}) -->$/;

/** The reminder marker of a comment's first line, or null: a marker anywhere else is not the App's. */
export function readReminderMarker(body: string): ReminderMark | null {
  const m = REMINDER_MARKER.exec(body.split("\n", 1)[0] ?? "");
  return m ? { release: m[1]!, freeze: m[2]!, days: Number(m[3]) } : null;
}
