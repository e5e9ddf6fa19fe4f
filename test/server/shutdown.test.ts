import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { issuesEvent, sendWebhook } from "../../fake-github/webhooks.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { burstIssue } from "../helpers/burst.js";
import { APP_SEED, fixtureRepo, statusComments } from "../helpers/fake.js";
import { PROCESS_SECRET, type ServerProcess, startServerProcess, until } from "../helpers/server-process.js";

let fake: FakeGitHub | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  server?.kill();
  await fake?.close();
});

const hasStatus = (issue: FakeIssue) => statusComments(issue).length > 0;

describe("the built server on SIGTERM", () => {
  it("finishes every delivery it answered 202 before it exits, and takes no new connection meanwhile", { timeout: 120_000 }, async () => {
    const issues = Array.from({ length: 6 }, (_, i) => ({ ...burstIssue(), number: 5000 + i, title: `KEP-3541 copy ${i}` }));
    fake = await startFakeGitHub({ repos: [fixtureRepo(issues)], ...APP_SEED });
    server = await startServerProcess(new URL(fake.url).host, {
      KEP_TRACKER_THROTTLE: "off",
      WEBHOOK_ANSWER_WITHIN_MS: "300",
      // Long enough for a probe to see "not ready" on a busy machine, short of the 6 s each delivery takes.
      SHUTDOWN_DELAY_MS: "2500",
    });
    await until(async () => (await fetch(`${server!.url}/readyz`)).status === 200, 60_000, "ready");
    // GitHub slow to save each status comment: every delivery is still at work when SIGTERM comes.
    fake.inject({ when: "POST comments", times: 6, fault: { delayMs: 6_000 } });
    const repo = fake.world.repos[0]!;
    const answers = await Promise.all(
      issues.map((issue) =>
        sendWebhook(
          server!.webhooks,
          PROCESS_SECRET,
          "issues",
          issuesEvent(fake!.world, repo, issue, "labeled", "sig-apps-lead", { label: { name: "stage/alpha" } }),
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(issues.map(() => 202));
    expect(issues.filter(hasStatus)).toEqual([]);

    server.proc.kill("SIGTERM");
    await until(async () => (await fetch(`${server!.url}/readyz`)).status === 503, 5_000, "not ready");
    const code = await server.exited;
    expect(code, server.output()).toBe(0);
    expect(issues.filter(hasStatus).map((i) => i.number)).toEqual(issues.map((i) => i.number));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(server.logs().some((l) => l.msg === "every delivery taken is done; exiting")).toBe(true);
  });
});
