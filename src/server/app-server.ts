import { createServer, type Server } from "node:http";
import type { Probot } from "probot";
import type { ServerMetrics } from "./metrics.js";
import type { ReadinessCheck } from "./readiness.js";
import { chain, operationalRoutes } from "./routes.js";
import { webhookReceiver } from "./webhook-receiver.js";

export type AppServerOptions = {
  /** A Probot with the App loaded; its webhooks verify and dispatch deliveries. */
  probot: Probot;
  metrics: ServerMetrics;
  readiness: readonly ReadinessCheck[];
  webhookPath: string;
  maxPayloadBytes: number;
  answerWithinMs?: number;
};

/**
 * The App's HTTP server, not yet listening: the webhook endpoint, /healthz, /readyz and /metrics.
 * Built on node:http rather than Probot's server so that the size limit runs before Probot reads a
 * byte (Probot 14 puts its webhook middleware ahead of any handler an app adds).
 */
export function createAppServer(opts: AppServerOptions): Server & { drain: () => void } {
  let draining = false;
  const shutdown: ReadinessCheck = { name: "shutdown", check: () => (draining ? "shutting down" : null) };
  const log = opts.probot.log;
  const listener = chain(
    [
      operationalRoutes({ registry: opts.metrics.registry, readiness: () => [...opts.readiness, shutdown] }),
      webhookReceiver({
        webhooks: opts.probot.webhooks,
        path: opts.webhookPath,
        maxBytes: opts.maxPayloadBytes,
        log,
        metrics: opts.metrics,
        answerWithinMs: opts.answerWithinMs,
      }),
    ],
    (e) => log.error({ err: e }, "request failed"),
  );
  const server = createServer((req, res) => void listener(req, res));
  // Slow clients cannot hold a connection open forever (GitHub sends a delivery in one go).
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  const drain = () => {
    draining = true;
  };
  return Object.assign(server, { drain });
}
