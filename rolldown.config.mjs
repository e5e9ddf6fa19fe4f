// The CLI (bin/kep-tracker.js) as a few bundled files in dist/cli/. Unbundled, a sweep
// loads about 250 modules; resolving, reading and compiling them one at a time costs
// about 170 ms of CPU per run, a seventh of a 1,000-issue sweep (README, "Where the
// time goes"). The App's server runs from dist/src/ as tsc leaves it.
import { defineConfig } from "rolldown";

export default defineConfig({
  input: { main: "dist/src/cli/main.js" },
  platform: "node",
  output: {
    dir: "dist/cli",
    format: "esm",
    // Commands, Redis and the App's credentials are loaded when used: each is a file of its own.
    chunkFileNames: "[name].js",
    cleanDir: true,
    sourcemap: true,
  },
});
