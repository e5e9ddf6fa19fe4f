// What the fake GitHub knows: repositories with files, issues, comments and
// pull requests; the App and its installation; teams; Projects v2 boards.
// The fake mutates the objects it is seeded with, so a test or the bench can
// read an issue's comments or labels straight from its own seed afterwards.
import type { FakeItem, FakeProject } from "./projects.js";

/** A comment; `author` as REST spells it ("kep-tracker[bot]" for the App). */
export type FakeComment = { id: number; author: string; body: string; reactions?: string[] };

export type FakeIssue = {
  number: number;
  title: string;
  body: string | null;
  state?: "open" | "closed";
  labels: string[];
  milestone: { title: string; number: number } | null;
  assignees: string[];
  comments: FakeComment[];
  author?: string;
  /**
   * Pull requests (of a seeded repository, or of `otherPulls`) that mention the
   * issue, oldest first: its timeline's CROSS_REFERENCED_EVENT items.
   */
  mentionedBy?: Array<{ owner: string; repo: string; number: number }>;
};

export type FakePullState = { state: "OPEN" | "CLOSED" | "MERGED"; merged: boolean; labels: string[] };

export type FakePull = {
  number: number;
  url?: string;
  headSha: string;
  files: string[];
  title?: string;
  state?: FakePullState["state"];
  labels?: string[];
  /** kubernetes/website's docs PRs: body, base branch (default the repository's default branch), draft, author. */
  body?: string;
  base?: string;
  draft?: boolean;
  author?: string;
};

export type FakeRepo = {
  owner: string;
  name: string;
  defaultBranch: string;
  headSha: string;
  /** Files on the default branch, by path. */
  files: Map<string, string>;
  /** Files that differ at an open PR's head sha (the rest are as on the default branch). */
  prHeads?: Map<string, Map<string, string>>;
  /** In number order. */
  issues: FakeIssue[];
  /** Open pull requests first (the sweep reads those), in number order. */
  pulls: FakePull[];
  milestones?: Array<{ title: string; number: number; state?: "open" | "closed" }>;
};

export type FakeCheckRun = {
  id: number;
  repo: string;
  name: string;
  headSha: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  text: string | null;
};

export type FakeSeed = {
  repos: FakeRepo[];
  /** The App whose installation token the fake hands out (Probot, or the CLI with APP_ID). */
  app?: { id: number; slug: string; installationId: number };
  /** The login of any other token (GITHUB_TOKEN): GraphQL's viewer and the author of its comments. */
  viewer?: string;
  /** Members by "org/team-slug". */
  teams?: Record<string, string[]>;
  /** Pull requests of repositories not seeded (kubernetes/kubernetes), for linked PR states. */
  otherPulls?: (owner: string, repo: string, number: number) => FakePullState | null;
  projects?: FakeProject[];
};

/** A change someone made through the API, for a demo to print and for webhook deliveries. */
export type FakeChange = {
  what:
    | "labeled"
    | "unlabeled"
    | "milestoned"
    | "demilestoned"
    | "comment created"
    | "comment edited"
    | "comment deleted"
    | "reaction"
    | "check run"
    | "item added"
    | "field set"
    | "field cleared";
  /** Who made it: "<slug>[bot]" for the App. */
  actor: string;
  repo?: FakeRepo;
  issue?: FakeIssue;
  label?: string;
  comment?: FakeComment;
  /** The reaction's content, or the check run's conclusion. */
  detail?: string;
  project?: FakeProject;
  item?: FakeItem;
  fieldName?: string;
};

/** Real comment ids are past 2^31 and do not fit GraphQL's Int; the fake's too. */
export const FIRST_COMMENT_ID = 2 ** 31 + 1_000_000;

export class World {
  readonly repos: FakeRepo[];
  readonly app: NonNullable<FakeSeed["app"]>;
  readonly viewer: string;
  readonly teams: Record<string, string[]>;
  readonly otherPulls: FakeSeed["otherPulls"];
  readonly projects: FakeProject[];
  readonly checkRuns: FakeCheckRun[] = [];
  /** Installation tokens handed out: a request with one acts as the App's bot. */
  readonly appTokens = new Set<string>();
  private nextId: number;
  /** When each account searched code, for code search's own limit. */
  private readonly codeSearches = new Map<string, number[]>();
  private readonly listeners: Array<(change: FakeChange) => void> = [];

  constructor(seed: FakeSeed) {
    this.repos = seed.repos;
    this.app = seed.app ?? { id: 1, slug: "kep-tracker", installationId: 2 };
    this.viewer = seed.viewer ?? "release-bot";
    this.teams = seed.teams ?? {};
    this.otherPulls = seed.otherPulls;
    this.projects = seed.projects ?? [];
    const ids = this.repos.flatMap((r) => r.issues.flatMap((i) => i.comments.map((c) => c.id)));
    this.nextId = Math.max(FIRST_COMMENT_ID, ...ids.map((id) => id + 1));
  }

  /** Calls `listener` after every change made through the API (not the seed's). */
  onChange(listener: (change: FakeChange) => void): void {
    this.listeners.push(listener);
  }

  emit(change: FakeChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /**
   * Counts a code search by `actor` against GitHub's 10 a minute: null when it may go, else when
   * (ms since the epoch) the oldest of the minute's ten leaves it.
   */
  takeCodeSearch(actor: string, now = Date.now()): number | null {
    const recent = (this.codeSearches.get(actor) ?? []).filter((t) => t > now - 60_000);
    this.codeSearches.set(actor, recent);
    if (recent.length >= 10) return recent[0]! + 60_000;
    recent.push(now);
    return null;
  }

  /** A fresh id for a comment, reaction or check run: past 2^31, as GitHub's are. */
  newId(): number {
    return this.nextId++;
  }

  repo(owner: string | undefined, name: string | undefined): FakeRepo | undefined {
    const o = owner?.toLowerCase();
    const n = name?.toLowerCase();
    return this.repos.find((r) => r.owner.toLowerCase() === o && r.name.toLowerCase() === n);
  }

  issue(repo: FakeRepo, number: number): FakeIssue | undefined {
    return repo.issues.find((i) => i.number === number);
  }

  /** The comment with this id, wherever it is. */
  comment(repo: FakeRepo, id: number): { issue: FakeIssue; index: number } | null {
    for (const issue of repo.issues) {
      const index = issue.comments.findIndex((c) => c.id === id);
      if (index >= 0) return { issue, index };
    }
    return null;
  }

  /** Who a request acts as: the App's bot for an installation token, else the viewer. */
  actor(authorization: string): string {
    const token = authorization.replace(/^(token|bearer)\s+/i, "");
    return this.appTokens.has(token) ? `${this.app.slug}[bot]` : this.viewer;
  }

  /** A file at the default branch's head or at an open PR's head. */
  fileAt(repo: FakeRepo, sha: string, path: string): string | undefined {
    if (sha === repo.headSha || sha === repo.defaultBranch || sha === "HEAD") return repo.files.get(path);
    const head = repo.prHeads?.get(sha);
    return head ? (head.get(path) ?? repo.files.get(path)) : undefined;
  }

  pullState(owner: string, name: string, number: number): FakePullState | null {
    const repo = this.repo(owner, name);
    if (!repo) return this.otherPulls?.(owner, name, number) ?? null;
    const pull = repo.pulls.find((p) => p.number === number);
    if (!pull) return null;
    const state = pull.state ?? "OPEN";
    return { state, merged: state === "MERGED", labels: pull.labels ?? [] };
  }
}
