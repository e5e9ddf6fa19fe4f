import type { Board, BoardField, BoardItem, FieldValue } from "../../src/board/board.js";
import type { BoardFieldNames } from "../../src/config/board-settings.js";

/**
 * A board shaped like v1.38's "Release Tracking" (kubernetes project 269): the fields the
 * Enhancements, PRR and Docs teams use, options spelt with the varying case of real boards.
 */
const select = (id: string, name: string, options: string[]): BoardField => ({
  id,
  name,
  type: "single-select",
  options: options.map((o, i) => ({ id: `${id}-${i}`, name: o })),
});

export const FIELDS: BoardField[] = [
  { id: "title", name: "Title", type: "other", options: [] },
  select("status", "Status", [
    "Tracked for KEP Readiness",
    "At Risk for KEP Readiness",
    "Tracked For Enhancement Freeze",
    "At Risk For Enhancement Freeze",
    "Tracked For Code Freeze",
    "At Risk For Code Freeze",
    "Tracked For Docs Freeze",
    "At Risk For Docs Freeze",
    "Exception Pending",
    "Exception Approved",
    "Deferred",
    "Removed From Milestone",
  ]),
  select("stage", "Stage", ["Alpha", "Beta", "Stable"]),
  select("sig", "SIG", ["SIG API Machinery", "SIG Apps", "SIG Node", "SIG Network", "SIG Storage"]),
  select("type", "Enhancement Type", ["Net New", "Major Change", "Graduating", "Deprecation", "Docs"]),
  { id: "number", name: "Issue Number", type: "text", options: [] },
  select("contact", "Enhancements Contact", ["alice", "bob"]),
  { id: "note", name: "Note", type: "text", options: [] },
  select("prr", "PRR Status", ["Approved", "In Review"]),
  select("docs", "Docs Status", ["No PR", "Draft(PR)", "PR Ready to Review", "Complete (Merged PR)", "No Docs Needed"]),
  select("docsreq", "Docs Required?", ["Need Docs", "None Required", "Has Docs"]),
  select("xtype", "Exception Request Type", ["PRR / KEP Readiness", "Enhancements", "Code and Test", "Docs"]),
  select("xstatus", "Exception Status", ["In Review", "Approved", "Rejected"]),
  { id: "xdays", name: "Additional Time", type: "number", options: [] },
  { id: "xdate", name: "Exception Request Date", type: "date", options: [] },
];

export const NAMES: BoardFieldNames = {
  status: "Status",
  stage: "Stage",
  sig: "SIG",
  enhancementType: "Enhancement Type",
  issueNumber: "Issue Number",
  exceptionRequestType: "Exception Request Type",
  exceptionStatus: "Exception Status",
  additionalTime: "Additional Time",
  exceptionRequestDate: "Exception Request Date",
  enhancementsContact: "Enhancements Contact",
  docsStatus: "Docs Status",
  docsRequired: "Docs Required?",
};

/** A single-select value by the option's name on FIELDS. */
export function pick(fieldId: string, name: string): FieldValue {
  const option = FIELDS.find((f) => f.id === fieldId)!.options.find((o) => o.name === name)!;
  return { kind: "single-select", optionId: option.id, name: option.name };
}

export const item = (number: number, values: Record<string, FieldValue> = {}, repo = "enhancements"): BoardItem => ({
  id: `item-${number}`,
  issue: { owner: "kubernetes", repo, number, nodeId: `I_${number}` },
  values,
});

export const board = (items: BoardItem[], fields: BoardField[] = FIELDS): Board => ({
  id: "PVT_269",
  title: "v1.38 Release Tracking",
  fields,
  items,
});
