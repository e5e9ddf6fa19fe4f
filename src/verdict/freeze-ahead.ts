import type { Deadline } from "../release/timeline.js";
import { type ChecklistInput, checklistFor } from "./checklist.js";
import type { BoardStatus, ChecklistItem, Verdict } from "./types.js";

/**
 * Before PRR freeze the team's check-in carries two verdicts: "Tracked for PRR freeze …
 * currently At risk for enhancements freeze". The second is what enhancements freeze will
 * still need beyond the PRR freeze's items; it is told, not acted on (no label, no board write).
 */
export function freezeAhead(next: Deadline | null, input: ChecklistInput, checklist: ChecklistItem[]): Pick<Verdict, "ahead"> {
  if (next !== "prr-freeze") return {};
  const items = checklistFor("enhancements-freeze", input);
  const current = new Map(checklist.map((i) => [i.id, i]));
  // An item of both freezes counts at its stricter enhancements-freeze reading ("merged" rather than "merged or in an open PR").
  const still = items.filter((i) => !i.done && current.get(i.id)?.done !== false);
  const ok = items.every((i) => i.done);
  const status: BoardStatus = ok ? "Tracked for enhancements freeze" : "At risk for enhancements freeze";
  return { ahead: { freeze: "enhancements-freeze", status, checklist: still } };
}
