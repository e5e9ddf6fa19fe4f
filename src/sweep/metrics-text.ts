import { Gauge, Registry } from "prom-client";
import type { SweepSummary } from "./sweep.js";

export type SweepRun = { repo: string; release: string; finishedAt: Date; durationSeconds: number; dryRun: boolean };

/**
 * The last sweep's summary as Prometheus text: what `kep-tracker sweep --metrics-file` writes for
 * node_exporter's textfile collector (the sweep is a short-lived process that nothing scrapes).
 */
export async function sweepMetricsText(s: SweepSummary, run: SweepRun): Promise<string> {
  const registry = new Registry();
  registry.setDefaultLabels({ repo: run.repo, release: run.release });
  const gauge = (name: string, help: string, value: number) =>
    new Gauge({ name: `kep_tracker_sweep_${name}`, help, registers: [registry] }).set(value);
  gauge("last_run_timestamp_seconds", "When the last sweep finished, in Unix seconds.", run.finishedAt.getTime() / 1000);
  gauge("duration_seconds", "How long the last sweep took.", run.durationSeconds);
  gauge("success", "1 when the last sweep made every write it planned (left-over writes included), 0 when some failed.", s.failed ? 0 : 1);
  gauge("dry_run", "1 when the last sweep was a dry run (nothing written).", run.dryRun ? 1 : 0);
  gauge("issues_open", "Open issues the last sweep read.", s.seen);
  gauge("issues_in_scope", "Issues in the release's scope.", s.inScope);
  gauge("issues_unchanged", "Issues skipped because their inputs had not changed since their status comment.", s.unchanged);
  gauge(
    "issues_unread",
    "Issues left as they were because GitHub did not give all they need (partial answers); the next run retries them.",
    s.unread,
  );
  const byStatus = new Gauge({
    name: "kep_tracker_sweep_issues",
    help: "Issues in the release's scope by board status.",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  for (const [status, n] of Object.entries(s.byStatus)) byStatus.set({ status }, n);
  const writes = new Gauge({
    name: "kep_tracker_sweep_writes",
    help: "The last sweep's writes: made (planned, in a dry run), failed, or left over --max-writes for the next run.",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  writes.set({ result: run.dryRun ? "planned" : "made" }, s.writes);
  writes.set({ result: "failed" }, s.failed);
  writes.set({ result: "left" }, s.left.writes);
  gauge("reminders", "Freeze reminders the last sweep posted.", s.reminders);
  return registry.metrics();
}
