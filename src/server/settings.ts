import { throttleOff } from "../github/pacing.js";
import { dryRunFromEnv } from "../github/writes.js";
import { GITHUB_MAX_PAYLOAD_BYTES } from "./webhook-receiver.js";

/** The server's settings from the environment (the App's own credentials are Probot's to read). */
export type ServerSettings = {
  port: number;
  host: string;
  webhookPath: string;
  maxPayloadBytes: number;
  shutdownDelayMs: number;
  throttled: boolean;
  /** DRY_RUN=true: every write logged, none made. */
  dryRun: boolean;
};

type Env = Record<string, string | undefined>;

/** A setting the server cannot start with: reported in one line, not a stack. */
export class SettingsError extends Error {}

function positive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new SettingsError(`${name} must be a positive whole number, not "${raw}"`);
  return n;
}

export function serverSettings(env: Env): ServerSettings {
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH))
    throw new SettingsError("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required in production (see .env.example)");
  return {
    port: positive(env, "PORT", 3000),
    // Loopback unless told otherwise: a container sets HOST=0.0.0.0.
    host: env.HOST || "localhost",
    webhookPath: env.WEBHOOK_PATH || "/api/github/webhooks",
    maxPayloadBytes: positive(env, "WEBHOOK_MAX_BYTES", GITHUB_MAX_PAYLOAD_BYTES),
    // After SIGTERM, the time to keep answering while the Service stops sending deliveries here.
    shutdownDelayMs: positive(env, "SHUTDOWN_DELAY_MS", 5_000),
    // Octokit's pacing and retries, and the pacing of new comments; off only against a fake GitHub.
    throttled: !throttleOff(env),
    dryRun: dryRunFromEnv(env),
  };
}
