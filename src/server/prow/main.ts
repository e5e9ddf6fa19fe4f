// The Prow external plugin's entry point: `kep-tracker plugin --hmac-secret-file F --github-token-path T ...`
// (bin/kep-tracker.js hands `plugin` here), or `node dist/src/server/prow/main.js ...` in the image.
import { readFile } from "node:fs/promises";
import { Probot, type ProbotOctokit } from "probot";
import { createApp } from "../../app/register.js";
import { IdentityError, tokenFromFile, tokenIdentity } from "../../github/identity.js";
import { errorMessage, isRecord } from "../../util/narrow.js";
import { createAppServer } from "../app-server.js";
import { createServerMetrics } from "../metrics.js";
import { authenticationCheck } from "../readiness.js";
import { probotBasics, serve, sharedState } from "../runtime.js";
import { deliverySettings, SettingsError } from "../settings.js";
import { PLUGIN_USAGE, type PluginFlags, parsePluginFlags } from "./flags.js";
import { HELP_PATH, helpRoute } from "./help-route.js";
import { hmacVerifier } from "./hmac.js";

/** Where forwarded events arrive: Prow's plugins serve them at the root. */
const EVENTS_PATH = "/";

/** GraphQL at its own endpoint (--github-graphql-endpoint), when ghproxy serves it elsewhere than REST's /graphql. */
function graphqlAt(Octokit: typeof ProbotOctokit, endpoint: string | null): typeof ProbotOctokit {
  if (!endpoint) return Octokit;
  return Octokit.plugin((octokit) => {
    octokit.hook.before("request", (options) => {
      if (options.url === "/graphql") options.url = endpoint;
    });
  });
}

/** The files the flags name, read once at start so that a wrong path stops the process with one line. */
async function secrets(flags: PluginFlags): Promise<string> {
  try {
    await readFile(flags.hmacSecretFile, "utf8");
    return tokenFromFile(flags.githubTokenPath);
  } catch (e) {
    throw new SettingsError(e instanceof IdentityError ? e.message : `cannot read --hmac-secret-file: ${errorMessage(e)}`);
  }
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const flags = parsePluginFlags(argv);
  if (flags.help) {
    process.stdout.write(`${PLUGIN_USAGE}\n`);
    return;
  }
  const token = await secrets(flags);
  const settings = deliverySettings(env);
  const metrics = createServerMetrics();
  const { log, Octokit } = await probotBasics(env, metrics, settings.throttled);
  // The robot's token for every request: Probot hands each event this one client, as the token's user.
  const probot = new Probot({ githubToken: token, baseUrl: flags.githubEndpoint, log, Octokit: graphqlAt(Octokit, flags.graphqlEndpoint) });
  const { redis, pacer, lock } = sharedState(env, settings.throttled, log, metrics);
  const identity = tokenIdentity(() => probot.auth());
  await probot.load(createApp({ dryRun: flags.dryRun || settings.dryRun, pacer, lock, identity }));
  const server = createAppServer({
    probot,
    metrics,
    readiness: [
      authenticationCheck(identity.prove, (e) => log.error({ err: e }, "GitHub refused the plugin's token; trying again in 30 s")),
    ],
    degraded: redis ? [redis.degraded] : [],
    webhookPath: EVENTS_PATH,
    maxPayloadBytes: settings.maxPayloadBytes,
    bufferBytes: settings.bufferBytes,
    headersTimeoutMs: settings.headersTimeoutMs,
    requestTimeoutMs: settings.requestTimeoutMs,
    answerWithinMs: settings.answerWithinMs,
    // A forged or misrouted delivery is refused before any GitHub request.
    signature: { verify: hmacVerifier(flags.hmacSecretFile), refusedWith: 401, secretName: "the hmac secret" },
    eventNeeds: identity.eventNeeds,
    routes: [helpRoute(() => probot.auth())],
  });
  const timing = { ...settings, port: flags.port, host: env.HOST || "0.0.0.0" };
  serve(server, timing, log, redis, `Prow external plugin: events at ${EVENTS_PATH}, help at ${HELP_PATH}`);
  void identity.describe().then(
    (who) => log.info(`acting as ${who}${flags.dryRun ? " (dry run: writes are logged, none made)" : ""}`),
    () => {},
  );
}

await main(process.argv.slice(2), process.env).catch((e: unknown) => {
  const text = e instanceof SettingsError ? e.message : isRecord(e) && typeof e.stack === "string" ? e.stack : String(e);
  process.stderr.write(`kep-tracker plugin: ${text}\n`);
  process.exit(2);
});
