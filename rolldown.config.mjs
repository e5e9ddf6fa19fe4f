// The CLI (bin/kep-tracker.js) as a few bundled files in dist/cli/. Unbundled, a command loads about
// 250 ES modules one at a time (zod alone brings 95, and CommonJS packages are scanned for their
// exports); resolving, reading and compiling them is about a third of a second of CPU on every run.
// The bench's dry-run guard measures what that costs (bench/RESULTS.md). The App's server and the Prow
// plugin run from dist/src/ as tsc leaves it.
import { defineConfig } from "rolldown";

export default defineConfig({
  input: { main: "dist/src/cli/main.js" },
  platform: "node",
  output: {
    dir: "dist/cli",
    format: "esm",
    // Each command, Redis, prom-client and the App's credentials are loaded when used: a file of their own.
    chunkFileNames: "[name].js",
    cleanDir: true,
    sourcemap: true,
  },
});
