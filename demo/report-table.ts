// `kep-tracker report --format json` as a terminal table: counts by status,
// then one short line per issue, grouped by status, the story's issues marked.
// (`--report md` prints the command's own Markdown instead, as for an issue.)
import { problemsCell, type Report, ReportSchema, statusesAtRiskFirst } from "../src/render/report.js";
import type { Style } from "./text.js";

const cell = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

function rowLine(row: Report["issues"][number], featured: boolean): string {
  const todo = problemsCell(row).replace(/`/g, "");
  return `${featured ? "*" : " "} #${String(row.issue).padEnd(5)} ${cell(row.stage ?? "", 10)} ${cell(row.sig ?? "", 18)} ${cell(row.title, 44)} ${todo}`;
}

/** The lines of the table, from the report command's JSON output. */
export function reportTable(json: string, featured: (issue: number) => boolean, style: Style): string[] {
  const report = ReportSchema.parse(JSON.parse(json));
  const at = report.at.slice(0, 16).replace("T", " ");
  const out = [`${report.release} enhancements tracking, ${report.repository}: ${report.issues.length} issues, as at ${at} UTC`, ""];
  const width = Math.max(...Object.keys(report.counts).map((s) => s.length));
  const statuses = statusesAtRiskFirst(report);
  for (const [status, n] of statuses) out.push(`  ${status.padEnd(width)}  ${String(n).padStart(3)}`);
  for (const [status, n] of statuses) {
    out.push(
      "",
      style.bold(`${status} (${n})`),
      style.dim(`  ${"issue".padEnd(6)} ${"stage".padEnd(10)} ${"SIG".padEnd(18)} ${"title".padEnd(44)} problems, what is missing`),
    );
    for (const row of report.issues.filter((r) => r.status === status)) out.push(rowLine(row, featured(row.issue)));
  }
  out.push(
    "",
    style.dim("* the story's issues. `kep-tracker report --format md` gives the same board as Markdown, for an issue or meeting notes."),
  );
  return out;
}
