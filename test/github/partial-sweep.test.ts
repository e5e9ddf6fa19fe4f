import { afterEach, describe, expect, it } from "vitest";
import { buildRepo, NOW, OWNER, REPO, type SyntheticRepo, seedOf, VIEWER } from "../../bench/synthetic.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { main } from "../../src/cli/main.js";
import { MAX_FAILED_TRIES } from "../../src/github/partial-answers.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { OPT_IN } from "../helpers/app.js";
import { fixtureRepo } from "../helpers/fake.js";
import { bufferIo } from "../helpers/io.js";
import { tempCacheDir } from "../helpers/sweep.js";

/**
 * The sweep against the fake GitHub misbehaving as GitHub does: errors beside
 * (or instead of) data, 502s. What a user would see is what is asserted: the
 * comments on the issues, the reminders, the summary, and how many requests it took.
 */

const REMINDER = "<!-- kep-tracker:reminder";
const NEXT_DAY = "2026-06-09T12:00:00Z";

async function sweepAt(fake: FakeGitHub, now: string, cacheDir = tempCacheDir()) {
  const io = bufferIo();
  const status = await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", now, "--cache-dir", cacheDir], io, {
    GITHUB_TOKEN: "t",
    GITHUB_API_URL: fake.url,
    KEP_TRACKER_THROTTLE: "off",
  });
  return { status, out: io.out(), err: io.err() };
}

/** Every comment of the sweep's own, by issue: what the owners see. */
const ownComments = (repo: SyntheticRepo) =>
  new Map(repo.issues.map((i) => [i.number, i.comments.filter((c) => c.author === VIEWER).map((c) => c.body)]));
const statusCount = (repo: SyntheticRepo) =>
  repo.issues.filter((i) => i.comments.some((c) => c.author === VIEWER && c.body.startsWith(STATUS_MARKER))).length;
const reminders = (repo: SyntheticRepo) =>
  repo.issues.flatMap((i) => i.comments.filter((c) => c.author === VIEWER && c.body.startsWith(REMINDER)));
const notFound = (repo: SyntheticRepo) =>
  repo.issues.filter((i) =>
    i.comments.some((c) => c.author === VIEWER && c.body.startsWith(STATUS_MARKER) && c.body.includes("kep-not-found")),
  );

