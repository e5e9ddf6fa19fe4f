import { issueLockKey, noLock, type StillHeld } from "../github/issue-lock.js";
import type { SweepIssue } from "../github/repo-reader.js";
import type { Evaluated, SweepContext } from "./context.js";

/**
 * A sweep writes an issue minutes after it read it (5 to 15 for kubernetes/enhancements), and
 * meanwhile the App may have acted on it: an /untrack with its reason, a /track, a status
 * comment brought up to date. Writing from the run's snapshot then would undo that. So the sweep
 * writes an issue only under the App's per-issue lock (github/issue-lock.ts, shared through
 * REDIS_URL), after reading the issue again (one query): unchanged since the run read it, it writes
 * what it planned; changed, it evaluates the issue again from what it is now.
 */

/**
 * The issue evaluated again from what it is now: null when it has nothing to be written (out of scope now,
 * or its status comment already up to date), "unread" when GitHub did not give what the evaluation needs.
 */
export type Reevaluate = (now: SweepIssue) => Promise<Evaluated | null | "unread">;

/** Not read again (GitHub failed): left as it is for the next run. */
export const NOT_READ = "unread";

/**
 * What the evaluation sees of an issue, with its last `comments` comments: anything that differs means someone
 * (the App included) acted on it meanwhile. The run may have added comments from before the last 100 (to find
 * its status comment), so the issue read again is compared with as many of the run's last comments as it has.
 */
const asSeen = (issue: SweepIssue, comments: number): string =>
  JSON.stringify([
    issue.title,
    issue.state,
    issue.body,
    [...issue.labels].sort(),
    issue.milestone?.title ?? null,
    [...issue.assignees].sort(),
    issue.crossReferences ?? [],
    comments ? issue.comments.slice(-comments) : [],
  ]);

/** Whether the issue read now is the one the run read (whose comments may reach further back). */
const unchanged = (now: SweepIssue, then: SweepIssue) => asSeen(now, now.comments.length) === asSeen(then, now.comments.length);

/**
 * Runs `write` under the issue's lock with what to write from: the run's evaluation when the issue is as the
 * run read it, else `again`'s. Null when there is nothing to write any more, NOT_READ when GitHub failed.
 */
export async function lockedWrite<T>(
  ctx: SweepContext,
  evaluated: Evaluated,
  again: Reevaluate,
  write: (now: Evaluated, held: StillHeld) => Promise<T>,
): Promise<T | null | typeof NOT_READ> {
  const { reader, log } = ctx.opts;
  const number = evaluated.issue.number;
  const lock = ctx.opts.lock ?? noLock;
  const job = async (held: StillHeld): Promise<T | null | typeof NOT_READ> => {
    let now: SweepIssue | null;
    try {
      now = await reader.issue(number);
    } catch (e) {
      log.warn({ issue: number, err: e }, `#${number} left as it is: GitHub did not give it again before writing; the next run retries`);
      return NOT_READ;
    }
    // No longer an issue (transferred, deleted): nothing of it to write.
    if (!now) return null;
    if (unchanged(now, evaluated.issue)) return write(evaluated, held);
    log.info({ issue: number }, `#${number} changed since this run read it; evaluated again as it is now`);
    const fresh = await again(now);
    return fresh === NOT_READ || fresh === null ? fresh : write(fresh, held);
  };
  // The sweep's own request: no refresh of the App stands in for it, and it stands in for none of theirs
  // (it evaluates against the run's commit, which an event may have moved past).
  const outcome = await lock.around(issueLockKey(reader.gh.repo, number), job, { mustRun: true, endedWell: () => false });
  return outcome.ran ? outcome.value : null;
}
