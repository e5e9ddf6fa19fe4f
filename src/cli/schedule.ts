import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEADLINES, type Deadline, parseTimeline, type Timeline } from "../release/timeline.js";
import { errorMessage } from "../util/narrow.js";
import { type Command, type Io, UsageError } from "./io.js";

const usage = `Usage: kep-tracker schedule <file>

Reads the Timeline table of a sig-release releases/release-1.NN/README.md (or the table
alone) and prints the release's deadlines as JSON UTC instants:

  { "prr-freeze": { "at": "2026-06-10T12:00:00.000Z", "approximate": false }, ... }

"approximate" is true when the table gives a day but no time; the deadline is then read as
the end of that day Anywhere on Earth (12:00 UTC the next day).

Options:
  -h, --help   show this help

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

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("schedule takes exactly one file, a release README or its Timeline table");
  const file = positionals[0]!;

  let markdown: string;
  try {
    markdown = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${errorMessage(e)}`);
  }
  const timeline = parseTimeline(markdown);
  io.stdout(`${JSON.stringify(scheduleJson(timeline), null, 2)}\n`);
  if (timeline.missing.length === 0) return 0;
  io.stderr(`kep-tracker schedule: ${file} has no row with a readable date for ${timeline.missing.join(", ")}\n`);
  return 1;
}

export const scheduleCommand: Command = { name: "schedule", summary: "print a release's deadlines from its Timeline table", usage, run };
