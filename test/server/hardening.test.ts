import { request } from "node:http";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import {
  api,
  mockAppSlug,
  mockConfig,
  mockRefreshReads,
  mockToken,
  OWNER,
  payload,
  REPO,
  requests,
  useNock,
  writes,
} from "../helpers/app.js";
import { deliver, type RunningServer, sign, startAppServer, WEBHOOK_PATH } from "../helpers/server.js";

const MB = 1024 * 1024;
let server: RunningServer;
useNock();
afterEach(() => server.close());

/** Posts `total` bytes made on the fly (the test holds no copy), with or without a declared length. */
function postStream(url: string, total: number, declareLength: boolean): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": "huge-1",
      "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
    };
    if (declareLength) headers["content-length"] = total;
    const req = request(`${url}${WEBHOOK_PATH}`, { method: "POST", headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: performance.now() - started });
    });
    // Once the server has answered and hung up, writing the rest fails: that is the point.
    req.on("error", (e) => (req.writableEnded ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    Readable.from(
      (function* () {
        for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
      })(),
    )
      .on("error", () => {})
      .pipe(req)
      .on("error", () => {});
  });
}

/** The most the process's memory (heap and buffers) grows above where it started while `run` runs. */
async function peakGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, used())), 2);
  try {
    const result = await run();
    peak = Math.max(peak, used());
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}

describe("the webhook endpoint under hostile input", () => {
  it("refuses a 30 MB delivery with 413 before reading it, keeping memory flat, and logs its size and id only", {
    timeout: 60_000,
  }, async () => {
    server = await startAppServer();
    const { result, growth } = await peakGrowth(() => postStream(server.url, 30 * MB, true));
    expect(result.status).toBe(413);
    expect(result.ms).toBeLessThan(5_000);
    expect(growth).toBeLessThan(10 * MB);
    const refused = server.logs.filter((l) => l.delivery === "huge-1");
    expect(refused).toEqual([
      expect.objectContaining({ level: 40, bytes: 30 * MB, event: "issues", msg: expect.stringContaining("(413)") }),
    ]);
    expect(requests).toEqual([]);
  });

  it("stops reading a body sent without a length as soon as it passes the limit", { timeout: 60_000 }, async () => {
    server = await startAppServer({ maxPayloadBytes: MB });
    const { result, growth } = await peakGrowth(() => postStream(server.url, 30 * MB, false));
    expect(result.status).toBe(413);
    expect(growth).toBeLessThan(10 * MB);
    expect(server.logs.filter((l) => l.delivery === "huge-1")).toHaveLength(1);
  });

  it("refuses a forged delivery with 400 and never writes its payload to the log", { timeout: 60_000 }, async () => {
    server = await startAppServer();
    const body = JSON.stringify({ action: "opened", note: "PAYLOAD-TEXT-THAT-MUST-NOT-BE-LOGGED" });
    const res = await deliver(server.url, "issues", body, "forged-1", { "x-hub-signature-256": sign(body, "wrong") });
    expect(res.status).toBe(400);
    expect(server.logs.filter((l) => l.delivery === "forged-1")).toEqual([expect.objectContaining({ bytes: Buffer.byteLength(body) })]);
    expect(JSON.stringify(server.logs)).not.toContain("PAYLOAD-TEXT-THAT-MUST-NOT-BE-LOGGED");
    expect(requests).toEqual([]);
  });

  it.each([
    ["repository", (p: Record<string, unknown>) => delete p.repository],
    ["installation", (p: Record<string, unknown>) => delete p.installation],
    ["issue", (p: Record<string, unknown>) => delete p.issue],
  ])("ignores a signed delivery without %s with one log line, not a 500 with a stack", { timeout: 60_000 }, async (field, strip) => {
    server = await startAppServer();
    const body = JSON.stringify(payload("issues", "labeled", strip));
    const res = await deliver(server.url, "issues", body, "partial-1");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`ignored: no ${field}\n`);
    const lines = server.logs.filter((l) => l.delivery === "partial-1");
    expect(lines).toEqual([expect.objectContaining({ level: 30, missing: [field], msg: `webhook delivery ignored: no ${field}` })]);
    expect(server.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(requests).toEqual([]);
  });

  it("answers 500 when a handler fails, logging the error with the delivery id but not the payload, and counts it", {
    timeout: 60_000,
  }, async () => {
    server = await startAppServer();
    const scope = api();
    mockToken(scope);
    mockConfig(scope);
    mockAppSlug(scope);
    scope.post("/graphql").reply(502, { message: "Server Error" });
    const body = JSON.stringify(payload("issues", "labeled", (p) => (p.issue.title = "TITLE-THAT-MUST-NOT-BE-LOGGED")));
    const res = await deliver(server.url, "issues", body, "failing-1");
    expect(res.status).toBe(500);
    const errors = server.logs.filter((l) => l.level >= 50);
    expect(errors).toEqual([expect.objectContaining({ id: "failing-1", msg: "Server Error" })]);
    expect(JSON.stringify(server.logs)).not.toContain("TITLE-THAT-MUST-NOT-BE-LOGGED");
    const text = await server.metrics.registry.metrics();
    expect(text).toContain('kep_tracker_webhook_deliveries_total{event="issues",outcome="error"} 1');
  });

  it("answers 202 when the handlers take longer than GitHub waits, and still finishes the delivery's work", {
    timeout: 60_000,
  }, async () => {
    server = await startAppServer({ answerWithinMs: 50 });
    const scope = api();
    mockToken(scope);
    mockConfig(scope);
    mockAppSlug(scope);
    mockRefreshReads(scope, { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], comments: [] });
    let written!: () => void;
    const done = new Promise<void>((resolve) => (written = resolve));
    scope
      .post(`/repos/${OWNER}/${REPO}/issues/3541/comments`)
      .delay(500)
      .reply(201, () => {
        written();
        return { id: 1 };
      });
    const body = JSON.stringify(payload("issues", "labeled", (p) => (p.issue.number = 3541)));
    const res = await deliver(server.url, "issues", body, "slow-1");
    expect(res.status).toBe(202);
    await done;
    const finished = 'kep_tracker_webhook_deliveries_total{event="issues",outcome="ok"} 1';
    for (let waited = 0; !(await server.metrics.registry.metrics()).includes(finished) && waited < 10_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await server.metrics.registry.metrics()).toContain(finished);
    expect(writes()).toEqual([`POST /repos/${OWNER}/${REPO}/issues/3541/comments`]);
  });
});
