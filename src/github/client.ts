import { paginateGraphQL } from "@octokit/plugin-paginate-graphql";
import type { Octokit } from "@octokit/rest";
import type { FileRead, PrStateRead, TreeFile } from "../inputs/kep-reads.js";
import type { MentioningPr } from "../reading/mentions.js";
import type { IssueComment } from "../reading/own-comments.js";
import type { OpenPullRequest } from "../reading/pull-requests.js";
import type { Logger } from "../util/logger.js";
import { CreationPacer, codeSearchKey, type Pacer } from "./pacing.js";
import { partialAnswer } from "./partial-answers.js";
import { type CrossReferencesData, mentioningPrs } from "./pull-requests/cross-references.js";
import { completeFiles, type PrWithFirstFiles, pullRequestFiles } from "./pull-requests/pr-files.js";
import {
  ISSUE_CONTEXT,
  IssueContextResponse,
  MORE_COMMENTS,
  MORE_PULL_REQUESTS,
  MoreCommentsResponse,
  MorePullRequestsResponse,
} from "./queries.js";
import { type FilesRead, readFilesInHalves } from "./read-files.js";
import { rawText, statusOf } from "./responses.js";
import { listKepTree } from "./tree-listing.js";

/**
 * The two calls kep-tracker needs from an Octokit, with their routes typed:
 * Probot's and the CLI's (@octokit/rest with plugins) both have them.
 */
export type OctokitLike = Pick<Octokit, "request" | "graphql">;

/** A whole Octokit, as @octokit/plugin-paginate-graphql takes it (Probot's and @octokit/rest's are). */
export type FullOctokit = Parameters<typeof paginateGraphQL>[0];

export type RepoRef = { owner: string; repo: string };

/** What the evaluation reads of an issue itself. */
export type IssueFields = {
  number: number;
  title: string;
  state: "open" | "closed";
  body: string | null;
  labels: string[];
  milestone: { title: string; number: number } | null;
  assignees: string[];
  /** The pull requests that mention the issue (its timeline's latest cross-references). */
  crossReferences?: MentioningPr[];
};

export type IssueContext = {
  defaultBranch: string;
  headSha: string;
  issue: IssueFields | null;
  comments: IssueComment[];
  openPullRequests: OpenPullRequest[];
};

/**
 * The narrow view of GitHub the handlers use: batched reads, and the few
 * writes a plan can contain. Everything goes through `octokit.request` and
 * `octokit.graphql`, so tests see every request and count them.
 */
export class TrackerGitHub {
  readonly octokit: OctokitLike;
  /** Takes a turn before each new comment, within GitHub's content-creation limits. */
  readonly pacer: Pacer;
  /** keps/ listings by "owner/repo@sha", shared across events; a commit never changes. */
  private readonly trees: Map<string, TreeFile[]>;
  /** Reads every further page of a connection, by the query's $cursor and the answer's pageInfo. */
  private readonly paginate: ReturnType<typeof paginateGraphQL>["graphql"]["paginate"];

  /** `pacer`: the App's or the command's own (one for all its clients); a new in-process one when not given. */
  constructor(
    octokit: FullOctokit,
    readonly repo: RepoRef,
    opts: { trees?: Map<string, TreeFile[]>; pacer?: Pacer } = {},
  ) {
    this.octokit = octokit;
    this.paginate = paginateGraphQL(octokit).graphql.paginate;
    this.trees = opts.trees ?? new Map();
    this.pacer = opts.pacer ?? new CreationPacer();
  }

  private get r() {
    return { owner: this.repo.owner, repo: this.repo.repo };
  }

  /** The issue, its comments, the default branch head and the open PRs with their files: one query (more only past 100 comments or PRs). */
  async issueContext(number: number): Promise<IssueContext> {
    const data = IssueContextResponse.parse(await this.octokit.graphql(ISSUE_CONTEXT, { ...this.r, number }).catch(issueNotFound));
    const repo = data.repository;
    const issue = repo.issue;
    const allComments = [...(issue?.comments.nodes ?? [])];
    const commentsAfter = issue?.comments.pageInfo.hasNextPage ? issue.comments.pageInfo.endCursor : null;
    if (commentsAfter) {
      const more = MoreCommentsResponse.parse(await this.paginate(MORE_COMMENTS, { ...this.r, number, cursor: commentsAfter }));
      allComments.push(...more.repository.issue.comments.nodes);
    }
    const allPrs = [...repo.pullRequests.nodes];
    const prsAfter = repo.pullRequests.pageInfo.hasNextPage ? repo.pullRequests.pageInfo.endCursor : null;
    if (prsAfter) {
      const more = MorePullRequestsResponse.parse(await this.paginate(MORE_PULL_REQUESTS, { ...this.r, cursor: prsAfter }));
      allPrs.push(...more.repository.pullRequests.nodes);
    }
    return {
      defaultBranch: repo.defaultBranchRef?.name ?? "master",
      headSha: repo.defaultBranchRef?.target.oid ?? "",
      issue: issue && issueFields(issue),
      comments: allComments.map(toComment),
      openPullRequests: await completeFiles(this.octokit, this.repo, allPrs.map(openPullRequest)),
    };
  }

