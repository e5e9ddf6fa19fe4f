import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { closedWithStatus } from "../../src/github/cleanup/closed-search.js";
import { TrackerGitHub } from "../../src/github/client.js";
import { fixtureRepo } from "../helpers/fake.js";

const issue = (number: number, state: "open" | "closed", author: string): FakeIssue => ({
  number,
  title: `KEP ${number}`,
  body: null,
  state,
  labels: [],
  milestone: null,
  assignees: [],
  comments: [{ id: 2 ** 31 + number, author, body: "<!-- kep-tracker:status -->\nHello 👋, v1.37 Enhancements team here." }],
});

describe("the closed issues that still carry an earlier release's status comment", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    const repo = fixtureRepo([issue(1, "closed", "kep-tracker[bot]"), issue(2, "open", "kep-tracker[bot]"), issue(3, "closed", "alice")]);
    fake = await startFakeGitHub({ repos: [repo], viewer: "release-bot" });
  });
  afterAll(() => fake.close());

  it("are found for the App by documented search qualifiers only (no commenter:app/<slug>)", async () => {
    const gh = new TrackerGitHub(new Octokit({ baseUrl: fake.url, auth: "t" }), { owner: "kubernetes", repo: "enhancements" });
    const found = await closedWithStatus(gh, "kep-tracker[bot]", "v1.37");
    // Issue 3 quotes the greeting: the final edit keeps only issues whose status comment is the App's.
    expect(found.map((i) => i.number)).toEqual([1, 3]);
    expect(fake.stats().unexpected).toEqual([]);
  });
});
