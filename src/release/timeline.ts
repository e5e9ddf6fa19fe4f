import { linkTextsOnly } from "../util/user-text.js";

/**
 * Reads the Timeline table of a sig-release `releases/release-1.NN/README.md` into the five
 * deadlines the tracker cares about, as UTC instants.
 */

/** The deadlines of a release cycle, in the order they fall. */
export const DEADLINES = ["prr-freeze", "enhancements-freeze", "code-freeze", "docs-freeze", "release"] as const;
export type Deadline = (typeof DEADLINES)[number];

export type ParsedDeadline = {
  at: Date;
  /**
   * True when `at` is our reading rather than the source's instant: a day with no time (read as
   * the end of that day AoE), or a US Pacific time with no UTC time beside it.
   */
  approximate: boolean;
};

export type TimelineDeadline = ParsedDeadline & {
  /** The "When" cell exactly as the table wrote it. */
  raw: string;
};

/** The Docs team's two deadlines before Docs Freeze (docs-deadlines.ts), rows beside the five. */
export type DocsRowKey = "docs-placeholder" | "docs-ready";

export type Timeline = {
  deadlines: Partial<Record<Deadline, TimelineDeadline>>;
  /** The two docs rows, when the table has them. */
  docs?: Partial<Record<DocsRowKey, TimelineDeadline>>;
  /** Deadlines with no matching row, or whose row has no readable date; in DEADLINES order. */
  missing: Deadline[];
};

// ---------------------------------------------------------------------------------------------
// One "When" cell
// ---------------------------------------------------------------------------------------------

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" +
  "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])";
// Ordinal suffixes are matched loosely: the tables contain "26nd" and "22th".
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
// "November2023" (no space) occurs in the tables too.
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY}\\s+${MONTH}\\.?\\s*,?\\s*(\\d{4})\\b`, "i");
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\.?\\s+${DAY},?\\s+(\\d{4})\\b`, "i");
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const CLOCK = /\b([01]?\d|2[0-3]):([0-5]\d)\s*(UTC|GMT|PDT|PST)\b/i;
const AOE = /\bAoE\b|anywhere on earth/i;

const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;
// US Pacific labels are used only when a cell gives no UTC time; they are often wrong (PST in summer).
const ZONE_OFFSET_HOURS: Record<string, number> = { utc: 0, gmt: 0, pdt: -7, pst: -8 };

type CalendarDate = { year: number; month: number; day: number };

/** Midnight UTC of a calendar date, or null if the date does not exist (31st February). */
function utcMidnight({ year, month, day }: CalendarDate): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : null;
}

/** The end of a day Anywhere on Earth (UTC-12): 12:00 UTC the next day. */
function endOfDayAoE(midnight: number): number {
  return midnight + DAY_MS + 12 * HOUR;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function findDate(text: string): CalendarDate | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return { year: Number(dmy[3]), month: monthNumber(dmy[2]!), day: Number(dmy[1]) };
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) return { year: Number(mdy[3]), month: monthNumber(mdy[1]!), day: Number(mdy[2]) };
  return null;
}

