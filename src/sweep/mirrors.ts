/**
 * The configuration's `mirrors:` in a sweep: boards of their own (SIG Node's) kept in step with
 * the release board from the same evaluations. Each is read once, gets the items its SIG filter
 * picks with the fields it copies, in its own spelling of the statuses, and is planned and written
 * by the release board's own code (board-sync.ts, board/plan.ts): only differences, never a
 * person's field, items added and never removed, and a second sweep writes nothing.
 */
import type { Board } from "../board/board.js";
import type { CommentFacts } from "../board/current.js";
import { boardWords } from "../board/status-spelling.js";
import type { MirrorConfig } from "../config/mirrors.js";
import { readBoard } from "../github/board/reader.js";
import { releaseWords } from "../release/release-words.js";
import type { MirrorRun } from "./board-run.js";
import { type BoardOutcome, boardCurrent, itemsOf, syncBoard, wantOnBoard } from "./board-sync.js";
import type { Evaluated, SweepOptions } from "./context.js";

/** "sig-node", "SIG Node" and "node" are one SIG. */
const sigKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .replace(/^sig-/, "");

const picks = (run: MirrorRun, sig: string | null) => run.sig === null || (sig !== null && sigKey(sig) === sigKey(run.sig));

/** Each configured mirror, read; one that cannot be read is left alone this sweep, and said so. */
export async function openMirrors(opts: SweepOptions): Promise<MirrorRun[]> {
  const runs: MirrorRun[] = [];
  for (const m of opts.config.mirrors) runs.push(...(await openMirror(opts, m)));
  return runs;
}

async function openMirror(opts: SweepOptions, m: MirrorConfig): Promise<MirrorRun[]> {
  const label = `mirror ${m.owner}/${m.number}`;
  let board: Board;
  try {
    board = await readBoard(opts.reader.gh.octokit, m.owner, m.number);
  } catch (e) {
    opts.log.error({ board: `${m.owner}/${m.number}`, err: e }, `cannot read the ${label}; this sweep leaves it alone`);
    return [];
  }
  const base = releaseWords(opts.config.release, opts.config.words);
  // The mirror spells the statuses its own way, as its Status-copying field's options say.
  const words = m.fields.status ? boardWords(base, board, { status: m.fields.status }) : base;
  const items = itemsOf(board, opts.reader.gh.repo);
  return [{ board, names: m.fields, words, items, wanted: [], sig: m.sig, label: `${label} (${board.title})` }];
}

/** Notes what each mirror that picks the SIG should say for it. */
export function wantOnMirrors(runs: readonly MirrorRun[], evaluated: Evaluated, release: string): void {
  const sig = evaluated.kep?.metadata.owningSig ?? null;
  for (const run of runs) if (picks(run, sig)) wantOnBoard(run, evaluated, release);
}

/** Whether every mirror already says what an unchanged status comment implies (else the issue is evaluated again). */
export const mirrorsCurrent = (runs: readonly MirrorRun[] | undefined, facts: CommentFacts): boolean =>
  (runs ?? []).every((run) =>
    // Without the comment's `kep` marker the SIG is unknown here: a filtered mirror waits for an evaluation.
    facts.kep ? !picks(run, facts.kep.sig) || boardCurrent(run, facts) : run.sig === null && boardCurrent(run, facts),
  );

/** Plans and writes each mirror within what is left of the budget, its lines told as the mirror's. */
export async function syncMirrors(runs: readonly MirrorRun[], opts: SweepOptions, budget: number): Promise<BoardOutcome> {
  const total: BoardOutcome = { writes: 0, failed: 0, left: 0 };
  for (const run of runs) {
    const told: SweepOptions = {
      ...opts,
      onBoardPlan: (lines, applied) =>
        opts.onBoardPlan?.(
          lines.map((l) => `${run.label}: ${l}`),
          applied,
        ),
    };
    const outcome = await syncBoard(run, told, budget - total.writes - total.failed);
    total.writes += outcome.writes;
    total.failed += outcome.failed;
    total.left += outcome.left;
  }
  return total;
}
