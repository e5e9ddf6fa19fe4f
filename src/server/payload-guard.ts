/**
 * What a delivery of each event the App handles must carry for its handler to act on it. A signed
 * payload without them (a test delivery, a truncated or hand-made one) is ignored with one log line
 * rather than failing in a handler with a stack trace and a 500 that GitHub would show as a failure.
 */
const REQUIRED: Record<string, readonly string[]> = {
  issues: ["repository", "issue"],
  issue_comment: ["repository", "issue", "comment"],
  pull_request: ["repository", "pull_request"],
  push: ["repository"],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields a delivery of `event` lacks (empty when it has them all, or the App needs none). `needs`: what
 * the identity acting needs besides (the App: the installation; a repository webhook forwarded by Prow has none).
 */
export function missingFields(event: string, payload: unknown, needs: readonly string[] = ["installation"]): string[] {
  const own = REQUIRED[event];
  if (!own) return [];
  const required = [...needs, ...own];
  if (!isObject(payload)) return [...required];
  return required.filter((field) => !isObject(payload[field]));
}
