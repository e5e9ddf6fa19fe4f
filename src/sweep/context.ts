import type { Config } from "../config/config.js";
import type { IssueLock } from "../github/issue-lock.js";
import type { RepoReader, RepositorySnapshot, SweepIssue } from "../github/repo-reader.js";
import {
  aliasesRead,
  type FileRead,
  indexOpenPrs,
  indexTree,
  type KepReads,
  needsPrStates,
  type OpenPrIndex,
  type TreeIndex,
} from "../inputs/kep-reads.js";
import type { ValidatedKep } from "../kep/validate.js";
import type { EvaluationDeps } from "../plan/issue-plan.js";
import type { Write } from "../plan/writes.js";
import { releaseWords } from "../release/release-words.js";
import { instantsOf, phaseAt } from "../release/schedule.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import type { Logger } from "../util/logger.js";
import type { IssueInput } from "../verdict/evaluate.js";
import { templateReader } from "../verdict/readme-template.js";
import type { Verdict } from "../verdict/types.js";
import type { BoardRun, MirrorRun } from "./board-run.js";

import type { DocsRun } from "./docs-run.js";

export type SweepOptions = {
  reader: RepoReader;
  config: Config;
  deadlines: Record<Deadline, ParsedDeadline>;
  now: Date;
  /** The App's login; null to use the token's own (read with the first page). */
  botLogin: string | null;
  /** "report" reads and evaluates only. */
  mode: "sweep" | "report";
  dryRun: boolean;
  maxWrites: number;
  log: Logger;
  /** The App's per-issue lock (github/issue-lock.ts), taken before an issue is written; none without Redis. */
  lock?: IssueLock;
  /** Called after each batch, for a progress line. */
  progress?: (p: { seen: number; total: number; writes: number }) => void;
  /** Called for every issue with writes to make (or, in dry-run mode, that would be made). */
  onPlan?: (issue: number, writes: Write[], applied: "made" | "dry-run" | "left") => void;
  /** Called with the release board's writes in one line each (made, or in dry-run mode planned), and with those left over. */
  onBoardPlan?: (lines: string[], applied: "made" | "dry-run" | "left") => void;
};

/**
 * What every issue of one run is read and evaluated against, fixed once the
 * first page is read: the login whose comments are the App's, the keps/
 * listing, the open PRs, and where the release stands.
 */
export type SweepContext = {
  opts: SweepOptions;
  snapshot: RepositorySnapshot;
  login: string;
  index: TreeIndex;
  openPrs: OpenPrIndex;
  aliases: FileRead;
  /** From code freeze on, the linked PRs' states are inputs too. */
  withPrStates: boolean;
  evaluation: EvaluationDeps;
  /** The next freeze, for reminders. */
  next: Deadline | null;
  /** The release board, when one is configured and could be read (board-sync.ts). */
  board?: BoardRun | null;
  /** The configured mirrors that could be read (sweep mode only; mirrors.ts). */
  mirrors?: MirrorRun[];
  /** The release's kubernetes/website docs listing, from enhancements freeze on (docs-run.ts). */
  docs?: DocsRun | null;
};

/** An issue in scope with the reads its evaluation needs. */
export type PendingIssue = { issue: SweepIssue; reads: KepReads };

export type Evaluated = { issue: SweepIssue; verdict: Verdict; kep: ValidatedKep | null };

export async function startSweep(opts: SweepOptions): Promise<SweepContext> {
  const { reader, config, now } = opts;
  const snapshot = await reader.open({ withViewer: opts.botLogin === null, log: opts.log });
  const index = indexTree(await reader.tree(snapshot.headSha));
  const { next } = phaseAt(instantsOf(opts.deadlines), now);
  return {
    opts,
    snapshot,
    login: opts.botLogin ?? snapshot.viewer ?? "",
    index,
    openPrs: indexOpenPrs(snapshot.openPrs),
    aliases: aliasesRead(snapshot.headSha, index),
    withPrStates: needsPrStates(opts.deadlines, now),
    // The release's words, built once for the run (a board that spells them its own way replaces them).
    evaluation: {
      config,
      deadlines: opts.deadlines,
      now,
      repo: reader.gh.repo,
      words: releaseWords(config.release, config.words),
      templates: templateReader(),
    },
    next,
  };
}

export const issueInput = (issue: SweepIssue): IssueInput => ({
  number: issue.number,
  title: issue.title,
  state: issue.state,
  labels: issue.labels,
  milestone: issue.milestone?.title ?? null,
  assignees: issue.assignees,
  body: issue.body,
  crossReferences: issue.crossReferences,
});
