/**
 * Exceptions as the release team follows them on the board since v1.36 (sig-release
 * `releases/EXCEPTIONS.md`): an item's Exception Request Type names the freeze, Exception Status
 * says In Review, Approved or Rejected, and Additional Time gives the days granted. Pure.
 */
import type { ReleaseWords, StatusKey } from "../release/release-words.js";
import type { Deadline } from "../release/timeline.js";

/** The three board fields, as read from the item; option names as people wrote them. */
export type ExceptionFields = {
  requestType: string | null;
  status: string | null;
  additionalDays: number | null;
  /** When the request was made (the board's Exception Request Date), if known. */
  requestedAt: Date | null;
  /** The configured exception fields the board does not have: the others cannot be trusted to be empty. */
  missing?: string[];
};

type Common = {
  freeze: Deadline;
  /** Asked more than the window EXCEPTIONS.md allows after the freeze (3 days; docs 24 hours). */
  late: boolean;
};

export type ExceptionState =
  | { state: "none" }
  /** The fields say something kep-tracker cannot read, e.g. a status without a request type. */
  | { state: "unreadable"; reason: string }
  | (Common & { state: "pending" })
  /** Approved until `until`, the end (AoE) of the freeze's day plus the days granted; `expired` once that has passed. */
  | (Common & { state: "approved"; until: Date; expired: boolean })
  | (Common & { state: "rejected" });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AOE_OFFSET = 12 * HOUR;

const words = (s: string | null) =>
  (s ?? "")
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();

/** "PRR", "KEP Readiness", "Enhancements", "Code and Test", "Docs" → the freeze they are for. */
export function exceptionFreeze(requestType: string | null): Deadline | null {
  const w = words(requestType);
  if (/\b(prr|kep readiness|production readiness)\b/.test(w)) return "prr-freeze";
  if (/\benhancements?\b/.test(w)) return "enhancements-freeze";
  if (/\bcode\b/.test(w)) return "code-freeze";
  if (/\bdocs?\b/.test(w)) return "docs-freeze";
  return null;
}

/**
 * The end, Anywhere on Earth, of the day `days` after the day a deadline falls on (in AoE):
 * a freeze at the end of Tuesday 9th June AoE plus 3 days ends with Friday 12th June AoE,
 * 2026-06-13T12:00Z. A deadline at 02:00 UTC Friday falls on Thursday in AoE.
 */
export function exceptionEnd(deadline: Date, days: number): Date {
  const aoeDay = Math.floor((deadline.getTime() - AOE_OFFSET - 1) / DAY);
  // Clamped so that any number on the board gives a date (1e12 days would be an Invalid Date).
  const granted = Math.min(MAX_ADDITIONAL_DAYS, Math.max(0, Math.floor(days) || 0));
  return new Date((aoeDay + granted + 1) * DAY + AOE_OFFSET);
}

/** More Additional Time than a year is a typo on the board, not a grant. */
export const MAX_ADDITIONAL_DAYS = 365;

/** How long after a freeze EXCEPTIONS.md accepts a request: 3 days, docs 24 hours. */
const REQUEST_WINDOW: Record<Deadline, number> = {
  "prr-freeze": 3 * DAY,
  "enhancements-freeze": 3 * DAY,
  "code-freeze": 3 * DAY,
  "docs-freeze": DAY,
  release: 0,
};

/**
 * Where an item's exception stands at `now`. An empty Exception Status beside a request type
 * is a request not yet looked at (In Review); Additional Time left empty grants no extra day.
 */
export function exceptionState(fields: ExceptionFields, deadlines: Record<Deadline, { at: Date }>, now: Date): ExceptionState {
  if (fields.missing?.length)
    return {
      state: "unreadable",
      reason: `the board has no field ${fields.missing.map((n) => JSON.stringify(n)).join(", ")} (board.fields in .github/kep-tracker.yml)`,
    };
  const status = words(fields.status);
  if (!fields.requestType?.trim() && !status) return { state: "none" };
  const freeze = exceptionFreeze(fields.requestType);
  if (!freeze)
    return {
      state: "unreadable",
      reason: fields.requestType?.trim()
        ? `the request type "${fields.requestType}" names no freeze`
        : "an Exception Status without an Exception Request Type",
    };
  const deadline = deadlines[freeze].at;
  const late = !!fields.requestedAt && fields.requestedAt.getTime() > deadline.getTime() + REQUEST_WINDOW[freeze];
  if (!status || /\b(in review|review|pending|requested)\b/.test(status)) return { state: "pending", freeze, late };
  if (/\bapproved?\b/.test(status)) {
    if ((fields.additionalDays ?? 0) > MAX_ADDITIONAL_DAYS)
      return { state: "unreadable", reason: `Additional Time of ${fields.additionalDays} days is more than ${MAX_ADDITIONAL_DAYS}` };
    const until = exceptionEnd(deadline, fields.additionalDays ?? 0);
    return { state: "approved", freeze, late, until, expired: now.getTime() >= until.getTime() };
  }
  if (/\breject(ed)?\b|\bdenied\b/.test(status)) return { state: "rejected", freeze, late };
  return { state: "unreadable", reason: `the Exception Status "${fields.status}" is not In Review, Approved or Rejected` };
}

/**
 * The board status an exception decides, or null when the KEP is judged as usual: no
 * exception, an unreadable one, or an approval whose time has run out.
 */
export function exceptionStatusKey(e: ExceptionState): StatusKey | null {
  if (e.state === "pending") return "exception-pending";
  if (e.state === "approved") return e.expired ? null : "exception-approved";
  if (e.state === "rejected") return "removed-from-milestone";
  return null;
}

/** "2026-06-20 12:00 UTC". */
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * The status comment's line about an exception, in the release's words; null when there is
 * none to tell. A late request is still told, with what EXCEPTIONS.md asks.
 */
export function describeException(e: ExceptionState, words: ReleaseWords): string | null {
  if (e.state === "none") return null;
  if (e.state === "unreadable")
    return `The board's exception fields could not be read (${e.reason}); the KEP is judged as if none were asked.`;
  const freeze = words.freezes[e.freeze].name;
  const what =
    e.state === "pending"
      ? `An exception for the ${freeze} is in review: the KEP stays in the release meanwhile.`
      : e.state === "rejected"
        ? `The exception for the ${freeze} was rejected.`
        : e.expired
          ? `The exception for the ${freeze} ran until ${utc(e.until)}; the KEP is judged as usual since.`
          : `An exception for the ${freeze} is approved until ${utc(e.until)}; the checklist is judged against that date.`;
  const window = e.freeze === "docs-freeze" ? "24 hours" : "3 days";
  return e.late ? `${what} It was asked more than ${window} after the ${freeze}; EXCEPTIONS.md asks for requests within ${window}.` : what;
}
