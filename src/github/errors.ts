/** The HTTP status of a failed Octokit request (its RequestError), or undefined for any other error. */
export function statusOf(e: unknown): number | undefined {
  if (typeof e !== "object" || e === null || !("status" in e)) return undefined;
  return typeof e.status === "number" ? e.status : undefined;
}

/** An error's message, whatever was thrown. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
