import { z } from "zod";
import { STAGES } from "../kep/kep-file.js";
import { PHASES } from "../release/schedule.js";
import { DEADLINES } from "../release/timeline.js";
import { DocsVerdictSchema } from "./docs.js";
import { UnlistedPrSchema } from "./unlisted-prs.js";

/** The Enhancements board's words for where a KEP stands (domain guide, section 3). */
export const BOARD_STATUSES = [
  "Tracked for PRR freeze",
  "At risk for PRR freeze",
  "Tracked for enhancements freeze",
  "At risk for enhancements freeze",
  "Tracked for code freeze",
  "At risk for code freeze",
  "Tracked for docs freeze",
  "At risk for docs freeze",
  "Exception pending",
  "Exception approved",
  "Deferred",
  "Removed from milestone",
] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

export const PROBLEM_IDS = [
  "missing-owners",
  "missing-deadlines",
  "kep-not-found",
  "kep-invalid",
  "stage-label-mismatch",
  "stage-target-mismatch",
  "kep-in-several-prs",
  "milestone-mismatch",
  "opted-in-without-milestone",
  "milestone-without-opt-in",
  "conflicting-tracked-labels",
  // tracked/no beside the release's milestone: the labels and the milestone say opposite things.
  "untracked-in-milestone",
  "tracked-but-closed",
  // A freeze has passed with its requirements unmet: without an exception the
  // release team removes the KEP from the milestone.
  "missed-freeze",
] as const;

export const ChecklistItemSchema = z.object({
  id: z.string(),
  /** What is checked, in the release team's words. */
  label: z.string(),
  done: z.boolean(),
  /** What to change, naming the exact file; null when done. */
  fix: z.string().nullable(),
  /** The freeze this item belongs to. */
  freeze: z.enum(DEADLINES),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ProblemSchema = z.object({ id: z.enum(PROBLEM_IDS), message: z.string() });
export type Problem = z.infer<typeof ProblemSchema>;

export const PlanSchema = z.object({
  addLabels: z.array(z.string()),
  removeLabels: z.array(z.string()),
  /** The status comment's body; null when the issue should have none (not in the release). */
  comment: z.string().nullable(),
});
export type Plan = z.infer<typeof PlanSchema>;

export const VerdictSchema = z.object({
  issue: z.number().int(),
  release: z.string(),
  /** In the release: milestone is the release, or a SIG lead opted it in. */
  inRelease: z.boolean(),
  tracked: z.enum(["yes", "no", "out-of-tree"]).nullable(),
  stage: z.enum(STAGES).nullable(),
  stageSource: z.enum(["kep.yaml", "pull request", "label"]).nullable(),
  phase: z.enum(PHASES),
  freeze: z.enum(DEADLINES).nullable(),
  /** `left`: the countdown's words ("in 2 days", "in 5 hours"); `exception`: the date is an approved exception's end, not the freeze's. */
  deadline: z
    .object({ at: z.string(), approximate: z.boolean(), daysLeft: z.number().int(), left: z.string(), exception: z.boolean().optional() })
    .nullable(),
  status: z.enum(BOARD_STATUSES).nullable(),
  checklist: z.array(ChecklistItemSchema),
  owners: z.array(z.string()),
  ownersSource: z.enum(["assignees", "authors"]).nullable(),
  problems: z.array(ProblemSchema),
  kepPath: z.string().nullable(),
  /** Before PRR freeze: the verdict for enhancements freeze too, and what it will still need. */
  ahead: z.object({ freeze: z.enum(DEADLINES), status: z.enum(BOARD_STATUSES), checklist: z.array(ChecklistItemSchema) }).optional(),
  /** A new KEP not merged yet: the open PR that adds it, judged instead. */
  kepPr: z.object({ number: z.number(), url: z.string() }).optional(),
  /** From code freeze on: PRs that mention the issue but are not in its description. */
  unlisted: z.array(UnlistedPrSchema).optional(),
  /** From enhancements freeze on: the KEP's docs as the Docs team judges them (docs.ts). */
  docs: DocsVerdictSchema.optional(),
  plan: PlanSchema,
});
export type Verdict = z.infer<typeof VerdictSchema>;
