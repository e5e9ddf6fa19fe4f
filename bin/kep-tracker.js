#!/usr/bin/env node
// The command-line entry point. `npm run build` compiles the code into dist/src/ and bundles the CLI into
// dist/cli/ (rolldown.config.mjs), so that a run does not load some 250 modules one at a time.
// `kep-tracker plugin ...` is the Prow external plugin: a server, so it is started from the server's code.
if (process.argv[2] === "plugin") {
  process.argv.splice(2, 1);
  await import("../dist/src/server/prow/main.js");
} else {
  const { main } = await import("../dist/cli/main.js");

  // A reader that stops early (`| head`) closes the pipe: the rest of the output is not wanted, so the
  // command ends there, quietly and successfully, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error?.code !== "EPIPE") throw error;
      process.exit(0);
    });
  }

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
}
