/**
 * What an exception (exceptions.ts) changes in an evaluation: an approved one moves its
 * freeze's deadline to the end of the time granted, so the checklist is judged against it; a
 * pending, approved or rejected one decides the status; and a freeze an exception covers is not
 * "missed". Pure.
 */

import { statusKeyOf } from "../release/release-words.js";
import { daysUntil, timeLeft } from "../release/schedule.js";
import type { Deadline } from "../release/timeline.js";
import { type ExceptionState, exceptionStatusKey } from "./exceptions.js";
import { BOARD_STATUSES, type BoardStatus, type Problem, type Verdict } from "./types.js";

export const NO_EXCEPTION: ExceptionState = { state: "none" };

/** The deadlines the KEP is judged against: an approved exception's freeze ends when its time does. */
export function deadlinesWithException<T extends { at: Date; approximate: boolean }>(
  deadlines: Record<Deadline, T>,
  e: ExceptionState,
): Record<Deadline, T> {
  if (e.state !== "approved" || e.expired) return deadlines;
  return { ...deadlines, [e.freeze]: { ...deadlines[e.freeze], at: e.until, approximate: false } };
}

/** The status an exception decides for a KEP in the release, else `usual`. */
export function statusWithException(usual: BoardStatus | null, e: ExceptionState): BoardStatus | null {
  const key = exceptionStatusKey(e);
  if (!key || usual === null || usual === "Removed from milestone" || usual === "Deferred") return usual;
  return BOARD_STATUSES.find((s) => statusKeyOf(s) === key) ?? usual;
}

/** The problems without "missed-freeze" for a freeze an exception is asked or granted for. */
export function problemsWithException(problems: Problem[], missed: Deadline | null, e: ExceptionState): Problem[] {
  const covers = (e.state === "pending" || (e.state === "approved" && !e.expired)) && e.freeze === missed;
  return covers ? problems.filter((p) => p.id !== "missed-freeze") : problems;
}

/** The exception as the digest of an issue's inputs sees it: a change of it changes the comment. */
export function exceptionDigestPart(e: ExceptionState | undefined): string | null {
  if (!e || e.state === "none") return null;
  if (e.state === "unreadable") return `unreadable ${e.reason}`;
  return [e.state, e.freeze, e.late, e.state === "approved" ? `${e.until.toISOString()} ${e.expired}` : ""].join(" ");
}

/** The verdict's coming deadline: when, how long until then in words, and whether it is an exception's end. */
export function verdictDeadline(d: { at: Date; approximate: boolean }, now: Date, e: ExceptionState): NonNullable<Verdict["deadline"]> {
  const left = { daysLeft: daysUntil(d.at, now), left: timeLeft(d.at, now) };
  return { at: d.at.toISOString(), approximate: d.approximate, ...left, ...(exceptionEnds(e, d.at) ? { exception: true } : {}) };
}

/** Whether `at`, the coming deadline, is the end of an approved exception rather than a freeze of the schedule. */
export const exceptionEnds = (e: ExceptionState, at: Date): boolean =>
  e.state === "approved" && !e.expired && e.until.getTime() === at.getTime();
