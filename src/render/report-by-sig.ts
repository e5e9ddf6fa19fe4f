/**
 * `report --by-sig`: for each SIG, its KEPs counted by status and by stage and the ones at risk
 * with a one-line reason, in the shape of the Enhancements team's SIG outreach message ("Hello
 * #sig-node 👋 … Your SIG has submitted X enhancements … Y are at risk"). Nobody is @-mentioned
 * and people's words are made inert, so it pastes anywhere without pinging anyone. Pure.
 */
import type { ReleaseWords } from "../release/release-words.js";
import { inlineSafe, neutraliseUserText } from "../util/user-text.js";
import type { Report } from "./report.js";
import { formatDeadline } from "./status-comment.js";
import { atRisk, bySig, inTheRelease, keps, reasonLine, VIEW_STAGES, type ViewEntry, type ViewStage, viewStage } from "./views.js";

export type SigSummary = {
  sig: string;
  /** In the release: neither deferred, removed nor untracked. */
  submitted: number;
  byStatus: Record<string, number>;
  byStage: Record<ViewStage, number>;
  atRisk: Array<{ issue: number; url: string; title: string; status: string; reason: string }>;
};

const zeroStages = (): Record<ViewStage, number> => ({ alpha: 0, beta: 0, stable: 0, deprecation: 0, unknown: 0 });

/** Each SIG's summary, SIGs in name order; statuses in the report's order. */
export function sigSummaries(report: Report, entries: readonly ViewEntry[]): SigSummary[] {
  const statusOrder = Object.keys(report.counts);
  return bySig(entries).map(([sig, list]) => {
    const byStatus: Record<string, number> = {};
    const byStage = zeroStages();
    for (const e of [...list].sort((a, b) => statusOrder.indexOf(a.row.status) - statusOrder.indexOf(b.row.status))) {
      byStatus[e.row.status] = (byStatus[e.row.status] ?? 0) + 1;
      if (inTheRelease(e.verdict)) byStage[viewStage(e.verdict)]++;
    }
    const risky = list.filter((e) => atRisk(e.verdict)).sort((a, b) => a.row.issue - b.row.issue);
    return {
      sig,
      submitted: list.filter((e) => inTheRelease(e.verdict)).length,
      byStatus,
      byStage,
      atRisk: risky.map((e) => ({ issue: e.row.issue, url: e.row.url, title: e.row.title, status: e.row.status, reason: reasonLine(e) })),
    };
  });
}

const STAGE_WORDS: Record<ViewStage, string> = {
  alpha: "alpha",
  beta: "beta",
  stable: "stable",
  deprecation: "deprecation",
  unknown: "stage unknown",
};

const stagesLine = (s: SigSummary) =>
  VIEW_STAGES.filter((k) => s.byStage[k])
    .map((k) => `${s.byStage[k]} ${STAGE_WORDS[k]}`)
    .join(", ") || "none";

/** "enhancements freeze on Wednesday 17 June 2026, 12:00 UTC (in 5 days)": the coming freeze of the first KEP that has one. */
function approaching(entries: readonly ViewEntry[], words: ReleaseWords): string | null {
  const v = entries.find((e) => e.verdict.freeze && e.verdict.freeze !== "release" && e.verdict.deadline)?.verdict;
  return v?.freeze && v.deadline ? `${words.freezes[v.freeze].name} on ${formatDeadline(v.deadline)}` : null;
}

function sigSection(s: SigSummary, release: string, coming: string | null): string[] {
  const cell = (t: string) => neutraliseUserText(t, 300);
  const out = [`### ${cell(s.sig)} (${keps(s.submitted)})`, "", `Hello #${cell(s.sig)} 👋, ${release} Enhancements team here.`, ""];
  if (coming) out.push(`Just checking in as we approach ${coming}.`, "");
  const risk = s.atRisk.length ? `, and ${s.atRisk.length} ${s.atRisk.length === 1 ? "is" : "are"} currently at risk` : "";
  out.push(`Your SIG has submitted \`${s.submitted}\` enhancement${s.submitted === 1 ? "" : "s"} for the ${release} cycle${risk}.`, "");
  out.push("| Status | KEPs |", "|---|---:|", ...Object.entries(s.byStatus).map(([status, n]) => `| ${status} | ${n} |`), "");
  out.push(`Stages: ${stagesLine(s)}.`, "");
  if (s.atRisk.length)
    out.push(
      "At risk:",
      ...s.atRisk.map((r) => `- [#${r.issue}](${r.url}) ${cell(r.title)}: ${r.status}; ${inlineSafe(r.reason, 300)}`),
      "",
    );
  return out;
}

/** The whole Markdown: a table of every SIG, then each SIG's message. */
export function bySigMarkdown(report: Report, entries: readonly ViewEntry[], words: ReleaseWords): string {
  const sums = sigSummaries(report, entries);
  const out = [
    `## ${report.release} enhancements by SIG, ${report.repository}`,
    "",
    `As at ${report.at.slice(0, 16).replace("T", " ")} UTC: ${keps(entries.length)} in ${sums.length} SIGs. ` +
      "Nobody is mentioned: paste any part of it where you need it.",
    "",
    "| SIG | In the release | At risk | Alpha | Beta | Stable | Deprecation | Stage unknown |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...sums.map(
      (s) =>
        `| ${neutraliseUserText(s.sig, 100)} | ${s.submitted} | ${s.atRisk.length} | ` +
        `${VIEW_STAGES.map((k) => s.byStage[k]).join(" | ")} |`,
    ),
    "",
  ];
  const coming = approaching(entries, words);
  for (const s of sums) out.push(...sigSection(s, report.release, coming));
  return `${out.join("\n").trimEnd()}\n`;
}
