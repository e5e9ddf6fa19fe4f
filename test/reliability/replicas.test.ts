import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { issuesEvent } from "../../fake-github/webhooks.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { BURST, burstIssue } from "../helpers/burst.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";
import { MODES, ownLogin } from "../helpers/modes.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";
import { type ServerProcess, startReplicas } from "../helpers/server-process.js";

const TRIALS = 20;

/** Resolves once the fake GitHub has had no request for 4 s: every refresh of the burst has ended. */
async function quiet(fake: FakeGitHub): Promise<void> {
  const count = () => fake.stats().reads + fake.stats().writes;
  for (let last = -1; last !== count(); ) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
  }
}

/**
 * Each replica: the built server process (the App's `npm start`, or `kep-tracker plugin`) on the fake GitHub,
 * sharing one Redis. A fake GitHub: Probot's pacing (requests 1 s and new comments 3 s apart, shared through
 * Redis) would only slow the trials.
 */
const REPLICA_ENV = { KEP_TRACKER_THROTTLE: "off", LOG_LEVEL: "warn" };

describe.each(MODES)("two kep-tracker processes (as the %s) sharing a real redis-server", { timeout: 300_000 }, (mode) => {
  let fake: FakeGitHub;
  let redis: RedisServer;
  let replicas: ServerProcess[] = [];
  const issue = burstIssue();

  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED });
    redis = await startRedis();
    replicas = await startReplicas(new URL(fake.url).host, { ...REPLICA_ENV, REDIS_URL: redis.url }, mode);
  }, 120_000);

  afterAll(async () => {
    for (const r of replicas) r.kill();
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
          replicas[i % 2]!.deliver("issues", issuesEvent(fake.world, repo, issue, action, "sig-apps-lead", extra)),
        ),
      );
      // 202: a delivery still waiting its turn after 9 s (a busy machine) is answered and finished anyway.
      expect(
        answers.every((a) => a.status === 200 || a.status === 202),
        replicas.map((r) => r.output()).join("\n"),
      ).toBe(true);
      if (answers.some((a) => a.status === 202)) await quiet(fake);
      counts.push(issue.comments.filter((c) => c.author === ownLogin(mode, fake) && c.body.startsWith(STATUS_MARKER)).length);
    }
    expect(counts).toEqual(counts.map(() => 1));
    // One posted per trial, none posted and then deleted as a duplicate.
    expect(fake.stats().byKind["POST comments"]).toBe(TRIALS);
    expect(fake.stats().byKind["DELETE comment"]).toBeUndefined();
    expect(fake.stats().unexpected).toEqual([]);
  });
});
