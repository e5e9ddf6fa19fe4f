/**
 * The evaluation keeps its statuses in one fixed vocabulary (verdict.ts's BOARD_STATUSES, the
 * pre-v1.38 words); what people read is said in the release's words (release-words.ts), chosen
 * at output: the status comment, reminders, the report and the board. Pure.
 */
import { type ReleaseWords, releaseWords, STATUS_KEYS, statusKeyOf } from "../release/release-words.js";
import type { Deadline } from "../release/timeline.js";
import { BOARD_STATUSES, type BoardStatus } from "./types.js";

/** A verdict's status in `words`; text the words do not know is shown as it is. */
export function spokenStatus(status: string, words: ReleaseWords | undefined): string {
  if (!words) return status;
  const key = statusKeyOf(status);
  return key ? words.statuses[key] : status;
}

/**
 * The verdict's status for a status as a comment shows it in `words`: the way back from
 * spokenStatus, so that a comment written in v1.38's words is read as the evaluation's status.
 */
export function statusFromSpoken(spoken: string | null, words: ReleaseWords | undefined): BoardStatus | null {
  if (spoken === null) return null;
  const wanted = spoken.trim().toLowerCase();
  const key = words ? STATUS_KEYS.find((k) => words.statuses[k].toLowerCase() === wanted) : undefined;
  const legacy = key ? BOARD_STATUSES.find((s) => statusKeyOf(s) === key) : BOARD_STATUSES.find((s) => s.toLowerCase() === wanted);
  return legacy ?? null;
}

/** A freeze at the start of a line ("Code freeze", "KEP Readiness Deadline"). */
export const spokenFreezeTitle = (d: Deadline, words: ReleaseWords): string => words.freezes[d].title;

/** The evaluation's own words (v1.37's): comments in them need nothing in their digest. */
const OWN_WORDS = JSON.stringify(releaseWords("v1.37"));

/**
 * The words as the digest of an issue's inputs sees them: null for the evaluation's own, so that
 * digests made before words existed stay valid; otherwise a change of words (a release, the
 * configuration's `words:`, the board's spelling) rewrites the comment.
 */
export function wordsDigestPart(words: ReleaseWords | undefined): string | null {
  if (!words) return null;
  const text = JSON.stringify(words);
  return text === OWN_WORDS ? null : text;
}
