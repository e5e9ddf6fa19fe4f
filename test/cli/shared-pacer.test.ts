import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRepo, OWNER, seedOf, VIEWER } from "../../bench/synthetic.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { sharedPacer } from "../../src/cli/shared-pacer.js";
import { redisPacer } from "../../src/github/pacing.js";
import { freePort } from "../helpers/ports.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";
import { tempCacheDir } from "../helpers/sweep.js";
import { sweepBinary } from "../helpers/sweep-binary.js";

const WINDOW = `kep-tracker:creations:${OWNER}`;

describe("a sweep given the App's REDIS_URL", { timeout: 60_000 }, () => {
  let redis: RedisServer;
  let client: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  it("counts its new comments in the same window as the App's replicas, so that together they stay within GitHub's limits", async () => {
    await client.del(WINDOW);
    const app = redisPacer(client);
    const sweep = await sharedPacer(redis.url, () => {});
    await app.take(OWNER);
    await sweep.take(OWNER);
    await sweep.take(OWNER);
    expect(await client.zcard(WINDOW)).toBe(3);
  });

  it("paces the new comments of a real sweep in that window: the pacer goes to the sweep's GitHub client", async () => {
    await client.del(WINDOW);
    const repo = buildRepo(3);
    const server: FakeGitHub = await startFakeGitHub(seedOf(repo));
    try {
      // Paced as against GitHub (KEP_TRACKER_THROTTLE unset), so each write waits its turn.
      const run = await sweepBinary(server, tempCacheDir(), { env: { REDIS_URL: redis.url, KEP_TRACKER_THROTTLE: "" } });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^Writes: \d+ made/m);
      const created = repo.issues.flatMap((i) => i.comments.filter((c) => c.author === VIEWER)).length;
      expect(created).toBeGreaterThan(0);
      // Every content-creating request took its turn in the window: new comments, labels added, reactions.
      const kinds = server.stats().byKind;
      const creating = Object.entries(kinds).filter(([k]) => /^POST (comments|labels|reaction)$/.test(k));
      expect(await client.zcard(WINDOW)).toBe(creating.reduce((n, [, count]) => n + count, 0));
    } finally {
      await server.close();
    }
  });

  it("counts on its own, with one warning, when REDIS_URL does not answer", async () => {
    const warnings: string[] = [];
    const pacer = await sharedPacer(`redis://127.0.0.1:${await freePort()}`, (m) => warnings.push(m));
    await pacer.take(OWNER);
    expect(warnings).toEqual([expect.stringContaining("REDIS_URL does not answer")]);
  });

  it("goes on counting alone within seconds when Redis hangs after connecting (SIGSTOP), not forever", async () => {
    const pacer = await sharedPacer(redis.url, () => {});
    redis.signal("SIGSTOP");
    try {
      const started = performance.now();
      await pacer.take(OWNER);
      await pacer.take(OWNER);
      // One command timeout (about a second), then the in-process count without asking again.
      expect(performance.now() - started).toBeLessThan(3_000);
    } finally {
      redis.signal("SIGCONT");
    }
  });

  it("still exits when its work is done: the Redis connection does not keep the built binary alive", async () => {
    const repo = buildRepo(10);
    const server: FakeGitHub = await startFakeGitHub(seedOf(repo));
    try {
      const run = await sweepBinary(server, tempCacheDir(), {
        args: ["--dry-run"],
        env: { REDIS_URL: redis.url, KEP_TRACKER_THROTTLE: "" },
      });
      expect(run.stderr).not.toMatch(/REDIS_URL does not answer/);
      expect(run.status).toBe(0);
    } finally {
      await server.close();
    }
  });
});
