// `npm run bench`: prints one JSON line per benchmark. Timing goals live here, not in tests.
// BENCH_ONLY=audit|sweep runs one of them; BENCH_SWEEP_SIZES (default "100,1000,5000") sets the sweep's issue counts.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { benchAudit, benchAuditBomb } from "./audit.js";
import { benchSweep } from "./sweep.js";

const only = process.env.BENCH_ONLY;
if (only && only !== "audit" && only !== "sweep") {
  process.stderr.write(`bench: BENCH_ONLY must be audit or sweep, not ${JSON.stringify(only)}\n`);
  process.exit(2);
}
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

function audit(): void {
  const fixtures = process.env.KEP_FIXTURES ?? fileURLToPath(new URL("../../test/fixtures/enhancements", import.meta.url));
  if (!existsSync(fixtures)) {
    process.stderr.write(`bench: no fixtures at ${fixtures}; set KEP_FIXTURES to an enhancements checkout\n`);
    process.exit(2);
  }
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  print(benchAudit(fixtures, runs));
  print(benchAuditBomb(fixtures, runs));
}

function sweepSizes(): number[] {
  const text = process.env.BENCH_SWEEP_SIZES ?? "100,1000,5000";
  const sizes = text.split(",").map((s) => Number(s.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    process.stderr.write(`bench: BENCH_SWEEP_SIZES must be a comma list of issue counts, not ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return sizes;
}

async function sweep(): Promise<void> {
  for await (const line of benchSweep(sweepSizes())) print(line);
}

try {
  if (only !== "sweep") audit();
  if (only !== "audit") await sweep();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
