import type { TrackerGitHub } from "../github/client.js";
import { isReleaseName } from "../release/names.js";
import { instantsOf, phaseAt } from "../release/schedule.js";
import { parseCommands, refusal, type TrackCommand, unknownCommandReply, type UntrackCommand } from "../tracking/commands.js";
import { applyWrites } from "../github/writes.js";
import { describeWrite, type Write } from "../tracking/writes.js";
import { type RefreshDeps, refreshIssue } from "./refresh.js";

export type CommentEvent = {
  issue: number;
  issueState: "open" | "closed";
  labels: string[];
  /** The issue's milestone title when the comment was made. */
  milestone: string | null;
  commentId: number;
  body: string;
  author: string;
  org: string;
};

// A positive membership answer is trusted for a few minutes; a negative one is always asked again.
const MEMBERSHIP_TTL_MS = 5 * 60 * 1000;

async function mayTrack(gh: TrackerGitHub, deps: RefreshDeps, org: string, login: string): Promise<boolean> {
  const { trackers, users } = deps.config.teams;
  if (users.some((u) => u.toLowerCase() === login.toLowerCase())) return true;
  for (const team of trackers) {
    const key = `${org}/${team}/${login}`.toLowerCase();
    const since = deps.caches.members.get(key);
    if (since !== undefined && deps.now.getTime() - since < MEMBERSHIP_TTL_MS) return true;
    if (await gh.isTeamMember(org, team, login)) {
      deps.caches.members.set(key, deps.now.getTime());
      return true;
    }
  }
  return false;
}

function whoMay(deps: RefreshDeps): string {
  const { trackers, users } = deps.config.teams;
  const names = [...trackers.map((t) => `members of ${t}`), ...users.map((u) => `@${u}`)];
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names[0] ?? "nobody (no teams are configured)";
}

/** Why the commenter may not /track this issue now, or null when they may: the milestone's number comes with it. */
async function trackRefusal(deps: RefreshDeps, event: CommentEvent, command: TrackCommand): Promise<string | { milestone: { number: number; title: string } }> {
  const release = deps.config.release;
  if (command.invalidRelease !== undefined || (command.release && command.release !== release)) {
    return `kep-tracker tracks ${release} only, not ${command.release ?? command.invalidRelease}; use /track or /track ${release}`;
  }
  if (event.issueState === "closed") return "this issue is closed; reopen it before tracking it";
  const instants = instantsOf(deps.deadlines);
  if (phaseAt(instants, deps.now).phase !== "opt-in" && !event.labels.includes(deps.config.labels.leadOptedIn)) {
    return `PRR freeze has passed and no SIG lead opted this KEP in (\`${deps.config.labels.leadOptedIn}\`); it needs an exception to join ${release}`;
  }
  const milestones = await deps.gh.milestones();
  const milestone = milestones.find((m) => m.title === release);
  if (milestone) return { milestone };
  const releases = milestones.map((m) => m.title).filter(isReleaseName);
  return `there is no open milestone ${release}${releases.length ? ` (open release milestones: ${releases.join(", ")})` : ""}; a milestone maintainer must create it first`;
}

/** The release team's own transition: tracked/yes + milestone, or tracked/no + no milestone. A redelivered command writes nothing. */
function trackedWrites(deps: RefreshDeps, event: CommentEvent, milestone: { number: number; title: string } | null): Write[] {
  const { trackedYes, trackedNo } = deps.config.labels;
  const [add, remove] = milestone ? [trackedYes, trackedNo] : [trackedNo, trackedYes];
  const writes: Write[] = [];
  if (!event.labels.includes(add)) writes.push({ kind: "add-labels", labels: [add] });
  if (event.labels.includes(remove)) writes.push({ kind: "remove-label", label: remove });
  if (event.milestone !== (milestone?.title ?? null)) writes.push({ kind: "set-milestone", milestone });
  return writes;
}

/** Runs one permitted /track or /untrack: its transition, then the status comment. Returns the writes that failed. */
async function transition(deps: RefreshDeps, event: CommentEvent, command: TrackCommand | UntrackCommand): Promise<Write[] | string> {
  let milestone: { number: number; title: string } | null = null;
  if (command.name === "track") {
    const refusal = await trackRefusal(deps, event, command);
    if (typeof refusal === "string") return refusal;
    milestone = refusal.milestone;
  }
  const applied = await applyWrites(deps.gh, event.issue, trackedWrites(deps, event, milestone), deps);
  const refreshed = await refreshIssue(deps, event.issue, command.name === "untrack" ? { untrackReason: command.reason } : {});
  return [...applied.failed, ...refreshed.failed];
}

/**
 * Runs the commands of a newly created comment, every write through the one
 * write path. Each refusal is one reply starting "@login:", saying why and
 * who may, with the command quoted so the reply cannot trigger anything.
 * Success is a 👍, given only when every write of the commands went through;
 * otherwise one reply says what failed.
 */
export async function runCommands(deps: RefreshDeps, event: CommentEvent): Promise<{ ran: string[]; refused: string[] }> {
  const ran: string[] = [];
  const refused: string[] = [];
  const failed: Write[] = [];
  const reply = async (body: string) => {
    failed.push(...(await applyWrites(deps.gh, event.issue, [{ kind: "create-comment", body }], deps)).failed);
  };
  for (const command of parseCommands(event.body)) {
    if (command.name === "unknown") {
      refused.push(command.name);
      await reply(unknownCommandReply(event.author, command));
      continue;
    }
    if (command.name === "kep-status") {
      failed.push(...(await refreshIssue(deps, event.issue)).failed);
      ran.push(command.name);
      continue;
    }
    const outcome = (await mayTrack(deps.gh, deps, event.org, event.author)) ? await transition(deps, event, command) : `only ${whoMay(deps)} may use /${command.name}`;
    if (typeof outcome === "string") {
      refused.push(command.name);
      await reply(refusal(event.author, outcome, command.raw));
      continue;
    }
    failed.push(...outcome);
    ran.push(command.name);
  }
  if (!ran.length) return { ran, refused };
  const ack: Write = failed.length
    ? { kind: "create-comment", body: unfinishedReply(event.author, failed) }
    : { kind: "react", commentId: event.commentId, content: "+1" };
  await applyWrites(deps.gh, event.issue, [ack], deps);
  return { ran, refused };
}

/** The one reply when some of a command's writes failed: what, and that it will be finished. */
function unfinishedReply(author: string, failed: Write[]): string {
  return `@${author}: not everything went through: ${failed.map(describeWrite).join("; ")} failed. The next event or sweep will finish it.\n`;
}
