import { createHash, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import examples from "@octokit/webhooks-examples";
import nock from "nock";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, expect } from "vitest";
import { actorNode } from "../../fake-github/connection.js";
import { operationName, requestErrors } from "../../fake-github/schema.js";
import { createCaches } from "../../src/app/caches.js";
import { createApp } from "../../src/app/register.js";
import { ENHANCEMENTS } from "./fixtures.js";
import { checkout } from "./tracking.js";

const ALIASES = readFileSync(`${ENHANCEMENTS}/OWNERS_ALIASES`, "utf8");

export const OWNER = "kubernetes";
export const REPO = "enhancements";
export const API = "https://api.github.com";
export const HEAD = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2";
export const INSTALLATION = 2;

export const PRIVATE_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();

export const CONFIG = `release: v1.37
schedule:
  prr-freeze: "Tuesday 9th June 2026 (AoE) / Wednesday 10th June 2026, 12:00 UTC"
  enhancements-freeze: "Tuesday 16th June 2026 (AoE) / Wednesday 17th June 2026, 12:00 UTC"
  code-freeze: "Wednesday 22nd July 2026 (AoE) / Thursday 23rd July 2026, 12:00 UTC"
  docs-freeze: 2026-08-06T12:00:00Z
  release: 2026-08-26
`;

/** Log lines the App wrote, for assertions on what an operator sees. */
export type LogLine = { level: number; msg: string } & Record<string, unknown>;

/** The opt-in phase of v1.37: PRR freeze is 2026-06-10T12:00Z. */
export const OPT_IN = new Date("2026-06-01T09:00:00Z");

/** A Probot running kep-tracker with fresh caches, a fixed clock, no retries or throttling, and its log kept. */
export function makeProbot(now: Date = OPT_IN): { probot: Probot; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: "test-secret",
    log: pino({ level: "info" }, stream),
    // Applied last, so that neither retries nor the one-second pacing of writes slow the tests.
    Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  probot.load(createApp({ caches: createCaches(), now: () => now }));
  return { probot, logs };
}

/** Every request nock answered, in order, as "METHOD path" (GraphQL as "graphql <operation>"). */
export const requests: string[] = [];
nock.emitter.on(
  "no match",
  (req: {
    method?: string;
    path?: string;
    host?: string;
    hostname?: string;
    options?: { method?: string; path?: string; host?: string; hostname?: string };
  }) => {
    const host = req.hostname ?? req.host ?? req.options?.hostname ?? req.options?.host ?? "";
    // Loopback is the test's own server, not GitHub.
    if (!String(host).startsWith("127.0.0.1"))
      requests.push(`UNMATCHED ${req.method ?? req.options?.method} ${req.path ?? req.options?.path}`);
  },
);

/**
 * GraphQL requests whose document (or variables) GitHub's published schema
 * rejects, with GitHub's would-be error; useNock fails the test when any is left.
 */
export const invalidGraphql: string[] = [];

/** Records a GraphQL request as "graphql <operation>", checked against GitHub's schema. */
function graphqlRequest(body: string): string {
  const {
    query,
    variables,
    operationName: name,
  } = JSON.parse(body) as { query: string; variables?: Record<string, unknown>; operationName?: string };
  const op = operationName(query);
  for (const error of requestErrors(query, variables ?? {}, name)) invalidGraphql.push(`${op}: ${error}`);
  return `graphql ${op}`;
}

export function api(): nock.Scope {
  const scope = nock(API);
  scope.on("request", (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    requests.push(req.path === "/graphql" ? graphqlRequest(body) : `${req.method} ${decodeURIComponent(req.path.split("?")[0]!)}`);
  });
  return scope;
}

/** Requests other than getting the installation token, which Probot makes and caches itself. */
export const repoRequests = () => requests.filter((r) => !r.includes("/access_tokens"));
/** Writes made, and writes attempted that no mock answered ("UNMATCHED PATCH …"), so that a stray write fails the test. */
export const writes = () => repoRequests().filter((r) => /^(UNMATCHED )?(POST|PATCH|PUT|DELETE) /.test(r) && !r.includes(" /graphql"));

export function mockToken(scope: nock.Scope) {
  return scope
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: "test-token", expires_at: "2099-01-01T00:00:00Z", permissions: { issues: "write" } });
}

export function mockAppSlug(scope: nock.Scope) {
  return scope.get("/app").reply(200, { slug: "kep-tracker", id: 1 });
}

export function mockConfig(scope: nock.Scope, text: string | null = CONFIG) {
  const path = `/repos/${OWNER}/${REPO}/contents/.github%2Fkep-tracker.yml`;
  // Only the repository's own file counts (no organisation-wide .github fallback), read as raw text.
  if (text === null) {
    scope.get(path).reply(404, { message: "Not Found" });
  } else {
    scope.get(path).reply(200, text);
  }
}

