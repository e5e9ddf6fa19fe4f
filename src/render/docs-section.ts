import { formatDayTime } from "../release/dates.js";
import { docsDeadlineName } from "../release/docs-deadlines.js";
import { inlineSafe, isGitHubLogin, neutraliseUserText } from "../util/user-text.js";
import type { DocsPr, DocsVerdict } from "../verdict/docs.js";

/**
 * The status comment's Docs section, from enhancements freeze on: the KEP's kubernetes/website
 * PRs in the Docs team's words (No PR, Draft, Ready for review, lgtm/approved, Merged), how each
 * was found, and what to do next and by when. The items themselves join the checklist once code
 * freeze has passed (Docs Freeze is then the freeze ahead).
 */

const day = (at: string) => formatDayTime(at);

const SOURCE_NOTES: Record<DocsPr["source"], string> = {
  description: "",
  title: " (found by its title; add it to the description)",
  mention: " (it mentions this issue; add it to the description)",
};

/** A PR's line: its URL, its state in the handbook's words, its author (no mention: a comment edit must not ping). */
function prLine(pr: DocsPr, branch: string): string {
  const word = pr.state === "closed" ? "closed without merging" : pr.state === "unknown" ? "state not read yet" : pr.word;
  const by = pr.author && isGitHubLogin(pr.author) ? `, by ${pr.author}` : "";
  const base = pr.state === "open" && pr.base && pr.base !== branch ? `, against \`${inlineSafe(pr.base, 100)}\`` : "";
  return `- ${pr.url}: ${word}${base}${by}${pr.listed ? "" : SOURCE_NOTES[pr.source]}`;
}

export function docsSection(docs: DocsVerdict | undefined): string[] {
  if (!docs) return [];
  const head = `**Docs** (kubernetes/website, against \`${docs.branch}\`): ${docs.required ? docs.word : "No Docs Needed"}`;
  if (!docs.required) return [head, `No docs needed: ${neutraliseUserText(docs.noneReason ?? "", 500)}`, ""];
  const out = [head, ...docs.prs.map((pr) => prLine(pr, docs.branch))];
  const next = docs.items.find((i) => !i.done);
  if (next?.fix) out.push(`Next: ${inlineSafe(next.fix)}.`);
  else if (docs.next) out.push(`Next: ${docsDeadlineName(docs.next.deadline)} on ${day(docs.next.at)}.`);
  out.push("");
  return out;
}
