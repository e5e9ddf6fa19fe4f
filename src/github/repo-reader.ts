import { z } from "zod";
import type { FileRead, PrStateRead, TreeFile } from "../inputs/kep-reads.js";
import type { IssueComment } from "../reading/own-comments.js";
import type { OpenPullRequest } from "../reading/pull-requests.js";
import type { Logger } from "../util/logger.js";
import type { IssueFields, TrackerGitHub } from "./client.js";
import { issueFields, openPullRequest, toComment } from "./client.js";
import { reasonOf, worthHalving } from "./partial-answers.js";
import { completeFiles } from "./pull-requests/pr-files.js";
import type { FilesRead } from "./read-files.js";
import {
  cursorBefore,
  EARLIER_COMMENTS,
  EarlierCommentsResponse,
  SWEEP_ISSUE,
  SWEEP_PAGE,
  type SweepIssueNode,
  SweepIssueResponse,
  SweepPageResponse,
} from "./sweep-queries.js";

/**
 * Whole-repository reads for the sweep and the report: open issues 100 a
 * page with the open PRs folded in, one tree listing, and files in large
 * GraphQL batches. A cache keeps what a commit fixes for good (its tree
 * listing, code search answers), so a second run on the same commit skips them.
 */

/** A key-value store that may forget anything at any time. */
export type ReadCache = {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
};

export const noCache: ReadCache = { get: () => undefined, set: () => {} };

export type SweepIssue = IssueFields & {
  /** The issue's node id (for the release board); absent when not read. */
  nodeId?: string;
  /** The last 100 comments, oldest first. */
  comments: IssueComment[];
  /** Where to go on reading backwards, when there are comments before those. */
  earlierCursor: string | null;
};

export type RepositorySnapshot = {
  defaultBranch: string;
  headSha: string;
  /** The token's own login, when asked for. */
  viewer: string | null;
  openPrs: OpenPullRequest[];
  /** Open issues (all of them are read; counting them is free). */
  totalIssues: number;
  pages: AsyncGenerator<SweepIssue[]>;
  /** Why the pages stopped before the last one (GitHub failed even a small page), once they did; else null. */
  stopped: string | null;
};

/** GraphQL answers a timeout with 502; a smaller page then usually goes through. */
const MIN_PAGE = 10;

/** Limits of one batched file query: aliases, and bytes of text by the tree's sizes. */
export const BATCH_ALIASES = 300;
export const BATCH_BYTES = 8_000_000;
const UNKNOWN_SIZE = 20_000;

export class RepoReader {
  constructor(
    readonly gh: TrackerGitHub,
    private readonly cache: ReadCache = noCache,
    private readonly pageSize = 100,
  ) {}

  private get vars() {
    return { owner: this.gh.repo.owner, repo: this.gh.repo.repo };
  }

  /**
   * One page; on a 502/504 or a resource limit, the same page asked again
   * with half as many issues AND half as many open PRs (their files are most
   * of the nodes), down to MIN_PAGE issues.
   */
  private async page(
    vars: { issuesAfter: string | null; prsAfter: string | null; withIssues: boolean; withPrs: boolean; withViewer: boolean },
    size: number,
  ): Promise<SweepPageData> {
    const prSize = Math.max(1, Math.min(100, Math.round((100 * size) / this.pageSize)));
    try {
      return SweepPageResponse.parse(await this.gh.octokit.graphql(SWEEP_PAGE, { ...this.vars, size, prSize, ...vars }));
    } catch (e) {
      if (worthHalving(e) && size > MIN_PAGE) return this.page(vars, Math.max(MIN_PAGE, Math.floor(size / 2)));
      throw e;
    }
  }

  /**
   * Starts reading: the first queries carry both issues and open PRs until
   * the PRs are all read (every issue's evaluation needs them), holding the
   * issue pages read meanwhile; then issue pages follow one query each.
   */
  async open(opts: { withViewer: boolean; log?: Logger }): Promise<RepositorySnapshot> {
    const held: SweepIssue[][] = [];
    const openPrs: Array<ReturnType<typeof openPullRequest>> = [];
    let issuesAfter: string | null = null;
    let prsAfter: string | null = null;
    let issuesDone = false;
    let prsDone = false;
    let first: SweepPageData | null = null;
    let totalIssues = 0;
    while (!prsDone) {
      const data = await this.page(
        { issuesAfter, prsAfter, withIssues: !issuesDone, withPrs: true, withViewer: opts.withViewer && !first },
        this.pageSize,
      );
      first ??= data;
      const { issues, pullRequests } = data.repository;
      if (issues) {
        totalIssues = issues.totalCount;
        held.push(issues.nodes.map(toIssue));
        issuesAfter = issues.pageInfo.endCursor;
        issuesDone = !issues.pageInfo.hasNextPage;
      }
      for (const pr of pullRequests?.nodes ?? []) openPrs.push(openPullRequest(pr));
      prsAfter = pullRequests?.pageInfo.endCursor ?? null;
      prsDone = !pullRequests?.pageInfo.hasNextPage;
    }
    const withAllFiles = await completeFiles(this.gh.octokit, this.gh.repo, openPrs);
    const self = this;
    async function* pages(): AsyncGenerator<SweepIssue[]> {
      while (held.length) yield held.shift()!;
      while (!issuesDone) {
        const data = await self
          .page({ issuesAfter, prsAfter: null, withIssues: true, withPrs: false, withViewer: false }, self.pageSize)
          .catch((e: unknown) => {
            // Even the smallest page failed: the issues read so far are still handled; the rest wait for the next run.
            snapshot.stopped = reasonOf(e);
            opts.log?.error(
              { after: issuesAfter, reason: snapshot.stopped },
              "GitHub did not give the next page of issues; the rest are left for the next run",
            );
            return null;
          });
        const issues = data?.repository.issues;
        if (!issues) return;
        issuesAfter = issues.pageInfo.endCursor;
        issuesDone = !issues.pageInfo.hasNextPage;
        yield issues.nodes.map(toIssue);
      }
    }
    const snapshot: RepositorySnapshot = {
      defaultBranch: first!.repository.defaultBranchRef?.name ?? "master",
      headSha: first!.repository.defaultBranchRef?.target.oid ?? "",
      viewer: first!.viewer?.login ?? null,
      openPrs: withAllFiles,
      totalIssues,
      pages: pages(),
      stopped: null,
    };
    return snapshot;
  }

