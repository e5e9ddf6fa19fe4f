/**
 * The release team's views from a report's read-only pass: the same rows `report` prints, each
 * beside its verdict and the two board fields people fill (Enhancements Contact, SIG), then the
 * view asked for. Nothing here writes; the report pass itself makes no write.
 */
import { itemText } from "../board/item-fields.js";
import type { Config } from "../config/config.js";
import { changeFactsOf, changeKind } from "../release/change-kind.js";
import { type ReleaseWords, releaseWords } from "../release/release-words.js";
import { buildReport, reportRow } from "../render/report.js";
import { blogMarkdown } from "../render/report-blog.js";
import { bySigMarkdown, sigSummaries } from "../render/report-by-sig.js";
import { reportHtml } from "../render/report-html.js";
import type { ViewEntry, Views } from "../render/views.js";
import type { SweepSummary } from "./sweep.js";

/** The report's words: the release's, with the configuration's (as `report` says them). */
export const viewWords = (config: Pick<Config, "release" | "words">): ReleaseWords => releaseWords(config.release, config.words);

/** The report and an entry per issue evaluated, in the report's order. */
export function buildViews(repository: string, config: Config, now: Date, summary: SweepSummary): Views {
  const rows = summary.evaluated.map((e) => reportRow(repository, e.issue, e.verdict, e.kep, config.labels.sigPrefix));
  const report = buildReport(repository, config.release, now, rows, viewWords(config));
  const byIssue = new Map(summary.evaluated.map((e) => [e.issue.number, e] as const));
  const run = summary.board ?? null;
  const contactField = config.board?.fields.enhancementsContact ?? null;
  const entries = report.issues.flatMap((row): ViewEntry[] => {
    const e = byIssue.get(row.issue);
    if (!e) return [];
    const item = run?.items.get(row.issue);
    const field = (name: string | null) => (run && item && name ? itemText(run.board, item, name) : null);
    const prefix = config.labels.sigPrefix;
    return [
      {
        row,
        verdict: e.verdict,
        change: changeKind(changeFactsOf(config.release, e.verdict.stage, e.kep)),
        contact: field(contactField),
        boardSig: field(run?.names.sig ?? null),
        sigLabels: e.issue.labels.filter((l) => l.startsWith(prefix)).map((l) => `sig-${l.slice(prefix.length)}`),
      },
    ];
  });
  return { report, entries };
}

export const REPORT_VIEWS = ["blog", "html"] as const;
export type ReportView = (typeof REPORT_VIEWS)[number] | "by-sig" | "by-sig-json";

/** The view's text, ready for stdout. */
export function renderView(view: ReportView, views: Views, words: ReleaseWords): string {
  const { report, entries } = views;
  if (view === "blog") return blogMarkdown(report, entries);
  if (view === "html") return reportHtml(report, entries);
  if (view === "by-sig") return bySigMarkdown(report, entries, words);
  const json = { repository: report.repository, release: report.release, at: report.at, sigs: sigSummaries(report, entries) };
  return `${JSON.stringify(json, null, 2)}\n`;
}
