import type { Config } from "../config/config.js";
import type { TrackerGitHub } from "../github/client.js";
import { applyWrites } from "../github/writes.js";
import type { Write } from "../plan/writes.js";
import { parseCommands } from "../reading/commands.js";
import type { IssueComment } from "../reading/own-comments.js";
import type { Logger } from "../util/logger.js";
import type { Caches } from "./caches.js";

/**
 * A /track or /untrack's own change (tracked/yes + milestone, or tracked/no + no milestone), made from
 * the issue as it is now, read under the issue's lock: not from the event's snapshot of labels, which two
 * quick commands, a redelivery or another replica may have changed since.
 */

export type CommandDeps = { gh: TrackerGitHub; caches: Caches; config: Config; now: Date; dryRun: boolean; log: Logger };

/** A permitted command, waiting to be applied: which, the milestone a /track sets, and the comment it came in. */
export type PendingCommand = {
  name: "track" | "untrack";
  milestone: { number: number; title: string } | null;
  commentId: number;
  org: string;
};

// A positive membership answer is trusted for a few minutes; a negative one for a minute, so that a
// refused command repeated (in one comment or several) asks GitHub nothing more, and a newly added
// member waits at most a minute.
const MEMBERSHIP_TTL_MS = 5 * 60 * 1000;
const NON_MEMBER_TTL_MS = 60 * 1000;

const fresh = (cache: Map<string, number>, key: string, now: Date, ttl: number): boolean => {
  const since = cache.get(key);
  return since !== undefined && now.getTime() - since < ttl;
};

/** Whether `login` may /track and /untrack: a configured user, or a member of a tracker team. */
export async function mayTrack(deps: Omit<CommandDeps, "dryRun" | "log">, org: string, login: string): Promise<boolean> {
  const { trackers, users } = deps.config.teams;
  if (users.some((u) => u.toLowerCase() === login.toLowerCase())) return true;
  const { members, nonMembers } = deps.caches;
  for (const team of trackers) {
    const key = `${org}/${team}/${login}`.toLowerCase();
    if (fresh(members, key, deps.now, MEMBERSHIP_TTL_MS)) return true;
    if (fresh(nonMembers, key, deps.now, NON_MEMBER_TTL_MS)) continue;
    if (await deps.gh.isTeamMember(org, team, login)) {
      members.set(key, deps.now.getTime());
      nonMembers.delete(key);
      return true;
    }
    nonMembers.set(key, deps.now.getTime());
  }
  return false;
}

/** Whether a later comment holds a /track or /untrack by someone who may use them: then this command is overridden. */
async function overridden(deps: CommandDeps, command: PendingCommand, comments: IssueComment[]): Promise<boolean> {
  for (const c of comments) {
    if (c.bot || c.id <= command.commentId) continue;
    if (!parseCommands(c.body).some((k) => k.name === "track" || k.name === "untrack")) continue;
    if (await mayTrack(deps, command.org, c.author)) return true;
  }
  return false;
}

type Current = { labels: string[]; milestone: { title: string; number: number } | null };

/**
 * Applies the command to the issue as read now; returns the labels and milestone it leaves (for the
 * evaluation that follows) and the writes that failed. An overridden command (a redelivered old
 * /track after an /untrack) changes nothing.
 */
export async function applyCommand(
  deps: CommandDeps,
  number: number,
  issue: Current,
  comments: IssueComment[],
  command: PendingCommand,
): Promise<{ labels: string[]; milestone: Current["milestone"]; failed: Write[]; overridden: boolean }> {
  if (await overridden(deps, command, comments)) {
    deps.log.info({ issue: number, comment: command.commentId }, `a later command overrides this /${command.name}; nothing changed`);
    return { ...issue, failed: [], overridden: true };
  }
  const { trackedYes, trackedNo } = deps.config.labels;
  const [add, remove] = command.milestone ? [trackedYes, trackedNo] : [trackedNo, trackedYes];
  const writes: Write[] = [];
  if (!issue.labels.includes(add)) writes.push({ kind: "add-labels", labels: [add] });
  if (issue.labels.includes(remove)) writes.push({ kind: "remove-label", label: remove });
  if ((issue.milestone?.title ?? null) !== (command.milestone?.title ?? null))
    writes.push({ kind: "set-milestone", milestone: command.milestone });
  const { failed } = await applyWrites(deps.gh, number, writes, deps);
  const done = (w: Write) => !failed.includes(w);
  const labels = issue.labels.filter((l) => !(l === remove && writes.some((w) => w.kind === "remove-label" && done(w))));
  if (writes.some((w) => w.kind === "add-labels" && done(w))) labels.push(add);
  const milestoneWrite = writes.find((w) => w.kind === "set-milestone");
  const milestone = milestoneWrite && done(milestoneWrite) ? command.milestone : issue.milestone;
  return { labels, milestone, failed, overridden: false };
}
