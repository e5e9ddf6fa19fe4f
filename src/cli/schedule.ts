import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseISO } from "date-fns/parseISO";
import { scheduleIcs } from "../release/ics.js";
import { releaseOf } from "../release/names.js";
import { DEADLINES, type Deadline, parseTimeline, type Timeline } from "../release/timeline.js";
import { errorMessage } from "../util/narrow.js";
import { type Command, type Io, UsageError } from "./io.js";

const usage = `Usage: kep-tracker schedule <file> [--format json|ics]

Reads the Timeline table of a sig-release releases/release-1.NN/README.md (or the table
alone) and prints the release's deadlines as JSON UTC instants:

  { "prr-freeze": { "at": "2026-06-10T12:00:00.000Z", "approximate": false }, ... }

"approximate" is true when the table gives a day but no time; the deadline is then read as
the end of that day Anywhere on Earth (12:00 UTC the next day).

With --format ics it prints them as an iCalendar file instead (one event at each deadline's
exact instant, in UTC): import it in a calendar program to see them at your local time.

Options:
  --format json|ics   JSON (default) or iCalendar
  --release v1.NN     the release, named in the events (default: read from the file's
                      name or its "v1.NN.0 released" row)
  --now ISO           the calendar's DTSTAMP (default: now)
  -h, --help          show this help

Exit status: 0 all five deadlines found, 1 some missing (the rest are still printed),
2 bad usage or unreadable file.`;

type ScheduleJson = Partial<Record<Deadline, { at: string; approximate: boolean }>>;

/** The found deadlines in DEADLINES order, without the raw cell text. */
export function scheduleJson(timeline: Timeline): ScheduleJson {
  const json: ScheduleJson = {};
  for (const deadline of DEADLINES) {
    const found = timeline.deadlines[deadline];
    if (found) json[deadline] = { at: found.at.toISOString(), approximate: found.approximate };
  }
  return json;
}

/** The release a README is of: its path (releases/release-1.37/README.md) or its "v1.37.0 released" row; null if neither says. */
function releaseNamed(file: string, markdown: string): string | null {
  const m = /release-(1\.\d+)/.exec(file) ?? /\bv(1\.\d+)\.0 released\b/.exec(markdown);
  return m ? releaseOf(m[1]!) : null;
}

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      format: { type: "string", default: "json" },
      release: { type: "string" },
      now: { type: "string" },
    },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const format = values.format;
  if (format !== "json" && format !== "ics") throw new UsageError(`--format must be json or ics, not "${format}"`);
  const named = values.release === undefined ? null : releaseOf(values.release);
  if (values.release !== undefined && !named) throw new UsageError(`--release must be a release such as v1.37, not "${values.release}"`);
  const stamp = values.now === undefined ? new Date() : parseISO(values.now);
  if (Number.isNaN(stamp.getTime())) throw new UsageError(`--now must be an instant such as 2026-06-08T12:00:00Z, not "${values.now}"`);
  if (positionals.length !== 1) throw new UsageError("schedule takes exactly one file, a release README or its Timeline table");
  const file = positionals[0]!;

  let markdown: string;
  try {
    markdown = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${errorMessage(e)}`);
  }
  const timeline = parseTimeline(markdown);
  if (format === "ics") io.stdout(scheduleIcs({ release: named ?? releaseNamed(file, markdown), deadlines: timeline.deadlines, stamp }));
  else io.stdout(`${JSON.stringify(scheduleJson(timeline), null, 2)}\n`);
  if (timeline.missing.length === 0) return 0;
  io.stderr(`kep-tracker schedule: ${file} has no row with a readable date for ${timeline.missing.join(", ")}\n`);
  return 1;
}

export const scheduleCommand: Command = { name: "schedule", summary: "print a release's deadlines from its Timeline table", usage, run };
