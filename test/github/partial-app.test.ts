import { Writable } from "node:stream";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { createCaches } from "../../src/app/caches.js";
import { MAX_FAILED_TRIES } from "../../src/github/partial-answers.js";
import { createApp } from "../../src/index.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { deliver, OPT_IN, PRIVATE_KEY, payload } from "../helpers/app.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";

/**
 * The App's webhook path against the fake GitHub answering in part: a pull
 * request's number where an issue was expected, errors instead of files, a
 * refused code search. Asserted: what lands on the issues, and the log.
 */

const KEP_3541 = "keps/sig-apps/3541-add-recreate-strategy-to-statefulset/kep.yaml";
const KEP_1287 = "keps/sig-node/1287-in-place-update-pod-resources/kep.yaml";
const LIMITS = { type: "RESOURCE_LIMITS_EXCEEDED", message: "Resource limits for this query exceeded.", path: ["repository"] };

/** Probot on the fake, without retries or pacing, its log lines kept. */
function probotWithLog(fake: FakeGitHub): { probot: Probot; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: "test-secret",
    baseUrl: fake.url,
    log: pino({ level: "info" }, stream),
    Octokit: ProbotOctokit.defaults((options: object) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  probot.load(createApp({ caches: createCaches(), now: () => OPT_IN }));
  return { probot, lines };
}

const tracked = (number: number, title = `KEP ${number}`): FakeIssue => ({
  number,
  title,
  body: "",
  labels: ["lead-opted-in"],
  milestone: { title: "v1.37", number: 37 },
  assignees: ["alice"],
  comments: [],
});
/** Writes to issues (comments, labels, milestones): the access token the App fetches first is not one. */
const ISSUE_WRITES = ["POST comments", "PATCH comment", "DELETE comment", "POST labels", "DELETE label", "PATCH issue", "POST reaction"];
const issueWrites = (fake: FakeGitHub) => ISSUE_WRITES.reduce((n, k) => n + (fake.stats().byKind[k] ?? 0), 0);
const statusOf = (issue: FakeIssue) => issue.comments.filter((c) => c.body.startsWith(STATUS_MARKER));
const push = (files: string[]) =>
  payload("push", null, (p) => {
    p.ref = "refs/heads/master";
    p.commits = [{ ...p.commits?.[0], added: [], removed: [], modified: files }];
  });
const labeled = (number: number) =>
  payload("issues", "labeled", (p) => ((p.issue.number = number), (p.sender = { login: "alice", type: "User" })));

describe("the App when GitHub answers in part", { timeout: 60_000 }, () => {
  let fake: FakeGitHub | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it("skips a KEP number that is a pull request with a log line, and still refreshes the push's other KEPs", async () => {
    const issue = tracked(3541);
    const repo = fixtureRepo([issue]);
    repo.pulls = [{ number: 1287, headSha: "c".repeat(40), files: ["README.md"] }];
    fake = await startFakeGitHub({ repos: [repo], ...APP_SEED });
    const { probot, lines } = probotWithLog(fake);
    await deliver(probot, "push", push([KEP_1287, KEP_3541]));
    expect(fake.stats().unexpected).toEqual([]);
    expect(lines.join("")).toContain("#1287 is not an issue");
    expect(statusOf(issue)).toHaveLength(1);
    expect(fake.stats().byKind["graphql IssueContext"]).toBe(2);
  });

  it("keeps the status comment as it is when the KEP's files come back with errors and no data: no kep-not-found", async () => {
    const issue = tracked(3541);
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED });
    const { probot, lines } = probotWithLog(fake);
    await deliver(probot, "issues", labeled(3541));
    const before = statusOf(issue).map((c) => c.body);
    expect(before).toHaveLength(1);
    expect(before[0]).not.toContain("kep-not-found");

    fake.reset();
    fake.inject({ when: "graphql FilesAndPullRequests", times: 100, fault: { errors: [LIMITS] } });
    await deliver(probot, "issues", labeled(3541), "delivery-2");
    expect(fake.stats().unexpected).toEqual([]);
    expect(issueWrites(fake)).toBe(0);
    expect(statusOf(issue).map((c) => c.body)).toEqual(before);
    expect(lines.join("")).toContain("#3541 left as it is: GitHub did not give all of its files");
    expect(fake.stats().byKind["graphql FilesAndPullRequests"]).toBeLessThanOrEqual(2 * MAX_FAILED_TRIES + 1);
  });

  it("writes nothing when the issue's own query comes back with errors beside data", async () => {
    const issue = tracked(3541);
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED });
    const { probot } = probotWithLog(fake);
    fake.inject({
      when: "graphql IssueContext",
      fault: { errors: [{ message: "Something went wrong while executing your query.", path: ["repository", "issue", "comments"] }] },
    });
    await deliver(probot, "issues", labeled(3541)).catch(() => {});
    expect(issueWrites(fake)).toBe(0);
    expect(issue.comments).toEqual([]);
    expect(issue.labels).toEqual(["lead-opted-in"]);
  });

  it("says nothing about an issue whose KEP only code search could find while search is refused, and finds it once search answers", async () => {
    // No keps/<N>-slug directory and no link in the body: only code search could find its KEP.
    const issue = tracked(99999);
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED });
    const { probot, lines } = probotWithLog(fake);
    fake.inject({ when: "GET search code", fault: { status: 403, message: "API rate limit exceeded" } });
    await deliver(probot, "issues", labeled(99999));
    expect(issueWrites(fake)).toBe(0);
    expect(issue.comments).toEqual([]);
    expect(lines.join("")).toContain("#99999 left as it is: could not search for its KEP");

    // Search answers (nothing): now, and only now, the KEP is not found.
    await deliver(probot, "issues", labeled(99999), "delivery-2");
    expect(statusOf(issue)).toHaveLength(1);
    expect(statusOf(issue)[0]!.body).toContain("kep-not-found");
  });
});
