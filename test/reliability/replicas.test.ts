import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { issuesEvent, sendWebhook } from "../../fake-github/webhooks.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { PRIVATE_KEY } from "../helpers/app.js";
import { BURST, burstIssue } from "../helpers/burst.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";
import { freePort } from "../helpers/ports.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";

const MAIN = fileURLToPath(new URL("../../dist/src/server/main.js", import.meta.url));
const SECRET = "test-secret";
const TRIALS = 20;

async function until(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves once the fake GitHub has had no request for 4 s: every refresh of the burst has ended. */
async function quiet(fake: FakeGitHub): Promise<void> {
  const count = () => fake.stats().reads + fake.stats().writes;
  for (let last = -1; last !== count(); ) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
  }
}

/** One replica: the built server process (`npm start`'s), acting as the App on the fake GitHub, sharing `redisUrl`. */
function replica(port: number, githubHost: string, redisUrl: string): { proc: ChildProcess; output: () => string } {
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    APP_ID: "1",
    PRIVATE_KEY,
    WEBHOOK_SECRET: SECRET,
    HOST: "127.0.0.1",
    PORT: String(port),
    GHE_HOST: githubHost,
    GHE_PROTOCOL: "http",
    REDIS_URL: redisUrl,
    // A fake GitHub: Probot's pacing (requests 1 s and new comments 3 s apart, shared through Redis) would only slow the trials.
    KEP_TRACKER_THROTTLE: "off",
    LOG_FORMAT: "json" as const,
    LOG_LEVEL: "warn" as const,
  };
  const proc = spawn(process.execPath, [MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout!.on("data", (d) => (output += d));
  proc.stderr!.on("data", (d) => (output += d));
  return { proc, output: () => output };
}

describe("two App processes sharing a real redis-server", { timeout: 300_000 }, () => {
  let fake: FakeGitHub;
  let redis: RedisServer;
  const replicas: Array<ReturnType<typeof replica> & { url: string }> = [];
  const issue = burstIssue();

  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED });
    redis = await startRedis();
    const githubHost = new URL(fake.url).host;
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      replicas.push({ ...replica(port, githubHost, redis.url), url: `http://127.0.0.1:${port}` });
    }
    // Ready means: GitHub (the fake) accepted the App's credentials and Redis answers.
    for (const r of replicas)
      await until(async () => (await fetch(`${r.url}/readyz`)).status === 200, 90_000, `replica ready\n${r.output()}`);
  }, 120_000);

  afterAll(async () => {
    for (const r of replicas) r.proc.kill("SIGKILL");
    await redis?.stop();
    await fake?.close();
  }, 60_000);

  it(`leave one status comment in ${TRIALS} of ${TRIALS} bursts of eight deliveries shared between them`, async () => {
    const repo = fake.world.repos[0]!;
    const counts: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      issue.comments.length = 0;
      const answers = await Promise.all(
        BURST.map(([action, extra], i) =>
          sendWebhook(
            `${replicas[i % 2]!.url}/api/github/webhooks`,
            SECRET,
            "issues",
            issuesEvent(fake.world, repo, issue, action, "sig-apps-lead", extra),
          ),
        ),
      );
      // 202: a delivery still waiting its turn after 9 s (a busy machine) is answered and finished anyway.
      expect(
        answers.every((a) => a.status === 200 || a.status === 202),
        replicas.map((r) => r.output()).join("\n"),
      ).toBe(true);
      if (answers.some((a) => a.status === 202)) await quiet(fake);
      counts.push(issue.comments.filter((c) => c.author === "kep-tracker[bot]" && c.body.startsWith(STATUS_MARKER)).length);
    }
    expect(counts).toEqual(counts.map(() => 1));
    // One posted per trial, none posted and then deleted as a duplicate.
    expect(fake.stats().byKind["POST comments"]).toBe(TRIALS);
    expect(fake.stats().byKind["DELETE comment"]).toBeUndefined();
    expect(fake.stats().unexpected).toEqual([]);
  });
});
