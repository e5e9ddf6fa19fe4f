/** Where a release stands on its timeline at a given moment. */
import { DEADLINES, type Deadline, type Timeline } from "./timeline.js";

/**
 * The phases of a cycle, each named after the deadline that ends it: "opt-in" runs until PRR
 * freeze (the last moment a KEP may opt in), "before-enhancements-freeze" until enhancements
 * freeze, and so on; "released" once the release is out.
 */
export const PHASES = [
  "opt-in",
  "before-enhancements-freeze",
  "before-code-freeze",
  "before-docs-freeze",
  "before-release",
  "released",
] as const;
export type Phase = (typeof PHASES)[number];

export type PhaseAt = {
  phase: Phase;
  /** The deadline that ends the phase; null once released. */
  next: Deadline | null;
};

/** The five deadlines as plain instants, or null unless the timeline has all of them. */
export function deadlineInstants(timeline: Timeline): Record<Deadline, Date> | null {
  if (timeline.missing.length > 0) return null;
  const { deadlines: d } = timeline;
  const [prr, enhancements, code, docs, release] = [
    d["prr-freeze"],
    d["enhancements-freeze"],
    d["code-freeze"],
    d["docs-freeze"],
    d.release,
  ];
  if (!prr || !enhancements || !code || !docs || !release) return null;
  return instantsOf({ "prr-freeze": prr, "enhancements-freeze": enhancements, "code-freeze": code, "docs-freeze": docs, release });
}

/** The instants of five parsed deadlines, as phaseAt wants them. */
export function instantsOf(deadlines: Record<Deadline, { at: Date }>): Record<Deadline, Date> {
  return {
    "prr-freeze": deadlines["prr-freeze"].at,
    "enhancements-freeze": deadlines["enhancements-freeze"].at,
    "code-freeze": deadlines["code-freeze"].at,
    "docs-freeze": deadlines["docs-freeze"].at,
    release: deadlines.release.at,
  };
}

/**
 * The phase a release is in at `now`. A deadline counts as passed from its instant on
 * (`now >= at`): at 12:00:00 UTC on a freeze's AoE instant, that freeze has begun.
 * Deadlines are taken in cycle order (DEADLINES), so the phase never moves backwards in time
 * even if a table lists a later deadline with an earlier date.
 */
export function phaseAt(deadlines: Record<Deadline, Date>, now: Date): PhaseAt {
  const index = DEADLINES.findIndex((d) => now.getTime() < deadlines[d].getTime());
  if (index < 0) return { phase: "released", next: null };
  return { phase: PHASES[index]!, next: DEADLINES[index]! };
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Whole days from `now` until `at`, rounded up, for "in N days": anything within the next 24
 * hours is "in 1 day", never "in 0 days". Returns 0 once `at` has passed or is less than a
 * minute away, where "in N days" would mislead and callers should say "now" instead.
 */
export function daysUntil(at: Date, now: Date): number {
  const ms = at.getTime() - now.getTime();
  // Written so that an invalid Date (NaN) also gives 0.
  if (!(ms >= MINUTE_MS)) return 0;
  return Math.ceil(ms / DAY_MS);
}

const HOUR_MS = 3_600_000;

/**
 * The time left until `at` as people say it, never rounded up: "in 3 days" (whole days), "in 47
 * hours" under two days, "in under an hour", and "now" once it has passed.
 */
export function timeLeft(at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  if (!(ms >= MINUTE_MS)) return "now";
  const hours = Math.floor(ms / HOUR_MS);
  if (hours < 1) return "in under an hour";
  if (hours < 48) return `in ${hours} hour${hours === 1 ? "" : "s"}`;
  return `in ${Math.floor(ms / DAY_MS)} days`;
}

const FREEZE_NAMES: Record<Deadline, string> = {
  "prr-freeze": "PRR freeze",
  "enhancements-freeze": "enhancements freeze",
  "code-freeze": "code freeze",
  "docs-freeze": "docs freeze",
  release: "the release",
};

/** A deadline in the release team's words: "enhancements freeze". */
export const freezeName = (d: Deadline): string => FREEZE_NAMES[d];

/** A deadline as a heading: "Enhancements freeze", "PRR freeze", "Release". */
export const freezeTitle = (d: Deadline): string =>
  d === "release" ? "Release" : FREEZE_NAMES[d].charAt(0).toUpperCase() + FREEZE_NAMES[d].slice(1);
