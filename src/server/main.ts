// The App server's entry point: `node dist/src/server/main.js` (npm start, the container's command).
import { createProbot, type Probot, ProbotOctokit, run } from "probot";
import { createApp, createAppFromEnv } from "../app/register.js";
import { redisIssueLock } from "../github/issue-lock.js";
import { CreationPacer, type Pacer, redisPacer, spaceReplies, UNPACED } from "../github/pacing.js";
import { errorMessage, isRecord } from "../util/narrow.js";
import { createAppServer } from "./app-server.js";
import { withoutPayloads } from "./log.js";
import { createServerMetrics } from "./metrics.js";
import { octokitMetrics } from "./octokit-metrics.js";
import { authenticationCheck, configCheck, type ReadinessCheck } from "./readiness.js";
import { watchRedis } from "./redis-watch.js";
import { SettingsError, serverSettings } from "./settings.js";

/** Probot's Octokit without its pacing (Bottleneck) or retries: KEP_TRACKER_THROTTLE=off, for a fake GitHub. */
function unthrottled(Octokit: typeof ProbotOctokit): typeof ProbotOctokit {
  type Options = { throttle?: object };
  return Octokit.defaults((options: Options) => ({
    ...options,
    throttle: { ...options.throttle, enabled: false },
    retry: { enabled: false },
  }));
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const settings = serverSettings(env);
  const metrics = createServerMetrics();
  const probotEnv = { LOG_LEVEL: "info" as const, ...env };
  // Probot's logger as the environment configures it (format, level, Sentry), taken from a Probot
  // made only for it (without Redis), so that errors can be logged without the delivery they carry.
  let probot: Probot;
  try {
    const { log } = await createProbot({ env: { ...probotEnv, REDIS_URL: "" } }).ready();
    const Octokit = ProbotOctokit.plugin(octokitMetrics(metrics));
    // Without REDIS_URL: Probot would pace every GitHub request through Redis (Bottleneck's
    // clustering, with ioredis' default 20 retries), so that a Redis outage failed every request.
    // Each replica paces its own requests (a write a second, a comment every 3 s: with two
    // replicas still within GitHub's secondary limits); new comments, the limit that binds, are
    // counted across replicas in Redis by github/pacing.ts, which goes on without it.
    probot = createProbot({
      env: { ...probotEnv, REDIS_URL: "" },
      overrides: { log: withoutPayloads(log), Octokit: settings.throttled ? Octokit : unthrottled(Octokit) },
    });
  } catch (e) {
    // "privateKey option is required" when PRIVATE_KEY is not a key Probot can read, and the like.
    throw new SettingsError(`Probot cannot start: ${errorMessage(e)}`);
  }
  // One Redis for the per-issue lock the replicas take turns with and the pacing of new comments.
  const redis = env.REDIS_URL ? watchRedis(env.REDIS_URL, probot.log, metrics.registry) : null;
  // New comments count against one installation's limits whichever replica posts them.
  let pacer: Pacer | undefined;
  if (!settings.throttled) {
    pacer = UNPACED;
    probot.log.warn("KEP_TRACKER_THROTTLE=off: GitHub requests are neither paced nor retried (meant for a fake GitHub only)");
  } else pacer = spaceReplies(redis ? redisPacer(redis.client, undefined, undefined, undefined, redis.health) : new CreationPacer());
  const lock = redis ? redisIssueLock(redis.client, { log: probot.log, health: redis.health }) : undefined;
  await probot.load(createApp({ dryRun: settings.dryRun, pacer, lock }));

  const config = configCheck(env);
  const readiness: ReadinessCheck[] = [config];
  if (config.check() === null) {
    const ask = () => probot.auth().then((octokit) => octokit.request("GET /app"));
    readiness.push(
      authenticationCheck(ask, (e) => probot.log.error({ err: e }, "the App could not authenticate with GitHub; trying again in 30 s")),
    );
  }
  const server = createAppServer({
    probot,
    metrics,
    readiness,
    // Not a reason to take no deliveries: every replica shares the one Redis, and the App works without it.
    degraded: redis ? [redis.degraded] : [],
    webhookPath: settings.webhookPath,
    maxPayloadBytes: settings.maxPayloadBytes,
    bufferBytes: settings.bufferBytes,
    headersTimeoutMs: settings.headersTimeoutMs,
    requestTimeoutMs: settings.requestTimeoutMs,
    answerWithinMs: settings.answerWithinMs,
  });
  server.listen(settings.port, settings.host, () =>
    probot.log.info(`kep-tracker listening on http://${settings.host}:${settings.port} (webhooks at ${settings.webhookPath})`),
  );
  // Accepted means done: the deliveries answered (202 included) finish before the process exits.
  process.once("SIGTERM", () => {
    probot.log.info(`SIGTERM: not ready; taking no new deliveries in ${settings.shutdownDelayMs} ms, then finishing those taken`);
    void server.shutdown({ delayMs: settings.shutdownDelayMs, graceMs: settings.shutdownGraceMs }).then(({ unfinished }) => {
      if (unfinished.length)
        probot.log.error(
          { deliveries: unfinished },
          `${unfinished.length} deliveries unfinished at shutdown; redeliver them from the App's settings`,
        );
      else probot.log.info("every delivery taken is done; exiting");
      redis?.stop();
      process.exit(0);
    });
  });
}

// .env, as `probot run` reads it (Node's own reader; the file is optional).
try {
  process.loadEnvFile();
} catch {
  // No .env: the environment alone.
}
// Without credentials outside production, Probot's setup page registers the App and writes .env.
const unconfigured = !process.env.APP_ID || !(process.env.PRIVATE_KEY || process.env.PRIVATE_KEY_PATH);
if (unconfigured && process.env.NODE_ENV !== "production") await run(createAppFromEnv(process.env));
else {
  await main(process.env).catch((e: unknown) => {
    process.stderr.write(
      `kep-tracker: ${e instanceof SettingsError ? e.message : isRecord(e) && typeof e.stack === "string" ? e.stack : String(e)}\n`,
    );
    process.exit(2);
  });
}
