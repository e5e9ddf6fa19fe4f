// The App as `npm start` runs it (Probot with kep-tracker loaded, behind the
// project's own HTTP server: signed webhooks, /healthz, /metrics), pointed at
// the fake GitHub, with a private key made for this run only.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createCaches } from "../src/app/caches.js";
import { createApp } from "../src/app/register.js";
import { createAppServer } from "../src/server/app-server.js";
import { withoutPayloads } from "../src/server/log.js";
import { createServerMetrics } from "../src/server/metrics.js";
import { octokitMetrics } from "../src/server/octokit-metrics.js";
import { GITHUB_MAX_PAYLOAD_BYTES } from "../src/server/webhook-receiver.js";

const WEBHOOK_PATH = "/api/github/webhooks";

/** The App's identity for one run: nothing to register, nothing kept afterwards. */
export type Credentials = { appId: number; privateKey: string; webhookSecret: string };

export function throwawayCredentials(): Credentials {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return { appId: 1, privateKey, webhookSecret: randomBytes(16).toString("hex") };
}

export type RunningApp = {
  webhookUrl: string;
  /** Deliveries the server has received so far, by outcome ("ok", "ignored", "error", …), from its own metrics. */
  deliveries: () => Promise<Record<string, number>>;
  close: () => Promise<void>;
};

/**
 * Starts the App's server on a free loopback port. `now` is the App's clock (the
 * story moves it). Warnings and errors go to stderr as JSON lines; the story's
 * output stays on stdout. Retries and GitHub's write pacing are off: the fake
 * has no rate limit, and the story should not wait a second per write.
 */
export async function startApp(opts: {
  githubUrl: string;
  credentials: Credentials;
  now: () => Date;
  logLevel: string;
}): Promise<RunningApp> {
  const { credentials } = opts;
  const metrics = createServerMetrics();
  const probot = new Probot({
    appId: credentials.appId,
    privateKey: credentials.privateKey,
    secret: credentials.webhookSecret,
    baseUrl: opts.githubUrl,
    log: withoutPayloads(pino({ level: opts.logLevel }, pino.destination(2))),
    Octokit: ProbotOctokit.plugin(octokitMetrics(metrics)).defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  await probot.load(createApp({ caches: createCaches(), now: opts.now }));
  // GitHub's 10 s answer limit does not apply here: waiting for the handlers keeps the story in order on a busy machine.
  const server = createAppServer({
    probot,
    metrics,
    readiness: [],
    webhookPath: WEBHOOK_PATH,
    maxPayloadBytes: GITHUB_MAX_PAYLOAD_BYTES,
    answerWithinMs: 120_000,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    webhookUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    deliveries: async () => {
      const counts: Record<string, number> = {};
      for (const { labels, value } of (await metrics.deliveries.get()).values)
        counts[String(labels.outcome)] = (counts[String(labels.outcome)] ?? 0) + value;
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
