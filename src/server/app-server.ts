import { createServer, type Server } from "node:http";
import type { Probot } from "probot";
import { BodyBudget } from "./body-budget.js";
import type { ServerMetrics } from "./metrics.js";
import type { ReadinessCheck } from "./readiness.js";
import { chain, type Handler, operationalRoutes } from "./routes.js";
import { webhookReceiver } from "./webhook-receiver.js";

export type AppServerOptions = {
  /** A Probot with the App loaded; its webhooks verify and dispatch deliveries. */
  probot: Probot;
  metrics: ServerMetrics;
  readiness: readonly ReadinessCheck[];
  /** Conditions shown by /readyz that do not stop it from being ready (Redis away: the App works without it). */
  degraded?: readonly ReadinessCheck[];
  webhookPath: string;
  maxPayloadBytes: number;
  /** The bytes of bodies all requests may hold at once (default: twice maxPayloadBytes). */
  bufferBytes?: number;
  answerWithinMs?: number;
  /** How long a client may take to send its headers (default 10 s), and its whole request (30 s). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** The Prow plugin's front door: the signature checked against hook's hmac secrets instead of WEBHOOK_SECRET, and refused with 401. */
  signature?: { verify: (body: string, signature: string) => Promise<boolean>; refusedWith: number; secretName: string };
  /** What a delivery must carry besides the event's own fields (the App: its installation; github/identity.ts says). */
  eventNeeds?: readonly string[];
  /** Routes served before the webhook endpoint (the plugin's /help). */
  routes?: readonly Handler[];
};

/** What a shutdown left undone: the ids of deliveries still running when the grace period ended. */
export type ShutdownResult = { unfinished: string[] };

export type AppServer = Server & {
  /** /readyz says "shutting down" from now on; requests are still served. */
  drain: () => void;
  /** Drains, keeps serving for `delayMs`, stops accepting, and waits up to `graceMs` for the deliveries it took. */
  shutdown: (opts: { delayMs: number; graceMs: number }) => Promise<ShutdownResult>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The App's HTTP server, not yet listening: the webhook endpoint, /healthz, /readyz and /metrics
 * (and, as the Prow plugin, the routes and signature check it adds).
 * Built on node:http rather than Probot's server so that the size limit runs before Probot reads a
 * byte (Probot 14 puts its webhook middleware ahead of any handler an app adds).
 */
export function createAppServer(opts: AppServerOptions): AppServer {
  let draining = false;
  const shutdown: ReadinessCheck = { name: "shutdown", check: () => (draining ? "shutting down" : null) };
  const log = opts.probot.log;
  const inFlight = new Set<{ id: string; done: Promise<void> }>();
  const budget = new BodyBudget(opts.bufferBytes ?? 2 * opts.maxPayloadBytes, (held) => opts.metrics.bufferedBytes.set(held));
  const listener = chain(
    [
      operationalRoutes({
        registry: opts.metrics.registry,
        readiness: () => [...opts.readiness, shutdown],
        degraded: () => opts.degraded ?? [],
      }),
      ...(opts.routes ?? []),
      webhookReceiver({
        webhooks: opts.probot.webhooks,
        ...(opts.signature ? { signature: opts.signature } : {}),
        eventNeeds: opts.eventNeeds ?? ["installation"],
        path: opts.webhookPath,
        maxBytes: opts.maxPayloadBytes,
        budget,
        log,
        metrics: opts.metrics,
        answerWithinMs: opts.answerWithinMs,
        onDelivery: (id, done) => {
          const entry = { id, done };
          inFlight.add(entry);
          opts.metrics.deliveriesInFlight.set(inFlight.size);
          void done.finally(() => {
            inFlight.delete(entry);
            opts.metrics.deliveriesInFlight.set(inFlight.size);
          });
        },
      }),
    ],
    (e) => log.error({ err: e }, "request failed"),
  );
  // Slow clients cannot hold a connection (and their share of the budget) for long: GitHub sends a
  // delivery in one go. Node checks these timeouts on an interval (30 s by default, which let a
  // 10 s timeout run to 30 s); checked four times per headers timeout, they hold to within a quarter of it.
  const headersTimeout = opts.headersTimeoutMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: opts.requestTimeoutMs ?? 30_000,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    (req, res) => void listener(req, res),
  );
  const drain = () => {
    draining = true;
  };
  const stop = async ({ delayMs, graceMs }: { delayMs: number; graceMs: number }): Promise<ShutdownResult> => {
    drain();
    // The Service goes on sending here until it sees /readyz fail: keep taking deliveries meanwhile.
    await sleep(delayMs);
    server.close();
    server.closeIdleConnections();
    // Deliveries answered 202 run on after their connection ended: wait for each (and any a kept-alive connection still brought).
    const end = Date.now() + graceMs;
    while (inFlight.size && Date.now() < end) {
      const left = end - Date.now();
      await Promise.race([Promise.allSettled([...inFlight].map((d) => d.done)), sleep(Math.min(left, 1_000))]);
    }
    return { unfinished: [...inFlight].map((d) => d.id) };
  };
  return Object.assign(server, { drain, shutdown: stop });
}
