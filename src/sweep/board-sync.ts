/**
 * The release board in a sweep: read once (ceil(items / 100) requests) before the issues, it
 * gives each issue its exception and the words the board spells; every issue evaluated adds
 * what its item should say; after the last issue, one plan brings the board in line, within
 * what is left of --max-writes, or is only printed in a dry run.
 */
import type { Board, BoardItem } from "../board/board.js";
import { type CommentFacts, itemCurrent } from "../board/current.js";
import { missingExceptionFields } from "../board/item-fields.js";
import { describeFinding, type PlanFieldNames, planBoard } from "../board/plan.js";
import { exceptionOnItem, itemForVerdict, wordsOnBoard } from "../board/verdict-item.js";
import { readBoard } from "../github/board/reader.js";
import { BoardWriter, describeWrite, type WriteResult } from "../github/board/writer.js";
import type { ExceptionState } from "../verdict/exceptions.js";
import type { BoardRun } from "./board-run.js";
import type { Evaluated, SweepOptions } from "./context.js";

export type { BoardRun };

/** What syncing the board did, for the sweep's summary. */
export type BoardOutcome = { writes: number; failed: number; left: number };

/** The board read once, or null without a board (or when it cannot be read: the sweep goes on without it, and says so). */
export async function openBoard(opts: SweepOptions): Promise<BoardRun | null> {
  const { config, reader, log } = opts;
  if (!config.board) return null;
  const { owner, number, fields: names } = config.board;
  let board: Board;
  try {
    board = await readBoard(reader.gh.octokit, owner, number);
  } catch (e) {
    log.error({ board: `${owner}/${number}`, err: e }, "cannot read the release board; this sweep leaves it alone");
    return null;
  }
  const missing = missingExceptionFields(board, names);
  // Each item's exception is then unreadable (said in its status comment), never read as none.
  if (missing.length) log.warn({ board: `${owner}/${number}`, missing }, "the release board lacks configured fields: fix board.fields");
  const words = wordsOnBoard(config, board, names);
  return { board, names, words, items: itemsOf(board, reader.gh.repo), wanted: [] };
}

/** The board's items of the tracked repository by issue number; of two items for one issue, the first. */
export function itemsOf(board: Board, repo: { owner: string; repo: string }): Map<number, BoardItem> {
  const items = new Map<number, BoardItem>();
  for (const item of board.items) {
    const i = item.issue;
    if (i && i.owner.toLowerCase() === repo.owner.toLowerCase() && i.repo.toLowerCase() === repo.repo.toLowerCase() && !items.has(i.number))
      items.set(i.number, item);
  }
  return items;
}

/** What planning a board needs: the release board's run, or a mirror's (sweep/mirrors.ts), which names only the fields it copies. */
type PlannedBoard = Pick<BoardRun, "board" | "items" | "words" | "wanted"> & { names: PlanFieldNames };

/** The issue's exception as its item records it; none for an issue not on the board. */
export function exceptionOf(
  run: BoardRun | null | undefined,
  issue: number,
  opts: Pick<SweepOptions, "deadlines" | "now">,
): ExceptionState | undefined {
  const item = run?.items.get(issue);
  if (!run || !item) return undefined;
  return exceptionOnItem(run.board, item, run.names, opts.deadlines, opts.now);
}

/** Whether the issue's item already says what its unchanged status comment implies (board/current.ts). */
export const boardCurrent = (run: PlannedBoard, facts: CommentFacts): boolean =>
  itemCurrent(run.board, run.names, run.items.get(facts.issue), facts, run.words);

/** Notes what an evaluated issue's item should say; issues out of the release have none. */
export function wantOnBoard(run: Pick<PlannedBoard, "words" | "wanted">, { issue, verdict, kep }: Evaluated, release: string): void {
  const desired = itemForVerdict(release, verdict, kep, run.words);
  if (desired && issue.nodeId) run.wanted.push({ desired, contentId: issue.nodeId });
}

/** Plans the board once for every issue noted, logs what stops a write (once each), and writes within `budget`. */
export async function syncBoard(run: PlannedBoard, opts: SweepOptions, budget: number): Promise<BoardOutcome> {
  const plan = planBoard({ board: run.board, fields: run.names, repository: opts.reader.gh.repo, items: run.wanted });
  for (const f of plan.findings) opts.log.warn({ board: run.board.title, finding: f.kind }, describeFinding(f));
  if (plan.archived.length) opts.onBoardPlan?.([archivedLine(plan.archived)], "left");
  if (!plan.writes.length) return { writes: 0, failed: 0, left: 0 };
  const writer = new BoardWriter(opts.reader.gh.octokit, run.board.id, {
    dryRun: opts.dryRun,
    account: opts.reader.gh.repo.owner,
    pacer: opts.reader.gh.pacer,
  });
  const results = await writer.applyAll(plan.writes, opts.dryRun ? Number.POSITIVE_INFINITY : Math.max(0, budget));
  report(opts, results, plan.writes.length - results.length);
  const failed = results.filter((r) => r.outcome === "failed").length;
  return {
    writes: results.filter((r) => r.outcome === "made" || r.outcome === "dry-run").length,
    failed,
    left: plan.writes.length - results.length,
  };
}

/** "2 archived items left alone (#1, #2): …", the first 20 named. */
function archivedLine(issues: number[]): string {
  const n = issues.length;
  const named =
    issues
      .slice(0, 20)
      .map((i) => `#${i}`)
      .join(", ") + (n > 20 ? ", …" : "");
  return `${n} archived item${n === 1 ? "" : "s"} left alone (${named}): kep-tracker does not unarchive what a person archived`;
}

function report(opts: SweepOptions, results: WriteResult[], left: number): void {
  for (const r of results) {
    if (r.outcome === "failed")
      opts.log.error({ write: describeWrite(r.write), err: r.error }, "board write failed; the next sweep will retry");
  }
  const lines = results.filter((r) => r.outcome !== "skipped").map((r) => describeWrite(r.write));
  opts.onBoardPlan?.(lines, opts.dryRun ? "dry-run" : "made");
  if (left) opts.onBoardPlan?.([`${left} board write${left === 1 ? "" : "s"} over --max-writes, left for the next run`], "left");
}
