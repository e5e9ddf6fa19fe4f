/**
 * Which `projects_v2_item` webhook events kep-tracker acts on. A person's edit of an exception
 * field changes the KEP's status at once; an item added by hand gets its fields filled. The
 * App's own edits, draft items and pull requests, removals and reorderings are left alone.
 * Pure: the handler calls `eventTarget` before any read, then `actsOnField` once it has read
 * the item and its board's fields.
 */
import type { BoardFieldNames } from "../config/board-settings.js";
import type { Board } from "./board.js";

/** The part of the webhook payload read here (GitHub's `projects_v2_item` event). */
export type BoardItemEvent = {
  action: string;
  projects_v2_item: { node_id: string; project_node_id: string; content_node_id: string; content_type: string };
  changes?: { field_value?: { field_node_id?: string | null } | null } | null;
  sender: { login: string; type?: string } | null;
};

export type EventTarget = {
  itemNodeId: string;
  projectNodeId: string;
  issueNodeId: string;
  /** The field a person edited; null when the item was added or restored. */
  fieldNodeId: string | null;
};

/** "created" and "restored" add an item, "converted" makes a draft an issue, "edited" changes a value. */
const ACTIONS = new Set(["created", "edited", "restored", "converted"]);

/** What to read for this event, or why to ignore it. `appLogin` is the App's bot login, "kep-tracker[bot]". */
export function eventTarget(event: BoardItemEvent, appLogin: string): EventTarget | { ignore: string } {
  if (!ACTIONS.has(event.action)) return { ignore: `a board item was ${event.action}` };
  if (event.sender?.login === appLogin) return { ignore: "kep-tracker's own edit" };
  const item = event.projects_v2_item;
  if (item.content_type !== "Issue") return { ignore: `the item is a ${item.content_type}, not an issue` };
  const fieldNodeId = event.action === "edited" ? (event.changes?.field_value?.field_node_id ?? null) : null;
  if (event.action === "edited" && !fieldNodeId) return { ignore: "an edit that names no field" };
  return { itemNodeId: item.node_id, projectNodeId: item.project_node_id, issueNodeId: item.content_node_id, fieldNodeId };
}

/**
 * Whether the event changes what kep-tracker decides: an item added (no field), or an edit of
 * one of the three exception fields or of "Docs Required?" (a person saying no docs are needed).
 * An edit of a field kep-tracker writes is left for the next sweep to judge, so that the App does
 * not answer a person's edit within the second.
 */
export function actsOnField(board: Board, names: BoardFieldNames, fieldNodeId: string | null): boolean {
  if (fieldNodeId === null) return true;
  const name = board.fields.find((f) => f.id === fieldNodeId)?.name.toLowerCase();
  return (
    !!name &&
    [names.exceptionRequestType, names.exceptionStatus, names.additionalTime, names.docsRequired].some((n) => n.toLowerCase() === name)
  );
}
