/**
 * What the board's fields should say for one tracking issue. The input is narrow on purpose:
 * the few facts of a verdict and a kep.yaml that the board shows, so the sweep and the webhook
 * handlers can fill it from what they already read.
 */
import type { Stage } from "../kep/kep-file.js";
import { type ChangeFacts, type ChangeKind, changeKind } from "../release/change-kind.js";
import { type ReleaseWords, statusKeyOf } from "../release/release-words.js";

/** The Enhancement Type options kep-tracker sets; "Major Change" and "Docs" are people's judgement. */
export const ENHANCEMENT_TYPES = { netNew: "Net New", graduating: "Graduating", deprecation: "Deprecation" } as const satisfies Record<
  ChangeKind,
  string
>;

/** The stage (null, or a deprecation stage, leaves Stage alone) and the kep.yaml facts of the Enhancement Type, with: */
export type BoardItemInput = ChangeFacts & {
  issue: number;
  /** The verdict's status in the evaluation's words ("At risk for code freeze"); null leaves Status alone. */
  status: string | null;
  /** kep.yaml's `owning-sig`, e.g. "sig-node". */
  owningSig: string | null;
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

/** The Stage options of the release boards; deprecations show as Enhancement Type Deprecation instead. */
const BOARD_STAGES: readonly Stage[] = ["alpha", "beta", "stable"];

/** The Enhancement Type option for what this release does to the KEP (tracking/kep-facts.ts); null leaves the field alone. */
export function enhancementType(input: BoardItemInput): string | null {
  const kind = changeKind(input);
  return kind ? ENHANCEMENT_TYPES[kind] : null;
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
