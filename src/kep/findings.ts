
/**
 * Rule ids, as named in the domain guide. Errors are what upstream CI
 * (`hack/verify-kep-metadata.sh`) fails a KEP for; warnings are what only
 * `kepctl create`, or nobody, checks, so merged KEPs may carry them.
 */
export const ERROR_RULES = [
  "kep-metadata-missing",
  "no-keps",
  "yaml-invalid",
  "unknown-field",
  "wrong-type",
  "required-field",
  "prr-latest-milestone-missing",
  "prr-stage-missing",
  "prr-latest-milestone-invalid",
  "prr-file-missing",
  "prr-file-invalid",
  "prr-stage-invalid",
  "prr-no-stages",
  "prr-stage-not-approved",
  "prr-approver-invalid",
] as const;

export const WARNING_RULES = [
  "status-invalid",
  "stage-invalid",
  "owning-sig-unknown",
  "participating-sig-unknown",
  "implemented-not-stable",
] as const;

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

export const isError = (f: Finding): boolean => f.severity === "error";
