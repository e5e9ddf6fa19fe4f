import { z } from "zod";
import type { ValidatedKep } from "../kep/validate.js";
import type { ReleaseWords } from "../release/release-words.js";
import { neutraliseUserText } from "../util/user-text.js";
import { spokenStatus } from "../verdict/status-words.js";
import { BOARD_STATUSES, type Verdict } from "../verdict/types.js";

/**
 * The tracking board as a table: one row per issue in the release's scope,
 * grouped by status. Markdown for an issue or meeting notes (owners are not
 * @-mentioned, so pasting it pings nobody), CSV for a spreadsheet, JSON for tools.
 */

export const NOT_IN_RELEASE = "Not in the release";
const STATUS_ORDER: readonly string[] = [...BOARD_STATUSES, NOT_IN_RELEASE];

export const ReportRowSchema = z.object({
  issue: z.number().int(),
  url: z.string(),
  title: z.string(),
  sig: z.string().nullable(),
  stage: z.string().nullable(),
  status: z.string(),
  prrApprover: z.string().nullable(),
  owners: z.array(z.string()),
  problems: z.array(z.string()),
  /** What the checklist still lacks, said as missing ("not in milestone v1.37"). */
  missing: z.array(z.string()),
  /** Before PRR freeze, the status for enhancements freeze (the team's second verdict). */
  ahead: z.string().optional(),
});
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const ReportSchema = z.object({
  repository: z.string(),
  release: z.string(),
  at: z.string(),
  counts: z.record(z.string(), z.number().int()),
  issues: z.array(ReportRowSchema),
});
export type Report = z.infer<typeof ReportSchema>;

/** The common checklist items as a cell says they are missing; any other as its label, marked not done. */
const MISSING: Record<string, (release: string, stage: string) => string> = {
  "lead-opted-in": () => "not opted in by a SIG lead",
  milestone: (r) => `not in milestone ${r}`,
  "kep-status": () => "kep.yaml status not implementable",
  "kep-stage": () => "kep.yaml names no stage",
  "kep-latest-milestone": (r) => `kep.yaml latest-milestone not ${r}`,
  "kep-milestone-map": (r, s) => `kep.yaml milestone map gives ${s} no release by ${r}`,
  "prr-approved": (_, s) => `PRR not approved for ${s}`,
  "prr-approver": (_, s) => `no PRR approver named for ${s}`,
};

export function missingWords(item: { id: string; label: string }, release: string, stage: string | null): string {
  const words = MISSING[item.id];
  return words ? words(release, stage ?? "the stage") : `not done: ${item.label}`;
}

export function reportRow(
  repo: string,
  issue: { number: number; title: string; labels: string[] },
  v: Verdict,
  kep: ValidatedKep | null,
  sigPrefix: string,
): ReportRow {
  const sigLabel = issue.labels.find((l) => l.startsWith(sigPrefix));
  return {
    issue: issue.number,
    url: `https://github.com/${repo}/issues/${issue.number}`,
    title: issue.title,
    sig: kep?.metadata.owningSig ?? (sigLabel ? `sig-${sigLabel.slice(sigPrefix.length)}` : null),
    stage: v.stage,
    status: v.status ?? NOT_IN_RELEASE,
    // PRR files write "@login"; a pasted report must not ping anyone.
    prrApprover: (v.stage && kep?.prr?.stages[v.stage]?.approver?.replace(/^@/, "")) || null,
    owners: v.owners,
    problems: v.problems.map((p) => p.id),
    missing: v.checklist.filter((i) => !i.done).map((i) => missingWords(i, v.release, v.stage)),
    ...(v.ahead ? { ahead: v.ahead.status } : {}),
  };
}

/** The report, grouped in the board's order; with `words`, each status is said in the release's words (spoken.ts). */
export function buildReport(repository: string, release: string, at: Date, rows: ReportRow[], words?: ReleaseWords): Report {
  const ordered = [...rows].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.issue - b.issue);
  const spoken = (r: ReportRow) => ({
    ...r,
    status: spokenStatus(r.status, words),
    ...(r.ahead ? { ahead: spokenStatus(r.ahead, words) } : {}),
  });
  const sorted = words ? ordered.map(spoken) : ordered;
  const counts: Record<string, number> = {};
  for (const r of sorted) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return { repository, release, at: at.toISOString(), counts, issues: sorted };
}

/**
 * A table cell of someone's words (a title, a SIG, a login from kep.yaml): one line, pipes
 * escaped, and inert (a title is anyone's words): no @mention notifies, no HTML comment, no link or heading.
 */
const cell = (text: string | null) => neutraliseUserText(text ?? "", 300);

/** The report's statuses in the order a meeting reads them: every "At risk" group first, then the board's order. */
export function statusesAtRiskFirst(r: Report): Array<[string, number]> {
  const atRisk = (s: string) => /^at risk/i.test(s);
  return Object.entries(r.counts).sort(([a], [b]) => Number(atRisk(b)) - Number(atRisk(a)));
}

/** What a row lacks, for a cell: its problems' ids, what is missing, and a second verdict at risk. */
export function problemsCell(row: ReportRow): string {
  const then = row.ahead && /^at risk/i.test(row.ahead) ? [`then ${row.ahead}`] : [];
  return [...row.problems.map((p) => `\`${p}\``), ...row.missing, ...then].join("; ");
}

export function reportMarkdown(r: Report): string {
  const out = [
    `## ${r.release} enhancements tracking, ${r.repository}`,
    "",
    `${r.issues.length} issues, as at ${r.at.slice(0, 16).replace("T", " ")} UTC.`,
    "",
  ];
  const statuses = statusesAtRiskFirst(r);
  out.push("| Status | KEPs |", "|---|---:|", ...statuses.map(([s, n]) => `| ${s} | ${n} |`), "");
  for (const [status, n] of statuses) {
    out.push(
      `### ${status} (${n})`,
      "",
      "| Issue | Title | SIG | Stage | PRR approver | Owners | Problems |",
      "|---|---|---|---|---|---|---|",
    );
    for (const row of r.issues.filter((i) => i.status === status)) {
      out.push(
        `| [#${row.issue}](${row.url}) | ${cell(row.title)} | ${cell(row.sig)} | ${row.stage ?? ""} ` +
          `| ${cell(row.prrApprover)} | ${row.owners.map(cell).join(", ")} | ${problemsCell(row)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function reportCsv(r: Report): string {
  const header = ["issue", "url", "title", "sig", "stage", "status", "prr_approver", "owners", "problems", "missing"];
  const rows = r.issues.map((i) => [
    String(i.issue),
    i.url,
    i.title,
    i.sig ?? "",
    i.stage ?? "",
    i.status,
    i.prrApprover ?? "",
    i.owners.join(" "),
    i.problems.join(" "),
    i.missing.join("; "),
  ]);
  return `${[header, ...rows].map((fields) => fields.map(csvField).join(",")).join("\r\n")}\r\n`;
}
