import { z } from "zod";
import type { ValidatedKep } from "../kep/validate.js";
import { releaseOf } from "../release/names.js";
import { freezeName } from "../release/schedule.js";
import { DEADLINES, type Deadline } from "../release/timeline.js";
import { checklistFor } from "./checklist.js";
import { kepFacts } from "./kep-facts.js";
import { checkTemplate, type KepTemplate } from "./readme-template.js";

export const ReadinessSchema = z.object({
  release: z.string(),
  stage: z.string().nullable(),
  freeze: z.enum(DEADLINES).nullable(),
  status: z.string(),
  checklist: z.array(z.object({ id: z.string(), done: z.boolean(), fix: z.string().nullable() })),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

// Items that need the tracking issue (labels, milestone, linked PRs) or open pull requests.
const NEEDS_ISSUE = new Set([
  "lead-opted-in",
  "milestone",
  "no-open-kep-pr",
  "code-prs-listed",
  "code-prs-ready",
  "docs-prs-listed",
  "docs-prs-ready",
]);

/**
 * How ready a KEP's files are for `freeze` of `release`, judged from the
 * files alone: the checklist items of every freeze up to it that the files
 * decide. Null when the KEP does not target the release.
 */
export function readinessOf(
  kep: ValidatedKep,
  release: string,
  freeze: Deadline | null,
  readme: string | undefined,
  /** The KEP template of the same checkout, parsed; absent, the README check is the two headings of old. */
  template?: KepTemplate,
): Readiness | null {
  if (releaseOf(kep.metadata.latestMilestone) !== release) return null;
  const facts = kepFacts(kep, release);
  const input = {
    release,
    stage: facts.stage,
    optedIn: false,
    milestoneSet: false,
    leadOptedInLabel: "lead-opted-in",
    outOfTree: false,
    merged: facts,
    pending: [],
    readme,
    readmeCheck: typeof readme === "string" && template ? checkTemplate(readme, template, facts.stage) : null,
    codePrs: [],
    docsPrs: [],
    pullRequests: {},
  };
  const upTo = freeze === null ? DEADLINES.length - 1 : DEADLINES.indexOf(freeze);
  const items = DEADLINES.slice(0, upTo + 1)
    .flatMap((f) => checklistFor(f, input))
    .filter((i) => !NEEDS_ISSUE.has(i.id));
  // A later freeze repeats an earlier item (kep-stage at PRR and enhancements freeze): keep the last.
  const byId = new Map(items.map((i) => [i.id, i]));
  const checklist = [...byId.values()].map(({ id, done, fix }) => ({ id, done, fix }));
  const target = freeze === null || freeze === "release" ? "docs-freeze" : freeze;
  const ok = checklist.every((i) => i.done);
  return {
    release,
    stage: facts.stage,
    freeze,
    status: `${ok ? "Tracked" : "At risk"} for ${freezeName(target)}`,
    checklist,
  };
}
