/**
 * The release board for one issue event: its item read with the issue (at most one request),
 * its exception handed to the evaluation, and its fields brought in line with the verdict
 * through the board's one write path. Without `board:` in the configuration nothing is read.
 */
import type { Board, BoardItem } from "../board/board.js";
import { missingExceptionFields } from "../board/item-fields.js";
import { describeFinding, planBoard } from "../board/plan.js";
import { exceptionOnItem, itemForVerdict, wordsOnBoard } from "../board/verdict-item.js";
import type { BoardFieldNames } from "../config/board-settings.js";
import type { Config } from "../config/config.js";
import { readIssueOnBoard } from "../github/board/reader.js";
import { BoardWriter, describeWrite } from "../github/board/writer.js";
import type { TrackerGitHub } from "../github/client.js";
import type { ValidatedKep } from "../kep/validate.js";
import type { ReleaseWords } from "../release/release-words.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import type { Logger } from "../util/logger.js";
import type { ExceptionState } from "../verdict/exceptions.js";
import type { Verdict } from "../verdict/types.js";

/** The board as one event sees it: its fields and, when the issue is on it, the issue's item. */
export type IssueBoard = {
  board: Board;
  names: BoardFieldNames;
  words: ReleaseWords;
  item: BoardItem | undefined;
  /** The issue's node id, for adding it; null when unknown. */
  issueNodeId: string | null;
  exception: ExceptionState | undefined;
};

type Deps = { config: Config; deadlines: Record<Deadline, ParsedDeadline>; now: Date };

/** What reading and writing the board needs of an event's deps (app/refresh.ts RefreshDeps has it all). */
type RefreshDeps = Deps & { gh: TrackerGitHub; log: Logger; dryRun: boolean };

/** The board with `item` (or none), as an event's evaluation and write need it. */
export function issueBoard(deps: Deps, board: Board, issueNodeId: string | null): IssueBoard | null {
  if (!deps.config.board) return null;
  const names = deps.config.board.fields;
  const item = board.items[0];
  const words = wordsOnBoard(deps.config, board, names);
  const exception = item ? exceptionOnItem(board, item, names, deps.deadlines, deps.now) : undefined;
  return { board, names, words, item, issueNodeId, exception };
}

/** Says which configured exception fields the board lacks: each item's exception is then unreadable, not none. */
function warnMissingFields(log: Logger, board: Board, names: BoardFieldNames, where: Record<string, unknown> = {}): void {
  const missing = missingExceptionFields(board, names);
  if (missing.length)
    log.warn({ ...where, board: board.title, missing }, "the release board lacks configured fields; exceptions are reported unreadable");
}

/** The issue's item and the board's fields: one request; null without a board or when it cannot be read (logged). */
export async function readIssueBoard(deps: RefreshDeps, issue: number): Promise<IssueBoard | null> {
  const config = deps.config.board;
  if (!config) return null;
  try {
    const found = await readIssueOnBoard(deps.gh.octokit, deps.gh.repo, issue, config.owner, config.number);
    warnMissingFields(deps.log, found.board, config.fields, { issue });
    return issueBoard(deps, found.board, found.issueNodeId);
  } catch (e) {
    deps.log.error(
      { issue, board: `${config.owner}/${config.number}`, err: e },
      "cannot read the release board; the issue is judged without it",
    );
    return null;
  }
}

/** Brings the issue's item in line with the verdict: only what differs; an issue out of the release is left alone. */
export async function updateIssueItem(deps: RefreshDeps, on: IssueBoard, verdict: Verdict, kep: ValidatedKep | null): Promise<number> {
  const desired = itemForVerdict(deps.config.release, verdict, kep, on.words);
  if (!desired || !on.issueNodeId) return 0;
  const plan = planBoard({
    board: on.board,
    fields: on.names,
    repository: deps.gh.repo,
    items: [{ desired, contentId: on.issueNodeId }],
  });
  // The config check run and the sweep say these; an event only notes them.
  for (const f of plan.findings) deps.log.info({ issue: verdict.issue, finding: f.kind }, describeFinding(f));
  if (plan.archived.length) deps.log.info({ issue: verdict.issue }, "the issue's board item is archived: left alone, not unarchived");
  if (!plan.writes.length) return 0;
  const writer = new BoardWriter(deps.gh.octokit, on.board.id, {
    dryRun: deps.dryRun,
    account: deps.gh.repo.owner,
    pacer: deps.gh.pacer,
  });
  const results = await writer.applyAll(plan.writes);
  let made = 0;
  for (const r of results) {
    if (r.outcome === "failed")
      deps.log.error(
        { issue: verdict.issue, write: describeWrite(r.write), err: r.error },
        "board write failed; the next event or sweep will retry",
      );
    else if (r.outcome === "dry-run")
      deps.log.info({ issue: verdict.issue, write: describeWrite(r.write) }, "dry run: would write to the board");
    else if (r.outcome === "made") made++;
  }
  return made;
}
