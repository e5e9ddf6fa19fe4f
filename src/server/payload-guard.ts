/**
 * What a delivery of each event the App handles must carry for its handler to act on it. A signed
 * payload without them (a test delivery, a truncated or hand-made one) is ignored with one log line
 * rather than failing in a handler with a stack trace and a 500 that GitHub would show as a failure.
 */
const REQUIRED: Record<string, readonly string[]> = {
  issues: ["installation", "repository", "issue"],
  issue_comment: ["installation", "repository", "issue", "comment"],
  pull_request: ["installation", "repository", "pull_request"],
  push: ["installation", "repository"],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The fields a delivery of `event` lacks (empty when it has them all, or the App needs none). */
export function missingFields(event: string, payload: unknown): string[] {
  const required = REQUIRED[event] ?? [];
  if (!isObject(payload)) return [...required];
  return required.filter((field) => !isObject(payload[field]));
}
