import { applyWrites } from "../github/writes.js";
import { describeWrite, type Write } from "../plan/writes.js";
import { type Command, parseCommands, type TrackCommand, type UntrackCommand } from "../reading/commands.js";
import { isReleaseName } from "../release/names.js";
import { instantsOf, phaseAt } from "../release/schedule.js";
import { combinedReply, unknownCommandReason } from "../render/replies.js";
import { UNTRACK_REASON_MAX } from "../render/status-comment.js";
import { neutraliseUserText } from "../util/user-text.js";
import { mayTrack } from "./command-transition.js";
import { runKepDocs } from "./kep-docs.js";
import { type RefreshDeps, refreshIssue } from "./refresh.js";

export type CommentEvent = {
  issue: number;
  issueState: "open" | "closed";
  /** The issue's labels when the comment was made: only for refusing a /track (the change itself reads the issue again). */
  labels: string[];
  commentId: number;
  body: string;
  author: string;
  org: string;
  /** The issue's author and assignees: they may use /kep-docs. */
  issueAuthor?: string | null;
  assignees?: string[];
};

function whoMay(deps: RefreshDeps): string {
  const { trackers, users } = deps.config.teams;
  const names = [...trackers.map((t) => `members of ${t}`), ...users];
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "nobody (no teams are configured)");
}

/** Why the commenter may not /track this issue now, or null when they may: the milestone's number comes with it. */
async function trackRefusal(
  deps: RefreshDeps,
  event: CommentEvent,
  command: TrackCommand,
): Promise<string | { milestone: { number: number; title: string } }> {
  const release = deps.config.release;
  if (command.invalidRelease !== undefined || (command.release && command.release !== release)) {
    const asked = command.release ?? neutraliseUserText(command.invalidRelease ?? "", 100);
    return `kep-tracker tracks ${release} only, not ${asked}; use /track or /track ${release}`;
  }
  if (event.issueState === "closed") return "this issue is closed; reopen it before tracking it";
  const instants = instantsOf(deps.deadlines);
  if (phaseAt(instants, deps.now).phase !== "opt-in" && !event.labels.includes(deps.config.labels.leadOptedIn)) {
    const optIn = `\`${deps.config.labels.leadOptedIn}\``;
    return `PRR freeze has passed and no SIG lead opted this KEP in (${optIn}); it needs an exception to join ${release}`;
  }
  const milestones = await deps.gh.milestones();
  const milestone = milestones.find((m) => m.title === release);
  if (milestone) return { milestone };
  const releases = milestones.map((m) => m.title).filter(isReleaseName);
  const open = releases.map((r) => neutraliseUserText(r, 50)).join(", ");
  const known = releases.length ? ` (open release milestones: ${open})` : "";
  return `there is no open milestone ${release}${known}; a milestone maintainer must create it first`;
}

/** Runs one permitted /track or /untrack: its transition, then the status comment. Returns the writes that failed. */
async function transition(deps: RefreshDeps, event: CommentEvent, command: TrackCommand | UntrackCommand): Promise<Write[] | string> {
  let milestone: { number: number; title: string } | null = null;
  if (command.name === "track") {
    const refusal = await trackRefusal(deps, event, command);
    if (typeof refusal === "string") return refusal;
    milestone = refusal.milestone;
  }
  // Applied under the issue's lock, to the issue as read then (app/command-transition.ts).
  const pending = { name: command.name, milestone, commentId: event.commentId, org: event.org };
  const refreshed = await refreshIssue(deps, event.issue, {
    command: pending,
    ...(command.name === "untrack" ? { untrackReason: command.reason?.trim().slice(0, UNTRACK_REASON_MAX) ?? null } : {}),
  });
  return refreshed.failed;
}

type Refusal = { reason: string; raw: string };

/** What a comment's commands came to: those that ran, the refusals, and the writes that failed. */
type Outcome = { ran: string[]; refusals: Refusal[]; failed: Write[]; refreshed: boolean };

// /kep-status goes last: when a /track or /untrack of the same comment has refreshed the issue, it costs nothing more.
const ORDER: Record<Command["name"], number> = { unknown: 0, track: 1, untrack: 2, "kep-docs": 3, "kep-status": 4 };

