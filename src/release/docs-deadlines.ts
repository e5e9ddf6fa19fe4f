import type { Deadline, ParsedDeadline } from "./timeline.js";

/**
 * The Docs team's three deadlines (domain guide §10): placeholder PRs open, PRs ready for review,
 * and Docs Freeze. The first two are Timeline rows beside the five freezes ("Docs deadline — Open
 * placeholder PRs", "Docs deadline — PRs ready for review"; timeline.ts reads them), and the
 * configuration may give or override them as `schedule.docs-placeholder` and `schedule.docs-ready`.
 */

export const DOCS_DEADLINES = ["docs-placeholder", "docs-ready", "docs-freeze"] as const;
export type DocsDeadline = (typeof DOCS_DEADLINES)[number];

export type DocsSchedule = Record<DocsDeadline, ParsedDeadline>;

/**
 * The three docs deadlines of a schedule, whose object may carry the two docs rows beside the five
 * deadlines. Without them, each falls back to the next deadline that is known: a placeholder is due
 * by code freeze, readiness by Docs Freeze.
 */
export function docsSchedule(deadlines: Readonly<Record<Deadline, ParsedDeadline>>): DocsSchedule {
  const rows = new Map(Object.entries(deadlines));
  const freeze = deadlines["docs-freeze"];
  const ready = rows.get("docs-ready") ?? freeze;
  const code = deadlines["code-freeze"];
  const placeholder = rows.get("docs-placeholder") ?? (code.at.getTime() < ready.at.getTime() ? code : ready);
  return { "docs-placeholder": placeholder, "docs-ready": ready, "docs-freeze": freeze };
}

/** The docs deadline ahead at `now`, or null once Docs Freeze has passed. */
export function nextDocsDeadline(schedule: DocsSchedule, now: Date): DocsDeadline | null {
  return DOCS_DEADLINES.find((d) => now.getTime() < schedule[d].at.getTime()) ?? null;
}

/** Whether a docs deadline has passed at `now` (from its instant on, as for the freezes). */
export const docsPassed = (schedule: DocsSchedule, d: DocsDeadline, now: Date): boolean => now.getTime() >= schedule[d].at.getTime();

const NAMES: Record<DocsDeadline, string> = {
  "docs-placeholder": "the docs placeholder deadline",
  "docs-ready": "the docs ready-for-review deadline",
  "docs-freeze": "Docs Freeze",
};

/** A docs deadline in the Docs team's words. */
export const docsDeadlineName = (d: DocsDeadline): string => NAMES[d];
