import type { TrackerGitHub } from "../github/client.js";
import { isReleaseName } from "../release/names.js";
import { phaseAt } from "../release/schedule.js";
import { DEADLINES, type Deadline } from "../release/timeline.js";
import { type Command, parseCommands, refusal, unknownCommandReply } from "../tracking/commands.js";
import type { Logger } from "../tracking/logger.js";
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

/**
 * Runs the commands of a newly created comment. Each refusal is one reply
 * starting "@login:", saying why and who may, with the command quoted so the
 * reply cannot trigger anything; success is a reaction.
 */
export async function runCommands(deps: RefreshDeps, event: CommentEvent): Promise<{ ran: string[]; refused: string[] }> {
  const { gh, log } = deps;
  const commands = parseCommands(event.body);
  const ran: string[] = [];
  const refused: string[] = [];
  const refuse = async (command: Command, reason: string) => {
    refused.push(command.name);
    await write(deps, log, () => gh.createComment(event.issue, refusal(event.author, reason, command.raw)), { issue: event.issue, write: "reply" });
  };
  for (const command of commands) {
    if (command.name === "unknown") {
      refused.push(command.name);
      await write(deps, log, () => gh.createComment(event.issue, unknownCommandReply(event.author, command)), { issue: event.issue, write: "reply" });
      continue;
    }
    if (command.name === "kep-status") {
      await refreshIssue(deps, event.issue);
      ran.push(command.name);
      continue;
    }
    if (!(await mayTrack(gh, deps, event.org, event.author))) {
      await refuse(command, `only ${whoMay(deps)} may use /${command.name}`);
      continue;
    }
    const release = deps.config.release;
    if (command.name === "track") {
      if (command.invalidRelease !== undefined || (command.release && command.release !== release)) {
        await refuse(command, `kep-tracker tracks ${release} only, not ${command.release ?? command.invalidRelease}; use /track or /track ${release}`);
        continue;
      }
      if (event.issueState === "closed") {
        await refuse(command, "this issue is closed; reopen it before tracking it");
        continue;
      }
      const instants = Object.fromEntries(DEADLINES.map((d) => [d, deps.deadlines[d].at])) as Record<Deadline, Date>;
      if (phaseAt(instants, deps.now).phase !== "opt-in" && !event.labels.includes(deps.config.labels.leadOptedIn)) {
        await refuse(command, `PRR freeze has passed and no SIG lead opted this KEP in (\`${deps.config.labels.leadOptedIn}\`); it needs an exception to join ${release}`);
        continue;
      }
      const milestones = await gh.milestones();
      const milestone = milestones.find((m) => m.title === release);
      if (!milestone) {
        const releases = milestones.map((m) => m.title).filter(isReleaseName);
        await refuse(command, `there is no open milestone ${release}${releases.length ? ` (open release milestones: ${releases.join(", ")})` : ""}; a milestone maintainer must create it first`);
        continue;
      }
      await setTracked(deps, event, true, milestone.number);
      await refreshIssue(deps, event.issue);
    } else {
      await setTracked(deps, event, false, null);
      await refreshIssue(deps, event.issue, { untrackReason: command.reason });
    }
    ran.push(command.name);
  }
  if (ran.length) await write(deps, log, () => gh.react(event.commentId, "+1"), { issue: event.issue, write: "reaction" });
  return { ran, refused };
}

/** The release team's own transition: tracked/yes + milestone, or tracked/no + no milestone. */
async function setTracked(deps: RefreshDeps, event: CommentEvent, tracked: boolean, milestone: number | null) {
  const { gh, log } = deps;
  const { trackedYes, trackedNo } = deps.config.labels;
  const [add, remove] = tracked ? [trackedYes, trackedNo] : [trackedNo, trackedYes];
  if (!event.labels.includes(add)) await write(deps, log, () => gh.addLabels(event.issue, [add]), { issue: event.issue, write: "add-labels", labels: [add] });
  if (event.labels.includes(remove)) await write(deps, log, () => gh.removeLabel(event.issue, remove), { issue: event.issue, write: "remove-label", label: remove });
  // A redelivered command finds the milestone already set, and writes nothing.
  const wanted = tracked ? deps.config.release : null;
  if (event.milestone !== wanted) await write(deps, log, () => gh.setMilestone(event.issue, milestone), { issue: event.issue, write: "milestone", milestone });
}

async function write(deps: RefreshDeps, log: Logger, run: () => Promise<unknown>, what: object): Promise<void> {
  if (deps.dryRun) {
    log.info(what, "dry run: would write");
    return;
  }
  try {
    await run();
  } catch (e) {
    log.error({ ...what, err: (e as Error).message }, "write failed");
  }
}
