import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { issuesEvent } from "../../fake-github/webhooks.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { burstIssue } from "../helpers/burst.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";
import { MODES, type Mode, ownLogin } from "../helpers/modes.js";
import { type RedisServer, startRedis } from "../helpers/redis.js";
import { metric, type ServerProcess, startServerProcess, until } from "../helpers/server-process.js";

// The deployed configuration: GitHub requests paced and retried (no KEP_TRACKER_THROTTLE=off), one Redis.

let fake: FakeGitHub | undefined;
let redis: RedisServer | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  server?.kill();
  redis?.signal("SIGCONT");
  await redis?.stop();
  await fake?.close();
});

const statusComments = (issue: FakeIssue) =>
  issue.comments.filter((c) => c.author === ownLogin(server!.mode, fake!) && c.body.startsWith(STATUS_MARKER)).length;

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { ready: boolean; degraded?: Record<string, string> } };
};

/** A fake GitHub with two tracking issues (3541 and a copy as 4000), Redis, and the server on both, ready and not degraded. */
async function start(mode: Mode): Promise<{ issues: FakeIssue[] }> {
  const issues = [burstIssue(), { ...burstIssue(), number: 4000, title: "KEP-3541 again" }];
  fake = await startFakeGitHub({ repos: [fixtureRepo(issues)], ...APP_SEED });
  redis = await startRedis();
  server = await startServerProcess(new URL(fake.url).host, { REDIS_URL: redis.url }, mode);
  await until(
    async () => {
      const r = await readyz(server!.url);
      return r.status === 200 && !r.body.degraded;
    },
    60_000,
    `ready\n${server.output()}`,
  );
  return { issues };
}

async function deliverLabeled(issue: FakeIssue): Promise<number> {
  const repo = fake!.world.repos[0]!;
  const payload = issuesEvent(fake!.world, repo, issue, "labeled", "sig-apps-lead", { label: { name: "stage/alpha" } });
  return (await server!.deliver("issues", payload)).status;
}

/** Log lines that name Redis, and those that blame GitHub. */
function redisLines() {
  const lines = server!.logs();
  return {
    redis: lines.filter((l) => /redis/i.test(String(l.msg))),
    blamingGitHub: lines.filter((l) => Number(l.level) >= 40 && /github/i.test(String(l.msg)) && !/redis/i.test(String(l.msg))),
  };
}

describe.each(MODES)("kep-tracker's server (as the %s) with production pacing when its Redis fails", (mode) => {
  it("killed: refreshes the issue anyway, says so once, in /readyz and /metrics, and uses Redis again once it is back", {
    timeout: 150_000,
  }, async () => {
    const { issues } = await start(mode);
    await redis!.stop();
    expect([200, 202]).toContain(await deliverLabeled(issues[0]!));
    await until(() => statusComments(issues[0]!) === 1, 60_000, `a status comment\n${server!.output()}`);

    await until(async () => (await readyz(server!.url)).body.degraded?.redis !== undefined, 15_000, "degraded in /readyz");
    const down = await readyz(server!.url);
    expect(down.status).toBe(200);
    expect(await metric(server!.url, "kep_tracker_redis_up")).toBe(0);
    const lost = redisLines();
    expect(lost.redis.filter((l) => Number(l.level) >= 40)).toHaveLength(1);
    expect(lost.blamingGitHub).toEqual([]);

    redis = await startRedis({ port: redis!.port });
    await until(async () => (await readyz(server!.url)).body.degraded === undefined, 30_000, "Redis back in /readyz");
    expect(await metric(server!.url, "kep_tracker_redis_up")).toBe(1);
    expect(redisLines().redis.some((l) => /again/.test(String(l.msg)))).toBe(true);
    // The next refresh takes the lock in Redis again.
    expect([200, 202]).toContain(await deliverLabeled(issues[1]!));
    await until(() => statusComments(issues[1]!) === 1, 60_000, `a status comment on #4000\n${server!.output()}`);
    const client = new Redis(redis.url);
    try {
      expect(await client.keys("kep-tracker:refresh:*")).toEqual([expect.stringContaining("#4000")]);
    } finally {
      client.disconnect();
    }
    expect(statusComments(issues[0]!)).toBe(1);
  });

  it("hung (SIGSTOP): refreshes the issue within seconds, shows it degraded, and recovers on SIGCONT", { timeout: 150_000 }, async () => {
    const { issues } = await start(mode);
    redis!.signal("SIGSTOP");
    const started = Date.now();
    expect([200, 202]).toContain(await deliverLabeled(issues[0]!));
    await until(() => statusComments(issues[0]!) === 1, 60_000, `a status comment\n${server!.output()}`);
    console.log(`status comment ${Date.now() - started} ms after the delivery, Redis hung`);
    await until(async () => (await readyz(server!.url)).body.degraded?.redis !== undefined, 15_000, "degraded in /readyz");
    expect((await readyz(server!.url)).status).toBe(200);
    expect(await metric(server!.url, "kep_tracker_redis_up")).toBe(0);
    expect(redisLines().redis.filter((l) => Number(l.level) >= 40)).toHaveLength(1);
    expect(redisLines().blamingGitHub).toEqual([]);

    redis!.signal("SIGCONT");
    await until(async () => (await readyz(server!.url)).body.degraded === undefined, 30_000, "Redis back in /readyz");
    expect(await metric(server!.url, "kep_tracker_redis_up")).toBe(1);
  });
});
