import type { Logger } from "../tracking/logger.js";
import { type Write, writeSubject } from "../tracking/writes.js";
import type { TrackerGitHub } from "./client.js";

/** What came of a list of writes: how many were made, and which failed (after Octokit's own retries). */
export type Applied = { made: number; failed: Write[] };

async function applyOne(gh: TrackerGitHub, issue: number, w: Write): Promise<void> {
  switch (w.kind) {
    case "add-labels":
      return gh.addLabels(issue, w.labels);
    case "remove-label":
      return gh.removeLabel(issue, w.label);
    case "set-milestone":
      return gh.setMilestone(issue, w.milestone?.number ?? null);
    case "create-comment":
      await gh.createComment(issue, w.body);
      return;
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
export async function applyWrites(gh: TrackerGitHub, issue: number, writes: Write[], opts: { dryRun: boolean; log: Logger }): Promise<Applied> {
  const applied: Applied = { made: 0, failed: [] };
  for (const w of writes) {
    const where = { issue, ...writeSubject(w) };
    if (opts.dryRun) {
      opts.log.info(where, "dry run: would write");
      continue;
    }
    try {
      await applyOne(gh, issue, w);
      applied.made++;
    } catch (e) {
      applied.failed.push(w);
      const status = e instanceof Error && "status" in e ? e.status : undefined;
      opts.log.error({ ...where, err: e instanceof Error ? e.message : String(e), status }, "write failed; the next event or sweep will retry");
    }
  }
  return applied;
}
