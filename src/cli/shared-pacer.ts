import { type IssueLock, noLock, redisIssueLock } from "../github/issue-lock.js";
import { CreationPacer, type Pacer, redisPacer } from "../github/pacing.js";
import { errorMessage } from "../util/narrow.js";
import { RedisHealth } from "../util/redis-health.js";

/** What a command shares with the App's replicas through their Redis: the creation windows and the per-issue lock. */
export type SharedRedis = { pacer: Pacer; lock: IssueLock };

/**
 * The content-creation windows the App's replicas keep in Redis, for a sweep given the same
 * REDIS_URL: its new comments and the App's then count against GitHub's limits (80 a minute, 500
 * an hour) together. And the App's per-issue lock: the sweep writes an issue only while it holds
 * it, so that it never writes over what the App has just done there (sweep/locked-write.ts).
 * Redis that cannot be reached, or stops answering (a command times out after a second), leaves the
 * sweep its own in-process count and no lock, and the connection never keeps the command
 * from exiting once its work is done (nor lets it exit mid-command).
 */
export async function sharedRedis(url: string, warn: (m: string) => void): Promise<SharedRedis> {
  // Loaded only when asked for: a sweep without Redis is spared the module.
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    commandTimeout: 1_000,
  });
  // A lost connection is answered by the pacer's and the lock's fallbacks; ioredis would otherwise report it as unhandled.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (e) {
    warn(
      `REDIS_URL does not answer (${errorMessage(e)}): new comments are counted by this sweep alone, and it writes without the App's lock`,
    );
    client.disconnect();
    return { pacer: new CreationPacer(), lock: noLock };
  }
  // Idle, the connection holds nothing up; while a command is out, it is all the command may
  // wait on, and must keep it alive (unreferenced then, the process would exit mid-sweep with status 0).
  client.stream.unref();
  let asking = 0;
  const redis = {
    async eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown> {
      if (asking++ === 0) client.stream.ref();
      try {
        return await client.eval(script, numKeys, ...args);
      } finally {
        if (--asking === 0) client.stream.unref();
      }
    },
  };
  // One view of whether Redis answers: once the pacer finds it away, the lock does not wait on it either.
  const health = new RedisHealth((down) =>
    warn(
      down === null
        ? "Redis answers again: new comments are counted with the App's, and issues written under its lock"
        : `Redis stopped answering (${down}): new comments are counted by this sweep alone, and it writes without the App's lock`,
    ),
  );
  return {
    pacer: redisPacer(redis, new CreationPacer(), undefined, undefined, health),
    lock: redisIssueLock(redis, { health, log: { warn: (obj, msg) => warn(`${msg} ${JSON.stringify(obj)}`) } }),
  };
}

/** The shared creation windows alone. */
export async function sharedPacer(url: string, warn: (m: string) => void): Promise<Pacer> {
  return (await sharedRedis(url, warn)).pacer;
}
