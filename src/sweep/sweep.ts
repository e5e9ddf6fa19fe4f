import type { RepoReader, SweepIssue } from "../github/repo-reader.js";
import { BATCH_ALIASES } from "../github/repo-reader.js";
import type { ValidatedKep } from "../kep/validate.js";
import { phaseAt } from "../release/schedule.js";
import { DEADLINES, type Deadline, type ParsedDeadline } from "../release/timeline.js";
import { statusOf } from "../tracking/comment.js";
import { readMarkers } from "../tracking/markers.js";
import type { Config } from "../tracking/config.js";
import { aliasesRead, approversOf, assembleKep, findKepFile, indexOpenPrs, inputsDigest, indexTree, type KepReads, kepReads, needsPrStates } from "../tracking/kep-inputs.js";
import type { PullRequestState } from "../tracking/pull-requests.js";
import { uniqueBy } from "../util/unique.js";
import type { IssueInput } from "../tracking/evaluate.js";
import { alreadyReminded, dueReminder, dueReminderAt, renderReminder } from "../tracking/reminder.js";
import { NOT_IN_RELEASE } from "../tracking/report.js";
import type { Verdict } from "../tracking/verdict.js";
import { applyWrites } from "../github/writes.js";
import type { Logger } from "../tracking/logger.js";
import { type IssueComment, sameLogin, statusComments } from "../tracking/own-comments.js";
import { digestPartsOf, inScope, untrackReasonOf, verdictFor } from "../tracking/verdict-for.js";
import { diffPlan, type Write } from "../tracking/writes.js";

/**
 * The release-wide pass: every open issue in the release's scope is read in
 * pages, its KEP's files in batches, evaluated exactly as a webhook event
 * would, and (unless reporting) brought in line, with freeze reminders.
 */

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
  /** Called after each batch, for a progress line. */
  progress?: (p: { seen: number; total: number; writes: number }) => void;
  /** Called for every issue with writes to make (or, in dry-run mode, that would be made). */
  onPlan?: (issue: number, writes: Write[], applied: "made" | "dry-run" | "left") => void;
};

export type Evaluated = { issue: SweepIssue; verdict: Verdict; kep: ValidatedKep | null };

export type SweepSummary = {
  seen: number;
  inScope: number;
  byStatus: Record<string, number>;
  writes: number;
  failed: number;
  reminders: number;
  /** Issues whose status comment was computed from the very inputs found now: not evaluated again. */
  unchanged: number;
  /** Writes over --max-writes, left for the next run. */
  left: { writes: number; issues: number };
  /** The evaluations, in report mode only. */
  evaluated: Evaluated[];
};

