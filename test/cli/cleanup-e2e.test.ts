import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { finalMarker } from "../../src/reading/markers.js";
import { OWNER, REPO } from "../helpers/app.js";
import { fixtureRepo } from "../helpers/fake.js";
import { statusBody } from "../helpers/status-comment.js";
import { tempCacheDir } from "../helpers/sweep.js";

const BIN = fileURLToPath(new URL("../../bin/kep-tracker.js", import.meta.url));
const VIEWER = "release-bot";
/** A week after v1.37's release date (2026-08-26 in the test config). */
const AFTER_RELEASE = "2026-09-02T12:00:00Z";

const V137 = { title: "v1.37", number: 37 };
const V138 = { title: "v1.38", number: 38 };

const issue = (number: number, labels: string[], milestone: FakeIssue["milestone"]): FakeIssue => ({
  number,
  title: `KEP ${number}`,
  body: null,
  labels,
  milestone,
  assignees: [],
  comments: [],
});

/**
 * kubernetes/enhancements as v1.37 ends, with the fixtures' real KEPs:
 * 5311 and 1710 are stable and implemented, 4443 says latest-milestone v1.38,
 * 5598 and 5517 stayed in v1.37, 5547 was opted in without a milestone,
 * 9999 has no KEP, 6012 is in v1.38 already, 961 keeps only a tracked/ label,
 * 5941 has nothing of the release's.
 */
function endOfV137(): FakeIssue[] {
  const withStatus = (i: FakeIssue, status: string, stage: string): FakeIssue => ({
    ...i,
    comments: [{ id: 2 ** 31 + i.number, author: VIEWER, body: statusBody("v1.37", status, stage) }],
  });
  return [
    withStatus(issue(5311, ["lead-opted-in", "tracked/yes", "sig/network"], V137), "Tracked for docs freeze", "stable"),
    issue(1710, ["lead-opted-in", "tracked/yes"], V137),
    issue(4443, ["lead-opted-in", "tracked/no"], V137),
    withStatus(issue(5598, ["lead-opted-in", "tracked/yes", "stage/beta"], V137), "Tracked for docs freeze", "beta"),
    withStatus(issue(5517, ["lead-opted-in", "tracked/no"], V137), "Removed from milestone", "alpha"),
    issue(5547, ["lead-opted-in"], null),
    issue(9999, ["lead-opted-in"], V137),
    issue(6012, ["lead-opted-in", "tracked/yes"], V138),
    issue(961, ["tracked/out-of-tree", "sig/apps"], null),
    issue(5941, ["sig/scheduling"], null),
  ];
}

type Run = { status: number | null; stdout: string; stderr: string };

