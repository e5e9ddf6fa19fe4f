import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeComment, FakeIssue, FakeRepo, FakeSeed } from "../../fake-github/world.js";
import { createCaches } from "../../src/app/caches.js";
import { tokenIdentity } from "../../src/github/identity.js";
import { createApp } from "../../src/index.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { CONFIG, HEAD, INSTALLATION, OPT_IN, OWNER, PRIVATE_KEY, REPO } from "./app.js";
import { ENHANCEMENTS } from "./fixtures.js";
import { DELIVERY_SECRET, type Mode, ROBOT_TOKEN } from "./modes.js";
import { checkout } from "./tracking.js";

/** The status comments kep-tracker[bot] has left on a fake issue (one, once things settle). */
export const statusComments = (issue: FakeIssue): FakeComment[] =>
  issue.comments.filter((c) => c.author === "kep-tracker[bot]" && c.body.startsWith(STATUS_MARKER));

/** kubernetes/enhancements as the fixtures have it (keps/, OWNERS_ALIASES, the App's config) at HEAD, with these issues. */
export function fixtureRepo(issues: FakeIssue[], config: string = CONFIG): FakeRepo {
  const files = new Map(checkout.paths.map((p) => [p, checkout.read(p)!] as const));
  files.set("OWNERS_ALIASES", readFileSync(`${ENHANCEMENTS}/OWNERS_ALIASES`, "utf8"));
  files.set(".github/kep-tracker.yml", config);
  const milestones = [
    { title: "v1.36", number: 36 },
    { title: "v1.37", number: 37 },
  ];
  return { owner: OWNER, name: REPO, defaultBranch: "master", headSha: HEAD, files, issues, pulls: [], milestones };
}

/**
 * The fixtures' config with v1.37's dates ahead of the real clock (PRR freeze in 20 days): for server
 * processes and sweeps, which read the clock, so that /track is open and KEPs are judged for PRR freeze.
 */
export function configAhead(): string {
  const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
  return `release: v1.37
schedule:
  prr-freeze: ${at(20)}
  enhancements-freeze: ${at(27)}
  code-freeze: ${at(60)}
  docs-freeze: ${at(70)}
  release: ${at(90)}
`;
}

/** The App as the nock tests know it (id 1, kep-tracker, installation 2), and its trackers team. */
export const APP_SEED: Omit<FakeSeed, "repos"> = {
  app: { id: 1, slug: "kep-tracker", installationId: INSTALLATION },
  teams: { "kubernetes/release-team-enhancements": ["enhancements-shadow"] },
};

/** A Probot running kep-tracker against the fake GitHub, at `now`, without retries, pacing or logs; `app`: more of the App's options. */
export function probotOn(fake: FakeGitHub, now: Date = OPT_IN, app: Parameters<typeof createApp>[0] = {}): Probot {
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: "test-secret",
    baseUrl: fake.url,
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  probot.load(createApp({ caches: createCaches(), now: () => now, ...app }));
  return probot;
}

/**
 * For the describe block it is called in: a fake GitHub holding `issues` and the App's real webhook
 * server fed from it, started before the block's tests and closed after them.
 */
export function appOnFake(issues: FakeIssue[], mode: Mode = "app"): { readonly fake: FakeGitHub; readonly app: ServedApp } {
  let fake: FakeGitHub | undefined;
  let app: ServedApp | undefined;
  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo(issues)], ...APP_SEED });
    app = await serveApp(fake, OPT_IN, mode);
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error("appOnFake: used outside the tests of its describe block");
    return x;
  };
  return {
    get fake() {
      return started(fake);
    },
    get app() {
      return started(app);
    },
  };
}

/** The App's webhook server on loopback: its URL and how to stop it. */
export type ServedApp = { url: string; close: () => Promise<void> };

/** kep-tracker as the Prow plugin runs it, in process: a Probot acting as the robot's token, with the plugin's identity. */
function pluginProbotOn(fake: FakeGitHub, now: Date): Probot {
  const probot = new Probot({
    githubToken: ROBOT_TOKEN,
    secret: DELIVERY_SECRET,
    baseUrl: fake.url,
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  probot.load(createApp({ caches: createCaches(), now: () => now, identity: tokenIdentity }));
  return probot;
}

/** The App's webhook handling on loopback (or the plugin's, as `mode` says), against the fake GitHub: its URL and how to stop it. */
export async function serveApp(fake: FakeGitHub, now: Date = OPT_IN, mode: Mode = "app"): Promise<ServedApp> {
  const probot = mode === "app" ? probotOn(fake, now) : pluginProbotOn(fake, now);
  const middleware = await probot.getNodeMiddleware({ path: "/api/github/webhooks" });
  const server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
