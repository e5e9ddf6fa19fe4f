import type { IncomingMessage } from "node:http";

/** The body, or how many bytes were seen before it passed `maxBytes` (reading stops there). */
export type BodyResult = { ok: true; body: string; bytes: number } | { ok: false; bytes: number };

/**
 * Reads a request body of at most `maxBytes`, keeping no more than that in memory: a longer one is
 * refused as soon as it passes the limit, with the rest never read.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        req.off("data", onData);
        req.pause();
        chunks.length = 0;
        resolve({ ok: false, bytes });
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("error", reject);
    req.on("end", () => resolve({ ok: true, body: Buffer.concat(chunks).toString("utf8"), bytes }));
  });
}