  /** Every file under keps/ at a commit, and OWNERS_ALIASES, with blob ids and sizes: one request, remembered per commit. */
  async kepTree(sha: string): Promise<TreeFile[]> {
    const key = `${this.repo.owner}/${this.repo.repo}@${sha}`;
    const cached = this.trees.get(key);
    if (cached) return cached;
    const files = await listKepTree(this.octokit, this.r, sha);
    this.trees.set(key, files);
    const oldest = this.trees.keys().next();
    if (this.trees.size > TREE_CACHE_SIZE && !oldest.done) this.trees.delete(oldest.value);
    return files;
  }

  /**
   * Blobs by "<sha>:<path>" and pull requests of any repository, in one query (in halves when GitHub
   * refuses it); what GitHub failed to give is in `unread`.
   */
  filesAndPullRequests(blobs: FileRead[], prs: PrStateRead[], log?: Logger): Promise<FilesRead> {
    return readFilesInHalves(this, blobs, prs, log);
  }

  /** Every file a pull request of any repository changes, past GraphQL's first 100. */
  pullRequestFiles(pr: { owner: string; repo: string; number: number }): Promise<string[]> {
    return pullRequestFiles(this.octokit, { owner: pr.owner, repo: pr.repo }, pr.number);
  }

  /** A blob's text by its id, for the rare file too large for GraphQL's text. */
  async blobText(oid: string): Promise<string> {
    const { data } = await this.octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
      ...this.r,
      file_sha: oid,
      headers: { accept: "application/vnd.github.raw+json" },
    });
    return rawText(data);
  }

  /**
   * kep.yaml files whose text says `kep-number: N`, by code search: the rare
   * KEP whose directory carries another number (2043-… is KEP 1884).
   */
  async searchKepFiles(number: number): Promise<string[]> {
    const q = `"kep-number: ${number}" repo:${this.repo.owner}/${this.repo.repo} filename:kep.yaml`;
    // 10 a minute, shared by the App's replicas and a sweep given the same REDIS_URL.
    await this.pacer.take(codeSearchKey(this.repo.owner));
    const { data } = await this.octokit.request("GET /search/code", { q, per_page: 10 });
    return data.items.map((i) => i.path);
  }

  async addLabels(issue: number, labels: string[]): Promise<void> {
    await this.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...this.r, issue_number: issue, labels });
  }

  async removeLabel(issue: number, name: string): Promise<void> {
    try {
      await this.octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", {
        ...this.r,
        issue_number: issue,
        name,
      });
    } catch (e) {
      // Already gone: the state we wanted.
      if (statusOf(e) !== 404) throw e;
    }
  }

  /** Never retried by Octokit: a 502 can come after GitHub saved it (applyWrites looks before posting again). */
  async createComment(issue: number, body: string): Promise<number> {
    const { data } = await this.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...this.r,
      issue_number: issue,
      body,
      request: { retries: 0 },
    });
    return Number(data.id);
  }

  /** The issue's comments created or edited since `since` (up to 100, oldest first): what a create may have left. */
  async commentsSince(issue: number, since: Date): Promise<IssueComment[]> {
    const { data } = await this.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...this.r,
      issue_number: issue,
      since: since.toISOString(),
      per_page: 100,
    });
    return data.map(fromRestComment);
  }

  async updateComment(id: number, body: string): Promise<void> {
    await this.octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { ...this.r, comment_id: id, body });
  }

  async deleteComment(id: number): Promise<void> {
    await this.octokit.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", { ...this.r, comment_id: id });
  }

  async setMilestone(issue: number, milestone: number | null): Promise<void> {
    await this.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...this.r, issue_number: issue, milestone });
  }

  async closeIssue(issue: number, reason: "completed" | "not_planned"): Promise<void> {
    await this.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...this.r,
      issue_number: issue,
      state: "closed",
      state_reason: reason,
    });
  }

  async milestones(): Promise<Array<{ title: string; number: number }>> {
    const { data } = await this.octokit.request("GET /repos/{owner}/{repo}/milestones", { ...this.r, state: "open", per_page: 100 });
    return data.map((m) => ({ title: m.title, number: m.number }));
  }

  async react(commentId: number, content: "+1" | "eyes" | "confused"): Promise<void> {
    await this.octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
      ...this.r,
      comment_id: commentId,
      content,
    });
  }

  /** Whether `login` is an active member of org/team. 404 means no. */
  async isTeamMember(org: string, team: string, login: string): Promise<boolean> {
    try {
      const { data } = await this.octokit.request("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", {
        org,
        team_slug: team,
        username: login,
      });
      return data.state === "active";
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
  }

  async createCheckRun(run: {
    headSha: string;
    name: string;
    conclusion: "success" | "failure";
    title: string;
    summary: string;
    text?: string;
  }): Promise<void> {
    await this.pacer.take(this.repo.owner);
    await this.octokit.request("POST /repos/{owner}/{repo}/check-runs", {
      ...this.r,
      name: run.name,
      head_sha: run.headSha,
      status: "completed",
      conclusion: run.conclusion,
      output: { title: run.title, summary: fitOutput(run.summary), ...(run.text ? { text: fitOutput(run.text) } : {}) },
    });
  }
}