export async function sweep(opts: SweepOptions): Promise<SweepSummary> {
  const { reader, config, now } = opts;
  const gh = reader.gh;
  const snapshot = await reader.open({ withViewer: opts.botLogin === null });
  const login = opts.botLogin ?? snapshot.viewer ?? "";
  const index = indexTree(await reader.tree(snapshot.headSha));
  const openPrs = indexOpenPrs(snapshot.openPrs);
  const withPrStates = needsPrStates(opts.deadlines, now);
  const summary: SweepSummary = { seen: 0, inScope: 0, byStatus: {}, writes: 0, failed: 0, reminders: 0, unchanged: 0, left: { writes: 0, issues: 0 }, evaluated: [] };
  const evaluation = { config, deadlines: opts.deadlines, now, repo: gh.repo };
  const aliases = aliasesRead(snapshot.headSha, index);
  const { next } = phaseAt(Object.fromEntries(DEADLINES.map((d) => [d, opts.deadlines[d].at])) as Record<Deadline, Date>, now);
  const count = (status: string) => (summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1);
  let approvers: Set<string> | null = null;
  let pending: Array<{ issue: SweepIssue; reads: KepReads }> = [];
  let pendingFiles = 0;

  const flush = async () => {
    if (!pending.length) return;
    let batch = pending;
    let known: Record<string, PullRequestState> | null = null;
    if (withPrStates && opts.mode === "sweep" && batch.some((p) => hasDigest(p.issue, login))) {
      // From code freeze on, the linked PRs' states are inputs too: read them first, and the
      // files only of the issues whose digest they change.
      known = (await reader.read([], dedupe(batch.flatMap((p) => p.reads.prs)))).pullRequests;
      batch = batch.filter((p) => !unchanged(p.issue, p.reads, known));
    }
    if (batch.length) {
      const files = [...(approvers ? [] : [aliases]), ...batch.flatMap((p) => p.reads.files)];
      const prs = withPrStates && !known ? dedupe(batch.flatMap((p) => p.reads.prs)) : [];
      const got = await reader.read(files, prs);
      approvers ??= approversOf(got.files[aliases.key]);
      const pullRequests = known ?? got.pullRequests;
      for (const { issue, reads } of batch) {
        const own = issue.comments.filter((c) => sameLogin(c.author, login));
        const assembled = assembleKep(reads, got.files, approvers);
        const verdict = verdictFor(evaluation, issueInput(issue), statusComments(own, login), { ...assembled, pullRequests }, { reads, aliases, branch: snapshot.defaultBranch });
        count(verdict.status ?? NOT_IN_RELEASE);
        if (opts.mode === "report") summary.evaluated.push({ issue, verdict, kep: assembled.kep });
        else await bringInLine(issue, verdict, own);
      }
    }
    pending = [];
    pendingFiles = 0;
    opts.progress?.({ seen: summary.seen, total: snapshot.totalIssues, writes: summary.writes });
  };

  const bringInLine = async (issue: SweepIssue, verdict: Verdict, own: IssueComment[]) => {
    const { writes, reminders } = issueWrites(issue, verdict, own, { login, repo: gh.repo, daysBefore: config.reminders.daysBefore, now });
    if (!writes.length) return;
    if (opts.dryRun) {
      opts.onPlan?.(issue.number, writes, "dry-run");
      summary.writes += writes.length;
      summary.reminders += reminders;
      return;
    }
    // An issue's writes go out together or wait together for the next run.
    if (summary.writes + summary.failed + writes.length > opts.maxWrites) {
      summary.left.writes += writes.length;
      summary.left.issues++;
      opts.onPlan?.(issue.number, writes, "left");
      return;
    }
    const { made } = await applyWrites(gh, issue.number, writes, { dryRun: false, log: opts.log });
    summary.writes += made;
    summary.failed += writes.length - made;
    summary.reminders += made === writes.length ? reminders : 0;
    opts.onPlan?.(issue.number, writes, "made");
  };

  /**
   * Whether the issue's one status comment was computed from exactly these
   * inputs (its hidden digest says so) and no reminder is due: then there is
   * nothing to read, evaluate or write. From code freeze on the linked PRs'
   * states count too, and are read first (see flush).
   */
  const unchanged = (issue: SweepIssue, reads: KepReads, prStates: Record<string, PullRequestState> | null): boolean => {
    const ours = statusComments(issue.comments.filter((c) => sameLogin(c.author, login)), login);
    const kept = ours[0];
    if (ours.length !== 1 || !kept) return false;
    const digest = inputsDigest(digestPartsOf(evaluation, issueInput(issue), { reads, aliases, branch: snapshot.defaultBranch }, prStates, untrackReasonOf(ours)), issue.labels);
    if (readMarkers(kept.body).inputs !== digest) return false;
    const status = statusOf(kept.body);
    const due = next ? dueReminderAt({ status, release: config.release, freeze: next, at: opts.deadlines[next].at }, config.reminders.daysBefore, now) : null;
    if (due && !alreadyReminded(due, issue.comments.filter((c) => sameLogin(c.author, login)))) return false;
    count(status ?? NOT_IN_RELEASE);
    summary.unchanged++;
    return true;
  };

  for await (const page of snapshot.pages) {
    for (const issue of page) {
      summary.seen++;
      if (!inScope(config, issue.labels, issue.milestone?.title ?? null)) continue;
      summary.inScope++;
      if (issue.earlierCursor && !statusComments(issue.comments, login).length) {
        // The status comment may be further back than the last 100 comments.
        const earlier = await reader.earlierComments(issue.number, issue.earlierCursor, (c) => statusComments(c, login).length > 0);
        issue.comments = [...earlier, ...issue.comments];
      }
      const kepFile = await findKepFile((n) => reader.searchKepFiles(n, snapshot.headSha), index, issue.number, issue.body);
      const reads = kepReads({ number: issue.number, headSha: snapshot.headSha, index, kepFile, openPrs, body: issue.body, linkedPrs: withPrStates });
      if (opts.mode === "sweep" && !withPrStates && unchanged(issue, reads, null)) continue;
      // A batch is flushed before it would spill into a second query (OWNERS_ALIASES rides in the first).
      const size = reads.files.length + (withPrStates ? reads.prs.length : 0);
      if (pendingFiles + size + (approvers ? 0 : 1) > BATCH_ALIASES) await flush();
      pending.push({ issue, reads });
      pendingFiles += size;
    }
    opts.progress?.({ seen: summary.seen, total: snapshot.totalIssues, writes: summary.writes });
  }
  await flush();
  return summary;
}

/** The writes that bring one issue in line with its verdict, and the reminder due, if not sent yet. Pure. */
export function issueWrites(
  issue: SweepIssue,
  verdict: Verdict,
  own: IssueComment[],
  ctx: { login: string; repo: { owner: string; repo: string }; daysBefore: readonly number[]; now: Date },
): { writes: Write[]; reminders: number } {
  const writes = diffPlan(verdict.plan, { labels: issue.labels, comments: issue.comments }, ctx.login);
  const due = dueReminder(verdict, ctx.daysBefore, ctx.now);
  if (!due || alreadyReminded(due, own)) return { writes, reminders: 0 };
  const status = statusComments(own, ctx.login)[0];
  const url = status ? `https://github.com/${ctx.repo.owner}/${ctx.repo.repo}/issues/${issue.number}#issuecomment-${status.id}` : null;
  return { writes: [...writes, { kind: "create-comment", body: renderReminder(verdict, due, url) }], reminders: 1 };
}

/** Whether the App's status comment on the issue carries a digest (a sweep or event has seen it before). */
const hasDigest = (issue: SweepIssue, login: string) => statusComments(issue.comments, login).some((c) => readMarkers(c.body).inputs !== null);

const issueInput = (issue: SweepIssue): IssueInput => ({
  number: issue.number,
  title: issue.title,
  state: issue.state,
  labels: issue.labels,
  milestone: issue.milestone?.title ?? null,
  assignees: issue.assignees,
  body: issue.body,
});

const dedupe = <T extends { key: string }>(items: T[]): T[] => uniqueBy(items, (i) => i.key);
