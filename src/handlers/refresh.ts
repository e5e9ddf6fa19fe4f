import type { IssueComment, IssueContext, TrackerGitHub } from "../github/client.js";
import type { ValidatedKep } from "../kep/validate.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import type { Config } from "../tracking/config.js";
import { evaluate, type IssueInput, type OpenKepPr } from "../tracking/evaluate.js";
import { parseIssueBody } from "../tracking/issue-body.js";
import {
  aliasesRead,
  approversOf,
  assembleKep,
  type FileRead,
  indexOpenPrs,
  indexTree,
  inputsDigester,
  kepFileFor,
  type KepReads,
  kepReads,
  linkedKepFile,
  needsPrStates,
  type TreeIndex,
} from "../tracking/kep-inputs.js";
import type { PullRequestState } from "../tracking/checklist.js";
import type { Verdict } from "../tracking/verdict.js";
import { applyWrites, diffPlan, type Logger, statusComments } from "./apply.js";
import type { Caches } from "./caches.js";

export type RefreshDeps = {
  gh: TrackerGitHub;
  caches: Caches;
  config: Config;
  deadlines: Record<Deadline, ParsedDeadline>;
  botLogin: string;
  now: Date;
  dryRun: boolean;
  log: Logger;
};

export type RefreshResult = { verdict: Verdict | null; writes: number; skipped?: string };

/** Whether an issue's labels and milestone put it in the release's scope at all. */
export function inScope(config: Config, labels: string[], milestone: string | null): boolean {
  const L = config.labels;
  return milestone === config.release || [L.leadOptedIn, L.trackedYes, L.trackedNo, L.trackedOutOfTree].some((l) => labels.includes(l));
}

const REASON = /^\*\*Status: Removed from milestone\*\* [^\n]*? Reason: (.+)$/m;

/**
 * Re-evaluates one tracking issue and brings GitHub in line with the verdict.
 * Reads: the issue context (one query), the keps/ listing (cached per commit)
 * and the KEP's files with the linked PRs (one query). Writes only what differs.
 */
export async function refreshIssue(deps: RefreshDeps, number: number, extra: { untrackReason?: string | null } = {}): Promise<RefreshResult> {
  const { gh, config } = deps;
  const ctx = await gh.issueContext(number);
  if (!ctx.issue) return { verdict: null, writes: 0, skipped: "no such issue" };
  const ours = statusComments(ctx.comments, deps.botLogin);
  if (!inScope(config, ctx.issue.labels, ctx.issue.milestone?.title ?? null) && ours.length === 0) {
    return { verdict: null, writes: 0, skipped: "not in the release" };
  }

  const gathered = await gatherKep(gh, ctx, number);
  const { inputs, ...rest } = gathered;
  const verdict = verdictFor({ ...deps, repo: gh.repo }, { ...ctx.issue, number, milestone: ctx.issue.milestone?.title ?? null }, ours, rest, { ...inputs, branch: ctx.defaultBranch }, extra.untrackReason);
  const writes = diffPlan(verdict.plan, { labels: ctx.issue.labels, comments: ctx.comments }, deps.botLogin);
  const made = await applyWrites(gh, number, writes, { dryRun: deps.dryRun, log: deps.log });
  return { verdict, writes: made };
}

type EvaluationDeps = Pick<RefreshDeps, "config" | "deadlines" | "now"> & { repo: { owner: string; repo: string } };

/** What an issue's evaluation is computed from, beyond the files' texts: enough to tell whether it changed. */
export type InputsRead = { reads: KepReads; aliases: FileRead; branch: string };

/** The reason given to /untrack, carried over from the status comment. */
export const untrackReasonOf = (ours: IssueComment[]): string | null => ours[0]?.body.match(REASON)?.[1] ?? null;

/** The digest of an issue's inputs (see inputsDigester); the linked PRs' states count from code freeze on. */
export function digestOf(deps: EvaluationDeps, issue: IssueInput, inputs: InputsRead, pullRequests: Record<string, PullRequestState> | null, untrackReason: string | null) {
  const prStates = needsPrStates(deps.deadlines, deps.now) ? Object.fromEntries(inputs.reads.prs.map((p) => [p.key, pullRequests?.[p.key] ?? null])) : null;
  return inputsDigester({
    issue: { number: issue.number, title: issue.title, state: issue.state, milestone: issue.milestone, assignees: issue.assignees, body: issue.body },
    reads: inputs.reads,
    aliases: inputs.aliases,
    prStates,
    settings: { release: deps.config.release, labels: deps.config.labels },
    deadlines: deps.deadlines,
    now: deps.now,
    branch: inputs.branch,
    untrackReason,
  });
}

/** The evaluation of one issue from what was read; the reason of an /untrack is carried over from the status comment. */
export function verdictFor(
  deps: EvaluationDeps,
  issue: IssueInput,
  ours: IssueComment[],
  gathered: { kep: ValidatedKep | null; readme: string | null | undefined; openPrs: OpenKepPr[]; pullRequests: Record<string, PullRequestState> },
  inputs: InputsRead,
  untrack?: string | null,
): Verdict {
  const untrackReason = untrack !== undefined ? untrack : untrackReasonOf(ours);
  return evaluate({
    issue,
    ...gathered,
    settings: deps.config,
    deadlines: deps.deadlines,
    now: deps.now,
    repository: { ...deps.repo, branch: inputs.branch },
    untrackReason,
    digest: digestOf(deps, issue, inputs, gathered.pullRequests, untrackReason),
  });
}

/** The KEP's files (merged and in open PRs), OWNERS_ALIASES and the linked PRs' states: one query. */
async function gatherKep(gh: TrackerGitHub, ctx: IssueContext, number: number) {
  const tree = await gh.kepTree(ctx.headSha);
  const index = indexTree(tree);
  const kepFile = await findKepFile((n) => gh.searchKepFiles(n), index, number, ctx.issue?.body ?? null);
  const reads = kepReads({ number, headSha: ctx.headSha, index, kepFile, openPrs: indexOpenPrs(ctx.openPullRequests), body: ctx.issue?.body ?? null });
  const aliases = aliasesRead(ctx.headSha, index);
  const { files, pullRequests } = await gh.filesAndPullRequests([aliases, ...reads.files], reads.prs);
  return { ...assembleKep(reads, files, approversOf(files[aliases.key])), pullRequests, inputs: { reads, aliases } };
}

/**
 * Where issue N's kep.yaml is: the `<N>-slug` directory, else the directory
 * the issue body links, else (KEP 1884 lives in `2043-…`) a code search for
 * `kep-number: N`. Every hit is checked against the file's own number.
 */
export async function findKepFile(search: (n: number) => Promise<string[]>, index: TreeIndex, number: number, body: string | null): Promise<string | null> {
  return kepFileFor(index, number) ?? linkedKepFile(index, parseIssueBody(body).kepLink) ?? (await searchedKepFile(search, index, number));
}

/** The KEP whose kep.yaml says kep-number N although its directory says otherwise, if code search finds one. */
async function searchedKepFile(search: (n: number) => Promise<string[]>, index: TreeIndex, number: number): Promise<string | null> {
  try {
    const found = await search(number);
    return found.find((p) => index.kepFiles.has(p)) ?? null;
  } catch {
    // Search is rate limited on its own; without it the issue reads as kep-not-found, which the comment says.
    return null;
  }
}
