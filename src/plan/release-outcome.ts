import { finalMarker, readMarkers } from "../reading/markers.js";
import { type IssueComment, statusComments } from "../reading/own-comments.js";
import { compareReleases } from "../release/names.js";
import type { Write } from "./writes.js";

/**
 * The last edit of a status comment once its release is over and the issue
 * has left the release's scope: the release's outcome for the KEP in one
 * line ("v1.37: graduated to beta"), with no checklist, no reminder and no
 * mention. Pure. The edited comment opens with FINAL_MARKER instead of the
 * status marker, so it is no status comment any more: nothing finds it to
 * edit again, and a later release that tracks the KEP posts a new one.
 */

/** The release a status comment was written for, from its markers. */
export const releaseOfStatus = (body: string): string | null => readMarkers(body).release ?? null;

/** What the KEP's kep.yaml says, when it was read; the old comment's words otherwise. */
export type OutcomeKep = { stage: string | null; status: string | null; latestMilestone: string | null };

const STAGE_OUTCOME: Record<string, string> = { alpha: "introduced as alpha", beta: "graduated to beta", stable: "graduated to stable" };

function stageOutcome(stage: string | null): string {
  if (!stage || stage === "unknown") return "tracked to the end of the release";
  return STAGE_OUTCOME[stage] ?? `moved to ${stage}`;
}

/** "graduated to beta", "removed from the milestone", "deferred" ...: from the old comment's status and stage, and the KEP when read. */
export function outcomeOf(body: string, release: string, kep: OutcomeKep | null): string {
  const markers = readMarkers(body);
  const status = markers.status ?? markers.statusLine ?? null;
  if (status === "Removed from milestone") return "removed from the milestone";
  if (status === "Deferred" || kep?.status?.trim() === "deferred") return "deferred";
  if (kep && compareReleases(kep.latestMilestone, release) > 0) return `deferred to ${kep.latestMilestone!.trim()}`;
  if (status?.startsWith("Tracked") || status === "Exception approved") {
    const fromKep = kep && kep.latestMilestone?.trim() === release ? kep.stage?.trim().toLowerCase() : null;
    return stageOutcome(fromKep ?? markers.kep?.stage ?? /· stage \*\*([a-z]+)\*\*/.exec(body)?.[1] ?? null);
  }
  return status ? `not completed (last status: ${status})` : "tracked to the end of the release";
}

export function renderFinal(release: string, outcome: string): string {
  return `${[
    finalMarker(release),
    `**${release}: ${outcome}**`,
    "",
    `The ${release} release cycle is over; this was the ${release} Enhancements team's status comment for this KEP, ` +
      "and it will not change again.",
  ].join("\n")}\n`;
}

/**
 * The final edit an issue's status comment is due, or null: when the issue
 * is out of `current`'s scope (the caller says so) and its status comment was
 * written for another release, or for `ending` (the release the cleanup closes).
 */
export function finalEdit(
  comments: IssueComment[],
  botLogin: string,
  opts: { current: string; ending?: string; kep?: OutcomeKep | null },
): Write | null {
  const [status] = statusComments(comments, botLogin);
  if (!status) return null;
  const release = releaseOfStatus(status.body);
  if (!release || (release === opts.current && release !== opts.ending)) return null;
  return { kind: "update-comment", id: status.id, body: renderFinal(release, outcomeOf(status.body, release, opts.kep ?? null)) };
}
