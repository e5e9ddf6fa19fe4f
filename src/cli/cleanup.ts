import { parseArgs } from "node:util";
import type { CleanupStep } from "../plan/cleanup-plan.js";
import { describeWrite } from "../plan/writes.js";
import { formatDay } from "../release/dates.js";
import { isReleaseName, nextRelease } from "../release/names.js";
import { type CleanupSummary, cleanup } from "../sweep/cleanup.js";
import { keysOf } from "../util/narrow.js";
import { CONFIG_HELP } from "./config-option.js";
import type { Env } from "./github.js";
import { parseRepo } from "./github.js";
import { type Command, InputError, type Io, UsageError, wholeNumberFlag } from "./io.js";
import { LIVE_OPTIONS, openLive, parseNow } from "./live.js";

const usage = `Usage: kep-tracker cleanup --repo owner/name --release v1.37 [--next v1.38] [options]

The end-of-cycle cleanup of the Enhancements handbook (tracking-board.md), once
the release is out. Over the open issues labelled lead-opted-in whose milestone
is not the next release:
  1. closes the KEPs that are stable with status implemented in kep.yaml
     (with a short comment saying why);
  2. moves the issues opted in for the next release already (kep.yaml's
     latest-milestone) to its milestone, keeping lead-opted-in;
  3. on the rest removes lead-opted-in and tracked/*, and clears the milestone.
Then 4. removes any tracked/* label left on an open issue, and runs the
handbook's two queries again to show that both are empty (or what remains, why).

Options:
  --repo owner/name   the repository
${CONFIG_HELP}
  --release vX.Y      the release that ended
  --next vX.Y         the next release (default: the one after --release)
  --dry-run           print the writes it would make and make none
  --max-writes N      make at most N writes this run (default: sweep.max-writes
                      of the config, 300); the rest wait for the next run
  --force             run before the release date of the schedule
  --cache-dir DIR     where tree listings and code-search answers are kept
  --now ISO           act as at this instant (default: now)
  -h, --help          show this help

Credentials: as for sweep (APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH, or GITHUB_TOKEN).

Exit status: 0 done (writes left over --max-writes included), 1 some writes
failed (logged; the next run retries them), 2 bad usage, credentials or config,
or refused before the release date.`;

type Flags = { release: string; next: string; maxWrites: number | undefined };

function parseFlags(values: { release?: string | undefined; next?: string | undefined; "max-writes"?: string | undefined }): Flags {
  const release = values.release;
  if (!release || !isReleaseName(release))
    throw new UsageError(release ? `--release must be a release such as v1.37, not "${release}"` : "--release vX.Y is required");
  const next = values.next ?? nextRelease(release)!;
  if (!isReleaseName(next) || next === release)
    throw new UsageError(`--next must be another release such as ${nextRelease(release)}, not "${next}"`);
  const maxWrites = wholeNumberFlag("max-writes", values["max-writes"]);
  return { release, next, maxWrites };
}

async function run(args: string[], io: Io, env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...LIVE_OPTIONS,
      release: { type: "string" },
      next: { type: "string" },
      "dry-run": { type: "boolean" },
      "max-writes": { type: "string" },
      force: { type: "boolean" },
    },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const repo = parseRepo(values.repo);
  const flags = parseFlags(values);
  const now = parseNow(values.now);
  const live = await openLive({ repo, env, io, cacheDir: values["cache-dir"], configFile: values.config, release: flags.release });
  const release = live.deadlines.release;
  if (now < release.at && !values.force) {
    // A date-only release day ends Anywhere on Earth, at 12:00 UTC the next day.
    const when = release.approximate
      ? `the end of ${formatDay(new Date(release.at.getTime() - 12 * 3_600_000 - 1))} (Anywhere on Earth)`
      : `${formatDay(release.at)} ${release.at.toISOString().slice(11, 16)} UTC`;
    throw new InputError(
      `${flags.release} is not released before ${when}, by its schedule: the cleanup is for after the release; --force runs it before`,
    );
  }
  const dryRun = !!values["dry-run"] || live.dryRun;
  const maxWrites = flags.maxWrites ?? live.config.sweep.maxWrites;
  const name = `${repo.owner}/${repo.repo}`;
  io.stderr(`kep-tracker cleanup: ${name}, ${flags.release} to ${flags.next}, as ${live.github.identity}${dryRun ? ", dry run" : ""}\n`);
  const summary = await cleanup({
    reader: live.reader,
    config: live.config,
    release: flags.release,
    next: flags.next,
    botLogin: live.github.botLogin,
    dryRun,
    maxWrites,
    log: live.log,
    onAction: (a, applied) => {
      if (applied === "made") return;
      io.stdout(`#${a.issue}${appliedNote(applied)}: ${a.writes.map(describeWrite).join("; ")}\n`);
    },
  });
  io.stdout(summaryText(summary, { name, ...flags, dryRun, maxWrites, counts: live.github.counts }));
  return summary.failed.length ? 1 : 0;
}

