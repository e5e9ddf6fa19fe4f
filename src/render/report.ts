import { z } from "zod";
import type { ValidatedKep } from "../kep/validate.js";
import { formatDayTime } from "../release/dates.js";
import { DOCS_DEADLINES, type DocsDeadline, docsDeadlineName } from "../release/docs-deadlines.js";
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
  /** From enhancements freeze on: the docs in the Docs handbook's word ("Draft", "Merged", "No Docs Needed"). */
  docs: z.string().optional(),
  /** …and the KEP's kubernetes/website PRs. */
  docsPrs: z.array(z.string()).optional(),
});
export type ReportRow = z.infer<typeof ReportRowSchema>;

/** The Docs handbook's weekly check of the next docs deadline: the share of KEPs needing docs that meet it. */
export const DocsHealthSchema = z.object({
  deadline: z.enum(DOCS_DEADLINES),
  at: z.string(),
  needing: z.number().int(),
  meeting: z.number().int(),
  light: z.enum(["green", "yellow", "red"]),
});
export type DocsHealth = z.infer<typeof DocsHealthSchema>;

export const ReportSchema = z.object({
  repository: z.string(),
  release: z.string(),
  at: z.string(),
  counts: z.record(z.string(), z.number().int()),
  issues: z.array(ReportRowSchema),
  docsHealth: DocsHealthSchema.optional(),
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
    ...(v.docs ? { docs: v.docs.required ? v.docs.word : "No Docs Needed", docsPrs: v.docs.prs.map((p) => p.url) } : {}),
  };
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The health of the next docs deadline, from a week before it: of the KEPs in the release that need
 * docs, the share whose items due by then are done; green at 90% or more, yellow from 60%, red
 * below. Null when no docs deadline is within a week, or no KEP needs docs.
 */
export function docsHealth(verdicts: readonly Verdict[], now: Date): DocsHealth | null {
  const needing = verdicts.filter((v) => v.inRelease && v.tracked !== "no" && v.docs?.required);
  const next = needing.find((v) => v.docs?.next)?.docs?.next;
  if (!next || new Date(next.at).getTime() - now.getTime() > WEEK_MS) return null;
  const order = (d: DocsDeadline) => DOCS_DEADLINES.indexOf(d);
  const meets = (v: Verdict) => !!v.docs?.items.every((i) => i.done || order(i.due) > order(next.deadline));
  const meeting = needing.filter(meets).length;
  const share = meeting / needing.length;
  const light = share >= 0.9 ? "green" : share >= 0.6 ? "yellow" : "red";
  return { deadline: next.deadline, at: next.at, needing: needing.length, meeting, light };
}

const LIGHTS = { green: "🟢", yellow: "🟡", red: "🔴" } as const;

/** The health line of a Markdown report: "🟡 Docs ready-for-review deadline (…): 14 of 20 KEPs needing docs meet it (70%)." */
function healthLine(h: DocsHealth): string {
  const name = docsDeadlineName(h.deadline);
  const share = Math.round((100 * h.meeting) / h.needing);
  return (
    `${LIGHTS[h.light]} **${name.charAt(0).toUpperCase()}${name.slice(1)}** (${formatDayTime(h.at)}): ` +
    `${h.meeting} of ${h.needing} KEPs needing docs meet it (${share}%).`
  );
}

/** A row's docs cell: the word, then its PRs as links. */
function docsCell(row: ReportRow): string {
  const prs = (row.docsPrs ?? []).map((url) => `[#${url.split("/").pop()}](${url})`);
  return [row.docs ?? "", ...prs].filter(Boolean).join(" ");
}

/** The report, grouped in the board's order; with `words`, each status is said in the release's words (spoken.ts). */
export function buildReport(
  repository: string,
  release: string,
  at: Date,
  rows: ReportRow[],
  words?: ReleaseWords,
  health?: DocsHealth | null,
): Report {
  const ordered = [...rows].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.issue - b.issue);
  const spoken = (r: ReportRow) => ({
    ...r,
    status: spokenStatus(r.status, words),
    ...(r.ahead ? { ahead: spokenStatus(r.ahead, words) } : {}),
  });
  const sorted = words ? ordered.map(spoken) : ordered;
  const counts: Record<string, number> = {};
  for (const r of sorted) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return { repository, release, at: at.toISOString(), counts, issues: sorted, ...(health ? { docsHealth: health } : {}) };
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
  if (r.docsHealth) out.push(healthLine(r.docsHealth), "");
  // The Docs column from enhancements freeze on, when docs are judged.
  const docs = r.issues.some((i) => i.docs !== undefined);
  for (const [status, n] of statuses) {
    out.push(
      `### ${status} (${n})`,
      "",
      `| Issue | Title | SIG | Stage | PRR approver | Owners |${docs ? " Docs |" : ""} Problems |`,
      `|---|---|---|---|---|---|${docs ? "---|" : ""}---|`,
    );
    for (const row of r.issues.filter((i) => i.status === status)) {
      out.push(
        `| [#${row.issue}](${row.url}) | ${cell(row.title)} | ${cell(row.sig)} | ${row.stage ?? ""} ` +
          `| ${cell(row.prrApprover)} | ${row.owners.map(cell).join(", ")} |${docs ? ` ${docsCell(row)} |` : ""} ${problemsCell(row)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function reportCsv(r: Report): string {
  const header = ["issue", "url", "title", "sig", "stage", "status", "prr_approver", "owners", "problems", "missing", "docs", "docs_prs"];
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
    i.docs ?? "",
    (i.docsPrs ?? []).join(" "),
  ]);
  return `${[header, ...rows].map((fields) => fields.map(csvField).join(",")).join("\r\n")}\r\n`;
}
