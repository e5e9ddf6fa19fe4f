import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import { type ReadinessCheck, unmet } from "./readiness.js";

/** The operational routes' paths, which the Kubernetes probes and Prometheus annotations name. */
export const LIVENESS_PATH = "/healthz";
export const READINESS_PATH = "/readyz";
export const METRICS_PATH = "/metrics";

export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/**
 * The operational routes: /healthz (the process answers: liveness), /readyz (it should get
 * deliveries: readiness; `degraded` conditions are shown beside `ready` but do not make it false)
 * and /metrics (Prometheus). GET only; false for anything else.
 */
export function operationalRoutes(opts: {
  registry: Registry;
  readiness: () => readonly ReadinessCheck[];
  degraded?: () => readonly ReadinessCheck[];
}): Handler {
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === LIVENESS_PATH) {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      return true;
    }
    if (path === READINESS_PATH) {
      const problems = unmet(opts.readiness());
      const degraded = unmet(opts.degraded?.() ?? []);
      const ready = Object.keys(problems).length === 0;
      const body = { ready, ...(ready ? {} : { problems }), ...(Object.keys(degraded).length ? { degraded } : {}) };
      res.writeHead(ready ? 200 : 503, { "content-type": "application/json" }).end(`${JSON.stringify(body)}\n`);
      return true;
    }
    if (path === METRICS_PATH) {
      const text = await opts.registry.metrics();
      res.writeHead(200, { "content-type": opts.registry.contentType }).end(text);
      return true;
    }
    return false;
  };
}

/** Tries each handler in turn; 404 when none takes the request, 500 (logged) when one throws. */
export function chain(handlers: readonly Handler[], onError: (e: unknown) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      for (const handler of handlers) if (await handler(req, res)) return;
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    } catch (e) {
      onError(e);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  };
}
