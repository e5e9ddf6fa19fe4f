import { CreationPacer, type Pacer, redisPacer } from "../github/pacing.js";
import { errorMessage } from "../util/narrow.js";

/**
 * The content-creation windows the App's replicas keep in Redis, for a sweep given the same
 * REDIS_URL: its new comments and the App's then count against GitHub's limits (80 a minute, 500
 * an hour) together. Redis that cannot be reached, or stops answering (a command times out after a
 * second), leaves the sweep its own in-process count, and the connection never keeps the command
 * from exiting once its work is done (nor lets it exit mid-turn).
 */
export async function sharedPacer(url: string, warn: (m: string) => void): Promise<Pacer> {
  // Loaded only when asked for: a sweep without Redis is spared the module.
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    commandTimeout: 1_000,
  });
  // A lost connection is answered by the pacer's fallback; ioredis would otherwise report it as unhandled.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (e) {
    warn(`REDIS_URL does not answer (${errorMessage(e)}): new comments are counted by this sweep alone`);
    client.disconnect();
    return new CreationPacer();
  }
  // Idle, the connection holds nothing up; while a turn is being asked for, it is all the command
  // waits on, and must keep it alive (unreferenced then, the process would exit mid-sweep with status 0).
  client.stream.unref();
  const shared = redisPacer(client);
  let asking = 0;
  return {
    async take(key: string): Promise<void> {
      if (asking++ === 0) client.stream.ref();
      try {
        await shared.take(key);
      } finally {
        if (--asking === 0) client.stream.unref();
      }
    },
  };
}
