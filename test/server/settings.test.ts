import { describe, expect, it } from "vitest";
import { SettingsError, serverSettings } from "../../src/server/settings.js";

const CREDENTIALS = { APP_ID: "1", PRIVATE_KEY: "pem" };

describe("the server's settings", () => {
  it("listen on localhost:3000 at /api/github/webhooks and accept bodies up to GitHub's 25 MB unless told otherwise", () => {
    expect(serverSettings(CREDENTIALS)).toEqual({
      port: 3000,
      host: "localhost",
      webhookPath: "/api/github/webhooks",
      maxPayloadBytes: 25 * 1024 * 1024,
      bufferBytes: 50 * 1024 * 1024,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      answerWithinMs: 9_000,
      shutdownDelayMs: 5000,
      shutdownGraceMs: 100_000,
      throttled: true,
      dryRun: false,
    });
    expect(serverSettings({ ...CREDENTIALS, HOST: "0.0.0.0", PORT: "8080", WEBHOOK_MAX_BYTES: "1000" })).toMatchObject({
      host: "0.0.0.0",
      port: 8080,
      maxPayloadBytes: 1000,
    });
  });

  it("pace and retry GitHub requests unless KEP_TRACKER_THROTTLE=off (a fake GitHub's setting)", () => {
    expect(serverSettings({ ...CREDENTIALS, KEP_TRACKER_THROTTLE: "off" }).throttled).toBe(false);
    expect(serverSettings({ ...CREDENTIALS, KEP_TRACKER_THROTTLE: "on" }).throttled).toBe(true);
  });

  it("make every write a logged dry run with DRY_RUN=true, read once at start", () => {
    expect(serverSettings({ ...CREDENTIALS, DRY_RUN: "true" }).dryRun).toBe(true);
    expect(serverSettings({ ...CREDENTIALS, DRY_RUN: "false" }).dryRun).toBe(false);
  });

  it.each([
    [{ PORT: "abc" }, 'PORT must be a positive whole number, not "abc"'],
    [{ WEBHOOK_MAX_BYTES: "-1" }, 'WEBHOOK_MAX_BYTES must be a positive whole number, not "-1"'],
    [{ WEBHOOK_MAX_BYTES: "1000", WEBHOOK_BUFFER_BYTES: "999" }, "WEBHOOK_BUFFER_BYTES (999) must be at least WEBHOOK_MAX_BYTES (1000)"],
    [{ APP_ID: "" }, "APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required in production (see .env.example)"],
  ])("refuse %o with one clear sentence", (env, message) => {
    expect(() => serverSettings({ ...CREDENTIALS, ...env })).toThrow(new SettingsError(message));
  });
});
