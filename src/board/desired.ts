/**
 * What the board's fields should say for one tracking issue. The input is narrow on purpose:
 * the few facts of a verdict and a kep.yaml that the board shows, so the sweep and the webhook
 * handlers can fill it from what they already read.
 */
import type { Stage } from "../kep/kep-file.js";
import { type ChangeFacts, type ChangeKind, changeKind } from "../release/change-kind.js";
import { type ReleaseWords, statusKeyOf } from "../release/release-words.js";
import type { DocsVerdict, DocsWord } from "../verdict/docs.js";

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
  /** The docs verdict's facts the board shows; absent or null (docs not judged yet) leaves the docs fields alone. */
  docs?: DocsFacts | null | undefined;
};

/** What of a docs verdict the board's Docs Status and Docs Required? show. */
export type DocsFacts = Pick<DocsVerdict, "required" | "word">;

/** Each field's wanted value; null means "no opinion": the field is left as it is. */
export type DesiredItem = {
  issue: number;
  status: string | null;
  stage: string | null;
  sig: string | null;
  issueNumber: string;
  /** Written only while the item's Enhancement Type is empty. */
  enhancementType: string | null;
  /** The Docs team's "Docs Status" for the docs verdict. */
  docsStatus: string | null;
  /** Written only while the item's "Docs Required?" is empty: a person's answer is theirs. */
  docsRequired: string | null;
};

/** The Docs Status options (the docs handbook's spelling) by the docs verdict's word; "No Docs Needed" when none are. */
export const DOCS_STATUSES = {
  "No PR": "No PR",
  Draft: "Draft (PR)",
  "Ready for review": "PR Ready to Review",
  "lgtm/approved": "PR Ready to Review",
  Merged: "Complete (Merged PR)",
} as const satisfies Record<DocsWord, string>;
export const NO_DOCS_NEEDED = "No Docs Needed";
/** The handbook's default for a KEP in the release: "By default, all opted-in KEPs will Need Docs". */
export const NEED_DOCS = "Need docs";

/** Docs Status and Docs Required? for a docs verdict; null for each when docs are not judged yet. */
export function docsFields(docs: DocsFacts | null | undefined): Pick<DesiredItem, "docsStatus" | "docsRequired"> {
  if (!docs) return { docsStatus: null, docsRequired: null };
  if (!docs.required) return { docsStatus: NO_DOCS_NEEDED, docsRequired: null };
  return { docsStatus: DOCS_STATUSES[docs.word], docsRequired: NEED_DOCS };
}

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
    ...docsFields(input.docs),
  };
}
