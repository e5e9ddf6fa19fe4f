import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api, mockAppSlug, mockConfig, mockRefreshReads, mockToken, OWNER, payload, REPO, useNock } from "../helpers/app.js";
import { deliver, type RunningServer, sign, startAppServer } from "../helpers/server.js";

let server: RunningServer;
useNock();
beforeEach(async () => {
  server = await startAppServer();
});
afterEach(() => server.close());

const labeled = (number: number) =>
  JSON.stringify(
    payload("issues", "labeled", (p) => {
      p.issue.number = number;
      p.issue.labels = [{ name: "lead-opted-in" }];
    }),
  );

/** The value of one sample of the exposition text, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = m[2] ? m[2].split(/,(?=\w+=")/) : [];
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe("/metrics", () => {
  it("counts deliveries by event and outcome, times refreshes, counts GitHub requests and writes by kind and keeps the rate limit left", {
    timeout: 60_000,
  }, async () => {
    const scope = api().defaultReplyHeaders({
      "x-ratelimit-remaining": "4321",
      "x-ratelimit-resource": "core",
      "x-ratelimit-reset": "1780000000",
    });
    mockToken(scope);
    mockConfig(scope);
    mockAppSlug(scope);
    mockRefreshReads(scope, { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], comments: [] });
    scope.post(`/repos/${OWNER}/${REPO}/issues/3541/comments`).reply(201, { id: 1 });

    expect((await deliver(server.url, "issues", labeled(3541))).status).toBe(200);
    const forged = labeled(3542);
    expect((await deliver(server.url, "issues", forged, "forged", { "x-hub-signature-256": sign(forged, "not-the-secret") })).status).toBe(
      400,
    );
    const orphan = JSON.stringify({ action: "labeled", issue: { number: 1 } });
    expect((await deliver(server.url, "issues", orphan, "orphan")).status).toBe(200);

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const deliveries = (outcome: string) => sample(text, "kep_tracker_webhook_deliveries_total", { event: "issues", outcome });
    expect([deliveries("ok"), deliveries("bad-signature"), deliveries("ignored"), deliveries("error")]).toEqual([1, 1, 1, undefined]);
    expect(sample(text, "kep_tracker_refresh_duration_seconds_count", { event: "issues" })).toBe(1);
    expect(sample(text, "kep_tracker_github_requests_total", { kind: "graphql IssueContext", status: "200" })).toBe(1);
    expect(
      sample(text, "kep_tracker_github_requests_total", { kind: "GET /repos/{owner}/{repo}/git/trees/{tree_sha}", status: "200" }),
    ).toBe(1);
    expect(sample(text, "kep_tracker_github_writes_total", { kind: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments" })).toBe(1);
    // Getting the installation token is a request, not a write of the App's.
    expect(
      sample(text, "kep_tracker_github_writes_total", { kind: "POST /app/installations/{installation_id}/access_tokens" }),
    ).toBeUndefined();
    expect(sample(text, "kep_tracker_github_rate_limit_remaining", { resource: "core" })).toBe(4321);
    expect(sample(text, "kep_tracker_github_rate_limit_reset_timestamp_seconds", { resource: "core" })).toBe(1780000000);
  });
});

describe("/healthz and /readyz", () => {
  it("/healthz answers 200 while /readyz answers 503 naming what is missing, then 200 once every check is met", {
    timeout: 60_000,
  }, async () => {
    await server.close();
    let authenticated = false;
    server = await startAppServer({
      readiness: [{ name: "github-auth", check: () => (authenticated ? null : "not yet authenticated with GitHub") }],
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const before = await fetch(`${server.url}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ ready: false, problems: { "github-auth": "not yet authenticated with GitHub" } });
    authenticated = true;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
