/** The release board as one sweep holds it (board-sync.ts reads and writes it). */
import type { Board, BoardItem } from "../board/board.js";
import type { DesiredItem } from "../board/desired.js";
import type { PlanFieldNames } from "../board/plan.js";
import type { BoardFieldNames } from "../config/board-settings.js";
import type { ReleaseWords } from "../release/release-words.js";

export type BoardRun = {
  board: Board;
  names: BoardFieldNames;
  /** The release's words, spelt as the board's Status options. */
  words: ReleaseWords;
  /** The tracked repository's items by issue number. */
  items: Map<number, BoardItem>;
  /** What each evaluated issue's item should say, with the node id for adding it. */
  wanted: Array<{ desired: DesiredItem; contentId: string }>;
};

/** A mirror (mirrors.ts): a board of its own, the fields it copies by its names for them, and the SIG it keeps. */
export type MirrorRun = Omit<BoardRun, "names"> & { names: PlanFieldNames; sig: string | null; label: string };