const STEP_TITLES: Record<CleanupStep, (f: Flags) => string> = {
  close: (f) => `Closed (stable and implemented in ${f.release})`,
  move: (f) => `Moved to ${f.next} (opted in for it already)`,
  untrack: () => "Untracked (lead-opted-in and tracked/* removed, milestone cleared)",
  "clear-tracked": () => "Leftover tracked/* labels removed",
};

const issueList = (numbers: number[]) => (numbers.length ? numbers.map((n) => `#${n}`).join(", ") : "none");

function summaryText(
  s: CleanupSummary,
  ctx: Omit<Flags, "maxWrites"> & { maxWrites: number; name: string; dryRun: boolean; counts: { reads: number; writes: number } },
): string {
  const lines = [
    `${ctx.name}: end-of-cycle cleanup of ${ctx.release} (next: ${ctx.next})${ctx.dryRun ? ", dry run: nothing was written" : ""}`,
  ];
  for (const step of keysOf(STEP_TITLES))
    lines.push(`${STEP_TITLES[step](ctx)}${ctx.dryRun ? " (would be)" : ""}: ${issueList(s.steps[step])}`);
  for (const h of s.held) lines.push(`Held #${h.issue}: ${h.reason}`);
  if (s.left.length) lines.push(`Left for the next run: ${issueList(s.left.map((a) => a.issue))} (--max-writes ${ctx.maxWrites})`);
  if (s.failed.length) lines.push(`Failed: ${issueList(s.failed)} (logged above; the next run retries them)`);
  lines.push(`Writes: ${s.writes} ${ctx.dryRun ? "planned" : "made"}${s.failedWrites ? `, ${s.failedWrites} failed` : ""}`);
  const optedIn = s.remaining.filter((r) => r.query === "lead-opted-in");
  const tracked = s.remaining.filter((r) => r.query === "tracked");
  const query1 = `is:open label:lead-opted-in -milestone:${ctx.next}`;
  const query2 = "is:open label:tracked/yes,tracked/no,tracked/out-of-tree";
  const verb = ctx.dryRun ? "would come back" : "comes back";
  for (const [query, found] of [
    [query1, optedIn],
    [query2, tracked],
  ] as const) {
    lines.push(found.length ? `"${query}" ${verb} with ${found.length}:` : `"${query}" ${verb} empty`);
    for (const r of found) lines.push(`  #${r.issue}: ${r.reason}`);
  }
  lines.push(`Requests: ${ctx.counts.reads} reads, ${ctx.counts.writes} writes`);
  return `${lines.join("\n")}\n`;
}

export const cleanupCommand: Command = {
  name: "cleanup",
  summary: "the end-of-cycle cleanup: close, move or untrack the release's issues",
  usage,
  run,
};

/** What became of a planned action that was not made, as the dry-run lines say it. */
const appliedNote = (applied: string): string =>
  applied === "left" ? " (left for the next run)" : applied === "failed" ? " (failed)" : "";