/** Runs one command of a comment and records what came of it. */
async function runOne(deps: RefreshDeps, event: CommentEvent, command: Command, out: Outcome): Promise<void> {
  if (command.name === "unknown") {
    out.refusals.push({ reason: unknownCommandReason(command), raw: command.raw });
    return;
  }
  if (command.name === "kep-status") {
    if (!out.refreshed) out.failed.push(...(await refreshIssue(deps, event.issue)).failed);
    out.refreshed = true;
    out.ran.push(command.name);
    return;
  }
  const people = { issueAuthor: event.issueAuthor ?? null, assignees: event.assignees ?? [] };
  const outcome =
    command.name === "kep-docs"
      ? await runKepDocs(deps, { ...event, ...people }, command, whoMay(deps))
      : (await mayTrack(deps, event.org, event.author))
        ? await transition(deps, event, command)
        : `only ${whoMay(deps)} may use /${command.name}`;
  if (typeof outcome === "string") {
    out.refusals.push({ reason: outcome, raw: command.raw });
    return;
  }
  out.failed.push(...outcome);
  out.refreshed = true;
  out.ran.push(command.name);
}

/**
 * Runs the commands of a newly created comment, every write through the one
 * write path. parseCommands gives at most one command of each kind, so a
 * comment of 2,000 `/track` lines is one /track. Everything refused, and any
 * write that failed, goes into ONE reply starting "@login:", each command
 * quoted so the reply cannot trigger anything (at most one reply per
 * comment, however many commands it holds). Success is a 👍, given only when every write went through.
 */
export async function runCommands(deps: RefreshDeps, event: CommentEvent): Promise<{ ran: string[]; refused: string[] }> {
  const commands = parseCommands(event.body).sort((a, b) => ORDER[a.name] - ORDER[b.name]);
  const out: Outcome = { ran: [], refusals: [], failed: [], refreshed: false };
  for (const command of commands) await runOne(deps, event, command, out);
  const refused = commands.filter((c) => !out.ran.includes(c.name)).map((c) => c.name);
  const answers: Write[] = [];
  const onlyUnknown = !out.ran.length && !out.failed.length && commands.every((c) => c.name === "unknown");
  const reply = onlyUnknown && !mayAnswerUnknown(deps, event) ? null : replyTo(event.author, out);
  if (reply) answers.push({ kind: "create-comment", body: reply });
  if (out.ran.length && !out.failed.length) answers.push({ kind: "react", commentId: event.commentId, content: "+1" });
  // Anyone can ask for a reply: replies take their own lane, and status updates do not wait behind them.
  if (answers.length) await applyWrites(deps.gh, event.issue, answers, { ...deps, lane: "reply" });
  return { ran: out.ran, refused };
}

// Replies to unknown commands only teach spelling: a few per user and issue are enough, and a flood of
// misspelt comments must not fill GitHub's content-creation budget that status comments need.
const UNKNOWN_REPLIES = 3;
const UNKNOWN_REPLIES_WINDOW_MS = 10 * 60 * 1000;

/** Whether a reply made only of unknown commands may still be posted for this user on this issue (counted when it may). */
function mayAnswerUnknown(deps: RefreshDeps, event: CommentEvent): boolean {
  const key = `${event.issue}/${event.author.toLowerCase()}`;
  const now = deps.now.getTime();
  const recent = (deps.caches.unknownReplies.get(key) ?? []).filter((t) => now - t < UNKNOWN_REPLIES_WINDOW_MS);
  if (recent.length >= UNKNOWN_REPLIES) {
    deps.log.info({ issue: event.issue, author: event.author }, "unknown commands not answered: enough replies to this user here lately");
    return false;
  }
  if (deps.caches.unknownReplies.size > 10_000) deps.caches.unknownReplies.clear();
  deps.caches.unknownReplies.set(key, [...recent, now]);
  return true;
}

/** The comment's one reply, or null when nothing was refused and nothing failed. */
function replyTo(author: string, out: Outcome): string | null {
  const unfinished = out.failed.length ? unfinishedReply(out.failed) : null;
  if (!out.refusals.length) return unfinished ? `@${author}: ${unfinished}` : null;
  const refused = combinedReply(author, out.refusals);
  return unfinished
    ? `${refused}
Also, ${unfinished}`
    : refused;
}

/** What to say when some of a command's writes failed: what, and that it will be finished. */
function unfinishedReply(failed: Write[]): string {
  return `not everything went through: ${failed.map(describeWrite).join("; ")} failed. The next event or sweep will finish it.\n`;
}
