// A stateful in-memory GitHub on 127.0.0.1 for the bench, the tests and the
// demo: the REST routes and GraphQL kep-tracker's App and CLI use, Projects v2
// boards, every GraphQL document checked against GitHub's published schema,
// every request counted by kind, and GitHub's misbehaviour on demand.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { POINTS_PER_HOUR } from "./cost.js";
import { type Fault, type FaultRule, Faults, withErrors } from "./faults.js";
import { type GraphQLBody, runGraphQL } from "./graphql.js";
import { json, type Reply, restKind, routeRest } from "./rest.js";
import { operationName } from "./schema.js";
import { type FakeSeed, World } from "./world.js";

export type FakeStats = {
  /** GETs and GraphQL queries. */
  reads: number;
  /** Every other REST request and GraphQL mutations. */
  writes: number;
  /** Requests by kind: "GET tree", "POST comments", "graphql SweepPage", "graphql AddItem". */
  byKind: Record<string, number>;
  /** Requests no route models (404) or that broke the fake (500), and GraphQL documents the schema rejects. */
  unexpected: string[];
  /** GraphQL points charged, by GitHub's documented formula (cost.ts). */
  points: number;
  /** Points by kind ("graphql SweepPage"), and the most one request of the kind cost. */
  pointsByKind: Record<string, { points: number; most: number }>;
};

export type FakeGitHub = {
  /** The API's base URL: GITHUB_API_URL, Octokit's baseUrl. */
  url: string;
  /** The state, to seed further or to read back (the seed's own objects, changed in place). */
  world: World;
  stats: () => FakeStats;
  /** Zeroes the counts and drops the faults. */
  reset: () => void;
  /** Makes GitHub misbehave: see faults.ts. */
  inject: (rule: FaultRule) => void;
  close: () => Promise<void>;
};

const emptyStats = (): FakeStats => ({ reads: 0, writes: 0, byKind: {}, unexpected: [], points: 0, pointsByKind: {} });

