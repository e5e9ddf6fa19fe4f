/**
 * `projects_v2_item` events: a person's edit of an exception field on the configured board
 * re-evaluates that issue at once (its status comment and its item); an item added by hand gets
 * its fields. The App's own edits, other boards, other fields, drafts and pull requests are left
 * alone (src/board/event.ts), before anything but the item is read.
 */
import type { Context } from "probot";
import { actsOnField, type BoardItemEvent, eventTarget } from "../board/event.js";
import { readBoardItem } from "../github/board/reader.js";
import type { RepoRef } from "../github/client.js";
import { isRecord } from "../util/narrow.js";
import { issueBoard } from "./board.js";
import { type RefreshDeps, refreshIssue } from "./refresh.js";

export const BOARD_ITEM_ACTIONS = ["created", "edited", "restored", "converted"] as const;

/** The part of GitHub's payload src/board/event.ts reads; the webhook types differ by action. */
function eventOf(p: Context<"projects_v2_item">["payload"]): BoardItemEvent {
  const item = p.projects_v2_item;
  // Only an edit of a field value has `changes.field_value`; the other actions' changes differ in shape.
  const changes: unknown = "changes" in p ? p.changes : undefined;
  const fieldValue = isRecord(changes) ? changes.field_value : undefined;
  const fieldNodeId = isRecord(fieldValue) && typeof fieldValue.field_node_id === "string" ? fieldValue.field_node_id : null;
  return {
    action: p.action,
    projects_v2_item: {
      node_id: item.node_id ?? "",
      project_node_id: item.project_node_id ?? "",
      content_node_id: item.content_node_id ?? "",
      content_type: item.content_type ?? "",
    },
    changes: { field_value: { field_node_id: fieldNodeId } },
    sender: p.sender ? { login: p.sender.login, type: p.sender.type } : null,
  };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Reads the item and its board's fields (one request), then the issue's repository's
 * configuration; re-evaluates the issue when the board is the configured one and the event
 * concerns what kep-tracker decides.
 */
export async function onBoardItem(
  context: Context<"projects_v2_item">,
  appLogin: string,
  depsFor: (repo: RepoRef) => Promise<RefreshDeps | null>,
): Promise<void> {
  const target = eventTarget(eventOf(context.payload), appLogin);
  if ("ignore" in target) {
    context.log.debug({ reason: target.ignore }, "board item event ignored");
    return;
  }
  const found = await readBoardItem(context.octokit, target.itemNodeId);
  const issue = found?.board.items[0]?.issue;
  if (!found || !issue) return;
  const deps = await depsFor({ owner: issue.owner, repo: issue.repo });
  const board = deps?.config.board;
  if (!deps || !board || !same(board.owner, found.owner) || board.number !== found.number) return;
  if (!actsOnField(found.board, board.fields, target.fieldNodeId)) return;
  await refreshIssue(deps, issue.number, { board: issueBoard(deps, found.board, target.issueNodeId || issue.nodeId || null) });
}
