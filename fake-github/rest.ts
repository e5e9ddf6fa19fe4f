// The REST routes kep-tracker's App and CLI use, answered from the World.
import { createHash } from "node:crypto";
import type { FakeComment, FakeIssue, FakeRepo, World } from "./world.js";

export type Reply = { status: number; body?: string; type?: string; headers?: Record<string, string> };
export type RestRequest = { method: string; url: URL; body: string; accept: string; authorization: string };
/** `known` is false when no route matched: a request the fake does not model. */
export type Routed = { reply: Reply; known?: boolean };

export const json = (status: number, value: unknown): Reply => ({
  status,
  body: JSON.stringify(value),
  type: "application/json; charset=utf-8",
});
/** GitHub's limit on an issue's or a comment's body, in characters; longer ones are refused with 422. */
const BODY_LIMIT = 65_536;
const bodyTooLong = (data: Record<string, unknown>): Reply | null =>
  typeof data.body === "string" && data.body.length > BODY_LIMIT
    ? json(422, {
        message: "Validation Failed",
        errors: [
          { resource: "IssueComment", code: "custom", field: "body", message: `body is too long (maximum is ${BODY_LIMIT} characters)` },
        ],
        documentation_url: "https://docs.github.com/rest",
      })
    : null;

const notFound = (what: string): Reply => json(404, { message: `Not Found: ${what}`, documentation_url: "https://docs.github.com/rest" });
const text = (body: string): Reply => ({ status: 200, body, type: "text/plain; charset=utf-8" });

/** A git blob id, as a tree listing gives it. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

const RATE = { limit: 5000, remaining: 5000, used: 0, reset: 4102444800 };
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

/** The route's name, for counting requests and aiming faults: "POST comments", "GET contents". */
export function restKind(method: string, pathname: string): string {
  const p = pathname.split("/").slice(1);
  const name = (() => {
    if (p[0] === "app") return p.length === 1 ? "app" : "access token";
    if (p[0] === "search") return `search ${p[1]}`;
    if (p[0] === "rate_limit") return "rate limit";
    if (p[0] === "orgs") return "membership";
    if (p[0] !== "repos") return "unknown";
    const [section, a, b, c] = p.slice(3);
    if (section === "git") return a === "trees" ? "tree" : "blob";
    if (section === "pulls") return "pull files";
    if (section !== "issues") return section ?? "repository";
    if (a === "comments") return c === "reactions" ? "reaction" : "comment";
    if (b === undefined) return "issue";
    return b === "labels" ? (c ? "label" : "labels") : b;
  })();
  return `${method} ${name}`;
}

/** The answer; a 404 marked unknown when no route models the request. */
export function routeRest(world: World, req: RestRequest): Routed {
  const reply = route(world, req);
  return reply ? { reply } : { reply: notFound(req.url.pathname), known: false };
}

function route(world: World, req: RestRequest): Reply | null {
  const { method, url } = req;
  const parts = url.pathname.split("/").slice(1).map(decodeURIComponent);
  if (parts[0] === "app") return appRoute(world, method, parts);
  if (method === "GET" && url.pathname === "/rate_limit")
    return json(200, { resources: { core: RATE, graphql: RATE, search: { ...RATE, limit: 30, remaining: 30 } }, rate: RATE });
  if (method === "GET" && url.pathname === "/search/code") {
    const resetAt = world.takeCodeSearch(world.actor(req.authorization));
    return resetAt === null ? searchCode(world, url.searchParams.get("q") ?? "") : codeSearchLimited(resetAt);
  }
  if (method === "GET" && parts[0] === "orgs" && parts[2] === "teams" && parts[4] === "memberships")
    return membership(world, parts[1]!, parts[3]!, parts[5]!);
  const [top, owner, name, section, ...rest] = parts;
  const repo = top === "repos" ? world.repo(owner, name) : undefined;
  if (!repo) return top === "repos" ? notFound(url.pathname) : null;
  if (method === "GET" && section === "installation") return json(200, { id: world.app.installationId, app_id: world.app.id });
  if (method === "GET" && section === "contents") return contents(world, repo, rest.join("/"), url.searchParams.get("ref"), req.accept);
  if (method === "GET" && section === "git" && rest[0] === "trees") return tree(repo, rest[1] ?? "");
  if (method === "GET" && section === "git" && rest[0] === "blobs") return blob(repo, rest[1] ?? "");
  if (method === "GET" && section === "milestones")
    return json(
      200,
      (repo.milestones ?? []).filter((m) => (m.state ?? "open") === "open").map((m) => ({ ...m, state: m.state ?? "open" })),
    );
  if (method === "POST" && section === "check-runs") return checkRun(world, repo, parse(req.body));
  if (method === "GET" && section === "pulls" && rest[1] === "files") return pullFiles(repo, Number(rest[0]));
  if (section === "issues") return issueRoute(world, repo, req, rest);
  return null;
}

