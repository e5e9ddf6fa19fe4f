/**
 * What the release team's views are made of (worklist, SIG summary, blog numbers, the page): the
 * report's row of each issue beside the verdict it came from, and the board fields people fill
 * that the views slice by. Built once from the evaluation the report prints; nothing here writes.
 */
import type { ChangeKind } from "../release/change-kind.js";
import type { Deadline } from "../release/timeline.js";
import type { Verdict } from "../verdict/types.js";
import type { Report, ReportRow } from "./report.js";

export type ViewEntry = {
  /** As the report prints it: the status in the release's words, the SIG from kep.yaml (else the sig/* label). */
  row: ReportRow;
  verdict: Verdict;
  /** What this release does to the KEP: new in alpha, graduating, a deprecation; null for no stage change. */
  change: ChangeKind | null;
  /** The board's Enhancements Contact: the release-team member following the KEP (not its assignee). */
  contact: string | null;
  /** The board's SIG field, which people set and which may disagree with kep.yaml and the labels. */
  boardSig: string | null;
  /** The SIGs of the issue's sig/* labels, as "sig-node". */
  sigLabels: string[];
};

/** The report and its entries, in the report's order. */
export type Views = { report: Report; entries: ViewEntry[] };

/** Statuses that take a KEP out of what the release ships. */
const OUT: readonly (string | null)[] = [null, "Deferred", "Removed from milestone"];

/** Whether the KEP is part of the release as it stands: in it, tracked, neither deferred nor removed. */
export const inTheRelease = (v: Verdict): boolean => v.inRelease && v.tracked !== "no" && !OUT.includes(v.status);

export const missedFreeze = (v: Verdict): boolean => v.problems.some((p) => p.id === "missed-freeze");

/** At risk for the coming freeze, or past one with its items unmet. */
export const atRisk = (v: Verdict): boolean => inTheRelease(v) && (v.status?.startsWith("At risk") === true || missedFreeze(v));

/** The freeze a KEP missed: the freeze of its first unmet item that is not the coming one. */
export function freezeMissed(v: Verdict): Deadline | null {
  if (!missedFreeze(v)) return null;
  return v.checklist.find((i) => !i.done && i.freeze !== v.freeze)?.freeze ?? v.freeze;
}

/** The stages the views count, in the order they are told. */
export const VIEW_STAGES = ["alpha", "beta", "stable", "deprecation", "unknown"] as const;
export type ViewStage = (typeof VIEW_STAGES)[number];

export function viewStage(v: Verdict): ViewStage {
  if (v.stage === "alpha" || v.stage === "beta" || v.stage === "stable") return v.stage;
  return v.stage ? "deprecation" : "unknown";
}

/** One line on why a KEP is at risk: what is still missing, else its first problem. */
export function reasonLine(e: ViewEntry, max = 3): string {
  const missing = e.verdict.checklist.filter((i) => !i.done).map((i) => i.label);
  if (missing.length) {
    const more = missing.length > max ? ` and ${missing.length - max} more` : "";
    return `missing: ${missing.slice(0, max).join("; ")}${more}`;
  }
  const problem = e.verdict.problems[0];
  return problem ? problem.message : e.row.status;
}

/** The entries by SIG (kep.yaml's owning SIG, else the sig/* label; "no SIG" last), SIGs in name order. */
export function bySig(entries: readonly ViewEntry[]): Array<[string, ViewEntry[]]> {
  const groups = new Map<string, ViewEntry[]>();
  for (const e of entries) {
    const sig = e.row.sig ?? NO_SIG;
    groups.set(sig, [...(groups.get(sig) ?? []), e]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === NO_SIG ? 1 : b === NO_SIG ? -1 : a.localeCompare(b)));
}

export const NO_SIG = "no SIG";

/** "3 KEPs", "1 KEP". */
export const keps = (n: number): string => `${n} KEP${n === 1 ? "" : "s"}`;
