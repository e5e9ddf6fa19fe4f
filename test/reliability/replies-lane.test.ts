import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { commentEvent, issuesEvent, sendWebhook } from "../../fake-github/webhooks.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { burstIssue } from "../helpers/burst.js";
import { APP_SEED, fixtureRepo, statusComments } from "../helpers/fake.js";
import { PROCESS_SECRET, type ServerProcess, startServerProcess, until } from "../helpers/server-process.js";

// The deployed pacing (no KEP_TRACKER_THROTTLE=off): new comments spaced as GitHub wants them.

let fake: FakeGitHub | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  server?.kill();
  await fake?.close();
});

const hasStatus = (issue: FakeIssue) => statusComments(issue).length > 0;
const replies = (issue: FakeIssue) => issue.comments.filter((c) => c.author === "kep-tracker[bot]" && c.body.startsWith("@mallory"));

/** Ten issues nobody tracks, where one user's misspelt commands land. */
const strayIssues = (): FakeIssue[] =>
  Array.from({ length: 10 }, (_, i) => ({
    number: 5000 + i,
    title: `Something else ${i}`,
    body: "",
    labels: [],
    milestone: null,
    assignees: [],
    comments: [],
  }));

/** A labeled event on the tracking issue; resolves with how long its status comment took to appear, in ms. */
async function statusDelay(issue: FakeIssue): Promise<number> {
  const repo = fake!.world.repos[0]!;
  const started = Date.now();
  const payload = issuesEvent(fake!.world, repo, issue, "labeled", "sig-apps-lead", { label: { name: "stage/alpha" } });
  expect([200, 202]).toContain((await sendWebhook(server!.webhooks, PROCESS_SECRET, "issues", payload)).status);
  await until(() => hasStatus(issue), 150_000, `a status comment\n${server!.output()}`);
  return Date.now() - started;
}

describe("the App server with production pacing, under a flood of misspelt commands", () => {
  it("posts a status comment within seconds while 30 `/trak` comments by one user wait for their replies", {
    timeout: 240_000,
  }, async () => {
    const tracking = burstIssue();
    const stray = strayIssues();
    fake = await startFakeGitHub({ repos: [fixtureRepo([tracking, ...stray])], ...APP_SEED });
    server = await startServerProcess(new URL(fake.url).host);
    const repo = fake.world.repos[0]!;
    // Three comments on each of ten issues: each is answered (at most three replies per user and issue).
    const flood = Array.from({ length: 30 }, (_, i) => commentEvent(fake!.world, repo, stray[i % 10]!, "mallory", `/trak ${i}`));
    const answers = await Promise.all(flood.map((p) => sendWebhook(server!.webhooks, PROCESS_SECRET, "issue_comment", p)));
    expect(answers.every((a) => a.status === 200 || a.status === 202)).toBe(true);
    const delay = await statusDelay(tracking);
    const answered = () => stray.reduce((n, i) => n + replies(i).length, 0);
    console.log(`status comment ${delay} ms after its event, with ${answered()} of 30 replies posted by then`);
    expect(delay).toBeLessThan(10_000);
    // The replies are still all posted, paced.
    await until(() => answered() === 30, 180_000, `30 replies\n${server!.output()}`);
    expect(fake.stats().unexpected).toEqual([]);
  });
});
