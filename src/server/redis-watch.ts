import { Redis } from "ioredis";
import { Gauge, type Registry } from "prom-client";
import { RedisHealth } from "../util/redis-health.js";
import type { ReadinessCheck } from "./readiness.js";

type Log = { warn: (obj: object, msg: string) => void; info: (msg: string) => void };

/** How long a command to Redis may take before the App goes on without it. */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;
/** How often an idle server asks Redis whether it answers (for /readyz and /metrics; commands find out too). */
const PROBE_EVERY_MS = 2_000;

/**
 * The App's one connection to Redis (the per-issue lock and the pacing of new comments), and what
 * the server knows of it: commands time out after a second instead of hanging with a stopped
 * Redis, fail at once while it is disconnected (no offline queue, no retries per command), and
 * ioredis reconnects by itself. Losing and finding Redis is logged once each, shown by
 * `kep_tracker_redis_up` and as `degraded` in /readyz.
 */
export function watchRedis(url: string, log: Log, registry: Registry) {
  const up = new Gauge({
    name: "kep_tracker_redis_up",
    help: "1 while Redis answers; 0 while the App works without it (issues refreshed unlocked, new comments paced per replica).",
    registers: [registry],
  });
  up.set(1);
  const health = new RedisHealth((down) => {
    up.set(down === null ? 1 : 0);
    if (down === null) log.info("Redis answers again: issue locks and the pacing of new comments are shared between replicas again");
    else
      log.warn(
        { err: down },
        "Redis does not answer: refreshing issues without the cross-replica lock " +
          "and pacing new comments in this replica alone until it does",
      );
  });
  const client = new Redis(url, {
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  client.on("error", (e: Error) => health.failed(e));
  const probe = setInterval(() => {
    client.ping().then(
      () => health.answered(),
      (e: unknown) => health.failed(e),
    );
  }, PROBE_EVERY_MS);
  probe.unref();
  const degraded: ReadinessCheck = {
    name: "redis",
    check: () => (health.problem === null ? null : `Redis does not answer (${health.problem}); working without it`),
  };
  const stop = () => {
    clearInterval(probe);
    client.disconnect();
  };
  return { client, health, degraded, stop };
}
