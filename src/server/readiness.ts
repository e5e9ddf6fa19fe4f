import { errorMessage } from "../util/narrow.js";

/** One condition for taking traffic: null when met, else why not (shown by /readyz). Must be cheap. */
export type ReadinessCheck = { name: string; check: () => string | null };

/**
 * Whether the App has an id and a webhook secret; checked once, at start. (The private key is
 * proven by authenticating, below: Probot finds it in several places and forms.)
 */
export function configCheck(env: { APP_ID?: string | undefined; WEBHOOK_SECRET?: string | undefined }): ReadinessCheck {
  const problems: string[] = [];
  if (!(Number(env.APP_ID) > 0)) problems.push("APP_ID is not a number");
  if (!env.WEBHOOK_SECRET) problems.push("WEBHOOK_SECRET is not set");
  const result = problems.length ? problems.join("; ") : null;
  return { name: "config", check: () => result };
}

/**
 * Whether GitHub accepted the App's credentials: asked once at start (GET /app as the App) and again
 * every `retryMs` until it answers, never per probe. A wrong APP_ID or key keeps a new replica out of
 * the Service, so a rollout with bad credentials stops while the old replicas keep serving.
 */
export function authenticationCheck(
  ask: () => Promise<unknown>,
  onError: (e: unknown) => void,
  retryMs = 30_000,
): ReadinessCheck & { stop: () => void } {
  let state: string | null = "not yet authenticated with GitHub";
  let timer: NodeJS.Timeout | undefined;
  const attempt = () => {
    ask().then(
      () => (state = null),
      (e: unknown) => {
        state = `GitHub refused or did not answer the App's authentication: ${errorMessage(e)}`;
        onError(e);
        timer = setTimeout(attempt, retryMs);
        timer.unref();
      },
    );
  };
  attempt();
  return { name: "github-auth", check: () => state, stop: () => clearTimeout(timer) };
}

/** Every unmet check, by name; empty when ready. */
export function unmet(checks: readonly ReadinessCheck[]): Record<string, string> {
  return Object.fromEntries(
    checks.flatMap(({ name, check }) => {
      const why = check();
      return why === null ? [] : [[name, why]];
    }),
  );
}
