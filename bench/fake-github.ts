// An in-memory GitHub for the sweep benchmark: the REST and GraphQL routes
// the sweep uses, on 127.0.0.1. It is stateful (labels and comments written
// by one sweep are what the next one reads) and counts every request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blobSha, type Comment, DEFAULT_BRANCH, type Issue, OWNER, REPO, type SyntheticRepo, treeEntries, VIEWER } from "./synthetic.js";

export type FakeStats = {
  /** GETs and GraphQL queries. */
  reads: number;
  /** Every other REST request (label, comment and issue changes). */
  writes: number;
  /** Requests by route, e.g. "graphql SweepPage", "GET tree". */
  byKind: Record<string, number>;
  /** Requests no route answered (404) or that failed (500), for the bench to report. */
  unexpected: string[];
};

export type FakeGitHub = {
  url: string;
  stats: () => FakeStats;
  reset: () => void;
  close: () => Promise<void>;
};

type Reply = { status: number; body?: string; type?: string };

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value), type: "application/json; charset=utf-8" });
const notFound = (what: string): Reply => json(404, { message: `Not Found: ${what}`, documentation_url: "https://docs.github.com/rest" });
const str = JSON.stringify;

export async function startFakeGitHub(repo: SyntheticRepo): Promise<FakeGitHub> {
  const state = new FakeState(repo);
  const server = createServer((req, res) => void handle(state, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ ...state.stats, byKind: { ...state.stats.byKind }, unexpected: [...state.stats.unexpected] }),
    reset: () => (state.stats = emptyStats()),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

const emptyStats = (): FakeStats => ({ reads: 0, writes: 0, byKind: {}, unexpected: [] });

async function handle(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  let reply: Reply;
  let kind: string;
  try {
    ({ reply, kind } = state.route(method, url, Buffer.concat(chunks).toString("utf8"), String(req.headers.accept ?? "")));
  } catch (e) {
    kind = `${method} error`;
    reply = json(500, { message: (e as Error).stack ?? String(e) });
  }
  state.count(method, url, kind, reply.status);
  res.writeHead(reply.status, reply.body === undefined ? {} : { "content-type": reply.type ?? "application/json; charset=utf-8", "content-length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

class FakeState {
  stats = emptyStats();
  private readonly byNumber = new Map<number, Issue>();
  /** Which issue each comment id is on. */
  private readonly commentIssue = new Map<number, number>();
  /** Each issue's GraphQL node, serialised once until the issue changes: the pages are big. */
  private readonly nodeJson = new Map<number, string>();
  private treeJson: string | null = null;

  constructor(private readonly repo: SyntheticRepo) {
    for (const issue of repo.issues) {
      this.byNumber.set(issue.number, issue);
      for (const c of issue.comments) this.commentIssue.set(c.id, issue.number);
    }
  }

  count(method: string, url: URL, kind: string, status: number): void {
    const write = method !== "GET" && url.pathname !== "/graphql";
    if (write) this.stats.writes++;
    else this.stats.reads++;
    this.stats.byKind[kind] = (this.stats.byKind[kind] ?? 0) + 1;
    if (status === 404 || status >= 500) this.stats.unexpected.push(`${method} ${url.pathname}${url.search} -> ${status}`);
  }

  route(method: string, url: URL, body: string, accept: string): { reply: Reply; kind: string } {
    if (method === "POST" && url.pathname === "/graphql") return this.graphql(body);
    const parts = url.pathname.split("/").slice(1).map(decodeURIComponent);
    if (method === "GET" && url.pathname === "/search/code") return { kind: "GET search", reply: json(200, { total_count: 0, incomplete_results: false, items: [] }) };
    const [top, owner, name, section, ...rest] = parts;
    if (top !== "repos" || !this.isOurs(owner, name)) return { kind: `${method} unknown`, reply: notFound(url.pathname) };
    const r = (kind: string, reply: Reply) => ({ kind: `${method} ${kind}`, reply });
    if (method === "GET" && section === "contents") return r("contents", this.contents(rest.join("/"), accept));
    if (method === "GET" && section === "git" && rest[0] === "trees") return r("tree", this.tree(rest[1] ?? ""));
    if (method === "GET" && section === "git" && rest[0] === "blobs") return r("blob", this.blob(rest[1] ?? ""));
    if (method === "GET" && section === "milestones") return r("milestones", json(200, [{ title: "v1.37", number: 37 }, { title: "v1.38", number: 38 }]));
    if (section !== "issues") return r("unknown", notFound(url.pathname));
    const data = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (rest[0] === "comments" && rest[1]) {
      const id = Number(rest[1]);
      if (method === "PATCH") return r("comment", this.editComment(id, String(data.body ?? "")));
      if (method === "DELETE") return r("comment", this.deleteComment(id));
    }
    const issue = this.byNumber.get(Number(rest[0]));
    if (!issue) return r("unknown", notFound(url.pathname));
    if (rest[1] === "labels" && method === "POST") return r("labels", this.addLabels(issue, data.labels as string[]));
    if (rest[1] === "labels" && method === "DELETE" && rest[2]) return r("label", this.removeLabel(issue, rest[2]));
    if (rest[1] === "comments" && method === "POST") return r("comments", this.createComment(issue, String(data.body ?? "")));
    if (rest.length === 1 && method === "PATCH") return r("issue", this.editIssue(issue, data));
    return r("unknown", notFound(url.pathname));
  }

  private isOurs(owner: string | undefined, name: string | undefined): boolean {
    return owner?.toLowerCase() === OWNER && name?.toLowerCase() === REPO;
  }

  // --- REST reads

  /** The raw text when asked with a raw media type (as the CLI does), else GitHub's base64 JSON. */
  private contents(path: string, accept: string): Reply {
    const text = this.repo.files.get(path);
    if (text === undefined) return notFound(path);
    if (accept.includes("raw")) return { status: 200, body: text, type: "text/plain; charset=utf-8" };
    return json(200, { type: "file", encoding: "base64", path, name: path.split("/").pop(), size: Buffer.byteLength(text), content: Buffer.from(text).toString("base64") });
  }

  private tree(sha: string): Reply {
    if (sha !== this.repo.headSha && sha !== DEFAULT_BRANCH) return notFound(`tree ${sha}`);
    this.treeJson ??= str({ sha: this.repo.headSha, url: "", truncated: false, tree: treeEntries(this.repo) });
    return { status: 200, body: this.treeJson };
  }

  /** Only for a blob GraphQL would truncate (none here): a linear search is fine. */
  private blob(sha: string): Reply {
    for (const text of this.repo.files.values()) if (blobSha(text) === sha) return { status: 200, body: text, type: "text/plain; charset=utf-8" };
    return notFound(`blob ${sha}`);
  }

  // --- REST writes

  private changed(issue: Issue): void {
    this.nodeJson.delete(issue.number);
  }

  private addLabels(issue: Issue, labels: string[]): Reply {
    for (const l of labels) if (!issue.labels.includes(l)) issue.labels.push(l);
    this.changed(issue);
    return json(200, issue.labels.map(labelJson));
  }

  private removeLabel(issue: Issue, name: string): Reply {
    if (!issue.labels.includes(name)) return json(404, { message: "Label does not exist" });
    issue.labels = issue.labels.filter((l) => l !== name);
    this.changed(issue);
    return json(200, issue.labels.map(labelJson));
  }

  /** New comments are the viewer's: the token the sweep runs with. */
  private createComment(issue: Issue, body: string): Reply {
    const comment: Comment = { id: this.repo.nextCommentId++, author: VIEWER, body };
    issue.comments.push(comment);
    this.commentIssue.set(comment.id, issue.number);
    this.changed(issue);
    return json(201, commentJson(issue, comment));
  }

  private findComment(id: number): { issue: Issue; index: number } | null {
    const issue = this.byNumber.get(this.commentIssue.get(id) ?? -1);
    const index = issue?.comments.findIndex((c) => c.id === id) ?? -1;
    return issue && index >= 0 ? { issue, index } : null;
  }

  private editComment(id: number, body: string): Reply {
    const found = this.findComment(id);
    if (!found) return notFound(`comment ${id}`);
    const comment = found.issue.comments[found.index]!;
    comment.body = body;
    this.changed(found.issue);
    return json(200, commentJson(found.issue, comment));
  }

  private deleteComment(id: number): Reply {
    const found = this.findComment(id);
    if (!found) return notFound(`comment ${id}`);
    found.issue.comments.splice(found.index, 1);
    this.commentIssue.delete(id);
    this.changed(found.issue);
    return { status: 204 };
  }

  private editIssue(issue: Issue, data: Record<string, unknown>): Reply {
    if ("milestone" in data) {
      const m = data.milestone;
      issue.milestone = typeof m === "number" ? { title: `v1.${m}`, number: m } : null;
    }
    if (Array.isArray(data.labels)) issue.labels = data.labels.map(String);
    this.changed(issue);
    return json(200, { number: issue.number, title: issue.title, labels: issue.labels.map(labelJson), milestone: issue.milestone });
  }

  // --- GraphQL

  private graphql(body: string): { reply: Reply; kind: string } {
    const { query, variables = {} } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    const op = /^\s*query\s+(\w+)/.exec(query)?.[1] ?? "anonymous";
    const kind = `graphql ${op}`;
    if (op === "SweepPage") return { kind, reply: { status: 200, body: this.sweepPage(variables) } };
    if (op === "EarlierComments") return { kind, reply: json(200, this.earlierComments(variables)) };
    if (op === "FilesAndPullRequests") return { kind, reply: json(200, this.filesAndPullRequests(query)) };
    return { kind, reply: json(200, { errors: [{ message: `the fake GitHub does not know query ${op}` }] }) };
  }

  /** One page of the sweep, as a string built from per-issue pieces (the pages are megabytes at N=5000). */
  private sweepPage(v: Record<string, unknown>): string {
    if (!this.isOurs(String(v.owner), String(v.repo))) return str({ data: { repository: null }, errors: [{ type: "NOT_FOUND", message: "no such repository" }] });
    const parts = [`"defaultBranchRef":{"name":"${DEFAULT_BRANCH}","target":{"oid":"${this.repo.headSha}"}}`];
    if (v.withIssues) parts.push(`"issues":${this.issuePage(Number(v.size), v.issuesAfter as string | null)}`);
    if (v.withPrs) parts.push(`"pullRequests":${this.pullPage(v.prsAfter as string | null)}`);
    const viewer = v.withViewer ? `"viewer":{"login":"${VIEWER}"},` : "";
    return `{"data":{${viewer}"repository":{${parts.join(",")}}}}`;
  }

  /** Issues in number order; a cursor is the index of the last issue given. */
  private issuePage(size: number, after: string | null): string {
    const all = this.repo.issues;
    const start = after === null || after === undefined ? 0 : Number(after) + 1;
    const slice = all.slice(start, start + size);
    const end = start + slice.length;
    const nodes = slice.map((i) => this.issueNode(i)).join(",");
    return `{"totalCount":${all.length},"pageInfo":{"hasNextPage":${end < all.length},"endCursor":${slice.length ? str(String(end - 1)) : "null"}},"nodes":[${nodes}]}`;
  }

  private issueNode(issue: Issue): string {
    let cached = this.nodeJson.get(issue.number);
    if (cached === undefined) {
      const from = Math.max(0, issue.comments.length - 100);
      cached = str({
        number: issue.number,
        title: issue.title,
        state: "OPEN",
        body: issue.body,
        labels: { nodes: issue.labels.map((name) => ({ name })) },
        milestone: issue.milestone,
        assignees: { nodes: issue.assignees.map((login) => ({ login })) },
        comments: {
          totalCount: issue.comments.length,
          pageInfo: { hasPreviousPage: from > 0, startCursor: issue.comments.length ? String(from) : null },
          nodes: issue.comments.slice(from).map(commentNode),
        },
      });
      this.nodeJson.set(issue.number, cached);
    }
    return cached;
  }

  private pullPage(after: string | null): string {
    const all = this.repo.pulls;
    const start = after === null || after === undefined ? 0 : Number(after) + 1;
    const slice = all.slice(start, start + 100);
    const end = start + slice.length;
    const nodes = slice.map((p) => ({ number: p.number, url: p.url, headRefOid: p.headSha, files: { nodes: p.files.map((path) => ({ path })) } }));
    return str({ pageInfo: { hasNextPage: end < all.length, endCursor: slice.length ? String(end - 1) : null }, nodes });
  }

  /** The 100 comments before the cursor (a comment index), oldest first. */
  private earlierComments(v: Record<string, unknown>): unknown {
    const issue = this.byNumber.get(Number(v.number));
    if (!issue || !this.isOurs(String(v.owner), String(v.repo))) return { data: { repository: { issue: null } } };
    const end = Math.min(Number(v.before), issue.comments.length);
    const from = Math.max(0, end - 100);
    return { data: { repository: { issue: { comments: { pageInfo: { hasPreviousPage: from > 0, startCursor: String(from) }, nodes: issue.comments.slice(from, end).map(commentNode) } } } } };
  }

  /** The aliases of filesAndPullRequestsQuery: bN blobs by "<sha>:<path>", pN pull requests of any repository. */
  private filesAndPullRequests(query: string): unknown {
    const repository: Record<string, unknown> = {};
    const data: Record<string, unknown> = {};
    const repoBlock = /^\s*repository\(owner: ("(?:[^"\\]|\\.)*"), name: ("(?:[^"\\]|\\.)*")\) \{/m.exec(query);
    const blobsOurs = repoBlock ? this.isOurs(JSON.parse(repoBlock[1]!) as string, JSON.parse(repoBlock[2]!) as string) : false;
    for (const m of query.matchAll(/\b(b\d+): object\(expression: ("(?:[^"\\]|\\.)*")\)/g)) {
      const text = blobsOurs ? this.fileAt(JSON.parse(m[2]!) as string) : undefined;
      repository[m[1]!] = text === undefined ? null : { text, isBinary: false, isTruncated: false };
    }
    for (const m of query.matchAll(/\b(p\d+): repository\(owner: ("(?:[^"\\]|\\.)*"), name: ("(?:[^"\\]|\\.)*")\) \{ pullRequest\(number: (\d+)\)/g)) {
      data[m[1]!] = { pullRequest: linkedPrState(Number(m[4])) };
    }
    if (repoBlock) data.repository = repository;
    return { data };
  }

  /** A file at the default branch's head or at an open PR's head (which changes only a few files). */
  private fileAt(expression: string): string | undefined {
    const colon = expression.indexOf(":");
    const [sha, path] = [expression.slice(0, colon), expression.slice(colon + 1)];
    if (sha === this.repo.headSha || sha === DEFAULT_BRANCH) return this.repo.files.get(path);
    const head = this.repo.prHeads.get(sha);
    return head ? (head.get(path) ?? this.repo.files.get(path)) : undefined;
  }
}

const labelJson = (name: string) => ({ name, color: "ededed", default: false });
const commentNode = (c: Comment) => ({ fullDatabaseId: String(c.id), body: c.body, author: { login: c.author } });
const commentJson = (issue: Issue, c: Comment) => ({
  id: c.id,
  body: c.body,
  user: { login: c.author, type: "User" },
  html_url: `https://github.com/${OWNER}/${REPO}/issues/${issue.number}#issuecomment-${c.id}`,
});

/** Linked PRs of any repository: a stable mix of merged, approved and waiting ones. */
function linkedPrState(number: number): unknown {
  const k = number % 4;
  if (k === 0) return { state: "MERGED", merged: true, labels: { nodes: [{ name: "lgtm" }, { name: "approved" }] } };
  if (k === 1) return { state: "OPEN", merged: false, labels: { nodes: [{ name: "lgtm" }, { name: "approved" }] } };
  return { state: "OPEN", merged: false, labels: { nodes: k === 2 ? [{ name: "lgtm" }] : [] } };
}
