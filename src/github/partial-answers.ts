import { z } from "zod";
import { errorMessage } from "../util/narrow.js";
import { statusOf } from "./responses.js";

/**
 * GitHub's partial answers and limits, told apart, and the one way kep-tracker
 * retries a batched read: in halves. A 502/504 or RESOURCE_LIMITS_EXCEEDED
 * means "this query was too big or too slow", so asking for half usually
 * goes through; what still fails after a bounded number of tries is given
 * back to the caller, which leaves it for the next run instead of guessing.
 */

const GraphqlError = z.object({
  type: z.string().optional(),
  message: z.string().default(""),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type GraphqlProblem = z.infer<typeof GraphqlError>;
const Partial = z.object({ errors: z.array(GraphqlError), data: z.unknown().optional() });

/** The data and errors of an answer that had `errors` beside data (Octokit's GraphqlResponseError), or null for any other failure. */
export function partialAnswer(e: unknown): { data: unknown; errors: GraphqlProblem[] } | null {
  if (!(e instanceof Error) || statusOf(e) !== undefined) return null;
  const parsed = Partial.safeParse(e);
  return parsed.success && parsed.data.errors.length ? { data: parsed.data.data ?? null, errors: parsed.data.errors } : null;
}

/**
 * Errors that say something definite about the thing asked for (it does not exist, it may not be
 * seen): asking again will not change them.
 */
const DEFINITE = new Set(["NOT_FOUND", "FORBIDDEN"]);

export const isDefinite = (p: GraphqlProblem): boolean => DEFINITE.has(p.type ?? "") || p.path?.[0] === "viewer";

/**
 * Whether asking again for less may go through: 502, 503, 504 (GitHub's
 * timeouts), and GraphQL answers with errors that are not definite
 * (RESOURCE_LIMITS_EXCEEDED, "Something went wrong … timeout").
 */
export function worthHalving(e: unknown): boolean {
  const status = statusOf(e);
  if (status !== undefined) return status === 502 || status === 503 || status === 504;
  const partial = partialAnswer(e);
  return !!partial && partial.errors.some((p) => !isDefinite(p));
}

/** A part of a batch GitHub did not answer in full, with the reason, for the caller's log. */
export type Unanswered<T> = { items: T[]; reason: string };

/** The most failed requests one batch may cost before its remaining failures are given up: enough to isolate one bad item of 1,000. */
export const MAX_FAILED_TRIES = 10;

/**
 * Reads `items` with `read`, all at once if GitHub allows, else in halves:
 * a part that fails for a reason worth halving is split in two and each half
 * read on its own, down to single items. A part that fails otherwise, or
 * once MAX_FAILED_TRIES requests have failed, is given back unread, so one
 * call costs at most 2 × MAX_FAILED_TRIES + 1 requests whatever GitHub does.
 */
export async function inHalves<T, R>(
  items: T[],
  read: (part: T[]) => Promise<R>,
): Promise<{ results: R[]; unanswered: Array<Unanswered<T>> }> {
  const results: R[] = [];
  const unanswered: Array<Unanswered<T>> = [];
  let failures = 0;
  const attempt = async (part: T[]): Promise<void> => {
    if (!part.length) return;
    try {
      results.push(await read(part));
    } catch (e) {
      failures++;
      if (part.length > 1 && failures < MAX_FAILED_TRIES && worthHalving(e)) {
        const half = Math.ceil(part.length / 2);
        await attempt(part.slice(0, half));
        await attempt(part.slice(half));
        return;
      }
      unanswered.push({ items: part, reason: reasonOf(e) });
    }
  };
  await attempt(items);
  return { results, unanswered };
}

/** A short reason for a log line: the status, or the GraphQL errors' types. */
export function reasonOf(e: unknown): string {
  const status = statusOf(e);
  if (status !== undefined) return `GitHub answered ${status}`;
  const partial = partialAnswer(e);
  if (partial) return `GraphQL errors: ${[...new Set(partial.errors.map((p) => p.type ?? p.message.slice(0, 80)))].join(", ")}`;
  return errorMessage(e).slice(0, 200);
}