/** Reads a whole-text ISO 8601 date-time; called only when ISO_INSTANT has matched. */
function parseIsoInstant(m: RegExpExecArray): ParsedDeadline | null {
  const midnight = utcMidnight({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  const [hours, minutes, seconds] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (midnight === null || hours > 23 || minutes > 59 || seconds > 59) return null;
  const millis = Number((m[7] ?? "").padEnd(3, "0"));
  // Without an offset the instant is read as UTC, the release team's working zone.
  const zone = (m[8] ?? "Z").toUpperCase();
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const [offsetHours, offsetMins] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
    if (offsetHours > 14 || offsetMins > 59) return null;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  const ms = midnight + hours * HOUR + minutes * 60_000 + seconds * 1000 + millis - offsetMinutes * 60_000;
  return { at: new Date(ms), approximate: false };
}

type Part = { midnight: number; clock: { hours: number; minutes: number; zone: string } | null; aoe: boolean };

function readPart(text: string): Part | null {
  const date = findDate(text);
  const midnight = date ? utcMidnight(date) : null;
  if (midnight === null) return null;
  const c = CLOCK.exec(text);
  const clock = c ? { hours: Number(c[1]), minutes: Number(c[2]), zone: c[3]!.toLowerCase() } : null;
  return { midnight, clock, aoe: AOE.test(text) };
}

function atClock(part: Part, clock: NonNullable<Part["clock"]>): Date {
  const offset = ZONE_OFFSET_HOURS[clock.zone] ?? 0;
  return new Date(part.midnight + clock.hours * HOUR + clock.minutes * 60_000 - offset * HOUR);
}

/** Drops Markdown link targets and emphasis so "[02:00 UTC …](https://…)" reads as its text. */
function plainText(text: string): string {
  return linkTextsOnly(text)
    .replace(/[*_`[\]]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Reads one deadline as the sig-release tables write it, or as a user writes it in a config file.
 *
 * - "Tuesday 9th June 2026 (AoE) / Wednesday 10th June 2026, 12:00 UTC" and
 *   "02:00 UTC Friday 11th October 2024 / 19:00 PDT Thursday 10th October 2024": the part with
 *   a UTC time wins; local labels are ignored when a UTC time is present because they are often wrong.
 * - "Tuesday 9th June 2026 (AoE)": the end of that day at UTC-12, i.e. 12:00 UTC the next day.
 * - "Thursday 3rd October 2024" or "2026-06-09": a day with no time means "by the end of that day",
 *   read as AoE like the newer tables, and marked approximate.
 * - "2026-06-10T12:00:00Z" or "2026-06-10T14:00:00+02:00": exact; no offset means UTC.
 * - Only a Pacific time ("19:00 PDT Thursday 10th October 2024"): used, but marked approximate.
 *
 * Weekday names are ignored: the day of the month is what the team edits when a date moves.
 * Returns null when the text holds no complete, real date (no year, "31st February"). Never throws.
 */
export function parseDeadlineText(text: string): ParsedDeadline | null {
  if (typeof text !== "string") return null;
  const plain = plainText(text);
  // An ISO date-time is taken or rejected whole, so "2026-06-10T25:00Z" does not fall back to its date.
  const iso = ISO_INSTANT.exec(plain);
  if (iso) return parseIsoInstant(iso);

  const parts = plain
    .split(/\s+\/\s+/)
    .map(readPart)
    .filter((p): p is Part => p !== null);
  const utc = parts.find((p) => p.clock && ZONE_OFFSET_HOURS[p.clock.zone] === 0);
  if (utc) return { at: atClock(utc, utc.clock!), approximate: false };
  const aoe = parts.find((p) => p.aoe);
  if (aoe) return { at: new Date(endOfDayAoE(aoe.midnight)), approximate: false };
  const local = parts.find((p) => p.clock);
  if (local) return { at: atClock(local, local.clock!), approximate: true };
  const dateOnly = parts[0];
  return dateOnly ? { at: new Date(endOfDayAoE(dateOnly.midnight)), approximate: true } : null;
}

// ---------------------------------------------------------------------------------------------
// The Timeline table
// ---------------------------------------------------------------------------------------------

/**
 * How each deadline's row is named in the v1.28–v1.37 tables, after `whatText` normalises the cell.
 * Patterns are tried in order and are anchored so that "Call for PRR and Enhancement Freeze
 * Exceptions", "Brace Yourself, Code Freeze is Coming", "Docs deadline — …" and
 * "v1.37.0-alpha.1 released" never match.
 */
const ROW_PATTERNS: Record<Deadline, RegExp[]> = {
  // "Production Readiness Freeze" until v1.33, "Begin [Production Readiness Freeze]" since v1.34.
  "prr-freeze": [/^(begin )?(production readiness|prr) freeze$/],
  "enhancements-freeze": [/^(begin )?enhancements freeze$/],
  // "Begin [Code Freeze]" until v1.31 (Test Freeze was a later, separate row), then
  // "Begin [Code Freeze] and [Test Freeze]".
  "code-freeze": [/^(begin )?code freeze( and test freeze)?$/],
  // v1.28 and v1.29 have no Docs Freeze row; "Docs complete — All PRs reviewed and ready to merge"
  // is the row that played its part, so it is the fallback.
  "docs-freeze": [/^(begin )?docs freeze$/, /^docs complete\b/],
  // "v1.28.0 released"; the pre-releases carry "-alpha.1", "-rc.0" and so on and do not match.
  release: [/^v?\d+\.\d+\.0 released$/],
};

/** The docs rows, as `whatText` leaves them: "Docs deadline — Open placeholder PRs" (an em dash, U+2014). */
const DOCS_ROW_PATTERNS: Record<DocsRowKey, RegExp[]> = {
  "docs-placeholder": [/^docs deadline\s*[\u2014\u2013-]+\s*open placeholder prs?$/],
  "docs-ready": [/^docs deadline\s*[\u2014\u2013-]+\s*prs? ready for review$/],
};

/** Splits a Markdown table row into trimmed cells; null if the line is not a table row. */
function tableCells(line: string): string[] | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith("|")) return null;
  const cells = trimmed.slice(1).split(/(?<!\\)\|/);
  // A closing pipe leaves one empty cell at the end.
  if (trimmed.endsWith("|") && trimmed.length > 1) cells.pop();
  return cells.map((c) => c.trim());
}

function isSeparatorRow(cells: string[]): boolean {
  return cells.length > 0 && cells.every((c) => /^:?-+:?$/.test(c));
}

/** The "What" cell as lowercase words: no bold, no link brackets or targets, no extra spaces. */
function whatText(cell: string): string {
  return linkTextsOnly(cell, { references: true })
    .replace(/[*_`[\]]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

type Row = { what: string; when: string };

/** Rows of every table in `markdown` whose header names a "What" and a "When" column. */
function timelineRows(markdown: string): Row[] {
  const rows: Row[] = [];
  let columns: { what: number; when: number } | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    const cells = tableCells(line);
    if (!cells) {
      columns = null;
      continue;
    }
    if (isSeparatorRow(cells)) continue;
    // Only a row that mentions both words can be a header; the others skip the cleaning of every cell.
    const names = /what/i.test(line) && /when/i.test(line) ? cells.map(whatText) : [];
    const [what, when] = [names.indexOf("what"), names.indexOf("when")];
    if (what >= 0 && when >= 0) {
      columns = { what, when };
      continue;
    }
    if (!columns) continue;
    const [whatCell, whenCell] = [cells[columns.what], cells[columns.when]];
    if (whatCell !== undefined && whenCell !== undefined) rows.push({ what: whatText(whatCell), when: whenCell });
  }
  return rows;
}

function findRow(rows: Row[], patterns: RegExp[]): Row | undefined {
  for (const pattern of patterns) {
    const row = rows.find((r) => pattern.test(r.what));
    if (row) return row;
  }
  return undefined;
}

/**
 * Picks the row that begins each freeze, and the release row, from a release README's Timeline
 * table (or the table alone). Columns are found by their "What" and "When" headers.
 */
export function parseTimeline(markdown: string): Timeline {
  const rows = timelineRows(markdown);
  const deadlines: Timeline["deadlines"] = {};
  const missing: Deadline[] = [];
  for (const deadline of DEADLINES) {
    const row = findRow(rows, ROW_PATTERNS[deadline]);
    const parsed = row && parseDeadlineText(row.when);
    if (row && parsed) deadlines[deadline] = { ...parsed, raw: row.when };
    else missing.push(deadline);
  }
  const docs: NonNullable<Timeline["docs"]> = {};
  for (const key of ["docs-placeholder", "docs-ready"] as const) {
    const row = findRow(rows, DOCS_ROW_PATTERNS[key]);
    const parsed = row && parseDeadlineText(row.when);
    if (row && parsed) docs[key] = { ...parsed, raw: row.when };
  }
  return Object.keys(docs).length ? { deadlines, missing, docs } : { deadlines, missing };
}