export async function startFakeGitHub(seed: FakeSeed): Promise<FakeGitHub> {
  const world = new World(seed);
  const faults = new Faults();
  let stats = emptyStats();
  const server = createServer((req, res) => void handle(world, faults, stats, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    world,
    stats: () => ({
      ...stats,
      byKind: { ...stats.byKind },
      unexpected: [...stats.unexpected],
      pointsByKind: Object.fromEntries(Object.entries(stats.pointsByKind).map(([k, v]) => [k, { ...v }])),
    }),
    reset: () => {
      stats = emptyStats();
      faults.clear();
    },
    inject: (rule) => faults.add(rule),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

type Answer = { reply: Reply; write: boolean; problem: string | null; points?: number };

async function handle(world: World, faults: Faults, stats: FakeStats, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString("utf8");
  const method = req.method ?? "GET";
  const url = enterprisePath(new URL(req.url ?? "/", "http://127.0.0.1"));
  const authorization = String(req.headers.authorization ?? "");
  const graphql = method === "POST" && url.pathname === "/graphql";
  const kind = graphql ? `graphql ${operationName(safeQuery(body))}` : restKind(method, url.pathname);
  const fault = faults.take(kind);
  // A slow GitHub: the request is carried out when the delay ends, as if it had only then arrived.
  if (fault && "delayMs" in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  let answer: Answer;
  try {
    const write = graphql ? /^\s*mutation\b/.test(safeQuery(body)) : method !== "GET";
    if (fault && "status" in fault && !fault.afterSaving) answer = { reply: faultReply(fault), write, problem: null };
    else
      answer = graphql
        ? answerGraphQL(world, body, authorization, fault, stats.points)
        : answerRest(world, { method, url, body, accept: String(req.headers.accept ?? ""), authorization });
    if (fault && "status" in fault && fault.afterSaving) answer = { ...answer, reply: faultReply(fault) };
  } catch (e) {
    answer = { reply: json(500, { message: (e as Error).stack ?? String(e) }), write: false, problem: "the fake broke" };
  }
  if (answer.write) stats.writes++;
  else stats.reads++;
  stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
  if (answer.points) {
    stats.points += answer.points;
    const charged = stats.pointsByKind[kind] ?? { points: 0, most: 0 };
    stats.pointsByKind[kind] = { points: charged.points + answer.points, most: Math.max(charged.most, answer.points) };
  }
  if (answer.problem) stats.unexpected.push(`${method} ${url.pathname}${url.search} -> ${answer.reply.status}: ${answer.problem}`);
  res.writeHead(
    answer.reply.status,
    answer.reply.body === undefined
      ? { ...rateHeaders(stats, graphql), ...answer.reply.headers }
      : {
          ...rateHeaders(stats, graphql),
          ...answer.reply.headers,
          "content-type": answer.reply.type ?? "application/json; charset=utf-8",
          "content-length": Buffer.byteLength(answer.reply.body),
        },
  );
  res.end(answer.reply.body);
}

/**
 * GitHub's rate-limit headers, going down since the last reset: REST by requests, GraphQL by
 * the points charged (never to 0: a bench of thousands of writes must not trip a client's throttling).
 */
function rateHeaders(stats: FakeStats, graphql: boolean): Record<string, string> {
  const used = graphql ? stats.points : stats.reads + stats.writes;
  const limit = graphql ? POINTS_PER_HOUR : RATE_LIMIT;
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(1, limit - used)),
    "x-ratelimit-used": String(used),
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    "x-ratelimit-resource": graphql ? "graphql" : "core",
  };
}

/** REST: an installation on an Enterprise Cloud organisation gets 15,000 requests an hour. */
const RATE_LIMIT = 15_000;

/**
 * GitHub Enterprise Server's paths (/api/v3/..., /api/graphql) as github.com's:
 * an App process started with GHE_HOST=127.0.0.1:<port> GHE_PROTOCOL=http reaches the fake.
 */
function enterprisePath(url: URL): URL {
  if (url.pathname === "/api/graphql") url.pathname = "/graphql";
  else if (url.pathname.startsWith("/api/v3/")) url.pathname = url.pathname.slice("/api/v3".length);
  return url;
}

const safeQuery = (body: string): string => {
  try {
    return String((JSON.parse(body) as GraphQLBody).query ?? "");
  } catch {
    return "";
  }
};

const faultReply = (fault: Extract<Fault, { status: number }>): Reply =>
  json(fault.status, {
    message: fault.message ?? (fault.status >= 500 ? "Server Error" : "Injected fault"),
    documentation_url: "https://docs.github.com/rest",
  });

function answerRest(world: World, req: Parameters<typeof routeRest>[1]): Answer {
  const routed = routeRest(world, req);
  return { reply: routed.reply, write: req.method !== "GET", problem: routed.known === false ? "no route" : null };
}

function answerGraphQL(world: World, body: string, authorization: string, fault: Fault | null, pointsUsed: number): Answer {
  const parsed = JSON.parse(body) as GraphQLBody;
  const answer = runGraphQL(world, parsed, world.actor(authorization), pointsUsed);
  const result = fault && "errors" in fault ? withErrors(answer.result, fault.errors) : answer.result;
  const problem =
    answer.operation === "invalid"
      ? `invalid GraphQL: ${(answer.result.errors as Array<{ message: string }>).map((e) => e.message).join("; ")}`
      : answer.cost?.overLimit
        ? `over GitHub's node limit: ${answer.cost.overLimit.nodes} nodes by ${answer.cost.overLimit.field}`
        : answer.unmeant.length
          ? `GraphQL errors: ${answer.unmeant.join("; ")}`
          : null;
  return { reply: json(200, result), write: answer.mutation, problem, ...(answer.cost ? { points: answer.cost.cost } : {}) };
}
