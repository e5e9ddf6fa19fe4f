import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisIssueLock } from "../../src/github/issue-lock.js";
import { redisPacer } from "../../src/github/pacing.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `n` requests for the issue have taken their ticket (in Redis), whatever the machine's load. */
async function tickets(redis: Redis, key: string, n: number): Promise<void> {
  while (Number(await redis.hget(`kep-tracker:refresh:${key}`, "req")) < n) await later(10);
}

describe("the per-issue lock in a real redis-server", { timeout: 60_000 }, () => {
  let server: RedisServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedis();
    redis = new Redis(server.url);
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  }, 60_000);

  it("lets one holder at a time refresh, and skips a waiter whose event a later refresh already covered", async () => {
    const [a, b] = [redisIssueLock(redis), redisIssueLock(redis)];
    const order: string[] = [];
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const held = a.around("k/e#1", async () => {
      order.push("a starts");
      started();
      await new Promise<void>((resolve) => (release = resolve));
      order.push("a ends");
      return "a";
    });
    await running;
    // b asked before a ended but after a started reading: b must run.
    const waiting = b.around("k/e#1", async () => (order.push("b runs"), "b"));
    await tickets(redis, "k/e#1", 2);
    release();
    expect(await held).toEqual({ ran: true, value: "a" });
    expect(await waiting).toEqual({ ran: true, value: "b" });
    expect(order).toEqual(["a starts", "a ends", "b runs"]);
  });

  it("collapses waiters across replicas: three asking during one refresh make one more refresh, not three", async () => {
    const locks = [0, 1, 2, 3].map(() => redisIssueLock(redis));
    let runs = 0;
    let release: (() => void) | undefined;
    const first = locks[0]!.around("k/e#2", () => new Promise<string>((resolve) => (runs++, (release = () => resolve("first")))));
    while (!release) await later(10);
    const waiters = locks.slice(1).map((l) => l.around("k/e#2", async () => (runs++, await later(50), "again")));
    await tickets(redis, "k/e#2", 4);
    release();
    const outcomes = await Promise.all(waiters);
    await first;
    expect(runs).toBe(2);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
  });

  it("never lets another replica's refresh cover a request that must run (an /untrack reason to write)", async () => {
    const locks = [0, 1, 2].map(() => redisIssueLock(redis));
    let release: (() => void) | undefined;
    const first = locks[0]!.around("k/e#5", () => new Promise<string>((resolve) => (release = () => resolve("first"))));
    while (!release) await later(10);
    const plain = locks[1]!.around("k/e#5", async () => "plain");
    const reason = locks[2]!.around("k/e#5", async () => "reason", { mustRun: true });
    await tickets(redis, "k/e#5", 3);
    release();
    await first;
    const outcomes = await Promise.all([plain, reason]);
    expect(outcomes[1]).toEqual({ ran: true, value: "reason" });
  });

  it("lets only a refresh that ended well cover the requests before it: one that could not read GitHub covers none", async () => {
    const locks = [0, 1, 2].map(() => redisIssueLock(redis));
    let release: (() => void) | undefined;
    const first = locks[0]!.around("k/e#6", () => new Promise<string>((resolve) => (release = () => resolve("first"))));
    while (!release) await later(10);
    const endedWell = (v: string) => v !== "unread";
    let runs = 0;
    const waiters = [1, 2].map((i) => locks[i]!.around("k/e#6", async () => (runs++ === 0 ? "unread" : "read"), { endedWell }));
    await tickets(redis, "k/e#6", 3);
    release();
    await first;
    const outcomes = await Promise.all(waiters);
    expect(outcomes.map((o) => o.ran)).toEqual([true, true]);
    expect(runs).toBe(2);
  });

  it("frees an issue whose holder died, once its lock expires", async () => {
    await redis.set("kep-tracker:lock:k/e#3", "a-dead-replica", "PX", 300);
    const started = Date.now();
    expect(await redisIssueLock(redis).around("k/e#3", async () => "mine")).toEqual({ ran: true, value: "mine" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // Released by token: nothing is left behind.
    expect(await redis.get("kep-tracker:lock:k/e#3")).toBeNull();
  });

  it("tells a holder it no longer holds the issue once a waiter took it over, and the waiter that it is not alone", async () => {
    const [a, b] = [redisIssueLock(redis), redisIssueLock(redis, { maxWaitMs: 100 })];
    let release!: () => void;
    let heldByA!: () => Promise<boolean>;
    const first = a.around("k/e#4", async (held) => {
      heldByA = held;
      await new Promise<void>((resolve) => (release = resolve));
      return held();
    });
    while (!heldByA) await later(10);
    expect(await heldByA()).toBe(true);
    // a works on (GitHub slow) past b's patience: b takes over, and writes as one that must re-check.
    expect(await b.around("k/e#4", async (held) => held())).toEqual({ ran: true, value: false });
    release();
    expect(await first).toEqual({ ran: true, value: false });
    // Unlocked when each ended: a's release does not free b's lock, b's own does.
    expect(await redis.get("kep-tracker:lock:k/e#4")).toBeNull();
  });

  it("shares the content-creation window between processes", async () => {
    let now = 1_000_000;
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const limits = [{ count: 2, perMs: 60_000 }];
    const [p1, p2] = [redisPacer(redis, undefined, limits, clock), redisPacer(redis, undefined, limits, clock)];
    await p1.take("kubernetes");
    await p2.take("kubernetes");
    expect(now).toBe(1_000_000);
    await p1.take("kubernetes");
    expect(now).toBe(1_060_000);
  });
});
