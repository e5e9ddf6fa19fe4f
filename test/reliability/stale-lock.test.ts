import { Redis } from "ioredis";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { createCaches } from "../../src/app/caches.js";
import { redisIssueLock } from "../../src/github/issue-lock.js";
import { createApp } from "../../src/index.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { deliver, OPT_IN, PRIVATE_KEY, payload } from "../helpers/app.js";
import { burstIssue } from "../helpers/burst.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";
import { until } from "../helpers/server-process.js";

/** One replica: its own App (caches, queue) on the fake, taking the issue lock in the shared Redis. */
function replica(fake: FakeGitHub, client: Redis, lock: { maxWaitMs?: number; ttlMs?: number }): Probot {
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: "s",
    baseUrl: fake.url,
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults((o: object) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  probot.load(createApp({ caches: createCaches(), now: () => OPT_IN, lock: redisIssueLock(client, lock) }));
  return probot;
}

describe("a replica whose hold on an issue lapsed while it worked", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  let redis: RedisServer;
  let client: Redis;
  const issue = burstIssue();
  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED });
    redis = await startRedis();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
    await fake.close();
  });

  it("does not post a second status comment when another replica posted one meanwhile", async () => {
    // GitHub slow for the first replica's read: the second stops waiting for the lock and refreshes the issue itself.
    const [first, second] = [replica(fake, client, { maxWaitMs: 300 }), replica(fake, client, { maxWaitMs: 300 })];
    fake.inject({ when: "graphql FilesAndPullRequests", fault: { delayMs: 3_000 } });
    const event = () => payload("issues", "labeled", (p) => (p.issue.number = issue.number));
    const slow = deliver(first, "issues", event(), "first");
    // Counted once answered: the first replica has read the issue (no status comment yet) and is on to its KEP's files.
    await until(() => (fake.stats().byKind["graphql IssueContext"] ?? 0) >= 1, 20_000, "the first replica's read");
    await deliver(second, "issues", event(), "second");
    expect(issue.comments.filter((c) => c.body.startsWith(STATUS_MARKER))).toHaveLength(1);
    await slow;
    expect(issue.comments.filter((c) => c.body.startsWith(STATUS_MARKER))).toHaveLength(1);
    expect(fake.stats().byKind["POST comments"]).toBe(1);
    expect(fake.stats().byKind["DELETE comment"]).toBeUndefined();
  });
});
