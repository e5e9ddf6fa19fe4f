import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatProblems } from "../config/config.js";
import { CONFIG_FILE } from "../config/file.js";
import { checkConfigText } from "../github/config-file.js";
import { sigReleaseReadme } from "../github/sig-release.js";
import { parseRelease, releaseOfSchedule } from "../release/names.js";
import { DEADLINES, parseTimeline } from "../release/timeline.js";
import { errorMessage } from "../util/narrow.js";
import { type Env, githubFromEnv } from "./github.js";
import { type Command, InputError, type Io, UsageError } from "./io.js";

const usage = `Usage: kep-tracker config check [FILE]
       kep-tracker config init --release v1.NN [--schedule README] [--output FILE]

check  validates a configuration file (default: ${CONFIG_FILE}) as the App's
       check run does after a push, every problem with its line. With
       GITHUB_TOKEN it also reads the release board the file names and says
       what the board lacks.
init   writes a starting configuration for a release: its five dates from the
       Timeline of kubernetes/sig-release's releases/release-1.NN/README.md
       (read with GITHUB_TOKEN), or from the README given with --schedule, and
       its release board when the README links one. It starts in dry-run mode.

Options:
  --release v1.NN     (init) the release
  --schedule FILE     (init) the release's sig-release README, instead of GitHub's
  --output FILE       (init) write the file there (never over an existing one);
                      default: print it
  -h, --help          show this help

Try it: kep-tracker config init --release v1.37 --output my.yml, then
GITHUB_TOKEN=... kep-tracker report --repo kubernetes/enhancements --config my.yml

Exit status: 0 valid (check) or written (init), 1 the file has problems (check)
or the schedule lacks dates (init; the file is written with the gaps marked),
2 bad usage or unreadable input.`;

/** A GitHub client from GITHUB_TOKEN alone (these reads are public), or null without one. */
async function tokenClient(env: Env) {
  if (!env.GITHUB_TOKEN) return null;
  const tokenOnly = { GITHUB_TOKEN: env.GITHUB_TOKEN, GITHUB_API_URL: env.GITHUB_API_URL, KEP_TRACKER_THROTTLE: env.KEP_TRACKER_THROTTLE };
  return (await githubFromEnv(tokenOnly, { owner: "kubernetes", repo: "enhancements" })).octokit;
}

async function check(file: string, io: Io, env: Env): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${errorMessage(e)}`);
  }
  const client = await tokenClient(env);
  const result = await checkConfigText(text, client);
  const title = result.title.replace(CONFIG_FILE, file);
  if (!result.ok) {
    io.stdout(`${title}\n${formatProblems(result.problems, file)}\n${result.summary}\n`);
    return 1;
  }
  const boardNote = client ? "" : "\n(the release board was not read: set GITHUB_TOKEN to check it too)";
  io.stdout(`${title}\n${result.summary}${boardNote}\n`);
  return 0;
}

/** The release board a sig-release README links ("https://github.com/orgs/kubernetes/projects/264"), if any. */
function boardLinked(readme: string): { owner: string; number: number } | null {
  const m = /github\.com\/orgs\/([\w-]+)\/projects\/(\d{1,9})\b/.exec(readme);
  return m ? { owner: m[1]!, number: Number(m[2]) } : null;
}

/** The starting file's text, and which deadlines the README did not give. */
export function startingConfig(release: string, readme: string, from: string): { text: string; missing: string[] } {
  const timeline = parseTimeline(readme);
  const board = boardLinked(readme);
  const lines = [
    `# kep-tracker's configuration for ${release}, written by \`kep-tracker config init\`.`,
    "# Try it with a read-only token before anything is installed:",
    "#   kep-tracker report --repo kubernetes/enhancements --config THIS_FILE",
    "#   kep-tracker sweep --repo kubernetes/enhancements --config THIS_FILE --dry-run",
    `# Check it with \`kep-tracker config check THIS_FILE\`; in the repository it lives at ${CONFIG_FILE}.`,
    `release: ${release}`,
    "schedule:",
    `  # From the Timeline of ${from}`,
    ...DEADLINES.map((d) => {
      const found = timeline.deadlines[d];
      return found ? `  ${d}: ${JSON.stringify(found.raw)}` : `  # ${d}: not in the Timeline: set it (e.g. "2026-08-26")`;
    }),
    "# Nothing is written while this is true; set it to false once the team agrees.",
    "dry-run: true",
    ...(board
      ? ["board:", `  owner: ${board.owner}`, `  number: ${board.number}`]
      : ["# The release board, once there is one (its number is in its address):", "# board:", "#   owner: kubernetes", "#   number: 0"]),
  ];
  return { text: `${lines.join("\n")}\n`, missing: timeline.missing };
}

async function init(
  values: { release?: string | undefined; schedule?: string | undefined; output?: string | undefined },
  io: Io,
  env: Env,
) {
  const release = parseRelease(values.release);
  if (!release)
    throw new UsageError(
      values.release ? `--release must be a release such as v1.37, not "${values.release}"` : "--release v1.NN is required",
    );
  if (values.output && existsSync(values.output))
    throw new InputError(`${values.output} exists: kep-tracker config init writes a new file only`);
  let readme: string;
  let from: string;
  if (values.schedule !== undefined) {
    from = values.schedule;
    try {
      readme = readFileSync(values.schedule, "utf8");
    } catch (e) {
      throw new InputError(`cannot read the schedule ${values.schedule}: ${errorMessage(e)}`);
    }
  } else {
    from = `kubernetes/sig-release releases/release-${release.slice(1)}/README.md`;
    const client = await tokenClient(env);
    if (!client) throw new InputError("reading kubernetes/sig-release needs GITHUB_TOKEN (any read-only token), or give --schedule README");
    try {
      readme = await sigReleaseReadme(client, release);
    } catch (e) {
      throw new InputError(`cannot read ${from}: ${errorMessage(e)} (is ${release} planned yet? --schedule README reads a local copy)`);
    }
  }
  const named = releaseOfSchedule(readme);
  if (named && named !== release) throw new InputError(`${from} is the schedule of ${named}, not ${release}`);
  const { text, missing } = startingConfig(release, readme, from);
  if (values.output) {
    writeFileSync(values.output, text, { flag: "wx" });
    io.stderr(`kep-tracker config: wrote ${values.output} for ${release}\n`);
  } else io.stdout(text);
  if (missing.length) io.stderr(`kep-tracker config: ${from} gives no date for ${missing.join(", ")}: set them before using the file\n`);
  return missing.length ? 1 : 0;
}

async function run(args: string[], io: Io, env: Env = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      release: { type: "string" },
      schedule: { type: "string" },
      output: { type: "string", short: "o" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const [action, ...rest] = positionals;
  if (action === "check") {
    if (rest.length > 1) throw new UsageError("config check takes at most one file");
    return check(rest[0] ?? CONFIG_FILE, io, env);
  }
  if (action === "init") {
    if (rest.length) throw new UsageError("config init takes no file: name it with --output FILE");
    return init(values, io, env);
  }
  throw new UsageError(action ? `unknown config action "${action}": check or init` : "config needs an action: check or init");
}

export const configCommand: Command = {
  name: "config",
  summary: "check a configuration file, or write a starting one for a release",
  usage,
  run,
};
