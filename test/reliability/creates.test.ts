import { Octokit } from "@octokit/rest";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { createCaches } from "../../src/app/caches.js";
import { TrackerGitHub } from "../../src/github/client.js";
import { UNPACED } from "../../src/github/pacing.js";
import { applyWrites } from "../../src/github/writes.js";
import { createApp } from "../../src/index.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { deliver, OPT_IN, PRIVATE_KEY, payload } from "../helpers/app.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";

const silent = pino({ level: "silent" });
const REMINDER =
  "<!-- kep-tracker:reminder v1.37 enhancements-freeze 2 -->\n@alice: this KEP is **at risk for enhancements freeze** in v1.37.\n";

describe("a new comment answered 502 after GitHub saved it", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  const issue: FakeIssue = {
    number: 3541,
    title: "KEP-3541",
    body: "",
    labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
    milestone: { title: "v1.37", number: 37 },
    assignees: ["alice"],
    comments: [],
  };
  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED, viewer: "release-bot" });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    issue.comments.length = 0;
    fake.reset();
  });

  it("leaves one status comment: the App looks before posting again, even with Octokit's retries on", async () => {
    // Probot's Octokit as in production (retries on), only without the one-second pacing.
    const probot = new Probot({
      appId: 1,
      privateKey: PRIVATE_KEY,
      secret: "s",
      baseUrl: fake.url,
      log: silent,
      Octokit: ProbotOctokit.defaults((o: object) => ({ ...o, throttle: { enabled: false } })),
    });
    probot.load(createApp({ caches: createCaches(), now: () => OPT_IN }));
    fake.inject({ when: "POST comments", fault: { status: 502, afterSaving: true } });
    await deliver(
      probot,
      "issues",
      payload("issues", "labeled", (p) => (p.issue.number = 3541)),
    );

    expect(issue.comments.filter((c) => c.body.startsWith(STATUS_MARKER))).toHaveLength(1);
    expect(fake.stats().byKind).toMatchObject({ "POST comments": 1, "GET comments": 1 });
    // The next event finds it and writes nothing.
    fake.reset();
    await deliver(
      probot,
      "issues",
      payload("issues", "edited", (p) => (p.issue.number = 3541)),
      "delivery-2",
    );
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    expect(issue.comments).toHaveLength(1);
  });

  describe("through the one write path", () => {
    const gh = () =>
      new TrackerGitHub(
        new Octokit({ baseUrl: fake.url, auth: "token", log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } }),
        { owner: "kubernetes", repo: "enhancements" },
        { pacer: UNPACED },
      );
    const write = (body: string) =>
      applyWrites(gh(), 3541, [{ kind: "create-comment", body }], { dryRun: false, log: silent, botLogin: "release-bot" });

    it("a reminder saved then answered 502 is not posted twice, and its marker is there for the next sweep", async () => {
      fake.inject({ when: "POST comments", fault: { status: 502, afterSaving: true } });
      expect(await write(REMINDER)).toEqual({ made: 1, failed: [] });
      expect(issue.comments.map((c) => c.body)).toEqual([REMINDER]);
    });

    it("a reminder refused with 502 before saving is posted once more, once", async () => {
      fake.inject({ when: "POST comments", fault: { status: 502 } });
      expect(await write(REMINDER)).toEqual({ made: 1, failed: [] });
      expect(issue.comments.map((c) => c.body)).toEqual([REMINDER]);
      expect(fake.stats().byKind).toMatchObject({ "POST comments": 2, "GET comments": 1 });
    });

    it("a create refused for good (422) is not tried again, and counts as failed", async () => {
      fake.inject({ when: "POST comments", fault: { status: 422 } });
      const result = await write(REMINDER);
      expect(result.failed).toHaveLength(1);
      expect(fake.stats().byKind).toMatchObject({ "POST comments": 1 });
      expect(fake.stats().byKind["GET comments"]).toBeUndefined();
    });

    it("two uncertain failures in a row are left to the next run, which reads the issue anew", async () => {
      fake.inject({ when: "POST comments", times: 2, fault: { status: 502, afterSaving: false } });
      expect((await write(REMINDER)).failed).toHaveLength(1);
      expect(fake.stats().byKind).toMatchObject({ "POST comments": 2, "GET comments": 1 });
    });
  });
});
