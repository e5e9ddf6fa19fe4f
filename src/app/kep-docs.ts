import type { Write } from "../plan/writes.js";
import type { KepDocsCommand } from "../reading/commands.js";
import { UNTRACK_REASON_MAX } from "../render/status-comment.js";
import { mayTrack } from "./command-transition.js";
import { type RefreshDeps, refreshIssue } from "./refresh.js";

/**
 * `/kep-docs none <reason>` and `/kep-docs needed`: the KEP's owners (the issue's author and
 * assignees) or a tracker say the KEP needs no docs this release, or take it back. The reason is
 * kept in the status comment's hidden marker, as an /untrack reason is, so every later refresh and
 * sweep judges docs by it until someone takes it back.
 */

/** Who the command is about: the issue's author and assignees, as the event gave them. */
export type IssuePeople = { issueAuthor: string | null; assignees: readonly string[] };

const same = (a: string, b: string | null) => b !== null && a.toLowerCase() === b.toLowerCase();

/** Whether `login` may say whether the KEP needs docs: an owner of the issue, or whoever may /track. */
async function maySayDocs(deps: RefreshDeps, org: string, login: string, people: IssuePeople): Promise<boolean> {
  if (same(login, people.issueAuthor) || people.assignees.some((a) => same(login, a))) return true;
  return mayTrack(deps, org, login);
}

/** Why the command cannot run as written, or null. */
function malformed(command: KepDocsCommand): string | null {
  if (command.action === null) return "use `/kep-docs none <reason>` (no docs needed, and why) or `/kep-docs needed`";
  if (command.action === "none" && !command.reason) return "say why no docs are needed: `/kep-docs none <reason>`";
  return null;
}

/** Runs a `/kep-docs`: the refusal, or the writes of the refresh that failed. */
export async function runKepDocs(
  deps: RefreshDeps,
  event: { issue: number; author: string; org: string } & IssuePeople,
  command: KepDocsCommand,
  whoMay: string,
): Promise<Write[] | string> {
  const wrong = malformed(command);
  if (wrong) return wrong;
  if (!(await maySayDocs(deps, event.org, event.author, event)))
    return `only the issue's author or assignees, or ${whoMay}, may use /kep-docs`;
  const docsNone = command.action === "none" ? (command.reason?.trim().slice(0, UNTRACK_REASON_MAX) ?? null) : null;
  return (await refreshIssue(deps, event.issue, { docsNone })).failed;
}
