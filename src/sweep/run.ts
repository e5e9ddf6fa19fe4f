import { z } from "zod";
import { type SweepOptions, type SweepSummary, sweep } from "./sweep.js";

/** What a run starts from: the reader, the repository's config and schedule, the log, whose comments are the App's, its lock. */
export type SweepSetup = Pick<SweepOptions, "reader" | "config" | "deadlines" | "botLogin" | "log" | "lock">;

/**
 * The token cannot say whose it is (GitHub Actions' own GITHUB_TOKEN cannot),
 * so the sweep could not find its own comments and would post them again.
 */
export class UnknownViewerError extends Error {
  constructor() {
    super(
      "this GITHUB_TOKEN cannot tell whose it is (GitHub Actions' own token cannot), so its comments could not be found again: " +
        "use the App's credentials (APP_ID and PRIVATE_KEY), or a user's token",
    );
  }
}

/** The part of a GraphqlResponseError that says which fields failed. */
const GraphqlErrors = z.object({ errors: z.array(z.object({ path: z.array(z.unknown()).optional() })) });

/** Runs the sweep (or the report's read-only pass); a GraphQL error about `viewer` becomes an UnknownViewerError. */
export function runSweep(setup: SweepSetup, now: Date, rest: Omit<SweepOptions, keyof SweepSetup | "now">): Promise<SweepSummary> {
  return sweep({ ...setup, now, ...rest }).catch((e: unknown) => {
    throw GraphqlErrors.safeParse(e).data?.errors.some((x) => x.path?.[0] === "viewer") ? new UnknownViewerError() : e;
  });
}
