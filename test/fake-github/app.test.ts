import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { commentEvent, forwardWebhooks, issuesEvent, sendWebhook } from "../../fake-github/webhooks.js";
import { type FakeIssue, FIRST_COMMENT_ID } from "../../fake-github/world.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { deliver, payload } from "../helpers/app.js";
import { APP_SEED, appOnFake, fixtureRepo, probotOn, serveApp, statusComments } from "../helpers/fake.js";

const COMMAND_ID = FIRST_COMMENT_ID + 41;

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
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED });
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
    expect(fake.stats().byKind).toMatchObject({
      "GET app": 1,
      "POST access token": 1,
      "GET membership": 1,
      "GET milestones": 1,
      "graphql IssueContext": 1,
      "POST comments": 1,
      "POST reaction": 1,
    });

    fake.reset();
    await deliver(
      probot,
      "issues",
      payload("issues", "edited", (p) => (p.issue.number = 3541)),
      "delivery-2",
    );
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    expect(fake.stats().byKind).toMatchObject({ "graphql IssueContext": 1, "graphql FilesAndPullRequests": 1 });
  });
});

describe("the App's real webhook server, fed signed deliveries built from the fake's state", { timeout: 60_000 }, () => {
  const issue: FakeIssue = {
    number: 3541,
    title: "KEP-3541",
    body: "",
    labels: ["sig/apps", "stage/alpha"],
    milestone: null,
    assignees: ["alice"],
    comments: [],
  };
  const served = appOnFake([issue]);

  it("a SIG lead's opt-in gets a status comment; a non-member's /track is refused in a reply", async () => {
    const { fake, app } = served;
    const world = fake.world;
    const repo = world.repos[0]!;
    issue.labels.push("lead-opted-in");
    expect(
      (
        await sendWebhook(
          app.url,
          "test-secret",
          "issues",
          issuesEvent(world, repo, issue, "labeled", "sig-apps-lead", { label: { name: "lead-opted-in" } }),
        )
      ).status,
    ).toBe(200);
    expect(statusComments(issue)).toHaveLength(1);

    expect(
      (await sendWebhook(app.url, "test-secret", "issue_comment", commentEvent(world, repo, issue, "passer-by", "/track"))).status,
    ).toBe(200);
    const reply = issue.comments.at(-1)!;
    expect(reply.author).toBe("kep-tracker[bot]");
    expect(reply.body).toMatch(/^@passer-by: only members of release-team-enhancements/);
    expect(issue.labels).not.toContain("tracked/yes");
    expect(fake.stats().unexpected).toEqual([]);
  });
});

describe("the fake GitHub delivering webhooks for every change, as GitHub does", { timeout: 60_000 }, () => {
  it("a person's label reaches the App, whose own writes come back as deliveries it ignores, and it all settles", async () => {
    const issue: FakeIssue = {
      number: 3541,
      title: "KEP-3541",
      body: "",
      labels: ["sig/apps", "stage/alpha"],
      milestone: null,
      assignees: ["alice"],
      comments: [],
    };
    const fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED, viewer: "sig-apps-lead" });
    const app = await serveApp(fake);
    try {
      const changes: string[] = [];
      fake.world.onChange((c) => changes.push(`${c.actor} ${c.what}${c.label ? ` ${c.label}` : ""}`));
      const forwarding = forwardWebhooks(fake.world, { url: app.url, secret: "test-secret" });
      const person = new Octokit({ baseUrl: fake.url, auth: "a-person" });
      await person.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
        owner: "kubernetes",
        repo: "enhancements",
        issue_number: 3541,
        labels: ["lead-opted-in"],
      });
      await forwarding.settled();
      expect(forwarding.failures).toEqual([]);
      expect(changes).toEqual(["sig-apps-lead labeled lead-opted-in", "kep-tracker[bot] comment created"]);
      expect(issue.comments.filter((c) => c.body.startsWith(STATUS_MARKER))).toHaveLength(1);
      expect(fake.stats().unexpected).toEqual([]);
    } finally {
      await app.close();
      await fake.close();
    }
  });
});
