import { rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export type Io = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress then updates one line in place. */
  stderrIsTTY?: boolean;
};

/** A progress line: rewritten in place on a terminal, one line each otherwise (logs, CI). */
export function progressLine(io: Io): { update: (text: string) => void; done: () => void } {
  let shown = false;
  return {
    update: (text) => {
      if (io.stderrIsTTY) {
        io.stderr(`\r\x1b[K${text}`);
        shown = true;
      } else io.stderr(`${text}\n`);
    },
    done: () => {
      if (shown) io.stderr("\n");
      shown = false;
    },
  };
}

/**
 * Lines for stdout, written in one go when flushed (or past 64 KB): a dry
 * run prints a line per issue, and a write per line is a system call each.
 */
export function bufferedLines(io: Io): { line: (text: string) => void; flush: () => void } {
  let lines: string[] = [];
  let size = 0;
  const flush = () => {
    if (lines.length) io.stdout(lines.join(""));
    lines = [];
    size = 0;
  };
  return {
    line: (text) => {
      lines.push(`${text}\n`);
      size += text.length + 1;
      if (size > 64 * 1024) flush();
    },
    flush,
  };
}

/** A usage or input problem: exit status 2, message on stderr, nothing on stdout. */
export class UsageError extends Error {}

/**
 * A count given on the command line, in plain decimal digits: `Number()` would read '' as 0 and
 * "0x10" as 16, so a typo would silently change how much a run writes.
 */
export function wholeNumberFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(n)) throw new UsageError(`--${name} must be a whole number such as 100, not "${text}"`);
  return n;
}

/** Bad input that is not about the command line (credentials, the repository's config): exit 2, message only. */
export class InputError extends Error {}

export type Command = {
  name: string;
  summary: string;
  usage: string;
  /** `env` defaults to the process's; tests pass their own. */
  run: (args: string[], io: Io, env?: Record<string, string | undefined>) => Promise<number>;
};

/** A command as the CLI lists it; its module is loaded only when it runs, to keep start-up short. */
export type CommandEntry = { name: string; summary: string; load: () => Promise<Command> };

/**
 * Writes a Prometheus textfile whole or not at all: node_exporter's textfile collector may read the
 * directory at any moment, and must never see half a file (it ignores names not ending in .prom,
 * so the temporary file beside it is never read).
 */
export async function writeMetricsFile(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, path);
}