/** GitHub refuses (422) a check run whose output summary or text is longer, in characters. */
export const CHECK_OUTPUT_LIMIT = 65_535;

/** The last guard: a summary or text past the limit is cut (a UTF-16 length is never less than the characters GitHub counts). */
function fitOutput(text: string): string {
  if (text.length <= CHECK_OUTPUT_LIMIT) return text;
  return `${text.slice(0, CHECK_OUTPUT_LIMIT - 100)}\n... (cut to fit GitHub's limit of ${CHECK_OUTPUT_LIMIT} characters)`;
}

const TREE_CACHE_SIZE = 16;

/**
 * The answer when the only error is that `issue(number:)` names no issue (a
 * pull request's number, or a deleted issue): the rest of the data, with the
 * issue null. Any other error beside data is thrown: a partial answer is not
 * a smaller truth, and the issue is left as it is until GitHub answers whole.
 */
function issueNotFound(e: unknown): unknown {
  const partial = partialAnswer(e);
  const onlyIssue = partial?.errors.every((p) => p.type === "NOT_FOUND" && p.path?.join(".") === "repository.issue");
  if (!partial || !onlyIssue) throw e;
  return partial.data;
}

type IssueNode = {
  number: number;
  title: string;
  state: "OPEN" | "CLOSED";
  body: string | null;
  labels: { nodes: Array<{ name: string }> } | null;
  milestone: { title: string; number: number } | null;
  assignees: { nodes: Array<{ login: string }> };
  timelineItems?: CrossReferencesData | null | undefined;
};

/** An issue as GraphQL gives it, as the evaluation reads it. */
export function issueFields(n: IssueNode): IssueFields {
  return {
    number: n.number,
    title: n.title,
    state: n.state === "OPEN" ? "open" : "closed",
    body: n.body,
    labels: n.labels?.nodes.map((l) => l.name) ?? [],
    milestone: n.milestone,
    assignees: n.assignees.nodes.map((a) => a.login),
    crossReferences: mentioningPrs(n.timelineItems),
  };
}

export const toComment = (c: {
  fullDatabaseId: number;
  body: string;
  author: { __typename: string; login: string } | null;
}): IssueComment => ({
  id: c.fullDatabaseId,
  author: c.author?.login ?? "",
  bot: c.author?.__typename === "Bot",
  body: c.body,
});

/** A comment as REST gives it: an App's is `user.type` "Bot" with the login "<slug>[bot]" (see own-comments.ts). */
export const fromRestComment = (c: {
  id: number | bigint;
  body?: string | null;
  user: { login: string; type?: string } | null;
}): IssueComment => ({
  id: Number(c.id),
  author: c.user?.login ?? "",
  bot: c.user?.type === "Bot",
  body: c.body ?? "",
});

/** An open PR as a GraphQL page gives it: its first 100 files, and how many it changes in all. */
export function openPullRequest(p: {
  number: number;
  url: string;
  headRefOid: string;
  files: { totalCount?: number; nodes: Array<{ path: string }> } | null;
}): OpenPullRequest & PrWithFirstFiles {
  return {
    number: p.number,
    url: p.url,
    headSha: p.headRefOid,
    files: p.files?.nodes.map((f) => f.path) ?? [],
    ...(p.files?.totalCount !== undefined ? { changedFiles: p.files.totalCount } : {}),
  };
}
