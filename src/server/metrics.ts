import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The App server's Prometheus metrics, in one registry of their own (not prom-client's global one),
 * so that each server, and each test, counts from zero.
 */
export type ServerMetrics = ReturnType<typeof createServerMetrics>;

/** Why a delivery ended as it did: the label values of `deliveries`. */
export type DeliveryOutcome = "ok" | "error" | "ignored" | "bad-signature" | "bad-request" | "too-large";

export function createServerMetrics(registry = new Registry()) {
  return {
    registry,
    deliveries: new Counter({
      name: "kep_tracker_webhook_deliveries_total",
      help: "Webhook deliveries received, by event and outcome (ok, error, ignored, bad-signature, bad-request, too-large).",
      labelNames: ["event", "outcome"] as const,
      registers: [registry],
    }),
    refreshDuration: new Histogram({
      name: "kep_tracker_refresh_duration_seconds",
      help: "Time to handle one signed delivery: read the config, refresh the issue(s) it concerns and write; by event.",
      labelNames: ["event"] as const,
      // A refresh is a config read, one GraphQL read and a write or two: well under a second when
      // GitHub is quick, tens of seconds when it paces or retries.
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    githubRequests: new Counter({
      name: "kep_tracker_github_requests_total",
      help: "Requests to GitHub, by kind (REST route or GraphQL operation) and status (HTTP status, or 'error' without an answer).",
      labelNames: ["kind", "status"] as const,
      registers: [registry],
    }),
    githubWrites: new Counter({
      name: "kep_tracker_github_writes_total",
      help: "Writes to GitHub (REST requests other than GET, GraphQL mutations), by kind; the installation token's own request is not one.",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    rateLimitRemaining: new Gauge({
      name: "kep_tracker_github_rate_limit_remaining",
      help: "Requests the installation has left in the current rate-limit window, by resource (core, graphql, search), from the last answer's headers.",
      labelNames: ["resource"] as const,
      registers: [registry],
    }),
    rateLimitReset: new Gauge({
      name: "kep_tracker_github_rate_limit_reset_timestamp_seconds",
      help: "When the installation's rate-limit window resets, by resource, in Unix seconds.",
      labelNames: ["resource"] as const,
      registers: [registry],
    }),
  };
}
