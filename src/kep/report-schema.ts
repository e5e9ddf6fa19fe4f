import { z } from "zod";
import { ERROR_RULES, WARNING_RULES } from "./rules.js";

/** What the validator reports, as schemas: the JSON of `audit --format json` and its types. */

export const RuleIdSchema = z.enum([...ERROR_RULES, ...WARNING_RULES]);
export type RuleId = z.infer<typeof RuleIdSchema>;

export const SeveritySchema = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof SeveritySchema>;

export const FindingSchema = z.object({
  rule: RuleIdSchema,
  severity: SeveritySchema,
  /** File or directory, relative to the checkout root, with forward slashes. */
  path: z.string(),
  /** 1-based line, where the YAML gives one. */
  line: z.number().int().positive().nullable(),
  message: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const KepReportSchema = z.object({
  number: z.string().nullable(),
  path: z.string(),
  title: z.string().nullable(),
  status: z.string().nullable(),
  stage: z.string().nullable(),
  latestMilestone: z.string().nullable(),
  owningSig: z.string().nullable(),
  findings: z.array(FindingSchema),
});
export type KepReport = z.infer<typeof KepReportSchema>;

export const AuditSummarySchema = z.object({ keps: z.number().int(), errors: z.number().int(), warnings: z.number().int() });
export type AuditSummary = z.infer<typeof AuditSummarySchema>;
