// `npm run bench`: prints one JSON line per benchmark. Timing goals live here, not in tests.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { benchAudit } from "./audit.js";

const fixtures = process.env.KEP_FIXTURES ?? fileURLToPath(new URL("../../../shared/fixtures/enhancements", import.meta.url));
if (!existsSync(fixtures)) {
  process.stderr.write(`bench: no fixtures at ${fixtures}; set KEP_FIXTURES to an enhancements checkout\n`);
  process.exit(2);
}
const runs = Number(process.env.BENCH_RUNS ?? 7);
process.stdout.write(JSON.stringify(benchAudit(fixtures, runs)) + "\n");
