import examples from "@octokit/webhooks-examples";
import { describe, expect, it } from "vitest";
import { actsOnField, type BoardItemEvent, eventTarget } from "../../src/board/event.js";
import { board, NAMES } from "./fixtures.js";

// GitHub's own example of an edited board item (a draft), made an issue edit below.
const example = (examples as unknown as Array<{ name: string; examples: Array<{ action: string }> }>)
  .find((e) => e.name === "projects_v2_item")!
  .examples.find((e) => e.action === "edited") as unknown as BoardItemEvent;
const edit = (over: Partial<BoardItemEvent> = {}, fieldId = "xstatus"): BoardItemEvent => ({
  ...example,
  projects_v2_item: { ...example.projects_v2_item, content_type: "Issue", content_node_id: "I_4818" },
  changes: { field_value: { field_node_id: fieldId } },
  ...over,
});

describe("board item events", () => {
  it("a person's edit of an item is read: the item, its board and the field edited", () => {
    expect(eventTarget(edit(), "kep-tracker[bot]")).toEqual({
      itemNodeId: example.projects_v2_item.node_id,
      projectNodeId: example.projects_v2_item.project_node_id,
      issueNodeId: "I_4818",
      fieldNodeId: "xstatus",
    });
  });

  it("kep-tracker's own edits are not evaluated again", () => {
    expect(eventTarget(edit({ sender: { login: "kep-tracker[bot]", type: "Bot" } }), "kep-tracker[bot]")).toEqual({
      ignore: "kep-tracker's own edit",
    });
  });

  it("drafts, removals and reorderings are ignored; an item added by hand is read", () => {
    expect(eventTarget({ ...edit(), projects_v2_item: example.projects_v2_item }, "kep-tracker[bot]")).toEqual({
      ignore: "the item is a DraftIssue, not an issue",
    });
    expect(eventTarget(edit({ action: "deleted" }), "kep-tracker[bot]")).toEqual({ ignore: "a board item was deleted" });
    expect(eventTarget(edit({ action: "reordered" }), "kep-tracker[bot]")).toEqual({ ignore: "a board item was reordered" });
    expect(eventTarget(edit({ action: "created", changes: null }), "kep-tracker[bot]")).toMatchObject({ fieldNodeId: null });
  });

  it("an edit of an exception field is acted on; an edit of Status, Note or Enhancements Contact waits for the sweep", () => {
    const b = board([]);
    expect(["xtype", "xstatus", "xdays"].map((f) => actsOnField(b, NAMES, f))).toEqual([true, true, true]);
    expect(["status", "note", "contact", "unknown"].map((f) => actsOnField(b, NAMES, f))).toEqual([false, false, false, false]);
    expect(actsOnField(b, NAMES, null)).toBe(true);
  });
});
