import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The App server's Prometheus metrics, in one registry of their own (not prom-client's global one),
 * so that each server, and each test, counts from zero.
 */
export type ServerMetrics = ReturnType<typeof createServerMetrics>;

/** Why a delivery ended as it did: the label values of `deliveries`. */
export type DeliveryOutcome = "ok" | "error" | "ignored" | "bad-signature" | "bad-request" | "too-large" | "busy";

export function createServerMetrics(registry = new Registry()) {
  /** A metric's name, help and labels, in this registry. */
  const spec = <L extends string>(name: string, help: string, labelNames: readonly L[]) => ({
    name,
    help,
    labelNames,
    registers: [registry],
  });
  return {
    registry,
    deliveries: new Counter(
      spec(
        "kep_tracker_webhook_deliveries_total",
        "Webhook deliveries received, by event and outcome (ok, error, ignored, bad-signature, bad-request, too-large, " +
          "busy: refused with 503 as over the bytes all requests may hold at once).",
        ["event", "outcome"] as const,
      ),
    ),
    bufferedBytes: new Gauge(
      spec(
        "kep_tracker_webhook_buffered_bytes",
        "Bytes of webhook bodies held in memory now, across requests (refused with 503 past WEBHOOK_BUFFER_BYTES).",
        [] as const,
      ),
    ),
    deliveriesInFlight: new Gauge(
      spec(
        "kep_tracker_webhook_deliveries_in_flight",
        "Signed deliveries whose handlers are running (shutdown waits for them).",
        [] as const,
      ),
    ),
    refreshDuration: new Histogram({
      ...spec(
        "kep_tracker_refresh_duration_seconds",
        "Time to handle one signed delivery: read the config, refresh the issue(s) it concerns and write; by event.",
        ["event"] as const,
      ),
      // A refresh is a config read, one GraphQL read and a write or two: well under a second when
      // GitHub is quick, tens of seconds when it paces or retries.
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    }),
    githubRequests: new Counter(
      spec(
        "kep_tracker_github_requests_total",
        "Requests to GitHub, by kind (REST route or GraphQL operation) and status (HTTP status, or 'error' without an answer).",
        ["kind", "status"] as const,
      ),
    ),
    githubWrites: new Counter(
      spec(
        "kep_tracker_github_writes_total",
        "Writes to GitHub (REST requests other than GET, GraphQL mutations), by kind; the installation token's own request is not one.",
        ["kind"] as const,
      ),
    ),
    rateLimitRemaining: new Gauge(
      spec(
        "kep_tracker_github_rate_limit_remaining",
        "Requests the installation has left in the current rate-limit window, by resource (core, graphql, search), " +
          "from the last answer's headers.",
        ["resource"] as const,
      ),
    ),
    rateLimitReset: new Gauge(
      spec(
        "kep_tracker_github_rate_limit_reset_timestamp_seconds",
        "When the installation's rate-limit window resets, by resource, in Unix seconds.",
        ["resource"] as const,
      ),
    ),
  };
}
