import { type Write, writeSubject } from "../plan/writes.js";
import { STATUS_MARKER } from "../reading/markers.js";
import { type IssueComment, isOwnComment } from "../reading/own-comments.js";
import type { Logger } from "../util/logger.js";
import type { TrackerGitHub } from "./client.js";
import type { Lane } from "./pacing.js";
import { statusOf } from "./responses.js";

/** DRY_RUN=true: every write logged and none made, by the App and the CLI alike. Read once, where a run starts. */
export function dryRunFromEnv(env: Record<string, string | undefined>): boolean {
  return env.DRY_RUN === "true";
}

/** What came of a list of writes: how many were made, and which failed (after Octokit's own retries). */
export type Applied = { made: number; failed: Write[] };

/**
 * How applyWrites writes: dry run, where to log, as whom (to recognise its own comments), and whether the
 * writer still holds the issue alone (github/issue-lock.ts): when it may not, a new status comment is posted
 * only if none was posted since the issue was read. What it creates is paced by the client's pacer, in
 * `lane` (`status` unless said; answers to commands are `reply`, github/pacing.ts).
 */
export type WriteOptions = { dryRun: boolean; log: Logger; botLogin?: string; exclusive?: () => Promise<boolean>; lane?: Lane };

async function applyOne(gh: TrackerGitHub, issue: number, w: Write, opts: WriteOptions): Promise<void> {
  // GitHub's content-creation limit counts what a write creates (a new comment takes its turn per attempt, below).
  if (w.kind === "add-labels" || w.kind === "react") await gh.pacer.take(gh.repo.owner, opts.lane);
  switch (w.kind) {
    case "add-labels":
      return gh.addLabels(issue, w.labels);
    case "remove-label":
      return gh.removeLabel(issue, w.label);
    case "set-milestone":
      return gh.setMilestone(issue, w.milestone?.number ?? null);
    case "create-comment":
      return createComment(gh, issue, w.body, opts);
    case "update-comment":
      return gh.updateComment(w.id, w.body);
    case "delete-comment":
      return gh.deleteComment(w.id);
    case "react":
      return gh.react(w.commentId, w.content);
    case "close-issue":
      return gh.closeIssue(issue, w.reason);
  }
}

/**
 * The one write path: makes the writes in order, or only logs them in
 * dry-run mode. A write that fails is logged with what it meant to do and
 * the rest go on: the next event or sweep converges.
 */
export async function applyWrites(gh: TrackerGitHub, issue: number, writes: Write[], opts: WriteOptions): Promise<Applied> {
  const applied: Applied = { made: 0, failed: [] };
  for (const w of writes) {
    const where = { issue, ...writeSubject(w) };
    if (opts.dryRun) {
      opts.log.info(where, "dry run: would write");
      continue;
    }
    try {
      await applyOne(gh, issue, w, opts);
      applied.made++;
    } catch (e) {
      applied.failed.push(w);
      const status = e instanceof Error && "status" in e ? e.status : undefined;
      opts.log.error({ ...where, err: e, status }, "write failed; the next event or sweep will retry");
    }
  }
  return applied;
}

/** A create answered 5xx, or not answered at all, may have been saved: GitHub answers 502 after saving. */
const uncertain = (e: unknown) => {
  const status = statusOf(e);
  return status === undefined || status >= 500;
};

/**
 * Posts a comment at most once. Octokit does not retry it (client.ts); after
 * an uncertain failure the issue's recent comments are read again, and the
 * comment is posted a second time only if it is not there. A second uncertain
 * failure is left to the next refresh or sweep, which read the issue anew.
 */
async function createComment(gh: TrackerGitHub, issue: number, body: string, opts: WriteOptions): Promise<void> {
  // Comments touched since shortly before the first attempt (GitHub's clock may differ from ours).
  const since = new Date(Date.now() - 10 * 60_000);
  // Since well before this refresh read the issue: a slow GitHub or a frozen process can stretch a refresh to minutes.
  const readSince = new Date(Date.now() - 60 * 60_000);
  for (let attempt = 1; ; attempt++) {
    await gh.pacer.take(gh.repo.owner, opts.lane);
    if (attempt === 1 && (await statusCommentMeanwhile(gh, issue, body, readSince, opts))) return;
    try {
      await gh.createComment(issue, body);
      return;
    } catch (e) {
      if (attempt >= 2 || !uncertain(e)) throw e;
      // Unable to look: the create's own failure is what the log and the next run need.
      const found = await gh.commentsSince(issue, since).catch(() => Promise.reject(e));
      const saved = found.some((c) => sameComment(c, body, opts.botLogin));
      opts.log.warn(
        { issue, write: "create-comment", status: statusOf(e) ?? null, saved },
        saved ? "comment saved despite the error; not posting it again" : "comment not saved; posting it again",
      );
      if (saved) return;
    }
  }
}

/**
 * The fence on the one comment an issue must not have twice: right before a status comment is
 * posted by a writer that may not hold the issue alone, whether one was posted since the issue was
 * read. That happens to a holder whose lock lapsed (frozen, or GitHub slow past a waiter's
 * patience), to the waiter that stopped waiting, and to replicas working without Redis. The
 * refresh that posted it has brought it up to date; the next refresh here edits it.
 */
async function statusCommentMeanwhile(gh: TrackerGitHub, issue: number, body: string, since: Date, opts: WriteOptions): Promise<boolean> {
  // Only the App's own comments count: anyone can write the marker.
  if (!opts.botLogin || !opts.exclusive || !body.startsWith(STATUS_MARKER)) return false;
  if (await opts.exclusive()) return false;
  const found = await gh.commentsSince(issue, since);
  if (!found.some((c) => sameComment(c, body, opts.botLogin))) return false;
  opts.log.info({ issue, write: "create-comment" }, "a status comment was posted meanwhile (another replica?); not posting a second");
  return true;
}

/**
 * Whether a comment found is the one meant: by the App (when its login is
 * known), and the same text, or the same opening marker line (any status
 * comment, or the same reminder), which the next refresh brings up to date.
 */
export function sameComment(found: IssueComment, body: string, botLogin: string | undefined): boolean {
  if (botLogin && !isOwnComment(found, botLogin)) return false;
  if (found.body.trim() === body.trim()) return true;
  const first = body.split("\n", 1)[0]!;
  return first.startsWith("<!-- kep-tracker:") && found.body.split("\n", 1)[0] === first;
}
