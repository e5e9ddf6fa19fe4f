/**
 * The difference between what the board should say and what it says, as the writes that close
 * it. Only the fields kep-tracker owns are ever looked at: Status, Stage, SIG, Enhancement Type
 * (while empty), Issue Number, Docs Status and Docs Required? (while empty), by the names the
 * configuration gives. Enhancements Contact, Note, PRR Status, Docs Assignee and any other field
 * are people's and never appear here.
 * Items are added, never removed, archived or unarchived: an archived item is left as it is.
 */
import type { BoardFieldNames } from "../config/board-settings.js";
import type { Board, BoardField, BoardItem, FieldValue, ItemIssue } from "./board.js";
import type { DesiredItem } from "./desired.js";
import { findOption, findSigOption } from "./options.js";

/** Where a field write goes: an item that exists, or the one the plan's add-item for this issue makes. */
type Target = { issue: number; itemId: string | null; fieldId: string; field: string };

export type BoardWrite =
  | { kind: "add-item"; issue: number; contentId: string }
  | (Target & { kind: "set-option"; optionId: string; value: string })
  | (Target & { kind: "set-text"; value: string })
  | (Target & { kind: "set-number"; value: number })
  | (Target & { kind: "clear" });

export type BoardFinding =
  | { kind: "missing-option"; field: string; option: string }
  | { kind: "missing-field"; field: string }
  | { kind: "wrong-field-type"; field: string; type: BoardField["type"] };

/** `archived`: the issues whose item a person archived, left alone (GitHub refuses changes to an archived item). */
export type BoardPlan = { writes: BoardWrite[]; findings: BoardFinding[]; archived: number[] };

/** The owned fields' names on the board; a mirror (config/mirrors.ts) names only those it copies, and the rest are not written. */
export type PlanFieldNames = Partial<Pick<BoardFieldNames, Owned>>;

export type PlanInput = {
  board: Board;
  fields: PlanFieldNames;
  /** The repository whose issues are tracked: items of other repositories are not ours. */
  repository: { owner: string; repo: string };
  /** One per issue in the release's scope, with the issue's node id for adding it. */
  items: Array<{ desired: DesiredItem; contentId: string }>;
};

/** A finding, said in one line for the log and the config check run. */
export function describeFinding(f: BoardFinding): string {
  if (f.kind === "missing-option")
    return `The board's field "${f.field}" has no option "${f.option}": kep-tracker leaves that field alone until the option is added.`;
  if (f.kind === "missing-field")
    return `The board has no field "${f.field}": set board.fields in .github/kep-tracker.yml if it is named otherwise.`;
  return `The board's field "${f.field}" is of a type kep-tracker cannot use (${f.type}): make it a single select, text or number field.`;
}

type Owned = "status" | "stage" | "sig" | "enhancementType" | "issueNumber" | "docsStatus" | "docsRequired";
const OWNED: readonly Owned[] = ["status", "stage", "sig", "issueNumber", "enhancementType", "docsStatus", "docsRequired"];
/** People's once set: kep-tracker only fills them while empty. */
const FILLED_ONCE: ReadonlySet<Owned> = new Set(["enhancementType", "docsRequired"]);

/** The board's items of the tracked repository by issue number; of two items for one issue, the first. */
function itemsByIssue(board: Board, repo: PlanInput["repository"]): Map<number, BoardItem> {
  const ours = (i: ItemIssue | null): i is ItemIssue =>
    !!i && i.owner.toLowerCase() === repo.owner.toLowerCase() && i.repo.toLowerCase() === repo.repo.toLowerCase();
  const map = new Map<number, BoardItem>();
  for (const item of board.items) if (ours(item.issue) && !map.has(item.issue.number)) map.set(item.issue.number, item);
  return map;
}

type Step = { write: BoardWrite } | { finding: BoardFinding } | null;

/** The write that makes `current` say `wanted`, null when it already does; a finding when it cannot. */
function fieldWrite(key: Owned, field: BoardField, wanted: string, current: FieldValue | undefined, target: Target): Step {
  const unless = (same: boolean, write: BoardWrite): Step => (same ? null : { write });
  if (wanted === "") return unless(!current, { ...target, kind: "clear" });
  if (field.type === "single-select") {
    const option = key === "sig" ? findSigOption(field.options, wanted) : findOption(field.options, wanted);
    if (!option) return { finding: { kind: "missing-option", field: field.name, option: wanted } };
    return unless(current?.kind === "single-select" && current.optionId === option.id, {
      ...target,
      kind: "set-option",
      optionId: option.id,
      value: option.name,
    });
  }
  if (field.type === "text")
    return unless(current?.kind === "text" && current.text === wanted, { ...target, kind: "set-text", value: wanted });
  if (field.type === "number" && key === "issueNumber") {
    const value = Number(wanted);
    return unless(current?.kind === "number" && current.number === value, { ...target, kind: "set-number", value });
  }
  return { finding: { kind: "wrong-field-type", field: field.name, type: field.type } };
}

function itemSteps(owned: Map<Owned, BoardField>, desired: DesiredItem, item: BoardItem | undefined): Step[] {
  const out: Step[] = [];
  for (const key of OWNED) {
    const field = owned.get(key);
    const wanted = desired[key];
    if (!field || wanted === null) continue;
    const current = item?.values[field.id];
    // Enhancement Type and Docs Required? are people's once set: kep-tracker only fills an empty one.
    if (FILLED_ONCE.has(key) && current) continue;
    out.push(
      fieldWrite(key, field, wanted, current, { issue: desired.issue, itemId: item?.id ?? null, fieldId: field.id, field: field.name }),
    );
  }
  return out;
}

/** The owned fields the board has, by key; a finding for each one it lacks. */
function ownedFields(board: Board, names: PlanFieldNames, findings: BoardFinding[]): Map<Owned, BoardField> {
  const owned = new Map<Owned, BoardField>();
  for (const key of OWNED) {
    const name = names[key];
    if (name === undefined) continue;
    const field = board.fields.find((f) => f.name === name) ?? board.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (field) owned.set(key, field);
    else findings.push({ kind: "missing-field", field: name });
  }
  return owned;
}

/**
 * The writes that bring the board in line with `items`, and what stops some of them: each
 * finding once, however many items it concerns. Pure.
 */
export function planBoard(input: PlanInput): BoardPlan {
  const findings: BoardFinding[] = [];
  const owned = ownedFields(input.board, input.fields, findings);
  const writes: BoardWrite[] = [];
  const archived: number[] = [];
  const seen = new Set<string>();
  const byIssue = itemsByIssue(input.board, input.repository);
  for (const { desired, contentId } of input.items) {
    const item = byIssue.get(desired.issue);
    if (item?.archived) {
      archived.push(desired.issue);
      continue;
    }
    if (!item) writes.push({ kind: "add-item", issue: desired.issue, contentId });
    for (const step of itemSteps(owned, desired, item)) {
      if (step && "write" in step) writes.push(step.write);
      else if (step && !seen.has(JSON.stringify(step.finding))) {
        seen.add(JSON.stringify(step.finding));
        findings.push(step.finding);
      }
    }
  }
  return { writes, findings, archived };
}

/**
 * Whether an item already says all of `desired` that kep-tracker may write: the plan for it
 * would write nothing (a field the board cannot take, an option it lacks, is no write). Pure.
 */
export function itemSaysAll(board: Board, names: PlanFieldNames, desired: DesiredItem, item: BoardItem | undefined): boolean {
  if (!item) return false;
  if (item.archived) return true;
  return itemSteps(ownedFields(board, names, []), desired, item).every((step) => !step || !("write" in step));
}
