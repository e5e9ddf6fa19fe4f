import type { Stage } from "../kep/kep-file.js";
import type { ValidatedKep } from "../kep/validate.js";
import { releaseOf } from "./names.js";

export const DEPRECATION_STAGES: readonly Stage[] = ["deprecated", "disabled", "removed"];

/** What a release does to a KEP, as the release board's Enhancement Type says it (board/desired.ts names each). */
export const CHANGE_KINDS = ["netNew", "graduating", "deprecation"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const isChangeKind = (s: string | null): s is ChangeKind => CHANGE_KINDS.some((k) => k === s);

export type ChangeFacts = {
  /** "v1.38". */
  release: string;
  /** The stage the KEP targets in this release. */
  stage: Stage | null;
  /** kep.yaml's `status`. */
  kepStatus: string | null;
  /** kep.yaml's `milestone` map: the release of each stage. */
  milestone: Partial<Record<Stage, string | null>>;
};

/** The change facts of the stage a verdict found and the KEP's kep.yaml (none known without one). */
export const changeFactsOf = (release: string, stage: Stage | null, kep: ValidatedKep | null): ChangeFacts => ({
  release,
  stage,
  kepStatus: kep?.metadata.status ?? null,
  milestone: kep?.metadata.milestone ?? {},
});

const GRADUATIONS: readonly Stage[] = ["beta", "stable"];

/**
 * netNew for a KEP first targeting alpha in this release, graduating for a move to beta or
 * stable in this release, deprecation for a withdrawn KEP or one moving to deprecated, disabled
 * or removed in this release; otherwise null (a KEP staying in beta for another release is no
 * stage change, and a "Major Change" is for people to say).
 */
export function changeKind(f: ChangeFacts): ChangeKind | null {
  if (f.kepStatus === "withdrawn") return "deprecation";
  const stage = f.stage;
  if (!stage) return null;
  const thisRelease = (s: Stage) => {
    const at = f.milestone[s];
    return at === undefined || at === null ? null : releaseOf(at) === f.release;
  };
  if (stage === "alpha") {
    // Set to this release, or not yet written down: either way alpha starts now.
    const earlierStages = GRADUATIONS.some((s) => f.milestone[s]);
    return thisRelease("alpha") !== false && !earlierStages ? "netNew" : null;
  }
  if (GRADUATIONS.includes(stage)) return thisRelease(stage) !== false ? "graduating" : null;
  return DEPRECATION_STAGES.includes(stage) && thisRelease(stage) !== false ? "deprecation" : null;
}
