import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { openIssuesLabelled } from "../../src/github/cleanup/reader.js";
import { TrackerGitHub } from "../../src/github/client.js";
import { fixtureRepo } from "../helpers/fake.js";

const issue = (number: number, labels: string[], state: "open" | "closed" = "open"): FakeIssue => ({
  number,
  title: `KEP ${number}`,
  body: null,
  state,
  labels,
  milestone: null,
  assignees: [],
  comments: [],
});

describe("reading the handbook's queries for the cleanup", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    const issues = [
      ...Array.from({ length: 150 }, (_, i) => issue(1000 + i, ["lead-opted-in"])),
      issue(1, ["lead-opted-in"], "closed"),
      issue(2, ["tracked/no"]),
      issue(3, ["sig/node"]),
    ];
    fake = await startFakeGitHub({ repos: [fixtureRepo(issues)], viewer: "release-bot" });
  });
  afterAll(() => fake.close());

  it("reads the open issues with any of the labels, one GraphQL page per 100, and the head commit and viewer with the first", async () => {
    const gh = new TrackerGitHub(new Octokit({ baseUrl: fake.url, auth: "t" }), { owner: "kubernetes", repo: "enhancements" });
    const optedIn = await openIssuesLabelled(gh, ["lead-opted-in"], true);
    expect(optedIn.issues).toHaveLength(150);
    expect(optedIn.pages).toBe(2);
    expect(optedIn.viewer).toBe("release-bot");
    expect(optedIn.headSha).toMatch(/^[0-9a-f]{40}$/);
    const tracked = await openIssuesLabelled(gh, ["tracked/yes", "tracked/no"], false);
    expect(tracked.issues.map((i) => i.number)).toEqual([2]);
    expect(fake.stats().byKind["graphql CleanupPage"]).toBe(3);
    expect(fake.stats().unexpected).toEqual([]);
  });
});
