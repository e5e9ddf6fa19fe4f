import type { IssueContext, TrackerGitHub } from "../github/client.js";
import type { BlobRequest, PrRequest } from "../github/queries.js";
import { parsePrrApprovers } from "../kep/approvers.js";
import { findKeps } from "../kep/layout.js";
import { validateKep, type ValidatedKep } from "../kep/validate.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import type { Config } from "../tracking/config.js";
import { evaluate, type OpenKepPr } from "../tracking/evaluate.js";
import { parseIssueBody } from "../tracking/issue-body.js";
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

/** The KEP directory of issue N: `<N>-slug` (leading zeros allowed), one level deeper included. */
export function kepFileFor(paths: string[], number: number): string | null {
  const re = new RegExp(`/0*${number}-[^/]+/kep\\.yaml$`);
  return findKeps(paths).kepFiles.find((p) => re.test(p)) ?? null;
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
  const untrackReason = extra.untrackReason !== undefined ? extra.untrackReason : (ours[0]?.body.match(REASON)?.[1] ?? null);
  const verdict = evaluate({
    issue: {
      number,
      title: ctx.issue.title,
      state: ctx.issue.state,
      labels: ctx.issue.labels,
      milestone: ctx.issue.milestone?.title ?? null,
      assignees: ctx.issue.assignees,
      body: ctx.issue.body,
    },
    kep: gathered.kep,
    readme: gathered.readme,
    openPrs: gathered.openPrs,
    pullRequests: gathered.pullRequests,
    settings: config,
    deadlines: deps.deadlines,
    now: deps.now,
    repository: { ...gh.repo, branch: ctx.defaultBranch },
    untrackReason,
  });
  const writes = diffPlan(verdict.plan, { labels: ctx.issue.labels, comments: ctx.comments }, deps.botLogin);
  const made = await applyWrites(gh, number, writes, { dryRun: deps.dryRun, log: deps.log });
  return { verdict, writes: made };
}

/** The KEP's files (merged and in open PRs), OWNERS_ALIASES and the linked PRs' states: one query. */
async function gatherKep(
  gh: TrackerGitHub,
  ctx: IssueContext,
  number: number,
): Promise<{ kep: ValidatedKep | null; readme: string | null | undefined; openPrs: OpenKepPr[]; pullRequests: Record<string, { state: "open" | "closed" | "merged"; labels: string[] }> }> {
  const paths = await gh.kepPaths(ctx.headSha);
  const kepFile = kepFileFor(paths, number) ?? (await searchedKepFile(gh, paths, number));
  const dir = kepFile?.replace(/\/kep\.yaml$/, "") ?? null;
  // The PRR path needs owning-sig, which is inside kep.yaml: ask for every <sig>/<N>.yaml there is.
  const isPrrFile = (p: string) => new RegExp(`^keps/prod-readiness/[^/]+/0*${number}\\.yaml$`).test(p);
  const prrFiles = paths.filter(isPrrFile);
  const touching = dir ? ctx.openPullRequests.filter((pr) => pr.files.some((f) => f.startsWith(`${dir}/`) || isPrrFile(f))) : [];

  const at = (sha: string, path: string) => `${sha}:${path}`;
  const blobs: BlobRequest[] = [{ key: at(ctx.headSha, "OWNERS_ALIASES"), expression: at(ctx.headSha, "OWNERS_ALIASES") }];
  if (kepFile && dir) {
    for (const p of [kepFile, `${dir}/README.md`, ...prrFiles]) blobs.push({ key: at(ctx.headSha, p), expression: at(ctx.headSha, p) });
    for (const pr of touching) {
      for (const p of [kepFile, ...prrFiles, ...pr.files.filter((f) => f.startsWith("keps/prod-readiness/"))]) {
        blobs.push({ key: at(pr.headSha, p), expression: at(pr.headSha, p) });
      }
    }
  }
  const body = parseIssueBody(ctx.issue?.body ?? null);
  const linked = new Map<string, PrRequest>();
  for (const s of body.stages) {
    for (const pr of [...s.prs.code, ...s.prs.docs]) {
      const key = `${pr.owner}/${pr.repo}#${pr.number}`;
      if (linked.size < 50) linked.set(key, { key, owner: pr.owner, repo: pr.repo, number: pr.number });
    }
  }
  const { files, pullRequests } = await gh.filesAndPullRequests(dedupeBlobs(blobs), [...linked.values()]);

  const aliases = files[at(ctx.headSha, "OWNERS_ALIASES")];
  let approvers = new Set<string>();
  try {
    if (aliases) approvers = parsePrrApprovers(aliases);
  } catch {
    // No approvers readable: every PRR approval then shows as not approved, which the comment says.
  }
  const validateAt = (sha: string): ValidatedKep | null => {
    const text = kepFile ? files[at(sha, kepFile)] : undefined;
    if (!kepFile || text === undefined) return null;
    return validateKep(kepFile, text, { approvers, sigs: null, read: (p) => files[at(sha, p)] ?? (sha !== ctx.headSha ? files[at(ctx.headSha, p)] : undefined) });
  };
  const found = validateAt(ctx.headSha);
  // A search hit is trusted only if the file really says this number.
  const kep = found && found.metadata.number?.replace(/^0+/, "") === String(number) ? found : null;
  const openPrs: OpenKepPr[] = touching.map((pr) => ({ number: pr.number, url: pr.url, files: pr.files, kep: validateAt(pr.headSha) }));
  const readme = kepFile && dir ? (files[at(ctx.headSha, `${dir}/README.md`)] ?? null) : undefined;
  return { kep, readme, openPrs, pullRequests };
}

/** The KEP whose kep.yaml says kep-number N although its directory says otherwise, if code search finds one. */
async function searchedKepFile(gh: TrackerGitHub, paths: string[], number: number): Promise<string | null> {
  try {
    const found = await gh.searchKepFiles(number);
    const kepFiles = new Set(findKeps(paths).kepFiles);
    return found.find((p) => kepFiles.has(p)) ?? null;
  } catch {
    // Search is rate limited on its own; without it the issue reads as kep-not-found, which the comment says.
    return null;
  }
}

function dedupeBlobs(blobs: BlobRequest[]): BlobRequest[] {
  const seen = new Set<string>();
  return blobs.filter((b) => (seen.has(b.key) ? false : (seen.add(b.key), true)));
}
