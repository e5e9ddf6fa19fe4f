import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { PRIVATE_KEY } from "../helpers/app.js";
import { freePort } from "../helpers/ports.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";

const MAIN = fileURLToPath(new URL("../../dist/src/server/main.js", import.meta.url));

/** A stand-in for GitHub Enterprise's API that only knows the App (GET /api/v3/app). */
async function fakeGitHub(): Promise<{ server: Server; host: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    if (req.url === "/api/v3/app")
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: 1, slug: "kep-tracker" }));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
}

async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let child: ChildProcess | undefined;
let redis: RedisServer | undefined;
let github: Awaited<ReturnType<typeof fakeGitHub>> | undefined;
afterEach(async () => {
  child?.kill("SIGKILL");
  await redis?.stop();
  await new Promise((resolve) => (github ? github.server.close(resolve) : resolve(undefined)));
});

/** The server process with App credentials GitHub (the fake) accepts, on a free loopback port. */
async function startMain(extra: Record<string, string> = {}): Promise<{ proc: ChildProcess; base: string; output: () => string }> {
  github = await fakeGitHub();
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    APP_ID: "1",
    PRIVATE_KEY,
    WEBHOOK_SECRET: "s",
    HOST: "127.0.0.1",
    PORT: String(port),
    GHE_HOST: github.host,
    GHE_PROTOCOL: "http",
    LOG_FORMAT: "json" as const,
    SHUTDOWN_DELAY_MS: "2000",
    ...extra,
  };
  const proc = spawn(process.execPath, [MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
  child = proc;
  let output = "";
  proc.stdout!.on("data", (d) => (output += d));
  proc.stderr!.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  await until(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 30_000);
  return { proc, base, output: () => output };
}

describe("npm start (the built server process)", () => {
  it("serves /healthz, becomes ready once GitHub accepts the App's credentials, and exits 0 on SIGTERM", { timeout: 60_000 }, async () => {
    const { proc, base, output } = await startMain();
    await until(async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined), 30_000);
    expect(github!.asked).toContain("GET /api/v3/app");
    expect(await (await fetch(`${base}/metrics`)).text()).toContain("kep_tracker_webhook_deliveries_total");

    const exited = new Promise<number | null>((resolve) => proc.on("exit", resolve));
    proc.kill("SIGTERM");
    // While draining it says it is not ready, so that the Service sends deliveries elsewhere.
    await until(async () => ((await fetch(`${base}/readyz`)).status === 503 ? true : undefined), 10_000);
    expect(await exited, output()).toBe(0);
  });

  it("is ready but degraded while its REDIS_URL does not answer (the App works without it), and not degraded once Redis is up", {
    timeout: 60_000,
  }, async () => {
    const redisPort = await freePort();
    const { base } = await startMain({ REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    type Readyz = { ready: boolean; degraded?: Record<string, string> };
    const readyz = async () => {
      const res = await fetch(`${base}/readyz`);
      return { status: res.status, body: (await res.json()) as Readyz };
    };
    // Ready once GitHub accepted the credentials, Redis or not.
    const down = await until(async () => {
      const r = await readyz();
      return r.status === 200 && r.body.degraded ? r : undefined;
    }, 30_000);
    expect(down.body.ready).toBe(true);
    expect(down.body.degraded?.redis).toMatch(/^Redis does not answer \(.+\); working without it$/);
    redis = await startRedis({ port: redisPort });
    await until(async () => ((await readyz()).body.degraded === undefined ? true : undefined), 30_000);
  });
});