const parse = (body: string): Record<string, unknown> => (body ? (JSON.parse(body) as Record<string, unknown>) : {});

function appRoute(world: World, method: string, parts: string[]): Reply | null {
  if (method === "GET" && parts.length === 1)
    return json(200, { id: world.app.id, slug: world.app.slug, name: world.app.slug, owner: { login: "kubernetes" } });
  if (method === "POST" && parts[1] === "installations" && parts[3] === "access_tokens") {
    if (Number(parts[2]) !== world.app.installationId) return notFound(`installation ${parts[2]}`);
    const token = `ghs_fake${world.appTokens.size + 1}`;
    world.appTokens.add(token);
    return json(201, {
      token,
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      permissions: { issues: "write", contents: "read", checks: "write", members: "read", organization_projects: "write" },
    });
  }
  return null;
}

function issueRoute(world: World, repo: FakeRepo, req: RestRequest, rest: string[]): Reply | null {
  const { method } = req;
  const data = parse(req.body);
  const tooLong = method === "POST" || method === "PATCH" ? bodyTooLong(data) : null;
  if (tooLong) return tooLong;
  if (rest[0] === "comments" && rest[1]) {
    const id = Number(rest[1]);
    const found = world.comment(repo, id);
    if (!found) return notFound(`comment ${id}`);
    const comment = found.issue.comments[found.index]!;
    if (method === "POST" && rest[2] === "reactions") {
      comment.reactions ??= [];
      comment.reactions.push(String(data.content));
      world.emit({
        what: "reaction",
        actor: world.actor(req.authorization),
        repo,
        issue: found.issue,
        comment,
        detail: String(data.content),
      });
      return json(201, { id: world.newId(), content: data.content, user: { login: world.actor(req.authorization) } });
    }
    if (method === "GET") return json(200, commentJson(repo, found.issue, comment));
    if (method === "PATCH") {
      comment.body = String(data.body ?? "");
      world.emit({ what: "comment edited", actor: world.actor(req.authorization), repo, issue: found.issue, comment });
      return json(200, commentJson(repo, found.issue, comment));
    }
    if (method === "DELETE") {
      found.issue.comments.splice(found.index, 1);
      world.emit({ what: "comment deleted", actor: world.actor(req.authorization), repo, issue: found.issue, comment });
      return { status: 204 };
    }
  }
  const issue = world.issue(repo, Number(rest[0]));
  if (!issue) return notFound(req.url.pathname);
  if (rest.length === 1 && method === "GET") return json(200, issueJson(repo, issue));
  const change = { actor: world.actor(req.authorization), repo, issue };
  if (rest.length === 1 && method === "PATCH") return json(200, editIssue(world, change, data));
  if (rest[1] === "labels" && method === "POST") return json(200, addLabels(world, change, (data.labels as string[]) ?? []));
  if (rest[1] === "labels" && method === "DELETE" && rest[2]) return removeLabel(world, change, rest[2]);
  if (rest[1] === "comments" && method === "GET")
    return json(
      200,
      issue.comments.map((c) => commentJson(repo, issue, c)),
    );
  if (rest[1] === "comments" && method === "POST") {
    const comment: FakeComment = { id: world.newId(), author: world.actor(req.authorization), body: String(data.body ?? "") };
    issue.comments.push(comment);
    world.emit({ ...change, what: "comment created", comment });
    return json(201, commentJson(repo, issue, comment));
  }
  return null;
}

