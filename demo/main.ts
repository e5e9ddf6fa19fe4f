// `npm run demo`: the App at work on the real v1.37 KEPs, with nothing to
// register and no network (everything on loopback). See runDemo for the parts.
import { parseArgs } from "node:util";
import { parseNow } from "../src/cli/live.js";
import { runDemo } from "./run.js";
import { styleFor } from "./text.js";

const usage = `Usage: npm run demo -- [options]

Plays a short v1.37 release story: the App's real server answers signed webhooks
from a fake GitHub seeded with the real KEPs of test/fixtures and the release
board; a sweep and the report run as the CLI does; an exception is approved on
the board; after code freeze a docs placeholder PR is followed to approval. No
credentials, no network: all on 127.0.0.1.

Options:
  --now ISO        when the story starts (default 2026-06-01T09:00:00Z, v1.37's
                   opt-in phase, before PRR freeze on 10 June); the sweep runs
                   just inside the nearest reminder before the next freeze
  --step           pause between scenes: Enter on a terminal; when stdin is not
                   a terminal, wait --delay seconds (2 if not given) instead
  --delay SECONDS  pause this long between scenes
  --report md      print the report as \`kep-tracker report\` prints it (Markdown)
                   rather than as a table for the terminal
  -h, --help       show this help

Set LOG_LEVEL=info to see the App's own log on stderr (default: warnings only).`;

/** The story's default start: v1.37's opt-in phase, before PRR freeze (2026-06-10 12:00 UTC). */
const START = "2026-06-01T09:00:00Z";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      now: { type: "string" },
      step: { type: "boolean" },
      delay: { type: "string" },
      report: { type: "string", default: "table" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const delay = values.delay === undefined ? 0 : Number(values.delay);
  if (!(delay >= 0 && delay <= 600)) throw new Error(`--delay must be a number of seconds from 0 to 600, not "${values.delay}"`);
  const reportFormat = values.report;
  if (reportFormat !== "table" && reportFormat !== "md") throw new Error(`--report must be table or md, not "${reportFormat}"`);
  return runDemo({
    reportFormat,
    now: parseNow(values.now ?? START),
    step: !!values.step,
    delayMs: delay * 1000,
    stdin: process.stdin,
    write: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
    style: styleFor(process.stdout.isTTY, process.env),
    logLevel: process.env.LOG_LEVEL ?? "warn",
  });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // A bad option is one line; anything else is a bug worth its stack.
  const usageError = e instanceof Error && (/^ERR_PARSE_ARGS/.test(String((e as { code?: unknown }).code)) || /^--/.test(e.message));
  process.stderr.write(`demo: ${usageError ? `${(e as Error).message} (npm run demo -- --help)` : ((e as Error).stack ?? String(e))}\n`);
  process.exitCode = usageError ? 2 : 1;
}
