/** Reads the exception fields of a board item for the evaluation (src/tracking/exceptions.ts). */
import type { BoardFieldNames } from "../config/board-settings.js";
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

/** Additional Time is a number field on the v1.36+ boards; a text "3 days" is read too. */
function days(v: FieldValue | null): number | null {
  if (v?.kind === "number") return Number.isFinite(v.number) ? v.number : null;
  const m = /\d+/.exec(text(v) ?? "");
  return m ? Number(m[0]) : null;
}

/** When the request type was first set: the request's date, near enough. */
function since(v: FieldValue | null): Date | null {
  const at = v?.kind === "single-select" && v.createdAt ? new Date(v.createdAt) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

/** The configured exception fields the board lacks: a renamed field would read as empty, an approval as none. */
export const missingExceptionFields = (board: Board, names: BoardFieldNames): string[] =>
  [names.exceptionRequestType, names.exceptionStatus, names.additionalTime].filter((n) => !fieldNamed(board, n));

/** The item's Exception Request Type, Exception Status and Additional Time, and when the request was made. */
export function exceptionFieldsOf(board: Board, item: BoardItem, names: BoardFieldNames): ExceptionFields {
  const type = fieldValueOf(board, item, names.exceptionRequestType);
  const missing = missingExceptionFields(board, names);
  return {
    ...(missing.length ? { missing } : {}),
    requestType: text(type),
    status: text(fieldValueOf(board, item, names.exceptionStatus)),
    additionalDays: days(fieldValueOf(board, item, names.additionalTime)),
    requestedAt: since(type),
  };
}