describe("the sweep when GitHub answers in part", { timeout: 120_000 }, () => {
  let fake: FakeGitHub | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it("leaves every issue as it was when the file batches come back with RESOURCE_LIMITS_EXCEEDED and no data: no comment changes, no kep-not-found, no reminder, and the next run catches up", async () => {
    const repo = buildRepo(40);
    fake = await startFakeGitHub(seedOf(repo));
    expect((await sweepAt(fake, NOW)).status).toBe(0);
    const before = ownComments(repo);
    const remindersBefore = reminders(repo).length;
    const notFoundBefore = notFound(repo).length;
    expect(remindersBefore).toBeGreaterThan(0);

    // A day later every comment's countdown changes, so every issue's files are read: and GitHub refuses them all.
    fake.reset();
    fake.inject({
      when: "graphql FilesAndPullRequests",
      times: 1000,
      fault: { errors: [{ type: "RESOURCE_LIMITS_EXCEEDED", message: "Resource limits for this query exceeded.", path: ["repository"] }] },
    });
    const failed = await sweepAt(fake, NEXT_DAY);
    expect(fake.stats().unexpected).toEqual([]);
    expect(ownComments(repo)).toEqual(before);
    expect(reminders(repo)).toHaveLength(remindersBefore);
    expect(notFound(repo)).toHaveLength(notFoundBefore);
    expect(failed.status).toBe(1);
    expect(failed.out).toMatch(new RegExp(`^Not read: ${repo.inScope.size} issues left as they are`, "m"));
    expect(failed.out).toContain("Writes: 0 made");
    // Halving is bounded: at most 2 × MAX_FAILED_TRIES + 1 queries per batch, however often GitHub refuses.
    expect(fake.stats().byKind["graphql FilesAndPullRequests"]).toBeLessThanOrEqual(2 * MAX_FAILED_TRIES + 1);

    fake.reset();
    const next = await sweepAt(fake, NEXT_DAY);
    expect(next.status).toBe(0);
    expect(next.out).not.toContain("Not read");
    expect(ownComments(repo)).not.toEqual(before);
    expect(notFound(repo)).toHaveLength(notFoundBefore);
    expect(statusCount(repo)).toBe(repo.inScope.size);
  });

  it("reads a file batch GitHub answered 502 in two halves and handles every issue as a clean run does", async () => {
    const clean = buildRepo(40);
    fake = await startFakeGitHub(seedOf(clean));
    const cleanRun = await sweepAt(fake, NOW);
    const cleanQueries = fake.stats().byKind["graphql FilesAndPullRequests"]!;
    await fake.close();

    const repo = buildRepo(40);
    fake = await startFakeGitHub(seedOf(repo));
    fake.inject({ when: "graphql FilesAndPullRequests", fault: { status: 502 } });
    const run = await sweepAt(fake, NOW);
    expect(run.status).toBe(0);
    expect(fake.stats().unexpected).toEqual([]);
    // The refused query, then its two halves.
    expect(fake.stats().byKind["graphql FilesAndPullRequests"]).toBe(cleanQueries + 2);
    const statuses = (out: string) => out.split("\n").filter((l) => l.startsWith("  "));
    expect(statuses(run.out)).toEqual(statuses(cleanRun.out));
    expect(ownComments(repo)).toEqual(ownComments(clean));
  });

  it("leaves only the issue whose file GitHub failed to give (an error pinned to that blob), and handles all the others", async () => {
    const repo = buildRepo(40);
    fake = await startFakeGitHub(seedOf(repo));
    // b0 is OWNERS_ALIASES; b5 is a file of one issue of the first batch.
    fake.inject({
      when: "graphql FilesAndPullRequests",
      fault: {
        errors: [
          { message: "Something went wrong while executing your query. This may be the result of a timeout.", path: ["repository", "b5"] },
        ],
      },
    });
    const run = await sweepAt(fake, NOW);
    expect(fake.stats().unexpected).toEqual([]);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/^Not read: 1 issue left as they are/m);
    expect(statusCount(repo)).toBe(repo.inScope.size - 1);
    expect(notFound(repo)).toHaveLength(0);

    fake.reset();
    const next = await sweepAt(fake, NOW);
    expect(next.status).toBe(0);
    expect(statusCount(repo)).toBe(repo.inScope.size);
  });

  it("handles the issues already read when GitHub fails even the smallest page of later issues, and says the rest wait for the next run", async () => {
    const repo = buildRepo(150);
    fake = await startFakeGitHub(seedOf(repo));
    // The first page (issues and open PRs) goes through; every later one fails, halved down to 10 issues.
    fake.inject({ when: "graphql SweepPage", nth: 2, times: 1000, fault: { status: 504 } });
    const run = await sweepAt(fake, NOW);
    expect(fake.stats().unexpected).toEqual([]);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/^Not read: the issues after the last page read \(GitHub answered 504\)/m);
    // 100, 50, 25, 12, 10 issues: five tries for the page, then the sweep goes on with what it has.
    expect(fake.stats().byKind["graphql SweepPage"]).toBe(1 + 5);
    const firstPage = new Set(repo.issues.slice(0, 100).map((i) => i.number));
    expect(statusCount(repo)).toBe([...repo.inScope].filter((n) => firstPage.has(n)).length);
    expect(notFound(repo)).toHaveLength(0);
  });

  it("leaves an issue whose KEP only code search could find when search is refused, never kep-not-found, and handles the others", async () => {
    const tracked = (number: number): FakeIssue => ({
      number,
      title: `KEP ${number}`,
      body: "",
      labels: ["lead-opted-in"],
      milestone: { title: "v1.37", number: 37 },
      assignees: ["alice"],
      comments: [],
    });
    const found = tracked(3541);
    const searched = tracked(99999);
    fake = await startFakeGitHub({ repos: [fixtureRepo([found, searched])], viewer: "release-bot" });
    fake.inject({ when: "GET search code", fault: { status: 403, message: "API rate limit exceeded for code search" } });
    const run = await sweepAt(fake, OPT_IN.toISOString());
    expect(fake.stats().unexpected).toEqual([]);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/^Not read: 1 issue left as they are/m);
    expect(run.err).toContain("#99999 left as it is: could not search for its KEP");
    expect(searched.comments).toEqual([]);
    expect(found.comments.filter((c) => c.body.startsWith(STATUS_MARKER))).toHaveLength(1);
  });

  it("prints the report without the issues GitHub did not give, says so on stderr and exits 1", async () => {
    const repo = buildRepo(20);
    fake = await startFakeGitHub(seedOf(repo));
    fake.inject({
      when: "graphql FilesAndPullRequests",
      times: 1000,
      fault: { errors: [{ type: "RESOURCE_LIMITS_EXCEEDED", message: "Resource limits for this query exceeded.", path: ["repository"] }] },
    });
    const io = bufferIo();
    const status = await main(
      ["report", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--cache-dir", tempCacheDir(), "--format", "json"],
      io,
      { GITHUB_TOKEN: "t", GITHUB_API_URL: fake.url, KEP_TRACKER_THROTTLE: "off" },
    );
    expect(status).toBe(1);
    expect(io.err()).toContain(`the report lacks ${repo.inScope.size} issues GitHub did not give all of`);
    expect(io.out()).not.toContain("kep-not-found");
    expect(fake.stats().writes).toBe(0);
  });
});
