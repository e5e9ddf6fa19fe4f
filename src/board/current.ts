/**
 * Whether an issue's board item already says what an unchanged status comment implies, so that
 * a sweep that skips the issue (its inputs' digest is unchanged) may skip its item too. Anything
 * else sends the issue to a full evaluation, which plans the item's writes. Pure.
 */

import { isStage } from "../kep/kep-file.js";
import type { KepMark } from "../reading/markers.js";
import type { ReleaseWords } from "../release/release-words.js";
import { DOCS_WORDS } from "../verdict/docs.js";
import { spokenStatus } from "../verdict/status-words.js";
import type { Board, BoardItem } from "./board.js";
import { type DocsFacts, desiredItem, ENHANCEMENT_TYPES } from "./desired.js";
import { normaliseOption } from "./options.js";
import { itemSaysAll, type PlanFieldNames } from "./plan.js";
import { fieldNamed } from "./status-spelling.js";

/** What the status comment says of the issue: its status (the evaluation's words) and its `kep` marker, null in an older comment. */
export type CommentFacts = {
  issue: number;
  release: string;
  status: string | null;
  kep: KepMark | null;
  /** Whether docs are judged by now: a comment whose `kep` marker predates the docs word is then evaluated once. */
  docsJudged?: boolean;
};

/**
 * With the comment's `kep` marker (the stage, owning SIG and kind of change the evaluation found), the item is
 * held to exactly what the sweep's plan would write for it, so a Stage or SIG a person changed
 * is put right by the next sweep, and a field the board cannot take is no reason to evaluate
 * the issue again. Enhancement Type, only ever filled while empty, is filled from the marker's
 * `change`; a marker written before it kept `change` leaves it to the issue's next evaluation.
 * An older comment, without the marker: the item must show the status and have Stage, SIG and
 * Issue Number filled.
 */
export function itemCurrent(
  board: Board,
  names: PlanFieldNames,
  item: BoardItem | undefined,
  facts: CommentFacts,
  words: ReleaseWords,
): boolean {
  const { issue, release, status, kep } = facts;
  if (!item || !kep) return itemFilled(board, names, item, status === null ? null : spokenStatus(status, words), issue);
  if (status === null) return true;
  if (facts.docsJudged && kep.docs === undefined) return false;
  const stage = isStage(kep.stage) ? kep.stage : null;
  const docs = docsOfMark(kep.docs);
  const desired = desiredItem({ issue, release, status, stage, owningSig: kep.sig, kepStatus: null, milestone: {}, docs }, words);
  // The kind of change is the marker's own (kep.yaml's milestones are not at hand here).
  return itemSaysAll(board, names, { ...desired, enhancementType: kep.change ? ENHANCEMENT_TYPES[kep.change] : null }, item);
}

/** The docs facts the `kep` marker keeps; null (docs fields left alone) when it keeps none. */
function docsOfMark(mark: string | null | undefined): DocsFacts | null {
  if (mark === "none") return { required: false, word: "No PR" };
  const word = DOCS_WORDS.find((w) => w === mark);
  return word ? { required: true, word } : null;
}

function itemFilled(board: Board, names: PlanFieldNames, item: BoardItem | undefined, status: string | null, issue: number): boolean {
  if (!item) return status === null;
  if (item.archived) return true;
  // A field the names leave out (a mirror that does not copy it) is not written, so not awaited either.
  const has = (name: string | undefined): name is string => name !== undefined && fieldNamed(board, name) !== undefined;
  const value = (name: string | undefined) => {
    const field = name === undefined ? undefined : fieldNamed(board, name);
    return field ? item.values[field.id] : undefined;
  };
  const shown = value(names.status);
  const statusName = shown?.kind === "single-select" ? shown.name : shown?.kind === "text" ? shown.text : null;
  if (status !== null && names.status !== undefined && (statusName === null || normaliseOption(statusName) !== normaliseOption(status)))
    return false;
  const number = value(names.issueNumber);
  const numberOk =
    number?.kind === "text" ? number.text === String(issue) : number?.kind === "number" ? number.number === issue : !has(names.issueNumber);
  return numberOk && [names.stage, names.sig].every((n) => !has(n) || value(n) !== undefined);
}
