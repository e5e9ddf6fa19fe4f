import { request } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { useNock } from "../helpers/app.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";
import { type RunningServer, startAppServer, WEBHOOK_PATH } from "../helpers/server.js";
import { metric, type ServerProcess, startServerProcess } from "../helpers/server-process.js";

const MB = 1024 * 1024;
const MiB = MB;

/** Posts `total` bytes of junk under a well-formed but wrong signature; resolves with the status, or "cut" when hung up on. */
function hostilePost(url: string, total: number, declareLength: boolean): Promise<number | "cut"> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": `flood-${Math.random()}`,
      "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
    };
    if (declareLength) headers["content-length"] = total;
    const req = request(`${url}${WEBHOOK_PATH}`, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve("cut"));
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const write = () => {
      while (sent < total && !req.destroyed) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

describe("a flood of hostile deliveries against the built server", () => {
  let server: ServerProcess | undefined;
  let fake: FakeGitHub | undefined;
  afterEach(async () => {
    server?.kill();
    await fake?.close();
  });

  it("keeps the process under the pod's 512 MiB with 16 concurrent unsigned 25 MB posts, refusing past its budget with 503", {
    timeout: 180_000,
  }, async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([])], ...APP_SEED });
    server = await startServerProcess(new URL(fake.url).host, { KEP_TRACKER_THROTTLE: "off", LOG_LEVEL: "warn" });
    const before = server.memory()!;
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => hostilePost(server!.url, 25 * 1000 * 1000, i % 2 === 0)));
    const after = server.memory()!;
    console.log(
      `RSS before ${(before.now / MiB).toFixed(0)} MiB, peak ${(after.peak / MiB).toFixed(0)} MiB, after ${(after.now / MiB).toFixed(0)} MiB;`,
      `answers ${JSON.stringify(answers)}`,
    );
    expect(after.peak).toBeLessThan(400 * MiB);
    // Each is refused: by signature when its turn came, or as over the budget (a hung-up client may not read the answer).
    expect(answers.every((a) => a === 400 || a === 503 || a === "cut")).toBe(true);
    const busy = await metric(server.url, 'kep_tracker_webhook_deliveries_total{event="issues",outcome="busy"}');
    const forged = await metric(server.url, 'kep_tracker_webhook_deliveries_total{event="issues",outcome="bad-signature"}');
    expect(busy).toBeGreaterThan(0);
    expect(busy + forged).toBe(16);
    // Still serving.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("slow clients", () => {
  let app: RunningServer | undefined;
  useNock();
  afterEach(() => app?.close());

  /** Opens a connection, writes `text` and then nothing; resolves with the ms until the server hangs up. */
  function stall(url: string, text: string): Promise<number> {
    const { port } = new URL(url);
    const started = performance.now();
    return new Promise((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write(text));
      socket.on("data", () => {});
      socket.on("error", () => {});
      socket.on("close", () => resolve(performance.now() - started));
    });
  }

  it("are cut when their headers take longer than the headers timeout, not at Node's next 30 s check", {
    timeout: 60_000,
  }, async () => {
    app = await startAppServer({ headersTimeoutMs: 1_000, requestTimeoutMs: 3_000 });
    const ms = await stall(app.url, `POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: x\r\n`);
    expect(ms).toBeGreaterThan(900);
    expect(ms).toBeLessThan(2_500);
  });

  it("are cut when their body takes longer than the request timeout", { timeout: 60_000 }, async () => {
    app = await startAppServer({ headersTimeoutMs: 1_000, requestTimeoutMs: 3_000 });
    const head = [
      `POST ${WEBHOOK_PATH} HTTP/1.1`,
      "Host: x",
      "content-type: application/json",
      "x-github-event: issues",
      "x-github-delivery: slow-body",
      `x-hub-signature-256: sha256=${"0".repeat(64)}`,
      "content-length: 1000",
    ];
    const ms = await stall(app.url, `${head.join("\r\n")}\r\n\r\n{"a":`);
    expect(ms).toBeGreaterThan(2_900);
    expect(ms).toBeLessThan(5_000);
  });
});
