import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSeed } from "../../demo/seed.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeRepo } from "../../fake-github/world.js";
import { TIMELINES } from "../helpers/fixtures.js";

const BIN = fileURLToPath(new URL("../../bin/kep-tracker.js", import.meta.url));
/** Two days before v1.37's enhancements freeze. */
const NOW = "2026-06-15T13:00:00Z";

/** kubernetes/sig-release with v1.37's README: its Timeline, and a link to its release board. */
function sigRelease(): FakeRepo {
  const readme = `# Kubernetes 1.37\n\n[Enhancements tracking board](https://github.com/orgs/kubernetes/projects/264)\n\n${readFileSync(
    `${TIMELINES}/release-1.37-timeline.md`,
    "utf8",
  )}`;
  return {
    owner: "kubernetes",
    name: "sig-release",
    defaultBranch: "master",
    headSha: "5c0ffee5c0ffee5c0ffee5c0ffee5c0ffee5c0ff",
    files: new Map([["releases/release-1.37/README.md", readme]]),
    issues: [],
    pulls: [],
  };
}

/** The CLI commands of the README's trial, as a person copies them: each one's arguments after `node bin/kep-tracker.js`. */
function readmeTrial(): string[][] {
  const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
  const block = /## See what it would say[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  return block
    .split("\n")
    .filter((l) => l.startsWith("node bin/kep-tracker.js "))
    .map((l) => l.replace(/#.*$/, "").trim().split(/\s+/).slice(2));
}

type Run = { status: number | null; stdout: string; stderr: string };

/** The built CLI as a person runs it: a token and the API's address, nothing else of this process's environment. */
function cli(fake: FakeGitHub, cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, GITHUB_TOKEN: "a-read-only-token", GITHUB_API_URL: fake.url, KEP_TRACKER_THROTTLE: "off" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("the trial: a release-team member with a read-only token, on a repository where nothing is set up", () => {
  let fake: FakeGitHub;
  const dir = mkdtempSync(join(tmpdir(), "kep-tracker-trial-"));
  beforeAll(async () => {
    const world = demoSeed();
    world.repo.files.delete(".github/kep-tracker.yml");
    fake = await startFakeGitHub({ ...world.seed, repos: [world.repo, sigRelease()] });
  });
  afterAll(() => fake.close());

  it("writes a starting file, sees the report and every write a sweep would make, and GitHub is left as it was", async () => {
    const [initArgs, reportArgs, sweepArgs] = readmeTrial();
    expect(initArgs).toEqual(["config", "init", "--release", "v1.37", "--output", "my.yml"]);
    const init = await cli(fake, dir, initArgs!);
    expect(init.stderr).toBe("kep-tracker config: wrote my.yml for v1.37\n");
    expect(init.status).toBe(0);
    const file = readFileSync(join(dir, "my.yml"), "utf8");
    expect(file).toContain('enhancements-freeze: "Tuesday 16th June 2026 (AoE) / Wednesday 17th June 2026, 12:00 UTC"');
    expect(file).toMatch(/^board:\n {2}owner: kubernetes\n {2}number: 264$/m);

    const check = await cli(fake, dir, ["config", "check", "my.yml"]);
    expect(check.stdout).toMatch(/^my\.yml is valid\nkep-tracker tracks v1\.37\.\n$/);
    expect(check.status).toBe(0);

    // As the README says them, at the story's instant (the fake's release is v1.37's).
    const at = ["--now", NOW, "--cache-dir", join(dir, "cache")];
    expect(reportArgs).toEqual(["report", "--repo", "kubernetes/enhancements", "--config", "my.yml"]);
    const report = await cli(fake, dir, [...reportArgs!, ...at]);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain("## v1.37 enhancements tracking, kubernetes/enhancements");
    expect(report.stdout).toMatch(
      /^\| \[#5343\]\(.*\| Make nftables the default kube-proxy backend \|.*\| kep\.yaml status not implementable \|$/m,
    );
    // The board's spelling of the statuses, as the comments and the board say them.
    expect(report.stdout).toContain("### At Risk for Enhancements Freeze (4)");

    expect(sweepArgs).toEqual(["sweep", "--repo", "kubernetes/enhancements", "--config", "my.yml", "--dry-run"]);
    const sweep = await cli(fake, dir, [...sweepArgs!, ...at]);
    expect(sweep.status).toBe(0);
    expect(sweep.stderr).toContain("dry run");
    expect(sweep.stdout).toMatch(/^#5343: .*post the status comment/m);
    expect(sweep.stdout).toMatch(/^#5343: .*reminder/m);
    expect(sweep.stdout).toMatch(/^board: /m);
    expect(sweep.stdout).toMatch(/^ {2}At Risk for Enhancements Freeze: 4$/m);
    expect(sweep.stdout).toMatch(/^Dry run: \d+ writes would be made \(4 reminders\); nothing was written$/m);
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
  }, 120_000);

  it("without --config, says the repository has no configuration and how to try it anyway", async () => {
    const run = await cli(fake, dir, ["report", "--repo", "kubernetes/enhancements", "--now", NOW]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("kubernetes/enhancements has no .github/kep-tracker.yml");
    expect(run.stderr).toContain("--config FILE");
  }, 60_000);
});
