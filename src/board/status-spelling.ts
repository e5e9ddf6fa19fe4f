/**
 * The release's words as this board spells them: where the board's Status field has an option
 * that means a status ("Tracked For KEP Readiness" for "Tracked for KEP readiness"), the status
 * comment, reminders and report say it the board's way, so that people read one word in both
 * places. Pure.
 */

import type { BoardFieldNames } from "../config/board-settings.js";
import { type ReleaseWords, STATUS_KEYS } from "../release/release-words.js";
import type { Board, BoardField } from "./board.js";
import { findOption } from "./options.js";

/** The board's field named `name`: exactly, else whatever its case. */
export function fieldNamed(board: Board, name: string): BoardField | undefined {
  return board.fields.find((f) => f.name === name) ?? board.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9 ,/&()'-]{0,79}$/;

/** `words` with each status spelt as the board's Status option that means it. */
export function boardWords(words: ReleaseWords, board: Board, names: Pick<BoardFieldNames, "status">): ReleaseWords {
  const status = fieldNamed(board, names.status);
  if (status?.type !== "single-select") return words;
  const statuses = { ...words.statuses };
  for (const key of STATUS_KEYS) {
    const option = findOption(status.options, statuses[key]);
    // An option is people's text: only plain words may go into a comment (no @mention, no markup).
    if (option && PLAIN.test(option.name)) statuses[key] = option.name;
  }
  return { ...words, statuses };
}
