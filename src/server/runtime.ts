import { createProbot, type Probot, ProbotOctokit } from "probot";
import { type IssueLock, redisIssueLock } from "../github/issue-lock.js";
import { CreationPacer, type Pacer, redisPacer, spaceReplies, UNPACED } from "../github/pacing.js";
import type { AppServer } from "./app-server.js";
import { withoutPayloads } from "./log.js";
import type { ServerMetrics } from "./metrics.js";
import { octokitMetrics } from "./octokit-metrics.js";
import { watchRedis } from "./redis-watch.js";

/**
 * What the two front doors (the App's server and the Prow external plugin) share once they have
 * their Probot: its logger and Octokit, the Redis the replicas share, and how a process stops.
 */

type Env = Record<string, string | undefined>;
type Log = Probot["log"];

/** Probot's Octokit without its pacing (Bottleneck) or retries: KEP_TRACKER_THROTTLE=off, for a fake GitHub. */
function unthrottled(Octokit: typeof ProbotOctokit): typeof ProbotOctokit {
  type Options = { throttle?: object };
  return Octokit.defaults((options: Options) => ({
    ...options,
    throttle: { ...options.throttle, enabled: false },
    retry: { enabled: false },
  }));
}

/**
 * Probot's logger as the environment configures it (format, level, Sentry), wrapped so that errors are
 * logged without the delivery they carry, and the Octokit class every request of the process goes through.
 */
export async function probotBasics(env: Env, metrics: ServerMetrics, throttled: boolean) {
  // A Probot made only for its logger: it needs some credentials to exist, never used.
  const { log } = await createProbot({ env: { LOG_LEVEL: "info", ...env, REDIS_URL: "" }, overrides: { githubToken: "-" } }).ready();
  const Octokit = ProbotOctokit.plugin(octokitMetrics(metrics));
  return { log: withoutPayloads(log), Octokit: throttled ? Octokit : unthrottled(Octokit) };
}

export type SharedState = { redis: ReturnType<typeof watchRedis> | null; pacer: Pacer | undefined; lock: IssueLock | undefined };

/**
 * One Redis (REDIS_URL) for the per-issue lock the replicas take turns with and the pacing of new
 * comments, counted for the account whichever replica posts them. Probot is never given REDIS_URL:
 * it would pace every GitHub request through Redis (Bottleneck's clustering, with ioredis' default
 * 20 retries), so that a Redis outage failed every request. Each replica paces its own requests.
 */
export function sharedState(env: Env, throttled: boolean, log: Log, metrics: ServerMetrics): SharedState {
  const redis = env.REDIS_URL ? watchRedis(env.REDIS_URL, log, metrics.registry) : null;
  let pacer: Pacer | undefined;
  if (!throttled) {
    pacer = UNPACED;
    log.warn("KEP_TRACKER_THROTTLE=off: GitHub requests are neither paced nor retried (meant for a fake GitHub only)");
  } else pacer = spaceReplies(redis ? redisPacer(redis.client, undefined, undefined, undefined, redis.health) : new CreationPacer());
  const lock = redis ? redisIssueLock(redis.client, { log, health: redis.health }) : undefined;
  return { redis, pacer, lock };
}

type Timing = { port: number; host: string; shutdownDelayMs: number; shutdownGraceMs: number };

/** Listens, and on SIGTERM stops taking deliveries, finishes those taken (those answered 202 included), then exits. */
export function serve(server: AppServer, timing: Timing, log: Log, redis: SharedState["redis"], what: string): void {
  server.listen(timing.port, timing.host, () => log.info(`kep-tracker listening on http://${timing.host}:${timing.port} (${what})`));
  process.once("SIGTERM", () => {
    log.info(`SIGTERM: not ready; taking no new deliveries in ${timing.shutdownDelayMs} ms, then finishing those taken`);
    void server.shutdown({ delayMs: timing.shutdownDelayMs, graceMs: timing.shutdownGraceMs }).then(({ unfinished }) => {
      if (unfinished.length)
        log.error({ deliveries: unfinished }, `${unfinished.length} deliveries unfinished at shutdown; redeliver them`);
      else log.info("every delivery taken is done; exiting");
      redis?.stop();
      process.exit(0);
    });
  });
}
