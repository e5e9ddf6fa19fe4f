import type { IncomingMessage } from "node:http";
import type { Reservation } from "./body-budget.js";

/** The body, or how many bytes were seen before reading stopped: past `maxBytes`, or past what the budget had left. */
export type BodyResult = { ok: true; body: string; bytes: number } | { ok: false; why: "too-large" | "busy"; bytes: number };

/**
 * Reads a request body of at most `maxBytes`, keeping no more than that in memory, each byte
 * reserved in `reservation` before it is kept (bytes already reserved, such as a declared length,
 * are used first): a longer body, or one the budget has no room for, stops the reading there.
 */
export function readBody(req: IncomingMessage, maxBytes: number, reservation: Reservation): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const stop = (why: "too-large" | "busy") => {
      req.off("data", onData);
      req.pause();
      chunks.length = 0;
      resolve({ ok: false, why, bytes });
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) return stop("too-large");
      if (bytes > reservation.size && !reservation.grow(bytes - reservation.size)) return stop("busy");
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("error", reject);
    req.on("end", () => {
      const body = Buffer.concat(chunks, bytes);
      chunks.length = 0;
      resolve({ ok: true, body: body.toString("utf8"), bytes });
    });
  });
}
