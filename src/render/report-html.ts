/**
 * `report --format html`: the release on one self-contained page. Counts by status and by stage
 * as charts, the KEPs at risk first, then each SIG's slice, each KEP with its checklist. No
 * script, no font, no image to fetch (a Content-Security-Policy says so), so it opens offline
 * from a CI artifact; one column that fits a phone. Everything shown is escaped. Pure.
 */
import { type Bar, barChart, escapeHtml as esc, toneOf } from "./html-chart.js";
import type { Report } from "./report.js";
import { atRisk, bySig, inTheRelease, keps, reasonLine, VIEW_STAGES, type ViewEntry, type ViewStage, viewStage } from "./views.js";

const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
p.meta { color: var(--muted); margin: 0 0 1rem; font-size: .9rem; }
.charts { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); }
figure { margin: 0; }
figcaption { color: var(--muted); font-size: .85rem; }
.chart { width: 100%; height: auto; }
.chart .bar-label { font-size: 14px; fill: var(--fg); }
.chart .bar-count { font-size: 14px; fill: var(--muted); }
.kep { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; overflow-wrap: anywhere; }
.kep h3 { font-size: 1rem; margin: 0; }
.kep .facts { color: var(--muted); font-size: .85rem; margin: .25rem 0; }
.kep .reason { margin: .25rem 0; }
.badge { display: inline-block; border-radius: 1rem; padding: 0 .5rem; color: #fff; font-size: .8rem; }
.tracked { background: #1a7f37; } .risk { background: #cf222e; } .exception { background: #8250df; } .out { background: #6e7781; }
ul.checklist { list-style: none; padding: 0; margin: .25rem 0; font-size: .9rem; }
ul.checklist li::before { content: "☐ "; }
ul.checklist li.done { color: var(--muted); }
ul.checklist li.done::before { content: "☑ "; }
details.sig { border-top: 1px solid var(--line); padding: .5rem 0; }
details.sig > summary { cursor: pointer; font-weight: 600; }
a { color: #0969da; }
`;

const STAGE_LABELS: Record<ViewStage, string> = {
  alpha: "Alpha",
  beta: "Beta",
  stable: "Stable",
  deprecation: "Deprecation",
  unknown: "Stage unknown",
};

function charts(report: Report, entries: readonly ViewEntry[]): string {
  const statusBars: Bar[] = Object.entries(report.counts).map(([label, count]) => ({ label, count, tone: toneOf(label) }));
  const inRelease = entries.filter((e) => inTheRelease(e.verdict));
  const stageBars: Bar[] = VIEW_STAGES.map((s) => ({
    label: STAGE_LABELS[s],
    count: inRelease.filter((e) => viewStage(e.verdict) === s).length,
    tone: "stage" as const,
  })).filter((b) => b.count > 0);
  return (
    `<section id="counts"><h2>Counts</h2><div class="charts">` +
    `<figure>${barChart("KEPs by status", statusBars)}<figcaption>KEPs by status</figcaption></figure>` +
    `<figure>${barChart("KEPs in the release by stage", stageBars)}<figcaption>KEPs in the release by stage</figcaption></figure>` +
    `</div></section>`
  );
}

/** One KEP: its link and title, status, stage and SIG, why it is at risk, and its checklist. */
function kepCard(e: ViewEntry): string {
  const r = e.row;
  const facts = [r.stage ? `stage ${r.stage}` : "stage unknown", r.sig ?? "no SIG", e.contact ? `contact ${e.contact}` : null]
    .filter((f): f is string => f !== null)
    .map(esc)
    .join(" · ");
  const items = e.verdict.checklist
    .map((i) => `<li class="${i.done ? "done" : "todo"}">${esc(i.label)}${i.done || !i.fix ? "" : `: <em>${esc(i.fix)}</em>`}</li>`)
    .join("");
  const problems = e.verdict.problems.map((p) => `<li>${esc(p.message)}</li>`).join("");
  return (
    `<article class="kep" id="kep-${r.issue}"><h3><a href="${esc(r.url)}">#${r.issue}</a> ${esc(r.title)}</h3>` +
    `<p class="facts"><span class="badge ${toneOf(r.status)}">${esc(r.status)}</span> ${facts}</p>` +
    (atRisk(e.verdict) ? `<p class="reason">${esc(reasonLine(e))}</p>` : "") +
    (items ? `<ul class="checklist">${items}</ul>` : "") +
    (problems ? `<ul class="problems">${problems}</ul>` : "") +
    `</article>`
  );
}

function sigSlices(entries: readonly ViewEntry[]): string {
  const slices = bySig(entries).map(([sig, list]) => {
    const risky = list.filter((e) => atRisk(e.verdict)).length;
    const cards = [...list].sort((a, b) => Number(atRisk(b.verdict)) - Number(atRisk(a.verdict)) || a.row.issue - b.row.issue);
    return (
      `<details class="sig" id="sig-${esc(sig)}"><summary>${esc(sig)}: ${keps(list.length)}${risky ? `, ${risky} at risk` : ""}</summary>` +
      `${cards.map(kepCard).join("")}</details>`
    );
  });
  return `<section id="sigs"><h2>By SIG</h2>${slices.join("")}</section>`;
}

const MADE_BY = "made by kep-tracker from the same evaluation as the status comments";
const NONE_AT_RISK = "<p>No KEP is at risk.</p>";

/** The page. */
export function reportHtml(report: Report, entries: readonly ViewEntry[]): string {
  const title = `${report.release} enhancements tracking, ${report.repository}`;
  const risky = entries.filter((e) => atRisk(e.verdict)).sort((a, b) => a.row.issue - b.row.issue);
  const at = report.at.slice(0, 16).replace("T", " ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(report.release)} enhancements</h1>
<p class="meta">${esc(report.repository)} · ${keps(report.issues.length)} · as at ${esc(at)} UTC · ${MADE_BY}</p>
${charts(report, entries)}
<section id="at-risk"><h2>At risk (${risky.length})</h2>${risky.length ? risky.map(kepCard).join("") : NONE_AT_RISK}</section>
${sigSlices(entries)}
</main>
</body>
</html>
`;
}
