import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type FakeGitHub, type FakeStats, startFakeGitHub } from "../fake-github/server.js";
import { parseConfigText } from "../src/config/config.js";
import { parsePrrApprovers } from "../src/kep/approvers.js";
import { validateKep } from "../src/kep/validate.js";
import { STATUS_MARKER } from "../src/reading/markers.js";
import { type AsyncRun, measureAsync, median } from "./measure.js";
import { buildRepo, CONFIG, NOW, naiveRequests, OWNER, REPO, type SyntheticRepo, seedOf, VIEWER } from "./synthetic.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = `${root}bin/kep-tracker.js`;

/** `kep-tracker sweep` against the fake GitHub: a first sweep from an empty cache, then a second with nothing changed. */
export async function* benchSweep(sizes: number[]): AsyncGenerator<Record<string, unknown>> {
  checkConfig();
  for (const n of sizes) {
    const repo = buildRepo(n);
    checkKeps(repo);
    const server = await startFakeGitHub(seedOf(repo));
    const cacheDir = mkdtempSync(join(tmpdir(), "kep-tracker-bench-"));
    try {
      yield await dryRunLine(server, repo);
      for (const run of ["first", "second"] as const) {
        const naive = naiveRequests(repo);
        const result = await runSweep(server, cacheDir);
        const stats = server.stats();
        server.reset();
        checkRun(run, repo, result, stats);
        yield line(run, repo, result, stats, naive);
      }
    } finally {
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
}

/** Runs of the dry-run sweep per size (BENCH_DRY_RUNS); the line gives their median. */
const DRY_RUNS = Number(process.env.BENCH_DRY_RUNS ?? 3);

/**
 * The first sweep with --dry-run, from an empty cache: every issue in scope
 * read, evaluated and planned, nothing written. Its CPU time is the cost of
 * the evaluation itself. The goal at 1,000 issues is a regression guard, not
 * a target: under 3 s of CPU and 300 MB of peak RSS. CPU time on a shared
 * machine varies by a tenth from run to run: the medians of a few.
 */
async function dryRunLine(server: FakeGitHub, repo: SyntheticRepo): Promise<Record<string, unknown>> {
  const runs: AsyncRun[] = [];
  for (let i = 0; i < Math.max(1, DRY_RUNS); i++) runs.push(await dryRun(server, repo));
  const n = repo.issues.length;
  const cpuMs = Math.round(median(runs.map((r) => r.cpuMs)));
  const peakRssMb = Math.round(median(runs.map((r) => r.peakRssMb)));
  const cpuMsRuns = runs.map((r) => Math.round(r.cpuMs));
  if (n !== 1000) return { bench: "sweep-dry-run", issues: n, cpuMs, peakRssMb, cpuMsRuns };
  // The guard, the medians measured, and whether they are within it.
  const goal = { cpuMs: "< 3000", peakRssMb: "< 300" };
  return { bench: "sweep-dry-run", issues: n, goal, cpuMs, peakRssMb, met: cpuMs < 3000 && peakRssMb < 300, cpuMsRuns };
}

async function dryRun(server: FakeGitHub, repo: SyntheticRepo): Promise<AsyncRun> {
  const cacheDir = mkdtempSync(join(tmpdir(), "kep-tracker-bench-dry-"));
  try {
    const r = await runSweep(server, cacheDir, ["--dry-run"]);
    const stats = server.stats();
    server.reset();
    if (r.status !== 0 || stats.unexpected.length || stats.writes) {
      throw new Error(
        `bench: dry-run sweep of ${repo.issues.length} issues: exit ${r.status}, ${stats.writes} writes, unexpected: ${stats.unexpected.slice(0, 5).join("; ")}\n${r.stderr.slice(-3000)}`,
      );
    }
    return r;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function runSweep(server: FakeGitHub, cacheDir: string, extra: string[] = []): Promise<AsyncRun> {
  const args = [bin, "sweep", "--repo", `${OWNER}/${REPO}`, "--cache-dir", cacheDir, "--max-writes", "1000000", "--now", NOW, ...extra];
  // Unthrottled: Probot's Octokit otherwise paces writes a second apart, as GitHub wants.
  return measureAsync(args, { ...process.env, GITHUB_TOKEN: "x", GITHUB_API_URL: server.url, KEP_TRACKER_THROTTLE: "off" });
}

/** A page of 100 issues must cost fewer GraphQL points than this. */
const PAGE_POINTS = 15;

function line(run: "first" | "second", repo: SyntheticRepo, r: AsyncRun, s: FakeStats, naive: number): Record<string, unknown> {
  const n = repo.issues.length;
  const k = repo.keps;
  // The first sweep writes every issue in scope, each read again under its lock right before (sweep/locked-write.ts).
  const maxRequests = run === "first" ? Math.ceil(n / 100) + Math.ceil(k / 100) + 5 + repo.inScope.size : Math.ceil(n / 100) + 3;
  const cpuMs = Math.round(r.cpuMs);
  const peakRssMb = Math.round(r.peakRssMb);
  const goal: Record<string, string> = {
    requests: `<= ${maxRequests} (${run === "first" ? "ceil(issues/100) + ceil(keps/100) + 5 + issues written" : "ceil(issues/100) + 3"})`,
    ...(run === "second" ? { writes: "== 0" } : {}),
    peakRssMb: "< 300",
    sweepPagePoints: `< ${PAGE_POINTS}`,
  };
  const pagePoints = s.pointsByKind["graphql SweepPage"]?.most ?? 0;
  const met = s.reads <= maxRequests && (run === "first" || s.writes === 0) && peakRssMb < 300 && pagePoints < PAGE_POINTS;
  return {
    bench: "sweep",
    issues: n,
    keps: k,
    inScope: repo.inScope.size,
    run,
    requests: s.reads,
    writes: s.writes,
    cpuMs,
    peakRssMb,
    wallMs: Math.round(r.wallMs),
    // GitHub's GraphQL points (5,000 an hour): the whole sweep's, and the dearest page of issues.
    graphqlPoints: s.points,
    sweepPagePoints: pagePoints,
    naiveRequests: naive,
    ratio: Number((naive / Math.max(1, s.reads)).toFixed(1)),
    byKind: s.byKind,
    goal,
    met,
  };
}

/** The config the fake serves must be one kep-tracker accepts. */
function checkConfig(): void {
  const parsed = parseConfigText(CONFIG);
  if (!parsed.ok) throw new Error(`bench: the synthetic .github/kep-tracker.yml is invalid: ${JSON.stringify(parsed.problems)}`);
}

/** Synthetic KEPs pass upstream's checks, except those made to fail them (a PRR file without the KEP's stage). */
function checkKeps(repo: SyntheticRepo): void {
  const approvers = parsePrrApprovers(repo.files.get("OWNERS_ALIASES")!);
  const ctx = { approvers, sigs: null, read: (p: string) => repo.files.get(p) };
  for (const [path, text] of repo.files) {
    if (!path.endsWith("/kep.yaml")) continue;
    const number = Number(/\/(\d+)-[^/]+\/kep\.yaml$/.exec(path)?.[1]);
    const errors = validateKep(path, text, ctx).report.findings.filter((f) => f.severity === "error");
    const expectErrors = repo.risks.get(number) === "prr-stage-missing";
    if (errors.length > 0 !== expectErrors)
      throw new Error(`bench: synthetic ${path} ${expectErrors ? "should fail" : "fails"} validation: ${JSON.stringify(errors)}`);
  }
}

/** Fails loudly when the sweep did not run cleanly or left the fake GitHub in a state a sweep should not. */
function checkRun(run: string, repo: SyntheticRepo, r: AsyncRun, s: FakeStats): void {
  const fail = (why: string) => {
    throw new Error(
      `bench: ${run} sweep of ${repo.issues.length} issues: ${why}\n--- stdout:\n${r.stdout.slice(-3000)}\n--- stderr (tail):\n${r.stderr.slice(-3000)}`,
    );
  };
  if (r.status !== 0) fail(`exited ${r.status}`);
  if (s.unexpected.length) fail(`requests the fake GitHub could not answer: ${s.unexpected.slice(0, 10).join("; ")}`);
  // The summary's own counts must agree with what the fake saw.
  const issues = /^Issues: (\d+) open, (\d+) in the release's scope(?: \((\d+) unchanged since their status comment\))?$/m.exec(r.stdout);
  const requests = /^Requests: (\d+) reads, (\d+) writes$/m.exec(r.stdout);
  if (!issues || !requests) fail("the summary has no Issues: or Requests: line");
  if (Number(issues![1]) !== repo.issues.length || Number(issues![2]) !== repo.inScope.size)
    fail(`the summary counts ${issues![0]}, expected ${repo.issues.length} open and ${repo.inScope.size} in scope`);
  if (Number(requests![1]) !== s.reads || Number(requests![2]) !== s.writes)
    fail(`the summary says ${requests![0]}, the fake GitHub saw ${s.reads} reads and ${s.writes} writes`);
  for (const issue of repo.issues) {
    const status = issue.comments.filter((c) => c.author === VIEWER && c.body.includes(STATUS_MARKER)).length;
    const want = repo.inScope.has(issue.number) ? 1 : 0;
    if (status !== want) fail(`issue ${issue.number} has ${status} status comments, expected ${want}`);
  }
}
