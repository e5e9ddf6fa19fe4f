import { READY_LABELS, type UnlistedKind } from "../reading/mentions.js";
import type { PullRequestState } from "../reading/pull-requests.js";
import type { UnlistedPr } from "../verdict/unlisted-prs.js";

/** How the status comment lists the PRs that mention an issue but are not in its description. */

const KIND_WORDS: Record<UnlistedKind, string> = { kep: "KEP (k/enhancements)", code: "Code (k/k)", docs: "Docs (k/website)" };

/** "merged", "closed without merging", "open, lgtm, needs approved". */
export function stateWords(pr: PullRequestState): string {
  if (pr.state === "merged") return "merged";
  if (pr.state === "closed") return "closed without merging";
  const has = READY_LABELS.filter((l) => pr.labels.includes(l));
  const needs = READY_LABELS.filter((l) => !pr.labels.includes(l));
  return ["open", ...has, ...(needs.length ? [`needs ${needs.join(" and ")}`] : [])].join(", ");
}

/** The status comment's section for them, under the checklist; none when there are none. */
export function unlistedSection(prs: readonly UnlistedPr[]): string[] {
  if (!prs.length) return [];
  return [
    "**PRs that mention this issue but are not in its description** " +
      "(add the ones that belong to this KEP under its stage, or ignore the rest):",
    ...prs.map((pr) => `- ${KIND_WORDS[pr.kind]}: ${pr.url} (${stateWords(pr)})`),
    "",
  ];
}
