import { parseArgs } from "node:util";
import { describeWrite } from "../plan/writes.js";
import { NOT_IN_RELEASE } from "../render/report.js";
import type { SweepSummary } from "../sweep/sweep.js";
import { spokenStatus } from "../verdict/status-words.js";
import { BOARD_STATUSES } from "../verdict/types.js";
import { CONFIG_HELP } from "./config-option.js";
import type { Env } from "./github.js";
import { parseRepo } from "./github.js";
import { bufferedLines, type Command, type Io, progressLine, wholeNumberFlag, writeMetricsFile } from "./io.js";
import { LIVE_OPTIONS, openLive, parseNow, sweepLive } from "./live.js";

const usage = `Usage: kep-tracker sweep --repo owner/name [options]

Evaluates every open issue in the release's scope (in its milestone, or labelled
lead-opted-in or tracked/*) as the App does on an event, brings labels and the
status comment in line, and sends freeze reminders to the owners of at-risk KEPs.

Options:
  --repo owner/name   the repository
${CONFIG_HELP}
  --dry-run           print the writes it would make and make none
  --max-writes N      make at most N writes this run (default: sweep.max-writes
                      of the config, 300); the rest wait for the next run
  --cache-dir DIR     where tree listings and code-search answers are kept
                      between runs (default $KEP_TRACKER_CACHE_DIR, else
                      ~/.cache/kep-tracker)
  --now ISO           evaluate as at this instant (default: now)
  --metrics-file FILE write the run's summary there as Prometheus metrics, for
                      node_exporter's textfile collector (a name ending in .prom)
  -h, --help          show this help

Credentials: APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH act as the App (the same
status comment its webhooks keep); GITHUB_TOKEN, or GITHUB_TOKEN_PATH (a file
holding it, as a Prow job mounts its Secret), acts as that token's user.

Exit status: 0 done (writes left over --max-writes included), 1 some writes
failed or some issues could not be read (logged; the next run retries them),
2 bad usage, credentials or config.`;

async function run(args: string[], io: Io, env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...LIVE_OPTIONS,
      "dry-run": { type: "boolean" },
      "max-writes": { type: "string" },
      "metrics-file": { type: "string" },
    },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const repo = parseRepo(values.repo);
  const maxWritesFlag = wholeNumberFlag("max-writes", values["max-writes"]);
  const now = parseNow(values.now);
  const started = performance.now();
  const live = await openLive({ repo, env, io, cacheDir: values["cache-dir"], configFile: values.config });
  const dryRun = !!values["dry-run"] || live.dryRun;
  const maxWrites = maxWritesFlag ?? live.config.sweep.maxWrites;
  const name = `${repo.owner}/${repo.repo}`;
  io.stderr(`kep-tracker sweep: ${name}, ${live.config.release}, as ${live.github.identity}${dryRun ? ", dry run" : ""}\n`);

  const progress = progressLine(io);
  const out = bufferedLines(io);
  let summary: SweepSummary;
  try {
    summary = await sweepLive(live, now, {
      mode: "sweep",
      dryRun,
      maxWrites,
      progress: (p) => {
        out.flush();
        progress.update(`  ${p.seen}/${p.total} issues read, ${p.writes} writes${dryRun ? " planned" : ""}`);
      },
      onPlan: (issue, writes, applied) => {
        if (applied === "made") return;
        progress.done();
        out.line(`#${issue}${applied === "left" ? " (left for the next run)" : ""}: ${writes.map(describeWrite).join("; ")}`);
      },
      onBoardPlan: (lines, applied) => {
        if (applied === "made" || !lines.length) return;
        progress.done();
        for (const l of lines) out.line(`board: ${l}`);
      },
    });
  } finally {
    // What was planned before a failure is still printed.
    out.flush();
  }
  progress.done();
  io.stdout(summaryText(summary, { name, release: live.config.release, now, dryRun, maxWrites, counts: live.github.counts }));
  const metricsFile = values["metrics-file"];
  if (metricsFile) {
    const run = {
      repo: name,
      release: live.config.release,
      finishedAt: new Date(),
      durationSeconds: (performance.now() - started) / 1000,
      dryRun,
    };
    // prom-client is loaded only when metrics are asked for (about 50 ms of CPU a run is spared).
    const { sweepMetricsText } = await import("../sweep/metrics-text.js");
    await writeMetricsFile(metricsFile, await sweepMetricsText(summary, run));
  }
  return summary.failed || summary.unread || summary.stopped ? 1 : 0;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function summaryText(
  s: SweepSummary,
  ctx: { name: string; release: string; now: Date; dryRun: boolean; maxWrites: number; counts: { reads: number; writes: number } },
): string {
  const order = [...BOARD_STATUSES, NOT_IN_RELEASE];
  const statuses = Object.entries(s.byStatus).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  const lines = [
    `${ctx.name}, ${ctx.release}, at ${ctx.now.toISOString()}`,
    `Issues: ${s.seen} open, ${s.inScope} in the release's scope` +
      (s.unchanged ? ` (${s.unchanged} unchanged since their status comment)` : ""),
    ...statuses.map(([status, n]) => `  ${spokenStatus(status, s.words)}: ${n}`),
  ];
  if (ctx.dryRun) lines.push(`Dry run: ${count(s.writes, "write")} would be made (${count(s.reminders, "reminder")}); nothing was written`);
  else {
    lines.push(
      `Writes: ${s.writes} made (${count(s.reminders, "reminder")})` +
        (s.failed ? `, ${s.failed} failed (logged above; the next run retries them)` : ""),
    );
    if (s.left.writes)
      lines.push(
        `Left for the next run: ${count(s.left.writes, "write")} on ${count(s.left.issues, "issue")} (--max-writes ${ctx.maxWrites})`,
      );
  }
  // GitHub's partial answers: what was not read is left as it is, never taken for "missing".
  if (s.unread)
    lines.push(
      `Not read: ${count(s.unread, "issue")} left as they are (GitHub did not give all they need; logged above; the next run retries them)`,
    );
  if (s.stopped) lines.push(`Not read: the issues after the last page read (${s.stopped}); the next run reads them`);
  if (s.finalEdits)
    lines.push(
      `Final edits: ${count(s.finalEdits, "status comment")} of an earlier release on issues that left its scope` +
        (ctx.dryRun ? " (planned)" : ""),
    );
  if (s.finalHeld)
    lines.push(
      `Final edits held back: ${count(s.finalHeld, "status comment")}, ` +
        "until GitHub gives the ones it failed (logged above); the next run makes them all",
    );
  lines.push(`Requests: ${ctx.counts.reads} reads, ${ctx.counts.writes} writes`);
  return `${lines.join("\n")}\n`;
}

export const sweepCommand: Command = {
  name: "sweep",
  summary: "evaluate every tracking issue, fix labels and comments, send reminders",
  usage,
  run,
};