/** The raw text when asked with a raw media type (the CLI, Probot's config), else GitHub's base64 JSON. */
function contents(world: World, repo: FakeRepo, path: string, ref: string | null, accept: string): Reply {
  const body = world.fileAt(repo, ref ?? repo.headSha, path) ?? (ref && /^[0-9a-f]{40}$/.test(ref) ? repo.files.get(path) : undefined);
  if (body === undefined) return notFound(path);
  if (accept.includes("raw")) return text(body);
  return json(200, {
    type: "file",
    encoding: "base64",
    path,
    name: path.split("/").pop(),
    sha: blobSha(body),
    size: Buffer.byteLength(body),
    content: Buffer.from(body).toString("base64"),
  });
}

const trees = new WeakMap<FakeRepo, { headSha: string; json: string }>();

/** Every path of the default branch, directories included, in git's order; serialised once per head commit (a change of files is a new headSha). */
function tree(repo: FakeRepo, sha: string): Reply {
  if (sha !== repo.headSha && sha !== repo.defaultBranch) return notFound(`tree ${sha}`);
  const cached = trees.get(repo);
  if (cached?.headSha === repo.headSha) return { status: 200, body: cached.json };
  const dirs = new Set<string>();
  for (const path of repo.files.keys()) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  const entries = [
    ...[...dirs].map((path) => ({ path, mode: "040000", type: "tree", sha: sha1(`tree:${path}`) })),
    ...[...repo.files].map(([path, content]) => ({
      path,
      mode: "100644",
      type: "blob",
      sha: blobSha(content),
      size: Buffer.byteLength(content),
    })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const body = JSON.stringify({ sha: repo.headSha, url: "", truncated: false, tree: entries });
  trees.set(repo, { headSha: repo.headSha, json: body });
  return { status: 200, body };
}

/** Only for a blob GraphQL would truncate (rare): a linear search is fine. */
function blob(repo: FakeRepo, sha: string): Reply {
  for (const content of repo.files.values()) if (blobSha(content) === sha) return text(content);
  return notFound(`blob ${sha}`);
}

function pullFiles(repo: FakeRepo, number: number): Reply {
  const pull = repo.pulls.find((p) => p.number === number);
  if (!pull) return notFound(`pull ${number}`);
  return json(
    200,
    pull.files.map((filename) => ({ filename, status: "modified" })),
  );
}

function membership(world: World, org: string, team: string, login: string): Reply {
  const members =
    world.teams[`${org}/${team}`.toLowerCase()] ??
    Object.entries(world.teams).find(([k]) => k.toLowerCase() === `${org}/${team}`.toLowerCase())?.[1];
  if (!members?.some((m) => m.toLowerCase() === login.toLowerCase())) return notFound(`membership ${login}`);
  return json(200, { state: "active", role: "member", url: "" });
}

/** GitHub's answer past code search's 10 requests a minute. */
function codeSearchLimited(resetAt: number): Reply {
  return {
    ...json(403, {
      message: "API rate limit exceeded for code search.",
      documentation_url: "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
    }),
    headers: {
      "x-ratelimit-limit": "10",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-used": "10",
      "x-ratelimit-reset": String(Math.ceil(resetAt / 1000)),
      "x-ratelimit-resource": "code_search",
    },
  };
}

/** Code search: every quoted phrase in the text, `filename:` and `repo:` qualifiers; bare words ignored. */
function searchCode(world: World, q: string): Reply {
  const phrases = [...q.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  const rest = q.replace(/"[^"]*"/g, " ");
  const filename = /\bfilename:(\S+)/.exec(rest)?.[1];
  const repoName = /\brepo:(\S+)\/(\S+)/.exec(rest);
  const repos = repoName ? [world.repo(repoName[1], repoName[2])].filter((x) => x !== undefined) : world.repos;
  const items = repos.flatMap((repo) =>
    [...repo.files]
      .filter(([path, content]) => (!filename || path.split("/").pop() === filename) && phrases.every((p) => content.includes(p)))
      .map(([path, content]) => ({
        name: path.split("/").pop(),
        path,
        sha: blobSha(content),
        repository: { full_name: `${repo.owner}/${repo.name}` },
      })),
  );
  return json(200, { total_count: items.length, incomplete_results: false, items: items.slice(0, 100) });
}

/** GitHub's limit on a check run's output summary and text, in characters. */
const CHECK_OUTPUT_LIMIT = 65_535;

function checkRun(world: World, repo: FakeRepo, data: Record<string, unknown>): Reply {
  const output = (data.output ?? {}) as { title?: string; summary?: string; text?: string };
  for (const part of [output.summary, output.text]) {
    const length = part === undefined ? 0 : [...part].length;
    if (length > CHECK_OUTPUT_LIMIT)
      return json(422, {
        message: `Invalid request.\n\nOnly ${CHECK_OUTPUT_LIMIT} characters are allowed; ${length} were supplied.`,
        documentation_url: "https://docs.github.com/rest/checks/runs#create-a-check-run",
      });
  }
  const run = {
    id: world.newId(),
    repo: `${repo.owner}/${repo.name}`,
    name: String(data.name),
    headSha: String(data.head_sha),
    conclusion: (data.conclusion as string) ?? null,
    title: output.title ?? null,
    summary: output.summary ?? null,
    text: output.text ?? null,
  };
  world.checkRuns.push(run);
  world.emit({ what: "check run", actor: `${world.app.slug}[bot]`, repo, detail: `${run.name}: ${run.conclusion ?? "queued"}` });
  return json(201, {
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    status: data.status ?? "queued",
    conclusion: run.conclusion,
    output,
  });
}

type ChangeBase = { actor: string; repo: FakeRepo; issue: FakeIssue };

function addLabels(world: World, at: ChangeBase, labels: string[]): unknown {
  for (const label of labels) {
    if (at.issue.labels.includes(label)) continue;
    at.issue.labels.push(label);
    world.emit({ ...at, what: "labeled", label });
  }
  return at.issue.labels.map(labelJson);
}

function removeLabel(world: World, at: ChangeBase, name: string): Reply {
  const { issue } = at;
  if (!issue.labels.includes(name))
    return json(404, { message: "Label does not exist", documentation_url: "https://docs.github.com/rest" });
  issue.labels.splice(issue.labels.indexOf(name), 1);
  world.emit({ ...at, what: "unlabeled", label: name });
  return json(200, issue.labels.map(labelJson));
}

function editIssue(world: World, at: ChangeBase, data: Record<string, unknown>): unknown {
  const { repo, issue } = at;
  if ("milestone" in data) {
    const m = data.milestone;
    const title = repo.milestones?.find((x) => x.number === m)?.title ?? `milestone ${String(m)}`;
    const before = issue.milestone;
    issue.milestone = typeof m === "number" ? { title, number: m } : null;
    if (issue.milestone?.number !== before?.number) world.emit({ ...at, what: issue.milestone ? "milestoned" : "demilestoned" });
  }
  if (Array.isArray(data.labels))
    issue.labels.splice(
      0,
      issue.labels.length,
      ...data.labels.map((l) => (typeof l === "string" ? l : String((l as { name: string }).name))),
    );
  if (Array.isArray(data.assignees)) issue.assignees = data.assignees.map(String);
  if (data.state === "open" || data.state === "closed") issue.state = data.state;
  if (typeof data.title === "string") issue.title = data.title;
  if (typeof data.body === "string") issue.body = data.body;
  return issueJson(repo, issue);
}

const labelJson = (name: string) => ({ name, color: "ededed", default: false });

function issueJson(repo: FakeRepo, issue: FakeIssue): unknown {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state ?? "open",
    labels: issue.labels.map(labelJson),
    milestone: issue.milestone,
    assignees: issue.assignees.map((login) => ({ login })),
    comments: issue.comments.length,
    html_url: `https://github.com/${repo.owner}/${repo.name}/issues/${issue.number}`,
  };
}

export function commentJson(repo: FakeRepo, issue: FakeIssue, c: FakeComment): unknown {
  return {
    id: c.id,
    body: c.body,
    user: { login: c.author, type: c.author.endsWith("[bot]") ? "Bot" : "User" },
    html_url: `https://github.com/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${c.id}`,
  };
}
