/** Reads the exception fields of a board item for the evaluation (src/tracking/exceptions.ts). */
import type { BoardFieldNames } from "../config/board-settings.js";
import { saysNoDocs } from "../verdict/docs.js";
import type { ExceptionFields } from "../verdict/exceptions.js";
import type { Board, BoardItem, FieldValue } from "./board.js";

const fieldNamed = (board: Board, name: string) =>
  board.fields.find((f) => f.name === name) ?? board.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());

function fieldValueOf(board: Board, item: BoardItem, name: string): FieldValue | null {
  const field = fieldNamed(board, name);
  return (field && item.values[field.id]) ?? null;
}

const text = (v: FieldValue | null): string | null =>
  v?.kind === "single-select" ? v.name : v?.kind === "text" ? v.text : v?.kind === "number" ? String(v.number) : null;

/** A field's value as text (an option's name, a text, a number), by the field's name; null when empty or absent. */
export const itemText = (board: Board, item: BoardItem, name: string): string | null => text(fieldValueOf(board, item, name));

/** Additional Time is a number field on the v1.36+ boards; a text "3 days" is read too. */
function days(v: FieldValue | null): number | null {
  if (v?.kind === "number") return Number.isFinite(v.number) ? v.number : null;
  const m = /\d+/.exec(text(v) ?? "");
  return m ? Number(m[0]) : null;
}

/**
 * When the request was made: the day the board's Exception Request Date gives (a date field, or
 * text starting "2026-06-12"), from its start in UTC. GitHub's `createdAt` of a field value is
 * when that value object was made, not when the request was, so it is not used.
 */
function requestDay(v: FieldValue | null): Date | null {
  const day = v?.kind === "date" ? v.date : v?.kind === "text" ? v.text.trim() : "";
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(day);
  const at = m ? new Date(`${m[1]}T00:00:00Z`) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

/** The configured exception fields the board lacks: a renamed field would read as empty, an approval as none. */
export const missingExceptionFields = (board: Board, names: BoardFieldNames): string[] =>
  [names.exceptionRequestType, names.exceptionStatus, names.additionalTime].filter((n) => !fieldNamed(board, n));

/**
 * The item's Exception Request Type, Exception Status and Additional Time, and when the request was
 * made (Exception Request Date).
 */
export function exceptionFieldsOf(board: Board, item: BoardItem, names: BoardFieldNames): ExceptionFields {
  const type = fieldValueOf(board, item, names.exceptionRequestType);
  const missing = missingExceptionFields(board, names);
  return {
    ...(missing.length ? { missing } : {}),
    requestType: text(type),
    status: text(fieldValueOf(board, item, names.exceptionStatus)),
    additionalDays: days(fieldValueOf(board, item, names.additionalTime)),
    requestedAt: requestDay(fieldValueOf(board, item, names.exceptionRequestDate)),
  };
}

/**
 * The item's "Docs Required?" when it says no docs are needed; null otherwise. Only that answer
 * changes the docs verdict, so the "Need docs" kep-tracker fills in is no change of the inputs.
 */
export function noDocsSaid(board: Board, item: BoardItem | undefined, names: Pick<BoardFieldNames, "docsRequired">): string | null {
  const value = item ? itemText(board, item, names.docsRequired) : null;
  return saysNoDocs(value) ? value : null;
}
