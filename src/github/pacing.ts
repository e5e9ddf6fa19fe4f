import { randomUUID } from "node:crypto";
import { RedisHealth } from "../util/redis-health.js";

/**
 * GitHub's limit on content creation (comments, labels, reactions, board
 * items, check runs): at most 80 a minute and 500 an hour per App
 * installation or user, whatever their rate limit still allows; past it,
 * GitHub refuses with a secondary rate limit. Octokit's throttling spaces
 * new comments 3 s apart (20 a minute) but knows no hourly cap, and the
 * webhook path and the sweep write through one write path (github/writes.ts),
 * which takes a turn with the client's pacer before everything it creates,
 * as do board items added (board/writer.ts) and check runs.
 *
 * Code search has a limit of its own, 10 requests a minute (Octokit spaces
 * them 2 s apart, i.e. 30): a key made by `codeSearchKey` is paced at that.
 *
 * One pacer per App or command run, handed to the client (TrackerGitHub);
 * `redisPacer` shares the windows between replicas (and a sweep given the
 * same REDIS_URL).
 */

export type Limit = { count: number; perMs: number };

export const GITHUB_CREATION_LIMITS: readonly Limit[] = [
  { count: 80, perMs: 60_000 },
  { count: 500, perMs: 3_600_000 },
];

export const CODE_SEARCH_LIMITS: readonly Limit[] = [{ count: 10, perMs: 60_000 }];

const CODE_SEARCH = "code-search:";

/** The key under which the code searches made as `account` are paced. */
export const codeSearchKey = (account: string): string => `${CODE_SEARCH}${account}`;

/**
 * Whose turn a creation takes. `status`: what keeps an issue true (status comments, labels, board
 * items, reminders). `reply`: answers to people's commands (replies, the 👍), which anyone can ask
 * for by commenting: they may fill each window only to REPLY_SHARE, so that status updates always
 * find room, and `spaceReplies` keeps them from queueing ahead of status updates in Octokit.
 */
export type Lane = "status" | "reply";

/** The part of each creation window replies may fill; the rest is kept for status updates. */
export const REPLY_SHARE = 0.75;

/** The limits a key is paced at: code search's own for a code-search key, else `creations` (a share of it for replies). */
const limitsOf = (key: string, creations: readonly Limit[], lane: Lane): readonly Limit[] => {
  if (key.startsWith(CODE_SEARCH)) return CODE_SEARCH_LIMITS;
  if (lane === "status") return creations;
  return creations.map((l) => ({ count: Math.max(1, Math.floor(l.count * REPLY_SHARE)), perMs: l.perMs }));
};

export type Pacer = {
  /**
   * Resolves when one more creation under `key` (the account written as) stays within every limit of its lane
   * (`status` unless said), and counts it: both lanes count against the same windows.
   */
  take(key: string, lane?: Lane): Promise<void>;
};

export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** How long to wait before one more creation, given the past ones (ascending) at `now`: 0 when it may go now. Pure. */
export function waitBefore(stamps: readonly number[], now: number, limits: readonly Limit[]): number {
  let wait = 0;
  for (const { count, perMs } of limits) {
    const inWindow = stamps.filter((t) => t > now - perMs);
    // The creation that must leave the window before one more fits.
    if (inWindow.length >= count) wait = Math.max(wait, inWindow[inWindow.length - count]! + perMs - now);
  }
  return wait;
}

/** The in-process pacer: sliding windows of past creations per key. */
export class CreationPacer implements Pacer {
  private readonly stamps = new Map<string, number[]>();

  constructor(
    private readonly limits: readonly Limit[] = GITHUB_CREATION_LIMITS,
    private readonly clock: Clock = realClock,
  ) {}

  async take(key: string, lane: Lane = "status"): Promise<void> {
    const limits = limitsOf(key, this.limits, lane);
    const longest = Math.max(...limits.map((l) => l.perMs));
    for (;;) {
      const now = this.clock.now();
      const stamps = (this.stamps.get(key) ?? []).filter((t) => t > now - longest);
      const wait = waitBefore(stamps, now, limits);
      if (wait <= 0) {
        stamps.push(now);
        this.stamps.set(key, stamps);
        return;
      }
      await this.clock.sleep(wait);
    }
  }
}

/** The few Redis calls a shared pacer makes (ioredis' client has them). */
export type RedisEval = { eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown> };

// KEYS[1]: a sorted set of creations by time. ARGV: now, a unique member, longest window, then count/perMs pairs.
// Returns 0 after counting the creation, or how long to wait.
const TAKE = `local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
local wait = 0
for i = 4, #ARGV, 2 do
  local count, per = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local n = redis.call('ZCOUNT', KEYS[1], '(' .. (now - per), '+inf')
  if n >= count then
    local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - per), '+inf', 'WITHSCORES', 'LIMIT', n - count, 1)
    local w = tonumber(oldest[2]) + per - now
    if w > wait then wait = w end
  end
end
if wait <= 0 then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return wait`;

/**
 * A pacer whose windows live in Redis, shared by every process using it. Falls back to `local` when
 * Redis fails or does not answer (the client's command timeout), and while `health` says it is away.
 */
export function redisPacer(
  redis: RedisEval,
  local: Pacer = new CreationPacer(),
  creations: readonly Limit[] = GITHUB_CREATION_LIMITS,
  clock: Clock = realClock,
  health: RedisHealth = new RedisHealth(),
): Pacer {
  return {
    async take(key: string, lane: Lane = "status"): Promise<void> {
      const limits = limitsOf(key, creations, lane);
      const longest = Math.max(...limits.map((l) => l.perMs));
      const member = randomUUID();
      for (;;) {
        if (!health.worthTrying) return local.take(key, lane);
        let wait: number;
        try {
          wait = Number(
            await redis.eval(
              TAKE,
              1,
              `kep-tracker:creations:${key}`,
              clock.now(),
              member,
              longest,
              ...limits.flatMap((l) => [l.count, l.perMs]),
            ),
          );
        } catch (e) {
          health.failed(e);
          return local.take(key, lane);
        }
        health.answered();
        if (wait <= 0) return;
        await clock.sleep(wait);
      }
    },
  };
}

/**
 * Octokit's throttling queues a process's new comments 3 s apart, first come first served: 30 replies
 * asked for at once would hold a status comment back 90 s. Here replies go one at a time, `spacingMs`
 * apart, before they reach Octokit, so a status comment finds at most one reply ahead of it there.
 * Status creations pass straight through.
 */
export function spaceReplies(pacer: Pacer, spacingMs = 3_000, clock: Clock = realClock): Pacer {
  let last = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  return {
    take(key: string, lane: Lane = "status"): Promise<void> {
      if (lane === "status") return pacer.take(key, lane);
      const turn = queue.then(async () => {
        const wait = last + spacingMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
        await pacer.take(key, lane);
        last = clock.now();
      });
      queue = turn.catch(() => {});
      return turn;
    },
  };
}

/** No pacing: for benchmarks and tests against a local fake GitHub (KEP_TRACKER_THROTTLE=off). */
export const UNPACED: Pacer = { take: async () => {} };

/**
 * KEP_TRACKER_THROTTLE=off: no pacing and no retries of GitHub requests, in the CLI and the App
 * server alike. Only for a fake GitHub on loopback (benchmarks, tests, the demo): GitHub itself
 * wants writes spaced and answers bursts with secondary rate limits.
 */
export function throttleOff(env: Record<string, string | undefined>): boolean {
  return env.KEP_TRACKER_THROTTLE === "off";
}
