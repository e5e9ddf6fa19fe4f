import { parseArgs } from "node:util";
import { releaseOf } from "../release/names.js";
import { releaseWords } from "../release/release-words.js";
import { buildReport, docsHealth, reportCsv, reportMarkdown, reportRow } from "../render/report.js";
import { buildViews, REPORT_VIEWS, type ReportView, renderView, viewWords } from "../sweep/views.js";
import { CONFIG_HELP } from "./config-option.js";
import type { Env } from "./github.js";
import { parseRepo } from "./github.js";
import { type Command, type Io, UsageError } from "./io.js";
import { LIVE_OPTIONS, openLive, parseNow, readLive } from "./live.js";

const usage = `Usage: kep-tracker report --repo owner/name [options]

Prints the release's tracking board from live data: every issue in the release's
scope with its title, owning SIG, stage, status, PRR approver, owners and
problems, grouped by status with counts. Reads only; a read-only token will do.

Options:
  --repo owner/name   the repository
${CONFIG_HELP}
  --release v1.NN     another release than the config's (its dates come from
                      kubernetes/sig-release)
  --format md|csv|json  Markdown to paste into an issue or notes (default),
                      CSV for a spreadsheet, or JSON
  --format blog       the release blog's numbers and lists (Markdown)
  --format html       one self-contained page: kep-tracker report --format html > release.html
  --by-sig            per SIG: counts by status and stage, the KEPs at risk and why,
                      as the SIG outreach message has them (md, or json)
  --cache-dir DIR     where tree listings and code-search answers are kept
  --now ISO           evaluate as at this instant (default: now)
  -h, --help          show this help

Credentials: GITHUB_TOKEN (or GITHUB_TOKEN_PATH, a file holding it), or APP_ID
with PRIVATE_KEY or PRIVATE_KEY_PATH.
Exit status: 0 printed; 1 printed without some issues GitHub did not give in
full (said on stderr; run it again); 2 bad usage, credentials or config.`;

/** The view a format (and --by-sig) asks for; null for the board's table (md, csv, json). */
function viewOf(format: string, bySig: boolean): ReportView | null {
  if (bySig) {
    if (format === "md" || format === "json") return format === "md" ? "by-sig" : "by-sig-json";
    throw new UsageError(`--by-sig prints md or json, not "${format}"`);
  }
  return REPORT_VIEWS.find((v) => v === format) ?? null;
}

async function run(args: string[], io: Io, env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...LIVE_OPTIONS,
      release: { type: "string" },
      format: { type: "string", default: "md" },
      "by-sig": { type: "boolean" },
    },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const repo = parseRepo(values.repo);
  const format = values.format;
  const view = viewOf(format, !!values["by-sig"]);
  if (format !== "md" && format !== "csv" && format !== "json" && !view)
    throw new UsageError(`--format must be md, csv, json, blog or html, not "${format}"`);
  const release = values.release === undefined ? undefined : releaseOf(values.release);
  if (release === null) throw new UsageError(`--release must be a release such as v1.37, not "${values.release}"`);
  const now = parseNow(values.now);
  const live = await openLive({ repo, env, io, cacheDir: values["cache-dir"], configFile: values.config, release });
  const name = `${repo.owner}/${repo.repo}`;
  const summary = await readLive(live, now, io);
  const rows = summary.evaluated.map((e) => reportRow(name, e.issue, e.verdict, e.kep, live.config.labels.sigPrefix));
  const words = summary.words ?? releaseWords(live.config.release, live.config.words);
  const health = docsHealth(
    summary.evaluated.map((e) => e.verdict),
    now,
  );
  const report = buildReport(name, live.config.release, now, rows, words, health);
  if (view) io.stdout(renderView(view, buildViews(name, live.config, now, summary), viewWords(live.config)));
  else
    io.stdout(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : format === "csv" ? reportCsv(report) : reportMarkdown(report));
  // GitHub's partial answers: an issue not read is missing from the report, never shown with a guessed status.
  const lacking = [
    summary.unread ? `${summary.unread} issue${summary.unread === 1 ? "" : "s"} GitHub did not give all of` : "",
    summary.stopped ? `the issues after the last page read (${summary.stopped})` : "",
  ].filter(Boolean);
  if (lacking.length) io.stderr(`kep-tracker: the report lacks ${lacking.join(" and ")}; run it again\n`);
  return lacking.length ? 1 : 0;
}

export const reportCommand: Command = { name: "report", summary: "print the release's tracking board from live data", usage, run };
