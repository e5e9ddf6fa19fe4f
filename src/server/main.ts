// The App server's entry point: `node dist/src/server/main.js` (npm start, the container's command).
import { createProbot, type Probot, run } from "probot";
import { createApp, createAppFromEnv } from "../app/register.js";
import { appIdentity } from "../github/identity.js";
import { errorMessage, isRecord } from "../util/narrow.js";
import { createAppServer } from "./app-server.js";
import { createServerMetrics } from "./metrics.js";
import { authenticationCheck, configCheck, type ReadinessCheck } from "./readiness.js";
import { probotBasics, serve, sharedState } from "./runtime.js";
import { SettingsError, serverSettings } from "./settings.js";

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const settings = serverSettings(env);
  const metrics = createServerMetrics();
  let probot: Probot;
  try {
    const { log, Octokit } = await probotBasics(env, metrics, settings.throttled);
    probot = createProbot({ env: { LOG_LEVEL: "info", ...env, REDIS_URL: "" }, overrides: { log, Octokit } });
  } catch (e) {
    // "privateKey option is required" when PRIVATE_KEY is not a key Probot can read, and the like.
    throw new SettingsError(`Probot cannot start: ${errorMessage(e)}`);
  }
  const { redis, pacer, lock } = sharedState(env, settings.throttled, probot.log, metrics);
  const identity = appIdentity(() => probot.auth());
  await probot.load(createApp({ dryRun: settings.dryRun, pacer, lock, identity }));

  const config = configCheck(env);
  const readiness: ReadinessCheck[] = [config];
  if (config.check() === null) {
    readiness.push(
      authenticationCheck(identity.prove, (e) =>
        probot.log.error({ err: e }, "the App could not authenticate with GitHub; trying again in 30 s"),
      ),
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
    eventNeeds: identity.eventNeeds,
  });
  serve(server, settings, probot.log, redis, `webhooks at ${settings.webhookPath}`);
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
