// The App server's entry point: `node dist/src/server/main.js` (npm start, the container's command).
import { Redis } from "ioredis";
import { createProbot, type Probot, ProbotOctokit, run } from "probot";
import { redisIssueLock } from "../app/issue-lock.js";
import { createApp, createAppFromEnv } from "../app/register.js";
import { type Pacer, redisPacer, UNPACED } from "../github/pacing.js";
import { errorMessage, isRecord } from "../util/narrow.js";
import { createAppServer } from "./app-server.js";
import { withoutPayloads } from "./log.js";
import { createServerMetrics } from "./metrics.js";
import { octokitMetrics } from "./octokit-metrics.js";
import { authenticationCheck, configCheck, type ReadinessCheck, redisCheck } from "./readiness.js";
import { SettingsError, serverSettings } from "./settings.js";

/** A connection to Redis for /readyz, logging when it is lost and found (ioredis reconnects by itself). */
function watchRedis(url: string, log: Probot["log"]): Redis {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let failing = false;
  client.on("error", (e: Error) => {
    if (!failing) log.warn({ err: e }, "Redis connection lost; not ready until it is back");
    failing = true;
  });
  client.on("ready", () => {
    if (failing) log.info("Redis connection back");
    failing = false;
  });
  return client;
}

/** Probot's Octokit without its pacing (Bottleneck, shared through Redis) or retries: KEP_TRACKER_THROTTLE=off, for a fake GitHub. */
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
    probot = createProbot({
      env: probotEnv,
      overrides: { log: withoutPayloads(log), Octokit: settings.throttled ? Octokit : unthrottled(Octokit) },
    });
  } catch (e) {
    // "privateKey option is required" when PRIVATE_KEY is not a key Probot can read, and the like.
    throw new SettingsError(`Probot cannot start: ${errorMessage(e)}`);
  }
  // One Redis for Probot's shared rate-limit state, the per-issue lock the replicas take turns with, and readiness.
  const redis = env.REDIS_URL ? watchRedis(env.REDIS_URL, probot.log) : null;
  // New comments count against one installation's limits whichever replica posts them.
  let pacer: Pacer | undefined;
  if (!settings.throttled) {
    pacer = UNPACED;
    probot.log.warn("KEP_TRACKER_THROTTLE=off: GitHub requests are neither paced nor retried (meant for a fake GitHub only)");
  } else if (redis) pacer = redisPacer(redis);
  const lock = redis ? redisIssueLock(redis, { log: probot.log }) : undefined;
  await probot.load(createApp({ dryRun: settings.dryRun, pacer, lock }));

  const config = configCheck(env);
  const readiness: ReadinessCheck[] = [config];
  if (config.check() === null) {
    const ask = () => probot.auth().then((octokit) => octokit.request("GET /app"));
    readiness.push(
      authenticationCheck(ask, (e) => probot.log.error({ err: e }, "the App could not authenticate with GitHub; trying again in 30 s")),
    );
  }
  // The replicas must reach it: without it they could write one issue at the same time.
  if (redis) readiness.push(redisCheck(redis));

  const server = createAppServer({
    probot,
    metrics,
    readiness,
    webhookPath: settings.webhookPath,
    maxPayloadBytes: settings.maxPayloadBytes,
  });
  server.listen(settings.port, settings.host, () =>
    probot.log.info(`kep-tracker listening on http://${settings.host}:${settings.port} (webhooks at ${settings.webhookPath})`),
  );
  process.once("SIGTERM", () => {
    server.drain();
    setTimeout(() => server.close(() => process.exit(0)), settings.shutdownDelayMs);
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
