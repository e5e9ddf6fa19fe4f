/**
 * What the board's fields should say for one tracking issue. The input is narrow on purpose:
 * the few facts of a verdict and a kep.yaml that the board shows, so the sweep and the webhook
 * handlers can fill it from what they already read.
 */
import type { Stage } from "../kep/kep-file.js";
import { type ReleaseWords, statusKeyOf } from "../release/release-words.js";
import { DEPRECATION_STAGES, releaseOf } from "../tracking/kep-facts.js";

/** The Enhancement Type options kep-tracker sets; "Major Change" and "Docs" are people's judgement. */
export const ENHANCEMENT_TYPES = { netNew: "Net New", graduating: "Graduating", deprecation: "Deprecation" } as const;

export type BoardItemInput = {
  issue: number;
  /** "v1.38". */
  release: string;
  /** The verdict's status in the evaluation's words ("At risk for code freeze"); null leaves Status alone. */
  status: string | null;
  /** The stage the KEP targets in this release, as kep.yaml names it; null, or a deprecation stage, leaves Stage alone. */
  stage: Stage | null;
  /** kep.yaml's `owning-sig`, e.g. "sig-node". */
  owningSig: string | null;
  /** kep.yaml's `status`, e.g. "implementable" or "withdrawn". */
  kepStatus: string | null;
  /** kep.yaml's `milestone` map: the release of each stage. */
  milestone: Partial<Record<Stage, string | null>>;
};

/** Each field's wanted value; null means "no opinion": the field is left as it is. */
export type DesiredItem = {
  issue: number;
  status: string | null;
  stage: string | null;
  sig: string | null;
  issueNumber: string;
  /** Written only while the item's Enhancement Type is empty. */
  enhancementType: string | null;
};

const GRADUATIONS: readonly Stage[] = ["beta", "stable"];

/** The Stage options of the release boards; deprecations show as Enhancement Type Deprecation instead. */
const BOARD_STAGES: readonly Stage[] = ["alpha", "beta", "stable"];

/**
 * Net New for a KEP first targeting alpha in this release, Graduating for a move to beta or
 * stable in this release, Deprecation for a withdrawn KEP or one moving to deprecated, disabled
 * or removed in this release; otherwise null (a KEP staying in
 * beta for another release is no stage change, and "Major Change" is for people to say).
 */
export function enhancementType(input: BoardItemInput): string | null {
  if (input.kepStatus === "withdrawn") return ENHANCEMENT_TYPES.deprecation;
  const stage = input.stage;
  if (!stage) return null;
  const thisRelease = (s: Stage) => {
    const at = input.milestone[s];
    return at === undefined || at === null ? null : releaseOf(at) === input.release;
  };
  if (stage === "alpha") {
    // Set to this release, or not yet written down: either way alpha starts now.
    const earlierStages = GRADUATIONS.some((s) => input.milestone[s]);
    return thisRelease("alpha") !== false && !earlierStages ? ENHANCEMENT_TYPES.netNew : null;
  }
  if (GRADUATIONS.includes(stage)) return thisRelease(stage) !== false ? ENHANCEMENT_TYPES.graduating : null;
  return DEPRECATION_STAGES.includes(stage) && thisRelease(stage) !== false ? ENHANCEMENT_TYPES.deprecation : null;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The board's values for one issue, in `words` (the release's, with the configuration's overrides). Pure. */
export function desiredItem(input: BoardItemInput, words: ReleaseWords): DesiredItem {
  const key = input.status === null ? null : statusKeyOf(input.status);
  return {
    issue: input.issue,
    // A status the words do not know is shown as the evaluation wrote it.
    status: key ? words.statuses[key] : input.status,
    stage: input.stage && BOARD_STAGES.includes(input.stage) ? capitalised(input.stage) : null,
    sig: input.owningSig,
    issueNumber: String(input.issue),
    enhancementType: enhancementType(input),
  };
}
