import { z } from "zod";
import { parseRelease, RELEASE_NAME } from "../release/names.js";
import { isOneOf } from "../util/narrow.js";
import { closest } from "../util/spelling.js";
import { stripHtmlComments } from "../util/user-text.js";

/**
 * Slash commands in GitHub comments, read the way Prow reads them (domain guide, section 6):
 * a command is `/name` at the start of a line, taken only from text a reader can see
 * (not from HTML comments, fenced code or `>` quotes), and a refusal quotes the command
 * with `>` so that the reply can never trigger a command itself.
 *
 * Pure: no I/O, no GitHub calls. Who may run a command is the caller's business.
 */

/** kep-tracker's own commands. */
export const COMMAND_NAMES = ["track", "untrack", "kep-status", "kep-docs"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A release as the milestones spell it: "v1.37". */

const where = {
  /** The command's line as the reader sees it (HTML comments removed), trimmed. */
  raw: z.string(),
  /** 1-based line in the original comment body. */
  line: z.number().int().min(1),
};

export const TrackCommandSchema = z
  .object({
    name: z.literal("track"),
    /** The release asked for, normalised ("v1.37"); null when none was given or it was not a release. */
    release: z.string().regex(RELEASE_NAME).nullable(),
    /** Present only when an argument was given that is not a release: the argument as typed, for the refusal. */
    invalidRelease: z.string().min(1).optional(),
    ...where,
  })
  .refine((c) => c.release === null || c.invalidRelease === undefined, {
    message: "a /track command has either a release or an invalid release, not both",
  });

export const UntrackCommandSchema = z.object({
  name: z.literal("untrack"),
  /** The rest of the line, trimmed; null when empty. */
  reason: z.string().min(1).nullable(),
  ...where,
});

export const KepStatusCommandSchema = z.object({
  name: z.literal("kep-status"),
  ...where,
});

/** `/kep-docs none <reason>`: the KEP needs no docs; `/kep-docs needed` takes that back. Anything else is `invalid`. */
export const KepDocsCommandSchema = z.object({
  name: z.literal("kep-docs"),
  action: z.enum(["none", "needed"]).nullable(),
  /** The reason after `none`, trimmed; null when none was given. */
  reason: z.string().min(1).nullable(),
  ...where,
});

export const UnknownCommandSchema = z.object({
  name: z.literal("unknown"),
  /** The word after the slash, e.g. "trak". */
  command: z.string().min(1),
  /** The known command it is a near miss of; null for a `/kep-…` word close to none. */
  suggestion: z.enum(COMMAND_NAMES).nullable(),
  ...where,
});

export const CommandSchema = z.discriminatedUnion("name", [
  TrackCommandSchema,
  UntrackCommandSchema,
  KepStatusCommandSchema,
  KepDocsCommandSchema,
  UnknownCommandSchema,
]);
export type Command = z.infer<typeof CommandSchema>;
export type TrackCommand = z.infer<typeof TrackCommandSchema>;
export type UntrackCommand = z.infer<typeof UntrackCommandSchema>;
export type UnknownCommand = z.infer<typeof UnknownCommandSchema>;
export type KepDocsCommand = z.infer<typeof KepDocsCommandSchema>;

/**
 * Commands Prow (or its external plugins) answers on Kubernetes repositories. They are never
 * reported as near misses of ours, whatever the distance; `/remove-…` is Prow's too.
 */
const PROW_COMMANDS: ReadonlySet<string> = new Set([
  "approve",
  "area",
  "assign",
  "bark",
  "cc",
  "check-cla",
  "cherry-pick",
  "cherrypick",
  "close",
  "committee",
  "easycla",
  "good-first-issue",
  "help",
  "hold",
  "honk",
  "joke",
  "kind",
  "label",
  "lgtm",
  "lifecycle",
  "lock",
  "meow",
  "meowvie",
  "milestone",
  "ok-to-test",
  "override",
  "pony",
  "priority",
  "release-note",
  "release-note-edit",
  "release-note-none",
  "reopen",
  "retest",
  "retest-required",
  "retitle",
  "shrug",
  "sig",
  "skip",
  "stage",
  "test",
  "transfer",
  "transfer-issue",
  "triage",
  "unassign",
  "uncc",
  "unhold",
  "unshrug",
  "verify-owners",
  "wg",
  "woof",
]);

/** Largest edit distance at which `/word` is taken for a mistyped command of ours. */
const MAX_DISTANCE = 2;

/**
 * Where a line may start to be a command: at most 3 spaces, as in CommonMark. Four spaces
 * (or a tab) make an indented code block or continue the paragraph above: either way the
 * reader does not see a command at the start of a line.
 */
export const LINE_BREAK = /\r\n|\r|\n/;
const COMMAND_LINE = /^ {0,3}\/([a-z][a-z0-9-]*)(?=\s|$)(.*)$/s;
const QUOTE_LINE = /^ {0,3}>/;
// A fence may also open a list item ("- ```"); reading one too many fences only ever hides commands.
const FENCE_OPEN = /^ {0,3}(?:(?:[-*+]|\d{1,9}[.)]) +)?(`{3,}|~{3,})(.*)$/s;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * The commands in a comment body, in order of appearance, at most one of each kind (so a comment
 * repeating a command cannot multiply its work): the first `/track`, the first `/untrack`, the
 * first `/kep-status` and the first near miss are acted on, so 2,000 `/trak` lines cost one
 * reply, not 2,000. See `readCommands` for the count of the rest. The caller still owes one
 * reply per comment: gather every refusal and send them together with `combinedReply`.
 *
 * `known` limits which of kep-tracker's commands are live (default: all of them); a live command's
 * near miss (edit distance ≤ 2, e.g. `/trak`) or any other `/kep-…` word comes back as "unknown".
 * Prow's commands, kep-tracker commands that are not live, and every other `/word` are ignored.
 */
export function parseCommands(body: string | null | undefined, known: readonly string[] = COMMAND_NAMES): Command[] {
  return readCommands(body, known).commands;
}

/**
 * The comment's commands, the first of each kind, and how many later `/track`, `/untrack` and
 * `/kep-status` lines were left alone (near misses after the first are not looked at).
 */
export function readCommands(
  body: string | null | undefined,
  known: readonly string[] = COMMAND_NAMES,
): { commands: Command[]; repeated: number } {
  const commands: Command[] = [];
  let repeated = 0;
  if (typeof body !== "string" || body === "") return { commands, repeated };
  const live = COMMAND_NAMES.filter((n) => known.includes(n));
  if (live.length === 0) return { commands, repeated };

  const lines = body.replace(/^\uFEFF/, "").split(LINE_BREAK);
  let fence: { char: string; length: number } | null = null;
  const html = { inComment: false };

  lines.forEach((text, index) => {
    const line = index + 1;
    if (fence) {
      const close = FENCE_CLOSE.exec(text);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      return;
    }
    if (!html.inComment) {
      const open = FENCE_OPEN.exec(text);
      // A backtick fence's info string has no backtick: "```a```" is inline code, not a fence.
      if (open?.[1] && !(open[1][0] === "`" && (open[2] ?? "").includes("`"))) {
        fence = { char: open[1][0]!, length: open[1].length };
        return;
      }
      // A quoted line is someone else's words, at any depth; a fence or comment opened
      // inside a quote ends with the quote, so nothing in it carries over.
      if (QUOTE_LINE.test(text)) return;
    }
    const visible = stripHtmlComments(text, html, { codeSpans: true }).visible;
    const command = readCommand(visible, line, live, !commands.some((c) => c.name === "unknown"));
    if (!command) return;
    if (commands.some((c) => c.name === command.name)) repeated += 1;
    else commands.push(command);
  });
  return { commands, repeated };
}

function kepDocs(rest: string, raw: string, line: number): KepDocsCommand {
  const m = /^(\S+)\s*(.*)$/s.exec(rest);
  const word = m?.[1]?.toLowerCase() ?? "";
  const reason = m?.[2]?.trim() || null;
  if (word === "none") return { name: "kep-docs", action: "none", reason, raw, line };
  if (word === "needed" || word === "required") return { name: "kep-docs", action: "needed", reason: null, raw, line };
  return { name: "kep-docs", action: null, reason: null, raw, line };
}

function readCommand(visible: string, line: number, live: readonly CommandName[], lookForNearMiss: boolean): Command | null {
  const m = COMMAND_LINE.exec(visible);
  if (!m?.[1]) return null;
  const word = m[1];
  const rest = (m[2] ?? "").trim();
  const raw = visible.trim();

  if (isOneOf(live, word)) {
    switch (word) {
      case "track": {
        if (rest === "") return { name: "track", release: null, raw, line };
        const release = parseRelease(rest);
        return release ? { name: "track", release, raw, line } : { name: "track", release: null, invalidRelease: rest, raw, line };
      }
      case "untrack":
        return { name: "untrack", reason: rest === "" ? null : rest, raw, line };
      case "kep-status":
        return { name: "kep-status", raw, line };
      case "kep-docs":
        return kepDocs(rest, raw, line);
    }
  }
  // Ours but switched off, or Prow's: not ours to answer.
  if (isOneOf(COMMAND_NAMES, word)) return null;
  if (PROW_COMMANDS.has(word) || word.startsWith("remove-")) return null;

  // Only the first near miss is answered: later ones are not worth measuring (10,000 `/trak…` lines).
  if (!lookForNearMiss) return null;
  const near = closest(word, live, MAX_DISTANCE);
  if (near) return { name: "unknown", command: word, suggestion: near, raw, line };
  if (word.startsWith("kep-")) return { name: "unknown", command: word, suggestion: null, raw, line };
  return null;
}
