import type { Octokit } from "@octokit/core";
import { isRecord } from "../util/narrow.js";
import type { ServerMetrics } from "./metrics.js";

type RequestOptions = { method: string; url: string; query?: unknown };
/** Response headers as read here: any value is turned into a number or text before use. */
type Headers = Readonly<Record<string, unknown>>;

/** The installation token's request: made by Probot to authenticate, not a write of the App's. */
const TOKEN_ROUTE = "POST /app/installations/{installation_id}/access_tokens";

/**
 * What a request is, with bounded cardinality: the REST route as written in the code (its template,
 * before parameters are filled in) or "graphql <operation>".
 */
export function requestKind(options: RequestOptions): { kind: string; write: boolean } {
  if (options.url === "/graphql" && typeof options.query === "string") {
    const op = /\b(query|mutation)\s+(\w+)/.exec(options.query);
    return { kind: `graphql ${op?.[2] ?? "anonymous"}`, write: op?.[1] === "mutation" };
  }
  // A full URL is a next page's link, with the owner, repository and page filled in: one label for all.
  const route = /^https?:/.test(options.url) ? "(next page)" : options.url.split("?")[0];
  const kind = `${options.method} ${route}`;
  return { kind, write: !["GET", "HEAD"].includes(options.method) && kind !== TOKEN_ROUTE };
}

function recordRateLimit(metrics: ServerMetrics, url: string, headers: Headers | undefined): void {
  // Requests made as the App itself (JWT: GET /app, the token request) have their own budget.
  if (!headers || url.startsWith("/app")) return;
  const remaining = Number(headers["x-ratelimit-remaining"]);
  if (headers["x-ratelimit-remaining"] === undefined || !Number.isFinite(remaining)) return;
  const resource = String(headers["x-ratelimit-resource"] ?? "core");
  metrics.rateLimitRemaining.set({ resource }, remaining);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (Number.isFinite(reset) && headers["x-ratelimit-reset"] !== undefined) metrics.rateLimitReset.set({ resource }, reset);
}

/**
 * An Octokit plugin that counts every request and write by kind and keeps the rate limit GitHub
 * reports, through Octokit's request hook: the handlers that make the requests need no change.
 */
export function octokitMetrics(metrics: ServerMetrics) {
  return (octokit: Octokit): void => {
    octokit.hook.wrap("request", async (request, options) => {
      const { kind, write } = requestKind(options);
      if (write) metrics.githubWrites.inc({ kind });
      try {
        const response = await request(options);
        metrics.githubRequests.inc({ kind, status: String(response.status) });
        recordRateLimit(metrics, options.url, response.headers);
        return response;
      } catch (e) {
        const status = isRecord(e) && typeof e.status === "number" ? e.status : undefined;
        const response = isRecord(e) && isRecord(e.response) ? e.response : undefined;
        metrics.githubRequests.inc({ kind, status: status ? String(status) : "error" });
        recordRateLimit(metrics, options.url, isRecord(response?.headers) ? response.headers : undefined);
        throw e;
      }
    });
  };
}
