/**
 * The board's side of one issue's verdict, the same for a webhook event and a sweep: the words
 * the board spells, the exception its item records, and what the item should say.
 */
import type { BoardFieldNames } from "../config/board-settings.js";
import type { Config } from "../config/config.js";
import type { ValidatedKep } from "../kep/validate.js";
import { changeFactsOf } from "../release/change-kind.js";
import { type ReleaseWords, releaseWords } from "../release/release-words.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import { type ExceptionState, exceptionState } from "../verdict/exceptions.js";
import type { Verdict } from "../verdict/types.js";
import type { Board, BoardItem } from "./board.js";
import { type DesiredItem, desiredItem } from "./desired.js";
import { exceptionFieldsOf } from "./item-fields.js";
import { boardWords } from "./status-spelling.js";

/** The release's words as this board spells them (the configured words first). */
export const wordsOnBoard = (config: Pick<Config, "release" | "words">, board: Board, names: BoardFieldNames): ReleaseWords =>
  boardWords(releaseWords(config.release, config.words), board, names);

/** The exception the item records, judged at `now`. */
export const exceptionOnItem = (
  board: Board,
  item: BoardItem,
  names: BoardFieldNames,
  deadlines: Record<Deadline, ParsedDeadline>,
  now: Date,
): ExceptionState => exceptionState(exceptionFieldsOf(board, item, names), deadlines, now);

/** What the issue's item should say for its verdict; null for an issue out of the release. */
export function itemForVerdict(release: string, verdict: Verdict, kep: ValidatedKep | null, words: ReleaseWords): DesiredItem | null {
  if (verdict.status === null) return null;
  const input = {
    ...changeFactsOf(release, verdict.stage, kep),
    issue: verdict.issue,
    status: verdict.status,
    owningSig: kep?.metadata.owningSig ?? null,
    docs: verdict.docs ?? null,
  };
  return desiredItem(input, words);
}
