/**
 * `report --format blog`: the numbers and lists the Comms team's release blog template asks for.
 * "This release consists of N enhancements. Of those enhancements, S have graduated to Stable, B
 * are entering Beta and A have entered Alpha", then the KEPs graduating to stable, to beta and
 * new in alpha, by SIG, with links. The count is of the KEPs in the release now (neither
 * deferred, removed nor untracked); before the release those still at risk are said. Pure.
 */
import { neutraliseUserText } from "../util/user-text.js";
import type { Report } from "./report.js";
import { atRisk, bySig, inTheRelease, keps, type ViewEntry, viewStage } from "./views.js";

/** The blog's lists, in its order; a KEP in none of them (beta again, say) is listed under "Other". */
const LISTS = [
  { key: "stable", title: "Graduating to Stable", picks: (e: ViewEntry) => viewStage(e.verdict) === "stable" },
  { key: "beta", title: "Graduating to Beta", picks: (e: ViewEntry) => viewStage(e.verdict) === "beta" && e.change === "graduating" },
  { key: "alpha", title: "New in Alpha", picks: (e: ViewEntry) => viewStage(e.verdict) === "alpha" && e.change === "netNew" },
  { key: "deprecation", title: "Deprecations and removals", picks: (e: ViewEntry) => viewStage(e.verdict) === "deprecation" },
] as const;

export type BlogNumbers = {
  total: number;
  stable: number;
  beta: number;
  alpha: number;
  deprecation: number;
  unknown: number;
  atRisk: number;
};

export function blogNumbers(entries: readonly ViewEntry[]): BlogNumbers {
  const inRelease = entries.filter((e) => inTheRelease(e.verdict));
  const n = (stage: string) => inRelease.filter((e) => viewStage(e.verdict) === stage).length;
  return {
    total: inRelease.length,
    stable: n("stable"),
    beta: n("beta"),
    alpha: n("alpha"),
    deprecation: n("deprecation"),
    unknown: n("unknown"),
    atRisk: inRelease.filter((e) => atRisk(e.verdict)).length,
  };
}

const have = (n: number, verb: string) => `${n} ${n === 1 ? verb.replace(/^have/, "has").replace(/^are/, "is") : verb}`;

/** The template's opening sentence, filled in. */
export function blogOpening(n: BlogNumbers): string {
  const parts = [have(n.stable, "have graduated to Stable"), have(n.beta, "are entering Beta"), have(n.alpha, "have entered Alpha")];
  if (n.deprecation) parts.push(have(n.deprecation, "are deprecated or removed"));
  const last = parts.pop();
  const total = `${n.total} enhancement${n.total === 1 ? "" : "s"}`;
  return `This release consists of ${total}. Of those enhancements, ${parts.join(", ")} and ${last}.`;
}

function listSection(title: string, list: ViewEntry[]): string[] {
  if (!list.length) return [];
  const out = [`## ${title} (${list.length})`, ""];
  for (const [sig, inSig] of bySig(list)) {
    out.push(`### ${neutraliseUserText(sig, 100)}`, "");
    for (const e of [...inSig].sort((a, b) => a.row.issue - b.row.issue))
      out.push(`- [${neutraliseUserText(e.row.title, 300)}](${e.row.url}) (KEP ${e.row.issue})`);
    out.push("");
  }
  return out;
}

export function blogMarkdown(report: Report, entries: readonly ViewEntry[]): string {
  const numbers = blogNumbers(entries);
  const inRelease = entries.filter((e) => inTheRelease(e.verdict));
  const out = [`# Kubernetes ${report.release}: the release's enhancements`, "", blogOpening(numbers), ""];
  const notes = [
    numbers.atRisk ? `${numbers.atRisk} of them ${numbers.atRisk === 1 ? "is" : "are"} still at risk` : "",
    numbers.unknown
      ? `${keps(numbers.unknown)} without a known stage ${numbers.unknown === 1 ? "is" : "are"} counted in the total only`
      : "",
  ].filter(Boolean);
  const at = report.at.slice(0, 16).replace("T", " ");
  out.push(`_Counted from ${report.repository} as at ${at} UTC${notes.length ? `; ${notes.join("; ")}` : ""}._`, "");
  const listed = new Set<ViewEntry>();
  for (const list of LISTS) {
    const picked = inRelease.filter((e) => !listed.has(e) && list.picks(e));
    for (const e of picked) listed.add(e);
    out.push(...listSection(list.title, picked));
  }
  out.push(
    ...listSection(
      "Other enhancements in this release",
      inRelease.filter((e) => !listed.has(e)),
    ),
  );
  return `${out.join("\n").trimEnd()}\n`;
}
