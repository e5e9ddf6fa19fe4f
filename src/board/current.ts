/**
 * Whether an issue's board item already says what an unchanged status comment implies, so that
 * a sweep that skips the issue (its inputs' digest is unchanged) may skip its item too. The
 * item must show the status and have Stage, SIG and Issue Number filled: kep-tracker filled
 * them from the same inputs last time. Anything else sends the issue to a full evaluation,
 * which plans the item's writes. Pure.
 */
import type { BoardFieldNames } from "../tracking/config-board.js";
import type { BoardItem } from "./board.js";
import type { Board } from "./board.js";
import { normaliseOption } from "./options.js";
import { fieldNamed } from "./words.js";

export function itemCurrent(board: Board, names: BoardFieldNames, item: BoardItem | undefined, status: string | null, issue: number): boolean {
  if (!item) return status === null;
  const value = (name: string) => {
    const field = fieldNamed(board, name);
    return field ? item.values[field.id] : undefined;
  };
  const shown = value(names.status);
  const statusName = shown?.kind === "single-select" ? shown.name : shown?.kind === "text" ? shown.text : null;
  if (status !== null && (statusName === null || normaliseOption(statusName) !== normaliseOption(status))) return false;
  const number = value(names.issueNumber);
  const numberOk = number?.kind === "text" ? number.text === String(issue) : number?.kind === "number" ? number.number === issue : !fieldNamed(board, names.issueNumber);
  return numberOk && [names.stage, names.sig].every((n) => !fieldNamed(board, n) || value(n) !== undefined);
}
