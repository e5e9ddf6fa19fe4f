import { z } from "zod";
import { errorMessage } from "../util/narrow.js";
import { closest } from "../util/spelling.js";
import { type CommandEntry, InputError, type Io, UsageError } from "./io.js";

// A command parses each schema a handful of times: compiling a parser per schema (zod's default)
// costs more CPU than it saves in a process that lives for one run.
z.config({ jitless: true });

const commands: CommandEntry[] = [
  { name: "audit", summary: "validate every KEP of an enhancements checkout", load: async () => (await import("./audit.js")).auditCommand },
  {
    name: "sweep",
    summary: "evaluate every tracking issue of a repository, fix labels and comments, send reminders",
    load: async () => (await import("./sweep.js")).sweepCommand,
  },
  {
    name: "cleanup",
    summary: "the end-of-cycle cleanup of a release: close, move or untrack its issues",
    load: async () => (await import("./cleanup.js")).cleanupCommand,
  },
  {
    name: "report",
    summary: "print the release's tracking board from live data (md, csv or json)",
    load: async () => (await import("./report.js")).reportCommand,
  },
  {
    name: "worklist",
    summary: "the KEPs one person follows, what to do next, and draft check-in comments (posts nothing)",
    load: async () => (await import("./worklist.js")).worklistCommand,
  },
  {
    name: "config",
    summary: "check a configuration file, or write a starting one for a release",
    load: async () => (await import("./config.js")).configCommand,
  },
  {
    name: "schedule",
    summary: "print a release's deadlines from its Timeline table",
    load: async () => (await import("./schedule.js")).scheduleCommand,
  },
];

const usage = `Usage: kep-tracker <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}
  ${"plugin".padEnd(10)} serve as a Prow external plugin (the App's handlers, acting as a robot's token)

Run "kep-tracker <command> --help" for a command's options.`;

/** Runs the CLI and returns its exit status. */
export async function main(argv: string[], io: Io, env: Record<string, string | undefined> = process.env): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(`${usage}\n`);
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    const guess = closest(
      name,
      commands.map((c) => c.name),
    );
    const names = commands.map((c) => c.name).join(", ");
    io.stderr(`kep-tracker: unknown command "${name}"${guess ? `; did you mean "${guess}"?` : ""} (the commands: ${names})\n`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io, env);
  } catch (e) {
    // parseArgs reports unknown or malformed options with these codes.
    if (e instanceof InputError) {
      io.stderr(`kep-tracker ${name}: ${e.message}\n`);
      return 2;
    }
    const code = typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
    if (e instanceof UsageError || code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`kep-tracker ${name}: ${errorMessage(e)}\n\n${command.usage}\n`);
      return 2;
    }
    throw e;
  }
}