/** The milestone and owner an issue has unless a test says otherwise: a KEP in the release, assigned to alice. */
export const DEFAULT_MILESTONE = { title: "v1.37", number: 37 };
export const DEFAULT_ASSIGNEES = ["alice"];

/** An issue as a test describes it; every field left out takes the default its comment names. */
export type IssueState = {
  number: number;
  /** Default: "KEP <number>". */
  title?: string;
  /** Default: "OPEN". */
  state?: "OPEN" | "CLOSED";
  /** Default: "" (no body). */
  body?: string | null;
  labels: string[];
  /** Default: DEFAULT_MILESTONE (v1.37); null for none. */
  milestone?: { title: string; number: number } | null;
  /** Default: DEFAULT_ASSIGNEES (alice); [] for none. */
  assignees?: string[];
  /** Default: none. `author` as REST spells it: "kep-tracker[bot]" is the App (a Bot), "kep-tracker" a user of that name. */
  comments?: Array<{ id: number; author: string; body: string }>;
  /** Default: none. */
  openPrs?: Array<{ number: number; headSha: string; files: string[] }>;
  /** The PRs that mention the issue, as its timeline's cross-references ("owner/repo#N"). Default: none. */
  crossReferences?: Array<{ pr: string; state: "OPEN" | "CLOSED" | "MERGED"; labels?: string[] }>;
};

/** Timeline cross-references as GitHub's GraphQL gives them, with an issue's mention among them (skipped by the reader). */
function timelineNodes(refs: NonNullable<IssueState["crossReferences"]>) {
  const nodes = refs.map((r) => {
    const [repo, number] = r.pr.split("#");
    const labels = { nodes: (r.labels ?? []).map((name) => ({ name })) };
    return {
      source: {
        __typename: "PullRequest",
        number: Number(number),
        state: r.state,
        merged: r.state === "MERGED",
        repository: { nameWithOwner: repo },
        labels,
      },
    };
  });
  return { nodes: [{ source: { __typename: "Issue" } }, ...nodes] };
}

/** An issue as GitHub's GraphQL gives it (without comments), with IssueState's defaults filled in. */
export function issueNode(s: IssueState) {
  return {
    number: s.number,
    title: s.title ?? `KEP ${s.number}`,
    state: s.state ?? "OPEN",
    body: s.body ?? "",
    labels: { nodes: s.labels.map((name) => ({ name })) },
    milestone: s.milestone === undefined ? DEFAULT_MILESTONE : s.milestone,
    assignees: { nodes: (s.assignees ?? DEFAULT_ASSIGNEES).map((login) => ({ login })) },
  };
}

/** A comment as GitHub's GraphQL gives it: the author as the fake GitHub spells actors (a Bot's login without "[bot]"). */
export const commentNode = (c: { id: number; author: string; body: string }) => ({
  fullDatabaseId: String(c.id),
  body: c.body,
  author: actorNode(c.author),
});

export function mockIssueContext(scope: nock.Scope, s: IssueState) {
  return scope
    .post("/graphql", (b: { query: string }) => b.query.includes("query IssueContext"))
    .reply(200, {
      data: {
        repository: {
          defaultBranchRef: { name: "master", target: { oid: HEAD } },
          issue: {
            ...issueNode(s),
            comments: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: (s.comments ?? []).map(commentNode) },
            ...(s.crossReferences ? { timelineItems: timelineNodes(s.crossReferences) } : {}),
          },
          pullRequests: {
            pageInfo: { hasNextPage: false, endCursor: null },
            nodes: (s.openPrs ?? []).map((p) => ({
              number: p.number,
              url: `https://github.com/${OWNER}/${REPO}/pull/${p.number}`,
              headRefOid: p.headSha,
              files: { nodes: p.files.map((path) => ({ path })) },
            })),
          },
        },
      },
    });
}

export function mockTree(scope: nock.Scope) {
  // As GitHub lists them: every blob with its id (here a stand-in derived from the path) and size.
  const blob = (path: string) => ({ path, type: "blob", sha: createHash("sha1").update(path).digest("hex"), size: 1000 });
  const tree = [...checkout.paths.map(blob), blob("OWNERS_ALIASES")];
  return scope.get(`/repos/${OWNER}/${REPO}/git/trees/${HEAD}`).query({ recursive: "1" }).reply(200, { sha: HEAD, truncated: false, tree });
}

