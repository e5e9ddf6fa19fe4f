// The pause between scenes: none by default; with --step, Enter on a terminal
// or, when stdin is not one (a pipe, CI), a delay, so that the demo never
// waits for a key nobody can press.
import { createInterface } from "node:readline";

export type Pace = { between: () => Promise<void>; close: () => void };

export function pace(opts: { step: boolean; delayMs: number; stdin: NodeJS.ReadStream }): Pace {
  const interactive = opts.step && opts.stdin.isTTY === true;
  const delayMs = opts.step && !interactive && opts.delayMs === 0 ? 2_000 : opts.delayMs;
  const rl = interactive ? createInterface({ input: opts.stdin, output: process.stdout, terminal: true }) : null;
  // Ctrl-C at the prompt ends the demo as it would anywhere else.
  rl?.on("SIGINT", () => process.exit(130));
  return {
    between: () => {
      if (rl) return new Promise((resolve) => rl.question("\n  (Enter for the next scene) ", () => resolve()));
      return delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : Promise.resolve();
    },
    close: () => rl?.close(),
  };
}
