import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { commentEvent, sendWebhook } from "../../fake-github/webhooks.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { APP_SEED, configAhead, fixtureRepo, statusComments } from "../helpers/fake.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";
import { PROCESS_SECRET, type ServerProcess, startReplicas } from "../helpers/server-process.js";

// The deployed configuration: two replicas, one Redis, GitHub requests paced and retried (no KEP_TRACKER_THROTTLE=off).

/** Resolves once the fake GitHub has had no request for 5 s: every delivery's work has ended (pacing spaces writes 1-3 s). */
async function quiet(fake: FakeGitHub): Promise<void> {
  const count = () => fake.stats().reads + fake.stats().writes;
  for (let last = -1; last !== count(); ) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

/** A KEP's tracking issue, opted in and not yet tracked. */
const untracked = (number: number): FakeIssue => ({
  number,
  title: `KEP-${number}`,
  body: "",
  labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
  milestone: null,
  assignees: ["alice"],
  comments: [],
});

describe("/track and /untrack on two App processes sharing a real redis-server, with production pacing", { timeout: 300_000 }, () => {
  let fake: FakeGitHub;
  let redis: RedisServer;
  let replicas: ServerProcess[] = [];
  const issues = [untracked(3541), untracked(4000)];

  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo(issues, configAhead())], ...APP_SEED });
    redis = await startRedis();
    replicas = await startReplicas(new URL(fake.url).host, { REDIS_URL: redis.url });
  }, 120_000);

  afterAll(async () => {
    for (const r of replicas) r.kill();
    await redis?.stop();
    await fake?.close();
  }, 60_000);

  const deliver = async (replica: number, payload: object) => {
    const answer = await sendWebhook(replicas[replica]!.webhooks, PROCESS_SECRET, "issue_comment", payload);
    expect([200, 202], replicas.map((r) => r.output()).join("\n")).toContain(answer.status);
  };

  // Each order of arrival: the /untrack (the later comment) first on the other replica, or the /track first.
  it.each([
    ["the /track first", 0, [0, 1]],
    ["the /untrack first", 1, [1, 0]],
  ] as const)("leave the later /untrack in force, %s, and after a stale redelivery of the /track", async (_order, index, first) => {
    const issue = issues[index]!;
    const repo = fake.world.repos[0]!;
    const track = commentEvent(fake.world, repo, issue, "enhancements-shadow", "/track");
    const untrack = commentEvent(fake.world, repo, issue, "enhancements-shadow", "/untrack not ready this cycle");
    // /track to replica 0 and /untrack to replica 1, both at once; `first` says whose delivery leaves first.
    const sends = [() => deliver(0, track), () => deliver(1, untrack)];
    await Promise.all([sends[first[0]]!(), new Promise((r) => setTimeout(r, 50)).then(sends[first[1]]!)]);
    await quiet(fake);
    // GitHub redelivers the old /track (an operator's "Redeliver", or a retry after a timeout), to the other replica.
    await deliver(1, track);
    await quiet(fake);

    const comments = statusComments(issue);
    expect(comments, replicas.map((r) => r.output()).join("\n")).toHaveLength(1);
    expect(issue.labels.filter((l) => l === "tracked/yes" || l === "tracked/no")).toEqual(["tracked/no"]);
    expect(issue.milestone).toBeNull();
    expect(comments[0]!.body).toContain("**Status: Removed from milestone**");
    expect(comments[0]!.body).toContain("Reason: not ready this cycle.");
    expect(fake.stats().unexpected).toEqual([]);
  });
});