  /** Issue N as it is now, as a page gives it (one query); null when it is not an issue. */
  async issue(number: number): Promise<SweepIssue | null> {
    const response: unknown = await this.gh.octokit.graphql(SWEEP_ISSUE, { ...this.vars, number });
    const node = SweepIssueResponse.parse(response).repository.issue;
    return node ? toIssue(node) : null;
  }

  /** The comments before the last 100 of issue N (oldest first), going back as far as `until` says. */
  async earlierComments(number: number, cursor: string, until: (page: IssueComment[]) => boolean): Promise<IssueComment[]> {
    const found: IssueComment[] = [];
    let before: string | null = cursor;
    while (before) {
      const response: unknown = await this.gh.octokit.graphql(EARLIER_COMMENTS, { ...this.vars, number, before });
      const page = EarlierCommentsResponse.parse(response).repository.issue.comments;
      const comments = page.nodes.map(toComment);
      found.unshift(...comments);
      if (until(comments)) break;
      before = page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
    }
    return found;
  }

  /** The keps/ listing at a commit: from the cache when this commit was listed before. */
  async tree(sha: string): Promise<TreeFile[]> {
    const key = `tree:${this.gh.repo.owner}/${this.gh.repo.repo}@${sha}`;
    const cached = this.cache.get(key);
    // A cache file may be truncated or from another version: anything that does not parse is read again.
    const fromCache = cached ? TreeFiles.safeParse(parsedJson(cached)) : null;
    if (fromCache?.success) return fromCache.data;
    const files = await this.gh.kepTree(sha);
    this.cache.set(key, JSON.stringify(files));
    return files;
  }

  /**
   * Code search for `kep-number: N`, remembered per default-branch commit when it found something:
   * GitHub's search index lags behind pushes, so an empty answer just after a merge is asked again.
   */
  async searchKepFiles(number: number, headSha: string): Promise<string[]> {
    const key = `search:${this.gh.repo.owner}/${this.gh.repo.repo}@${headSha}#${number}`;
    const cached = this.cache.get(key);
    const fromCache = cached ? z.array(z.string()).safeParse(parsedJson(cached)) : null;
    if (fromCache?.success) return fromCache.data;
    const found = await this.gh.searchKepFiles(number);
    if (found.length) this.cache.set(key, JSON.stringify(found));
    return found;
  }

  /**
   * Files and PR states in as few queries as fit the batch limits. Files are
   * not cached: the digest in each status comment already spares a sweep the
   * files of every issue whose inputs did not change.
   */
  async read(files: FileRead[], prs: PrStateRead[], log?: Logger): Promise<FilesRead> {
    const out: FilesRead = { files: {}, pullRequests: {}, unread: new Set() };
    for (const batch of batches(files, prs)) {
      // Each batch is read in halves when GitHub refuses it whole; what still fails is `unread`, and the rest goes on.
      const got = await this.gh.filesAndPullRequests(batch.files, batch.prs, log);
      Object.assign(out.files, got.files);
      Object.assign(out.pullRequests, got.pullRequests);
      for (const k of got.unread) out.unread.add(k);
    }
    return out;
  }
}

/** Splits reads into queries of at most BATCH_ALIASES aliases and BATCH_BYTES bytes of text. */
export function batches(files: FileRead[], prs: PrStateRead[]): Array<{ files: FileRead[]; prs: PrStateRead[] }> {
  const out: Array<{ files: FileRead[]; prs: PrStateRead[] }> = [];
  let current: { files: FileRead[]; prs: PrStateRead[] } = { files: [], prs: [] };
  let bytes = 0;
  const flush = () => {
    if (current.files.length || current.prs.length) out.push(current);
    current = { files: [], prs: [] };
    bytes = 0;
  };
  for (const f of files) {
    const size = f.size ?? UNKNOWN_SIZE;
    if (current.files.length && (current.files.length >= BATCH_ALIASES || bytes + size > BATCH_BYTES)) flush();
    current.files.push(f);
    bytes += size;
  }
  for (const p of prs) {
    if (current.files.length + current.prs.length >= BATCH_ALIASES) flush();
    current.prs.push(p);
  }
  flush();
  return out;
}

type SweepPageData = z.infer<typeof SweepPageResponse>;
type IssueNode = z.infer<typeof SweepIssueNode>;

function toIssue(n: IssueNode): SweepIssue {
  return {
    ...issueFields(n),
    ...(n.id ? { nodeId: n.id } : {}),
    comments: n.comments.nodes.map(toComment),
    earlierCursor: cursorBefore(n.comments.pageInfo),
  };
}

const TreeFiles = z.array(z.object({ path: z.string(), sha: z.string(), size: z.number() }));

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
