/**
 * Applies a board plan (src/board/plan.ts) through the three Projects v2 mutations. A field
 * write for an item the plan adds goes to the id the add returned. Adding an issue that is
 * already on the board returns its existing item, so a repeated plan does no harm.
 */
import type { BoardWrite } from "../../board/plan.js";
import { errorMessage } from "../../util/narrow.js";
import type { Pacer } from "../pacing.js";
import { ADD_BOARD_ITEM, AddItemResponse, CLEAR_BOARD_FIELD, SET_BOARD_FIELD } from "./queries.js";
import type { GraphqlClient } from "./reader.js";

export type WriteOutcome = "made" | "dry-run" | "skipped";
export type WriteResult = { write: BoardWrite; outcome: WriteOutcome | "failed"; error?: string };

/** A write in one line for the log: "#4818 Status → Tracked for KEP readiness". */
export function describeWrite(w: BoardWrite): string {
  if (w.kind === "add-item") return `#${w.issue} added to the board`;
  if (w.kind === "clear") return `#${w.issue} ${w.field} cleared`;
  return `#${w.issue} ${w.field} → ${w.value}`;
}

export class BoardWriter {
  /** Item ids of the issues this writer added, for their field writes. */
  private readonly added = new Map<number, string>();

  constructor(
    private readonly client: GraphqlClient,
    /** The project's node id (Board.id). */
    private readonly projectId: string,
    /** `account`: whom GitHub counts an added item against (the installation's owner), and the pacer it takes a turn of. */
    private readonly options: { dryRun: boolean; account?: string; pacer?: Pacer } = { dryRun: false },
  ) {}

  /** One write: one request, or none in a dry run or when the item it needs could not be added. Throws what GitHub throws. */
  async apply(w: BoardWrite): Promise<WriteOutcome> {
    if (this.options.dryRun) return "dry-run";
    const project = this.projectId;
    if (w.kind === "add-item") {
      if (this.options.account && this.options.pacer) await this.options.pacer.take(this.options.account);
      const data = AddItemResponse.parse(await this.client.graphql(ADD_BOARD_ITEM, { project, content: w.contentId }));
      const id = data.addProjectV2ItemById?.item?.id;
      if (id) this.added.set(w.issue, id);
      return "made";
    }
    const item = w.itemId ?? this.added.get(w.issue);
    if (!item) return "skipped";
    if (w.kind === "clear") {
      await this.client.graphql(CLEAR_BOARD_FIELD, { project, item, field: w.fieldId });
      return "made";
    }
    const value =
      w.kind === "set-option" ? { singleSelectOptionId: w.optionId } : w.kind === "set-text" ? { text: w.value } : { number: w.value };
    await this.client.graphql(SET_BOARD_FIELD, { project, item, field: w.fieldId, value });
    return "made";
  }

  /**
   * The writes in order, at most `limit` requests (the sweep's --max-writes left); a failed
   * write is reported and the rest go on. Writes past the limit are not in the result.
   */
  async applyAll(writes: BoardWrite[], limit = Number.POSITIVE_INFINITY): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    let made = 0;
    for (const write of writes) {
      if (made >= limit) break;
      try {
        const outcome = await this.apply(write);
        if (outcome !== "skipped") made++;
        results.push({ write, outcome });
      } catch (e) {
        made++;
        results.push({ write, outcome: "failed", error: errorMessage(e) });
      }
    }
    return results;
  }
}
