import { throttleOff } from "../github/pacing.js";
import { dryRunFromEnv } from "../github/writes.js";
import { GITHUB_MAX_PAYLOAD_BYTES } from "./webhook-receiver.js";

/** The server's settings from the environment (the App's own credentials are Probot's to read). */
export type ServerSettings = {
  port: number;
  host: string;
  webhookPath: string;
  maxPayloadBytes: number;
  bufferBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  answerWithinMs: number;
  shutdownDelayMs: number;
  shutdownGraceMs: number;
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

/** The App server's settings: its credentials must be there (Probot reads them). */
export function serverSettings(env: Env): ServerSettings {
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH))
    throw new SettingsError("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required in production (see .env.example)");
  return deliverySettings(env);
}

/** How deliveries are taken, paced and finished: the same for the App's server and the Prow plugin. */
export function deliverySettings(env: Env): ServerSettings {
  const maxPayloadBytes = positive(env, "WEBHOOK_MAX_BYTES", GITHUB_MAX_PAYLOAD_BYTES);
  // Two deliveries of the largest size at once: the process's peak stays near 300 MiB under any flood (the pod's limit is 512 Mi).
  const bufferBytes = positive(env, "WEBHOOK_BUFFER_BYTES", 2 * maxPayloadBytes);
  if (bufferBytes < maxPayloadBytes)
    throw new SettingsError(`WEBHOOK_BUFFER_BYTES (${bufferBytes}) must be at least WEBHOOK_MAX_BYTES (${maxPayloadBytes})`);
  return {
    port: positive(env, "PORT", 3000),
    // Loopback unless told otherwise: a container sets HOST=0.0.0.0.
    host: env.HOST || "localhost",
    webhookPath: env.WEBHOOK_PATH || "/api/github/webhooks",
    maxPayloadBytes,
    bufferBytes,
    headersTimeoutMs: positive(env, "HEADERS_TIMEOUT_MS", 10_000),
    requestTimeoutMs: positive(env, "REQUEST_TIMEOUT_MS", 30_000),
    // GitHub gives up on a delivery after 10 s: answer 202 before that and finish the work anyway.
    answerWithinMs: positive(env, "WEBHOOK_ANSWER_WITHIN_MS", 9_000),
    // After SIGTERM, the time to keep answering while the Service stops sending deliveries here.
    shutdownDelayMs: positive(env, "SHUTDOWN_DELAY_MS", 5_000),
    // Then the most to wait for the deliveries already taken; the pod's terminationGracePeriodSeconds must cover both.
    shutdownGraceMs: positive(env, "SHUTDOWN_GRACE_MS", 100_000),
    // Octokit's pacing and retries, and the pacing of new comments; off only against a fake GitHub.
    throttled: !throttleOff(env),
    dryRun: dryRunFromEnv(env),
  };
}