/** Answers the files query from the fixtures (HEAD) and `overrides` ("<sha>:<path>" → text). */
export function mockFiles(
  scope: nock.Scope,
  overrides: Record<string, string> = {},
  prStates: Record<string, { state: string; merged: boolean; labels: string[]; files?: string[] }> = {},
) {
  return scope
    .post("/graphql", (b: { query: string }) => b.query.includes("query FilesAndPullRequests"))
    .reply(200, (_uri: string, body: { query: string }) => {
      const repository: Record<string, unknown> = {};
      const data: Record<string, unknown> = { repository };
      for (const m of body.query.matchAll(/(b\d+): object\(expression: ("[^"]*")\)/g)) {
        const expression = JSON.parse(m[2]!) as string;
        const [sha, ...rest] = expression.split(":");
        const path = rest.join(":");
        const text = overrides[expression] ?? (sha === HEAD ? (path === "OWNERS_ALIASES" ? ALIASES : checkout.read(path)) : undefined);
        repository[m[1]!] = text === undefined ? null : { text, isBinary: false };
      }
      for (const m of body.query.matchAll(
        /(p\d+): repository\(owner: "([^"]+)", name: "([^"]+)"\) \{ pullRequest\(number: (\d+)\) \{([^\n]*)/g,
      )) {
        const s = prStates[`${m[2]}/${m[3]}#${m[4]}`];
        // Files only when the query asks for them (PRs that mention the issue), as GitHub answers.
        const files = m[5]!.includes(" files(first: 100)") ? { files: { nodes: (s?.files ?? []).map((path) => ({ path })) } } : {};
        data[m[1]!] = s
          ? { pullRequest: { state: s.state, merged: s.merged, labels: { nodes: s.labels.map((name) => ({ name })) }, ...files } }
          : { pullRequest: null };
      }
      return { data };
    });
}

type Examples = Array<{ name: string; examples: Array<Record<string, unknown>> }>;

/** A real example payload of @octokit/webhooks-examples, moved to kubernetes/enhancements. */
export function payload(name: string, action: string | null, adjust: (p: any) => void = () => {}): any {
  const event = (examples as unknown as Examples).find((e) => e.name === name)!;
  const example = structuredClone(event.examples.find((e) => (action === null ? true : e.action === action))!);
  const p = example as any;
  p.repository.name = REPO;
  p.repository.full_name = `${OWNER}/${REPO}`;
  p.repository.owner.login = OWNER;
  p.repository.default_branch = "master";
  p.installation = { id: INSTALLATION, node_id: "x" };
  adjust(p);
  return p;
}

export async function deliver(probot: Probot, name: string, p: unknown, id = "delivery-1") {
  await probot.receive({ id, name, payload: p } as Parameters<Probot["receive"]>[0]);
}

/**
 * Registers the nock discipline of every App test: no network but loopback,
 * a clean request log before each test, and after it, every mock used.
 */
export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    requests.length = 0;
    invalidGraphql.length = 0;
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, "every mocked request was made").toEqual([]);
    expect(invalidGraphql, "every GraphQL document and its variables valid against GitHub's schema").toEqual([]);
  });
}

/** A fresh App on a GitHub that answers the first event's set-up: token, config, the App's login. */
export function setupApp(config: string | null = CONFIG, now: Date = OPT_IN): { probot: Probot; logs: LogLine[]; scope: nock.Scope } {
  const { probot, logs } = makeProbot(now);
  const scope = api();
  mockToken(scope);
  mockConfig(scope, config);
  if (config !== null) mockAppSlug(scope);
  return { probot, logs, scope };
}

/** The reads of one issue's refresh: its context, the keps/ listing and the KEP's files. */
export function mockRefreshReads(scope: nock.Scope, state: IssueState, files: Record<string, string> = {}): void {
  mockIssueContext(scope, state);
  mockTree(scope);
  mockFiles(scope, files);
}

/** `issues.labeled` for KEP 3541 as a triaged tracking issue carries it: opted in, sig/apps, stage/alpha, milestone v1.37. */
export const optedInLabeled = () =>
  payload("issues", "labeled", (p) => {
    p.issue.number = 3541;
    p.issue.labels = [{ name: "lead-opted-in" }, { name: "sig/apps" }, { name: "stage/alpha" }];
    p.issue.milestone = { title: "v1.37", number: 37 };
  });

/** The requests of a first refresh that posts the status comment on `issue`: config, the App's login, the issue, the tree, the KEP's files, the comment. */
export const firstRefreshRequests = (issue: number) => [
  `GET /repos/${OWNER}/${REPO}/contents/.github/kep-tracker.yml`,
  "GET /app",
  "graphql IssueContext",
  `GET /repos/${OWNER}/${REPO}/git/trees/${HEAD}`,
  "graphql FilesAndPullRequests",
  `POST /repos/${OWNER}/${REPO}/issues/${issue}/comments`,
];
