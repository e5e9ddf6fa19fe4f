/** The HTTP status of a failed Octokit request (its RequestError), or undefined for any other error. */
export function statusOf(e: unknown): number | undefined {
  if (typeof e !== "object" || e === null || !("status" in e)) return undefined;
  return typeof e.status === "number" ? e.status : undefined;
}

/** An error's message, whatever was thrown. */

/**
 * The text of a response asked for as `application/vnd.github.raw+json`:
 * Octokit types the route's JSON, but the raw media type gives the file's
 * bytes, as a string or an ArrayBuffer depending on the content type.
 */
export function rawText(data: unknown): string {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return String(data);
}
