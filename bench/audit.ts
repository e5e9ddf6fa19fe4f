import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure, median } from "./measure.js";
import { bombCheckout, yamlBomb } from "./yaml-bomb.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = `${root}bin/kep-tracker.js`;
const floor = `${root}dist/bench/floor.js`;

/** `kep-tracker audit` on the fixture corpus against the floor (list, read and parse only). */
export function benchAudit(fixtures: string, runs: number): Record<string, unknown> {
  const audits = [];
  const floors = [];
  for (let i = 0; i < runs; i++) {
    const a = measure([bin, "audit", fixtures, "--format", "json"]);
    if (a.status !== 0) throw new Error(`audit exited ${a.status}`);
    audits.push(a);
    floors.push(measure([floor, fixtures]));
  }
  const report = JSON.parse(audits[0]!.stdout) as { summary: { keps: number; errors: number; warnings: number } };
  const auditMs = median(audits.map((r) => r.wallMs));
  const floorMs = median(floors.map((r) => r.wallMs));
  return {
    bench: "audit",
    runs,
    keps: report.summary.keps,
    yamlFiles: Number(floors[0]!.stdout.trim()),
    errors: report.summary.errors,
    warnings: report.summary.warnings,
    medianWallMs: Math.round(auditMs),
    peakRssMb: Math.round(Math.max(...audits.map((r) => r.peakRssMb))),
    floorMedianWallMs: Math.round(floorMs),
    floorPeakRssMb: Math.round(Math.max(...floors.map((r) => r.peakRssMb))),
    ratioToFloor: Number((auditMs / floorMs).toFixed(2)),
    goals: { ratioToFloor: "<= 1.5", medianWallMs: "< 1000" },
  };
}

/** `kep-tracker audit` of a checkout whose kep.yaml is a YAML alias bomb: exit 1 with yaml-invalid, within a second. */
export function benchAuditBomb(fixtures: string, runs: number): Record<string, unknown> {
  const dir = bombCheckout(join(fixtures, "OWNERS_ALIASES"), mkdtempSync(join(tmpdir(), "kep-bomb-")));
  try {
    const results = Array.from({ length: runs }, () => measure([bin, "audit", dir, "--format", "json"]));
    const report = JSON.parse(results[0]!.stdout) as { keps: Array<{ findings: Array<{ rule: string }> }> };
    return {
      bench: "audit-yaml-bomb",
      runs,
      bytes: yamlBomb().length,
      exitStatus: results[0]!.status,
      rules: report.keps.flatMap((k) => k.findings.map((f) => f.rule)),
      medianWallMs: Math.round(median(results.map((r) => r.wallMs))),
      peakRssMb: Math.round(Math.max(...results.map((r) => r.peakRssMb))),
      goals: { exitStatus: 1, rules: ["yaml-invalid"], medianWallMs: "< 1000" },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
