/**
 * A Projects (v2) board as kep-tracker sees it: its fields, and for each item the issue it
 * stands for and the values of its fields. The GitHub reader fills it; the rest of src/board/
 * only reads it.
 */

export type FieldType = "single-select" | "text" | "number" | "date" | "other";

export type SelectOption = { id: string; name: string };

export type BoardField = {
  id: string;
  name: string;
  type: FieldType;
  /** Single-select fields only; empty otherwise. */
  options: SelectOption[];
};

export type FieldValue =
  | { kind: "single-select"; optionId: string; name: string }
  | { kind: "text"; text: string }
  | { kind: "number"; number: number }
  /** A date field's day, "2026-06-12". */
  | { kind: "date"; date: string };

/** The issue an item stands for; null for draft items and pull requests. */
export type ItemIssue = { owner: string; repo: string; number: number /** The issue's node id, as webhooks name it. */; nodeId: string };

export type BoardItem = {
  id: string;
  issue: ItemIssue | null;
  /** Field values by field id; a field without a value is absent. */
  values: Record<string, FieldValue>;
  /** A person archived it: GitHub refuses changes to it, and kep-tracker never unarchives it. */
  archived?: boolean;
};

export type Board = {
  /** The project's node id, which every mutation names. */
  id: string;
  title: string;
  fields: BoardField[];
  items: BoardItem[];
};
