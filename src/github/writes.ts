import type { Logger } from "../tracking/logger.js";
import type { Write } from "../tracking/writes.js";
import type { TrackerGitHub } from "./client.js";

/**
 * Makes the writes, or only logs them in dry-run mode. A write that fails
 * (after Octokit's own retries) is logged with what it meant to do and the
 * rest go on: the next event or sweep converges.
 */
export async function applyWrites(gh: TrackerGitHub, issue: number, writes: Write[], opts: { dryRun: boolean; log: Logger }): Promise<number> {
  let made = 0;
  for (const w of writes) {
    const where = { issue, write: w.kind, ...(w.kind === "add-labels" ? { labels: w.labels } : w.kind === "remove-label" ? { label: w.label } : "id" in w ? { comment: w.id } : {}) };
    if (opts.dryRun) {
      opts.log.info(where, "dry run: would write");
      continue;
    }
    try {
      if (w.kind === "add-labels") await gh.addLabels(issue, w.labels);
      else if (w.kind === "remove-label") await gh.removeLabel(issue, w.label);
      else if (w.kind === "create-comment") await gh.createComment(issue, w.body);
      else if (w.kind === "update-comment") await gh.updateComment(w.id, w.body);
      else await gh.deleteComment(w.id);
      made++;
    } catch (e) {
      opts.log.error({ ...where, err: (e as Error).message, status: (e as { status?: number }).status }, "write failed; the next event or sweep will retry");
    }
  }
  return made;
}
