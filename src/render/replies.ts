import { LINE_BREAK, type UnknownCommand } from "../reading/commands.js";
import { neutraliseUserText } from "../util/user-text.js";

/** The App's replies to commands it refuses, in Prow's shape: `@login: reason.` and the command quoted. */

/**
 * The command quoted for a reply: every line prefixed with "> ", so that it can never run again,
 * and each line made inert by `neutraliseUserText` (no mention, no HTML comment or marker, no
 * markdown structure), so that quoting someone cannot ping a team or forge the App's markers.
 */
export function quoteCommand(raw: string): string {
  return raw
    .split(LINE_BREAK)
    .map((line) => `> ${neutraliseUserText(line)}`)
    .join("\n");
}

/** A refusal's reason as a sentence: a final period when it has no closing punctuation. */
function sentence(reason: string): string {
  const said = reason.trimEnd();
  return /[.!?]$/.test(said) ? said : `${said}.`;
}

/**
 * A Prow-style refusal: `@login: reason.`, a blank line, the command quoted.
 * The reason says why and who may; a final period is added when it has no closing punctuation.
 */
export function refusal(login: string, reason: string, raw: string): string {
  return combinedReply(login, [{ reason, raw }]);
}

/**
 * The one reply to a comment (at most one reply per comment, so a comment full of typos is answered once), however many of its
 * commands were refused: `@login:` once, then each reason with its command quoted. The login is
 * the commenter, greeted on purpose.
 */
export function combinedReply(login: string, refusals: ReadonlyArray<{ reason: string; raw: string }>): string {
  const parts = refusals.map((r) => `${sentence(r.reason)}\n\n${quoteCommand(r.raw)}\n`);
  return `@${login}: ${parts.join("\n")}`;
}

const HELP = "kep-tracker knows /track [v1.NN], /untrack [reason] and /kep-status.";

/** The reply to a mistyped command: what was typed, the likely command, and the commands there are. */
export function unknownCommandReply(login: string, command: UnknownCommand): string {
  return refusal(login, unknownCommandReason(command), command.raw);
}

/** Why a mistyped command is refused, for a `combinedReply`. */
export function unknownCommandReason(command: UnknownCommand): string {
  const typed = `\`/${command.command}\` is not a kep-tracker command`;
  return command.suggestion ? `${typed}; did you mean \`/${command.suggestion}\`? ${HELP}` : `${typed}. ${HELP}`;
}
