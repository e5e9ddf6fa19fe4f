import { readFileSync } from "node:fs";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { FIRST_COMMENT_ID, type FakeIssue } from "../../fake-github/world.js";
import { createCaches } from "../../src/handlers/caches.js";
import { createApp } from "../../src/index.js";
import { STATUS_MARKER } from "../../src/tracking/comment.js";
import { CONFIG, deliver, HEAD, INSTALLATION, OPT_IN, OWNER, payload, PRIVATE_KEY, REPO } from "../helpers/app.js";
import { ENHANCEMENTS } from "../helpers/fixtures.js";
import { checkout } from "../helpers/tracking.js";

const COMMAND_ID = FIRST_COMMENT_ID + 41;

/** kubernetes/enhancements as the fixtures have it, with one tracking issue whose SIG lead opted it in. */
function seedRepo(issue: FakeIssue) {
  const files = new Map(checkout.paths.map((p) => [p, checkout.read(p)!] as const));
  files.set("OWNERS_ALIASES", readFileSync(`${ENHANCEMENTS}/OWNERS_ALIASES`, "utf8"));
  files.set(".github/kep-tracker.yml", CONFIG);
  return { owner: OWNER, name: REPO, defaultBranch: "master", headSha: HEAD, files, issues: [issue], pulls: [], milestones: [{ title: "v1.36", number: 36 }, { title: "v1.37", number: 37 }] };
}

function probotOn(fake: FakeGitHub): Probot {
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: "test-secret",
    baseUrl: fake.url,
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  probot.load(createApp({ caches: createCaches(), now: () => OPT_IN }));
  return probot;
}

describe("the App, unchanged, against the fake GitHub", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  const issue: FakeIssue = {
    number: 3541,
    title: "KEP-3541",
    body: "",
    labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
    milestone: null,
    assignees: ["alice"],
    comments: [{ id: COMMAND_ID, author: "enhancements-shadow", body: "/track v1.37" }],
  };

  beforeAll(async () => {
    fake = await startFakeGitHub({
      repos: [seedRepo(issue)],
      app: { id: 1, slug: "kep-tracker", installationId: INSTALLATION },
      teams: { "kubernetes/release-team-enhancements": ["enhancements-shadow"] },
    });
  });
  afterAll(() => fake.close());

  it("answers /track from a tracker: label, milestone, status comment by the App's bot and a reaction; a later event writes nothing", async () => {
    const probot = probotOn(fake);
    const event = payload("issue_comment", "created", (p) => {
      p.issue.number = 3541;
      p.issue.milestone = null;
      p.issue.state = "open";
      p.issue.labels = issue.labels.map((name) => ({ name }));
      delete p.issue.pull_request;
      p.comment.id = COMMAND_ID;
      p.comment.body = "/track v1.37";
      p.comment.user.login = "enhancements-shadow";
      p.comment.user.type = "User";
    });
    await deliver(probot, "issue_comment", event);

    expect(fake.stats().unexpected).toEqual([]);
    expect(issue.labels).toContain("tracked/yes");
    expect(issue.milestone).toEqual({ title: "v1.37", number: 37 });
    const status = issue.comments.filter((c) => c.body.startsWith(STATUS_MARKER));
    expect(status).toHaveLength(1);
    expect(status[0]!.author).toBe("kep-tracker[bot]");
    expect(status[0]!.id).toBeGreaterThan(2 ** 31);
    expect(status[0]!.body).toContain("**Status: Tracked for PRR freeze**");
    expect(issue.comments[0]!.reactions).toEqual(["+1"]);
    expect(fake.stats().byKind).toMatchObject({ "GET app": 1, "POST access token": 1, "GET membership": 1, "GET milestones": 1, "graphql IssueContext": 1, "POST comments": 1, "POST reaction": 1 });

    fake.reset();
    await deliver(probot, "issues", payload("issues", "edited", (p) => (p.issue.number = 3541)), "delivery-2");
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    expect(fake.stats().byKind).toMatchObject({ "graphql IssueContext": 1, "graphql FilesAndPullRequests": 1 });
  });
});
