import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { api, type IssueState, mockConfig, mockFiles, mockTree, OWNER, REPO, useNock, writes } from "../helpers/app.js";
import { bufferIo } from "../helpers/io.js";
import { mockSweepPage, TOKEN_ENV, tempCacheDir } from "../helpers/sweep.js";

useNock();

const tracked: IssueState = { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], assignees: ["alice"] };
const outOfScope: IssueState = { number: 1884, labels: ["sig/auth"], milestone: null };

describe("kep-tracker sweep --metrics-file", () => {
  it("leaves the run's summary as a Prometheus textfile for node_exporter, and no temporary file beside it", {
    timeout: 60_000,
  }, async () => {
    const scope = api();
    mockConfig(scope);
    mockSweepPage(scope, [tracked, outOfScope]);
    mockTree(scope);
    mockFiles(scope);
    const dir = tempCacheDir();
    const file = join(dir, "kep-tracker-sweep.prom");

    const io = bufferIo();
    const status = await main(
      ["sweep", "--repo", `${OWNER}/${REPO}`, "--now", "2026-06-01T09:00:00Z", "--cache-dir", dir, "--dry-run", "--metrics-file", file],
      io,
      TOKEN_ENV,
    );
    expect(status).toBe(0);
    expect(writes()).toEqual([]);

    const text = readFileSync(file, "utf8");
    const labels = `repo="${OWNER}/${REPO}",release="v1.37"`;
    expect(text).toContain(`kep_tracker_sweep_success{${labels}} 1`);
    expect(text).toContain(`kep_tracker_sweep_dry_run{${labels}} 1`);
    expect(text).toContain(`kep_tracker_sweep_issues_open{${labels}} 2`);
    expect(text).toContain(`kep_tracker_sweep_issues_in_scope{${labels}} 1`);
    expect(text).toMatch(new RegExp(`^kep_tracker_sweep_writes\\{result="planned",${labels}\\} 1$`, "m"));
    expect(text).toMatch(/^kep_tracker_sweep_issues\{status="[^"]+",repo=.*\} 1$/m);
    expect(text).toMatch(/^kep_tracker_sweep_last_run_timestamp_seconds\{.*\} \d+(\.\d+)?$/m);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
