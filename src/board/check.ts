/**
 * The board's fitness, checked once when the configuration changes (the config check run),
 * so that a missing option is said before any sweep needs it: every field kep-tracker writes or
 * reads exists with a usable type, and every option it may write exists.
 */

import type { BoardFieldNames } from "../config/board-settings.js";
import type { ReleaseWords } from "../release/release-words.js";
import { keysOf } from "../util/narrow.js";
import type { Board, BoardField } from "./board.js";
import { DOCS_STATUSES, ENHANCEMENT_TYPES, NEED_DOCS, NO_DOCS_NEEDED } from "./desired.js";
import { findOption } from "./options.js";
import type { BoardFinding } from "./plan.js";

const SELECTS: ReadonlyArray<keyof BoardFieldNames> = [
  "status",
  "stage",
  "enhancementType",
  "exceptionRequestType",
  "exceptionStatus",
  "docsStatus",
  "docsRequired",
];

/** Select fields may be text too; the request date a date or text; the rest anything but a built-in or other kind. */
function usable(key: keyof BoardFieldNames, type: BoardField["type"]): boolean {
  if (SELECTS.includes(key)) return type === "single-select" || type === "text";
  if (key === "exceptionRequestDate") return type === "date" || type === "text";
  return type !== "other" && type !== "date";
}

function fieldNamed(board: Board, name: string): BoardField | undefined {
  return board.fields.find((f) => f.name === name) ?? board.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/** The options each single-select field must offer for the words of the release. */
function neededOptions(names: BoardFieldNames, words: ReleaseWords): Array<[string, string[]]> {
  return [
    [names.status, Object.values(words.statuses)],
    [names.stage, ["Alpha", "Beta", "Stable"]],
    [names.enhancementType, Object.values(ENHANCEMENT_TYPES)],
    [names.docsStatus, [...new Set([...Object.values(DOCS_STATUSES), NO_DOCS_NEEDED])]],
    [names.docsRequired, [NEED_DOCS]],
  ];
}

/** Everything about the board that would stop a write or an exception being read; empty for a fit board. Pure. */
export function checkBoard(board: Board, names: BoardFieldNames, words: ReleaseWords): BoardFinding[] {
  const findings: BoardFinding[] = [];
  for (const key of keysOf(names)) {
    const field = fieldNamed(board, names[key]);
    if (!field) findings.push({ kind: "missing-field", field: names[key] });
    else if (!usable(key, field.type)) {
      findings.push({ kind: "wrong-field-type", field: field.name, type: field.type });
    }
  }
  for (const [name, options] of neededOptions(names, words)) {
    const field = fieldNamed(board, name);
    if (field?.type !== "single-select") continue;
    for (const option of options)
      if (!findOption(field.options, option)) findings.push({ kind: "missing-option", field: field.name, option });
  }
  return findings;
}
