#!/usr/bin/env node
// The command-line entry point; the code lives in dist/ after `npm run build`, bundled
// into dist/cli/ (rolldown.config.mjs) so that a run does not load ~250 modules one by one.
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
