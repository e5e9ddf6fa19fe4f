import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import { isRecord } from "../util/narrow.js";
import type { BodyBudget } from "./body-budget.js";
import type { DeliveryOutcome, ServerMetrics } from "./metrics.js";
import { missingFields } from "./payload-guard.js";
import { readBody } from "./request-body.js";

/** GitHub caps a webhook payload at 25 MB; nothing longer is a delivery. */
export const GITHUB_MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
/** GitHub gives up on a delivery after 10 s: answer 202 before that and finish the work anyway. */
const ANSWER_WITHIN_MS = 9_000;

type Logger = Probot["log"];
export type WebhookReceiverOptions = {
  webhooks: Pick<Probot["webhooks"], "verify" | "receive">;
  path: string;
  maxBytes: number;
  /** The bytes all requests together may hold; a request that would pass it is answered 503. */
  budget: BodyBudget;
  log: Logger;
  metrics: ServerMetrics;
  answerWithinMs?: number;
  /** Told of each delivery whose handlers run, with their end: shutdown waits for them. */
  onDelivery?: (id: string, done: Promise<void>) => void;
  /** Another signature check than Probot's (WEBHOOK_SECRET, refused with 400): the Prow plugin's hmac secrets. */
  signature?: { verify: (body: string, signature: string) => Promise<boolean>; refusedWith: number; secretName: string };
  /** Fields a delivery must carry besides the event's own (default: the App's installation). */
  eventNeeds?: readonly string[];
};

/** Event names as metric labels: the header is not yet verified, so only known names, or "other". */
const KNOWN_EVENTS = new Set([
  "issues",
  "issue_comment",
  "pull_request",
  "push",
  "ping",
  "installation",
  "installation_repositories",
  "check_run",
  "check_suite",
]);

type Delivery = { event: string; id: string; signature: string; label: string };

function deliveryOf(req: IncomingMessage): Delivery {
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === "string" ? v : "";
  };
  const event = header("x-github-event");
  return {
    event,
    id: header("x-github-delivery"),
    signature: header("x-hub-signature-256"),
    label: KNOWN_EVENTS.has(event) ? event : "other",
  };
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain", ...headers }).end(`${text}\n`);
}

/** GitHub's signature header: HMAC-SHA256 in hex. Anything else is refused before a byte of the body is read. */
const SIGNATURE = /^sha256=[0-9a-f]{64}$/i;

/**
 * The webhook endpoint, in place of Probot's: the headers checked first, then the body read up to
 * a size limit and within the budget all requests share, the signature checked with Probot's own
 * secret, and a payload the App cannot act on answered without reaching a handler. Rejections are
 * logged by size and delivery id, never with the payload. Returns false for requests to other paths.
 */
export function webhookReceiver(opts: WebhookReceiverOptions) {
  const { log, metrics } = opts;
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (new URL(req.url ?? "/", "http://localhost").pathname !== opts.path) return false;
    const d = deliveryOf(req);
    // A refused request's connection is closed: whatever of its body is still coming is never read.
    const reject = (outcome: DeliveryOutcome, status: number, why: string, bytes: number | null, headers = {}) => {
      metrics.deliveries.inc({ event: d.label, outcome });
      log.warn({ delivery: d.id, event: d.event, bytes }, `webhook delivery refused (${status}): ${why}`);
      answer(res, status, why, { connection: "close", ...headers });
      return true;
    };
    if (req.method !== "POST") return reject("bad-request", 404, `no route ${req.method} ${opts.path}`, null);

    const declared = Number(req.headers["content-length"] ?? NaN);
    const tooLarge = (bytes: number) => reject("too-large", 413, `payload over ${opts.maxBytes} bytes`, bytes);
    // Retry-After for a client that honours it; GitHub does not redeliver by itself (see the log line).
    const busy = (bytes: number) =>
      reject("busy", 503, `over ${opts.budget.limit} bytes of deliveries being read at once`, bytes, { "retry-after": "10" });
    if (declared > opts.maxBytes) return tooLarge(declared);
    if (!/^\s*application\/json\s*(;|$)/i.test(req.headers["content-type"] ?? ""))
      return reject("bad-request", 415, "content-type must be application/json", declared);
    if (!d.event || !d.id || !d.signature)
      return reject("bad-request", 400, "x-github-event, x-github-delivery and x-hub-signature-256 are required", declared);
    if (!SIGNATURE.test(d.signature)) return reject("bad-signature", 400, "x-hub-signature-256 is not sha256=<64 hex digits>", declared);

    const reservation = opts.budget.open();
    try {
      if (declared > 0 && !reservation.grow(declared)) return busy(declared);
      const read = await readBody(req, opts.maxBytes, reservation);
      if (!read.ok) return read.why === "busy" ? busy(read.bytes) : tooLarge(read.bytes);
      const { bytes } = read;
      const signature = opts.signature ?? { verify: opts.webhooks.verify, refusedWith: 400, secretName: "WEBHOOK_SECRET" };
      if (!(await signature.verify(read.body, d.signature).catch(() => false)))
        return reject("bad-signature", signature.refusedWith, `signature does not match the payload and ${signature.secretName}`, bytes);
      let payload: unknown;
      try {
        payload = JSON.parse(read.body);
      } catch {
        return reject("bad-request", 400, "payload is not JSON", bytes);
      }
      const missing = missingFields(d.event, payload, opts.eventNeeds ?? ["installation"]);
      if (missing.length) {
        metrics.deliveries.inc({ event: d.label, outcome: "ignored" });
        log.info({ delivery: d.id, event: d.event, bytes, missing }, `webhook delivery ignored: no ${missing.join(", ")}`);
        answer(res, 200, `ignored: no ${missing.join(", ")}`);
        return true;
      }
      const done = handle(opts, d, payload, res);
      opts.onDelivery?.(d.id, done);
      await done;
      return true;
    } finally {
      // Held while the handlers run: the payload they hold is what the budget bounds.
      reservation.release();
    }
  };
}

/** Runs the App's handlers; answers 200, 500, or 202 when they take longer than GitHub waits. */
async function handle(opts: WebhookReceiverOptions, d: Delivery, payload: unknown, res: ServerResponse): Promise<void> {
  const stopTimer = opts.metrics.refreshDuration.startTimer({ event: d.label });
  const started = performance.now();
  const slow = setTimeout(() => answer(res, 202, "still processing"), opts.answerWithinMs ?? ANSWER_WITHIN_MS);
  try {
    // Safe: the signature was verified and the body parsed as JSON; Probot's type pairs each event
    // name with its payload type, which a delivery read at run time cannot prove.
    await opts.webhooks.receive({ id: d.id, name: d.event, payload } as Parameters<Probot["webhooks"]["receive"]>[0]);
    opts.metrics.deliveries.inc({ event: d.label, outcome: "ok" });
    // One line a delivery at info level: what LOG_LEVEL=info shows of the App at work.
    const action = isRecord(payload) && typeof payload.action === "string" ? `.${payload.action}` : "";
    opts.log.info({ delivery: d.id, event: d.label, ms: Math.round(performance.now() - started) }, `webhook ${d.label}${action} handled`);
    answer(res, 200, "ok");
  } catch {
    // Probot's own error handler has logged each handler's error with the delivery id (and, through
    // withoutPayloads, without the payload).
    opts.metrics.deliveries.inc({ event: d.label, outcome: "error" });
    answer(res, 500, "handler failed");
  } finally {
    clearTimeout(slow);
    stopTimer();
  }
}
