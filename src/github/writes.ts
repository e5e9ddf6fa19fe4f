import type { Logger } from "../tracking/logger.js";
import { type IssueComment, isOwnComment } from "../tracking/own-comments.js";
import { type Write, writeSubject } from "../tracking/writes.js";
import type { TrackerGitHub } from "./client.js";
import { statusOf } from "./responses.js";

/** DRY_RUN=true: every write logged and none made, by the App and the CLI alike. Read once, where a run starts. */
export function dryRunFromEnv(env: Record<string, string | undefined>): boolean {
  return env.DRY_RUN === "true";
}

/** What came of a list of writes: how many were made, and which failed (after Octokit's own retries). */
export type Applied = { made: number; failed: Write[] };

/** How applyWrites writes: dry run, where to log, and as whom (to recognise its own comments). New comments are paced by the client's pacer. */
export type WriteOptions = { dryRun: boolean; log: Logger; botLogin?: string };

async function applyOne(gh: TrackerGitHub, issue: number, w: Write, opts: WriteOptions): Promise<void> {
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
      opts.log.error(
        { ...where, err: e instanceof Error ? e.message : String(e), status },
        "write failed; the next event or sweep will retry",
      );
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
  for (let attempt = 1; ; attempt++) {
    await gh.pacer.take(gh.repo.owner);
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
