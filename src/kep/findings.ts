import { WARNING_RULES } from "./rules.js";

// The zod schemas live in report-schema.ts: the audit of a clean checkout never loads zod.
export type { Finding, RuleId, Severity } from "./report-schema.js";

import type { Finding, RuleId, Severity } from "./report-schema.js";

const warningRules: ReadonlySet<string> = new Set(WARNING_RULES);

export function severityOf(rule: RuleId): Severity {
  return warningRules.has(rule) ? "warning" : "error";
}

export function finding(rule: RuleId, path: string, line: number | null, message: string): Finding {
  return { rule, severity: severityOf(rule), path, line, message };
}

/** Errors first, then by file, line and rule, so output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.severity !== b.severity) return a.severity === "error" ? -1 : 1;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if ((a.line ?? 0) !== (b.line ?? 0)) return (a.line ?? 0) - (b.line ?? 0);
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