function cleanupRun(server: FakeGitHub, cacheDir: string, extra: string[] = [], now = AFTER_RELEASE): Promise<Run> {
  return new Promise((resolve) => {
    const args = [BIN, "cleanup", "--repo", `${OWNER}/${REPO}`, "--release", "v1.37", "--now", now, "--cache-dir", cacheDir, ...extra];
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH, GITHUB_TOKEN: "test-token", GITHUB_API_URL: server.url, KEP_TRACKER_THROTTLE: "off" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

async function startEndOfCycle(): Promise<{ server: FakeGitHub; issues: FakeIssue[] }> {
  const issues = endOfV137();
  const repo = fixtureRepo(issues);
  repo.milestones = [...(repo.milestones ?? []), V138];
  return { server: await startFakeGitHub({ repos: [repo], viewer: VIEWER }), issues };
}

const byNumber = (issues: FakeIssue[], n: number) => issues.find((i) => i.number === n)!;
const openWith = (issues: FakeIssue[], test: (i: FakeIssue) => boolean) =>
  issues.filter((i) => (i.state ?? "open") === "open" && test(i)).map((i) => i.number);
/** The handbook's two queries, straight on the fake's state. */
const handbookQueries = (issues: FakeIssue[]) => ({
  optedIn: openWith(issues, (i) => i.labels.includes("lead-opted-in") && i.milestone?.title !== "v1.38"),
  tracked: openWith(issues, (i) => i.labels.some((l) => l.startsWith("tracked/"))),
});

describe("kep-tracker cleanup, the built binary against a repository shaped like v1.37's end", () => {
  let server: FakeGitHub | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("closes, moves and untracks as the handbook says, leaves both handbook queries empty, and a second run writes nothing", async () => {
    const started = await startEndOfCycle();
    server = started.server;
    const { issues } = started;
    const cache = tempCacheDir();
    const first = await cleanupRun(server, cache);
    expect(first.stderr).not.toMatch(/error|warning/);
    expect(first.status).toBe(0);
    expect(server.stats().unexpected).toEqual([]);
    // Each handbook query is one page before the writes and one after; one tree listing; one batch of kep.yaml files.
    expect(server.stats().byKind).toMatchObject({ "graphql CleanupPage": 4, "graphql FilesAndPullRequests": 1 });

    for (const n of [5311, 1710]) {
      expect(byNumber(issues, n).state).toBe("closed");
      const closing = byNumber(issues, n).comments.filter((c) => c.body.includes("Implemented and stable in v1.37"));
      expect(closing).toHaveLength(1);
    }
    // The status comments of issues leaving the release got their last edit: the release's outcome.
    const finalOf = (n: number) => byNumber(issues, n).comments.find((c) => c.body.startsWith(finalMarker("v1.37")))?.body;
    expect(finalOf(5311)).toContain("**v1.37: graduated to stable**");
    expect(finalOf(5598)).toContain("**v1.37: graduated to beta**");
    expect(finalOf(5517)).toContain("**v1.37: removed from the milestone**");
    expect(byNumber(issues, 4443)).toMatchObject({ milestone: V138, labels: ["lead-opted-in"] });
    for (const n of [5598, 5517, 9999]) expect(byNumber(issues, n).milestone).toBeNull();
    expect(byNumber(issues, 5598).labels).toEqual(["stage/beta"]);
    expect(byNumber(issues, 5547).labels).toEqual([]);
    expect(byNumber(issues, 6012)).toMatchObject({ milestone: V138, labels: ["lead-opted-in"] });
    expect(byNumber(issues, 961).labels).toEqual(["sig/apps"]);
    expect(byNumber(issues, 5941).labels).toEqual(["sig/scheduling"]);
    expect(handbookQueries(issues)).toEqual({ optedIn: [], tracked: [] });

    expect(first.stdout).toContain("Closed (stable and implemented in v1.37): #1710, #5311");
    expect(first.stdout).toContain("Moved to v1.38 (opted in for it already): #4443");
    expect(first.stdout).toContain("Untracked (lead-opted-in and tracked/* removed, milestone cleared): #5517, #5547, #5598, #9999");
    expect(first.stdout).toContain("Leftover tracked/* labels removed: #961, #6012");
    expect(first.stdout).toContain('"is:open label:lead-opted-in -milestone:v1.38" comes back empty');
    expect(first.stdout).toContain('"is:open label:tracked/yes,tracked/no,tracked/out-of-tree" comes back empty');
    expect(first.stdout).toContain("Writes: 20 made");
    // The config, both queries (before and after), the milestones, one tree listing, one kep.yaml batch, a code search for #9999.
    expect(first.stdout).toContain("Requests: 9 reads, 20 writes");

    server.reset();
    const second = await cleanupRun(server, cache);
    expect(second.status).toBe(0);
    expect(server.stats().writes).toBe(0);
    expect(second.stdout).toContain("Writes: 0 made");
    // Nothing in the first query: no tree listing or kep.yaml read.
    expect(second.stdout).toContain("Requests: 6 reads, 0 writes");
    expect(second.stdout).toContain('"is:open label:lead-opted-in -milestone:v1.38" comes back empty');
  }, 60_000);

  it("prints in a dry run the writes it would make, writes nothing, and says the queries would come back empty", async () => {
    const started = await startEndOfCycle();
    server = started.server;
    const before = JSON.stringify(started.issues);
    const run = await cleanupRun(server, tempCacheDir(), ["--dry-run"]);
    expect(run.status).toBe(0);
    expect(server.stats().writes).toBe(0);
    expect(JSON.stringify(started.issues)).toBe(before);
    expect(run.stdout).toContain(
      "#5311: give the status comment 2147488959 its final edit; post the closing comment; close the issue (completed)",
    );
    expect(run.stdout).toContain("#4443: set the milestone v1.38; remove tracked/no");
    expect(run.stdout).toContain("Writes: 20 planned");
    expect(run.stdout).toContain('"is:open label:lead-opted-in -milestone:v1.38" would come back empty');
  }, 60_000);

  it("leaves the issues over --max-writes for the next run, which finishes the cleanup", async () => {
    const started = await startEndOfCycle();
    server = started.server;
    const cache = tempCacheDir();
    const first = await cleanupRun(server, cache, ["--max-writes", "5"]);
    expect(first.status).toBe(0);
    expect(server.stats().writes).toBe(5);
    expect(first.stdout).toMatch(/#4443 \(left for the next run\)/);
    expect(first.stdout).toMatch(/#4443: left for the next run \(--max-writes\)/);
    expect(handbookQueries(started.issues).optedIn.length).toBeGreaterThan(0);

    const second = await cleanupRun(server, cache);
    expect(second.status).toBe(0);
    expect(handbookQueries(started.issues)).toEqual({ optedIn: [], tracked: [] });
    // The closing comments of the first run are not posted again.
    for (const n of [5311, 1710])
      expect(byNumber(started.issues, n).comments.filter((c) => c.body.includes("Implemented and stable"))).toHaveLength(1);
  }, 60_000);

  it("refuses to run before the release date of the schedule unless --force", async () => {
    const started = await startEndOfCycle();
    server = started.server;
    const refused = await cleanupRun(server, tempCacheDir(), [], "2026-08-20T12:00:00Z");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      "v1.37 is not released before the end of Wednesday 26 August 2026 (Anywhere on Earth), by its schedule",
    );
    expect(refused.stderr).toContain("--force");
    expect(server.stats().writes).toBe(0);

    const forced = await cleanupRun(server, tempCacheDir(), ["--force"], "2026-08-20T12:00:00Z");
    expect(forced.status).toBe(0);
    expect(handbookQueries(started.issues)).toEqual({ optedIn: [], tracked: [] });
  }, 60_000);
});
