import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createCaches } from "../../src/app/caches.js";
import { createApp } from "../../src/index.js";
import { type AppServerOptions, createAppServer } from "../../src/server/app-server.js";
import { withoutPayloads } from "../../src/server/log.js";
import { createServerMetrics, type ServerMetrics } from "../../src/server/metrics.js";
import { octokitMetrics } from "../../src/server/octokit-metrics.js";
import { GITHUB_MAX_PAYLOAD_BYTES } from "../../src/server/webhook-receiver.js";
import { type LogLine, OPT_IN, PRIVATE_KEY } from "./app.js";

export const SECRET = "test-secret";
export const WEBHOOK_PATH = "/api/github/webhooks";

export type RunningServer = { url: string; metrics: ServerMetrics; logs: LogLine[]; close: () => Promise<void> };

/** The App's own HTTP server on loopback, as `npm start` builds it, with kep-tracker loaded and its log kept. */
export async function startAppServer(
  opts: Partial<Pick<AppServerOptions, "readiness" | "maxPayloadBytes" | "answerWithinMs" | "headersTimeoutMs" | "requestTimeoutMs">> = {},
): Promise<RunningServer> {
  const logs: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const metrics = createServerMetrics();
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: SECRET,
    log: withoutPayloads(pino({ level: "info" }, stream)),
    Octokit: ProbotOctokit.plugin(octokitMetrics(metrics)).defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  await probot.load(createApp({ caches: createCaches(), now: () => OPT_IN }));
  const server = createAppServer({
    probot,
    metrics,
    readiness: opts.readiness ?? [],
    webhookPath: WEBHOOK_PATH,
    maxPayloadBytes: opts.maxPayloadBytes ?? GITHUB_MAX_PAYLOAD_BYTES,
    answerWithinMs: opts.answerWithinMs,
    headersTimeoutMs: opts.headersTimeoutMs,
    requestTimeoutMs: opts.requestTimeoutMs,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, metrics, logs, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export const sign = (body: string, secret = SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** A delivery as GitHub posts it: JSON, signed, with its event name and delivery id. */
export function deliver(url: string, event: string, body: string, id = `delivery-${event}`, headers: Record<string, string> = {}) {
  return fetch(`${url}${WEBHOOK_PATH}`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": id,
      "x-hub-signature-256": sign(body),
      ...headers,
    },
  });
}
