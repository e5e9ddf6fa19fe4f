// What the story prints as it happens: every change made on a featured issue
// (labels, milestone, comments, reactions, board fields), one event a line,
// the App's comments quoted in full and its edits as the lines that changed.
// Changes on the other issues are only counted, for one line after each scene.
import { fieldValueOf } from "../fake-github/projects.js";
import type { FakeChange } from "../fake-github/world.js";
import { STATUS_MARKER } from "../src/reading/markers.js";
import { changedLines, quoted, type Style, visibleLines } from "./text.js";

const REACTIONS: Record<string, string> = { "+1": "👍", "-1": "👎", eyes: "👀", confused: "😕" };

/** What the App did on the issues the story does not follow. */
export type OtherCounts = {
  statusComments: number;
  statusEdits: number;
  reminders: number;
  labels: number;
  milestones: number;
  boardItems: number;
  boardFields: number;
  other: number;
};

const noCounts = (): OtherCounts => ({
  statusComments: 0,
  statusEdits: 0,
  reminders: 0,
  labels: 0,
  milestones: 0,
  boardItems: 0,
  boardFields: 0,
  other: 0,
});

export type Printer = {
  onChange: (change: FakeChange) => void;
  /** Prints the board line still being gathered (call before writing anything else). */
  flush: () => void;
  /** The counts since the last call, and a fresh start. */
  takeOthers: () => OtherCounts;
};

type CommentKind = "status comment" | "reminder" | "reply" | "comment";

function kindOf(body: string, byApp: boolean): CommentKind {
  if (!byApp) return "comment";
  if (body.startsWith(STATUS_MARKER)) return "status comment";
  if (body.startsWith("<!-- kep-tracker:reminder")) return "reminder";
  return "reply";
}

function countOther(counts: OtherCounts, c: FakeChange, kind: CommentKind | null): void {
  if (kind === "status comment" && c.what === "comment created") counts.statusComments++;
  else if (kind === "status comment") counts.statusEdits++;
  else if (kind === "reminder") counts.reminders++;
  else if (c.what === "labeled" || c.what === "unlabeled") counts.labels++;
  else if (c.what === "milestoned" || c.what === "demilestoned") counts.milestones++;
  else if (c.what === "item added") counts.boardItems++;
  else if (c.what === "field set" || c.what === "field cleared") counts.boardFields++;
  else counts.other++;
}

/**
 * A printer writing to `write`. `featured` says which issues are told in full;
 * `isApp` recognises the App's login.
 */
export function createPrinter(opts: {
  write: (line: string) => void;
  style: Style;
  featured: (issue: number) => boolean;
  isApp: (login: string) => boolean;
}): Printer {
  const { write, style } = opts;
  const seen = new Map<number, string[]>();
  let others = noCounts();
  const bar = style.dim("      │ ");

  const event = (c: FakeChange, text: string) => {
    const content = c.item?.content;
    const where = c.issue ? `#${c.issue.number}` : content && "number" in content ? `#${content.number}` : "";
    const who = opts.isApp(c.actor) ? style.bold(c.actor) : c.actor;
    write(`  ${style.dim(where.padEnd(6))} ${who} ${text}`);
  };

  const onComment = (c: FakeChange, kind: CommentKind) => {
    const comment = c.comment!;
    const lines = visibleLines(comment.body, style);
    const before = seen.get(comment.id);
    seen.set(comment.id, lines);
    if (c.what === "comment deleted") return event(c, `deleted ${kind === "comment" ? "a comment" : `the ${kind}`}`);
    if (c.what === "comment created") {
      event(c, kind === "comment" ? "commented:" : `posted ${kind === "status comment" ? "the" : "a"} ${kind}:`);
      for (const line of quoted(lines, bar)) write(line);
      return;
    }
    // Blank lines coming and going are layout, not news.
    const changes = changedLines(before ?? [], lines).filter((c) => c.line.trim() !== "");
    event(c, `edited the ${kind} (${changes.length} line${changes.length === 1 ? "" : "s"} changed):`);
    for (const { sign, line } of changes) write(`${bar}${sign === "-" ? style.red(`- ${line}`) : style.green(`+ ${line}`)}`);
  };

  // One person's (or the App's) run of changes to one board item makes one line:
  // "board (added to …): Status → …, Stage → …", printed when something else happens.
  let pending: { key: string; first: FakeChange; added: boolean; fields: string[] } | null = null;
  const flush = () => {
    if (!pending) return;
    const { first, added, fields } = pending;
    pending = null;
    const where = added ? ` (added to "${first.project!.title}")` : "";
    event(first, fields.length ? `board${where}: ${fields.join(", ")}` : `board${where}`);
  };
  const onBoard = (c: FakeChange) => {
    const key = `${c.actor} ${c.item!.id}`;
    if (pending?.key !== key) {
      flush();
      pending = { key, first: c, added: false, fields: [] };
    }
    if (c.what === "item added") pending.added = true;
    else {
      const value = c.what === "field cleared" ? null : fieldValueOf(c.project!, c.item!, c.fieldName!);
      pending.fields.push(`${c.fieldName} → ${value === null ? "(empty)" : style.bold(String(value))}`);
    }
  };

  return {
    flush,
    onChange: (c) => {
      const kind = c.comment ? kindOf(c.comment.body, opts.isApp(c.comment.author)) : null;
      const number = c.issue?.number ?? (c.item && "number" in c.item.content ? c.item.content.number : null);
      if (number === null || !opts.featured(number)) return countOther(others, c, kind);
      if (c.project && c.item) return onBoard(c);
      flush();
      if (c.what === "labeled") return event(c, `added the label ${style.bold(c.label!)}`);
      if (c.what === "unlabeled") return event(c, `removed the label ${style.bold(c.label!)}`);
      if (c.what === "milestoned") return event(c, `set the milestone ${style.bold(c.issue!.milestone?.title ?? "")}`);
      if (c.what === "demilestoned") return event(c, "cleared the milestone");
      if (c.what === "reaction")
        return event(c, `reacted ${REACTIONS[c.detail ?? ""] ?? c.detail} to ${c.comment?.author ?? "a"}'s comment`);
      if (c.what === "check run") return event(c, `reported a check run: ${c.detail}`);
      if (kind) return onComment(c, kind);
    },
    takeOthers: () => {
      const taken = others;
      others = noCounts();
      return taken;
    },
  };
}

/** "On the 85 other issues: 80 status comments posted, 12 reminders, 4 label changes", or null when nothing happened there. */
export function othersLine(n: number, c: OtherCounts): string | null {
  const parts: string[] = [];
  const add = (count: number, one: string, many: string) => count && parts.push(`${count} ${count === 1 ? one : many}`);
  add(c.statusComments, "status comment posted", "status comments posted");
  add(c.statusEdits, "status comment edited", "status comments edited");
  add(c.reminders, "reminder", "reminders");
  add(c.labels, "label change", "label changes");
  add(c.milestones, "milestone change", "milestone changes");
  add(c.boardItems, "board item added", "board items added");
  add(c.boardFields, "board field set", "board fields set");
  add(c.other, "other change", "other changes");
  return parts.length ? `On the ${n} other issues: ${parts.join(", ")}.` : null;
}
