import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { commentEvent, sendWebhook } from "../../fake-github/webhooks.js";
import { PRIVATE_KEY } from "../helpers/app.js";
import { burstIssue } from "../helpers/burst.js";
import { APP_SEED, configAhead, fixtureRepo, statusComments } from "../helpers/fake.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";
import { PROCESS_SECRET, type ServerProcess, startServerProcess, until } from "../helpers/server-process.js";
import { tempCacheDir } from "../helpers/sweep.js";

// The deployed configuration: GitHub requests paced and retried (no KEP_TRACKER_THROTTLE=off), one Redis
// shared by the App and the scheduled sweep (the CronJob is given the App's REDIS_URL).

const BIN = fileURLToPath(new URL("../../bin/kep-tracker.js", import.meta.url));
type Run = { status: number | null; stdout: string; stderr: string };

/** `kep-tracker sweep` as the App (its credentials, as the CronJob runs it), sharing `redisUrl`. */
function sweepAsApp(fake: FakeGitHub, redisUrl: string): { done: Promise<Run>; exited: () => boolean } {
  let exited = false;
  const done = new Promise<Run>((resolve) => {
    const child = spawn(process.execPath, [BIN, "sweep", "--repo", "kubernetes/enhancements", "--cache-dir", tempCacheDir()], {
      env: { PATH: process.env.PATH, APP_ID: "1", PRIVATE_KEY, GITHUB_API_URL: fake.url, REDIS_URL: redisUrl },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => {
      exited = true;
      resolve({ status, stdout, stderr });
    });
  });
  return { done, exited: () => exited };
}

let fake: FakeGitHub | undefined;
let redis: RedisServer | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  server?.kill();
  await redis?.stop();
  await fake?.close();
});

describe("a sweep beside the App, sharing its Redis, with production pacing", () => {
  it("keeps an /untrack that lands after the sweep read the issue: its reason, and labels that agree with the comment", {
    timeout: 240_000,
  }, async () => {
    const issue = burstIssue();
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue], configAhead())], ...APP_SEED });
    redis = await startRedis();
    server = await startServerProcess(new URL(fake.url).host, { REDIS_URL: redis.url });
    await until(async () => (await fetch(`${server!.url}/readyz`)).status === 200, 60_000, `ready\n${server.output()}`);

    // The sweep reads the issue (one page), then its KEP's files come 30 s late: it writes from what it read.
    fake.inject({ when: "graphql FilesAndPullRequests", fault: { delayMs: 30_000 } });
    const sweep = sweepAsApp(fake, redis.url);
    await until(() => (fake!.stats().byKind["graphql SweepPage"] ?? 0) >= 1, 60_000, "the sweep's page");

    // Meanwhile a release team member takes the KEP out of the release; the App acts on it at once.
    const repo = fake.world.repos[0]!;
    const untrack = commentEvent(fake.world, repo, issue, "enhancements-shadow", "/untrack waiting on API review");
    expect([200, 202]).toContain((await sendWebhook(server.webhooks, PROCESS_SECRET, "issue_comment", untrack)).status);
    await until(() => statusComments(issue).some((c) => c.body.includes("waiting on API review")), 60_000, `/untrack\n${server.output()}`);
    // The race is real: the App was done before the sweep wrote anything.
    expect(sweep.exited()).toBe(false);
    expect(issue.labels).toContain("tracked/no");

    const run = await sweep.done;
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stderr).toContain("#3541 changed since this run read it; evaluated again as it is now");
    const comments = statusComments(issue);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("Reason: waiting on API review.");
    expect(comments[0]!.body).toContain("**Status: Removed from milestone**");
    expect(issue.labels).toContain("tracked/no");
    expect(issue.labels).not.toContain("tracked/yes");
    expect(issue.milestone).toBeNull();
    expect(fake.stats().unexpected).toEqual([]);
  });
});
