/**
 * The board part of the config check run: whether the configured board can be read, and every
 * field and option it lacks for the release's words (src/board/check.ts), so that a missing
 * option is said once, when the configuration changes, before any sweep needs it.
 */
import { checkBoard } from "../../board/check.js";
import { describeFinding } from "../../board/plan.js";
import type { Config } from "../../config/config.js";
import { releaseWords } from "../../release/release-words.js";
import { errorMessage } from "../../util/narrow.js";
import { boardOwnerType, type GraphqlClient, readBoard } from "./reader.js";

/** One line per problem with the board; empty without a board or for a fit one. */
export async function boardProblems(client: GraphqlClient, config: Config): Promise<string[]> {
  const b = config.board;
  if (!b) return [];
  try {
    // An App's Projects permission is an organisation's, and projects_v2_item events come from organisations only.
    if ((await boardOwnerType(client, b.owner)) === "User")
      return [
        `The board ${b.owner}/${b.number} belongs to a user: the App's Projects permission and its board events are for organisation ` +
          "boards only, so the App cannot keep it. Move the board to an organisation, " +
          "or keep it with `kep-tracker sweep` and a token of its owner.",
      ];
    const board = await readBoard(client, b.owner, b.number);
    return checkBoard(board, b.fields, releaseWords(config.release, config.words)).map(describeFinding);
  } catch (e) {
    return [`The board ${b.owner}/${b.number} cannot be read: ${errorMessage(e)}`];
  }
}
