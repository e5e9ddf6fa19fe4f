#!/usr/bin/env node
// The command-line entry point; the code lives in dist/ after `npm run build`, bundled
// into dist/cli/ (rolldown.config.mjs) so that a run does not load ~250 modules one by one.
import { setFlagsFromString } from "node:v8";

// A command lives a few seconds. With V8's default budget it has ~120 functions compiled by
// the optimizing compiler, which costs more CPU than the optimized code saves in that time;
// eight times the budget leaves that work to what stays hot (a dry-run sweep of 1,000 issues:
// ~17% less CPU, of 3,000: ~28%; README, "Measured figures"). V8 reads the budget each time
// it resets a function's counter, so setting it before our code loads takes effect; were it
// ignored, a run would only be slower. A budget given to node itself is left alone.
if (!process.execArgv.some((arg) => arg.startsWith("--interrupt-budget"))) {
  setFlagsFromString("--interrupt-budget=540672");
}
const { main } = await import("../dist/cli/main.js");

const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`kep-tracker: ${error?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
