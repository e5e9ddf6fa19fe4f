import { randomUUID } from "node:crypto";
import { RedisHealth } from "../util/redis-health.js";

/**
 * One refresh at a time per issue across replicas: a short-lived lock in
 * Redis (SET NX PX with a random token, renewed while held, released only
 * by its token), and a collapse of the waiters. Each request takes a ticket
 * (a counter per issue); a refresh that got the lock covers every ticket
 * taken before it started reading, and records that when it ends well. A
 * waiter whose ticket is covered does not run at all: a refresh that began
 * after its event already saw what the event announced.
 *
 * The sweep takes the same lock before it writes an issue (sweep/locked-write.ts).
 *
 * Without Redis (`noLock`) one replica is the supported mode; the queue of
 * app/issue-queue.ts still serialises events within the process. Redis
 * that fails or does not answer (the client's command timeout) is not the
 * App failing: the refresh runs unlocked (the status comment's creation
 * re-checks for one, github/writes.ts), and `health` skips Redis until it
 * answers again.
 */

/**
 * The one name an issue is locked under, by the App and the sweep alike (GitHub's names ignore case,
 * and an event's payload may spell the owner otherwise than a sweep's `--repo`).
 */
export const issueLockKey = (repo: { owner: string; repo: string }, number: number): string =>
  `${repo.owner}/${repo.repo}#${number}`.toLowerCase();

/** What came of a request: the job's value, or `covered` when another replica's refresh started after it and ended well. */
export type LockOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * Whether the job still holds the issue alone, asked right before a write that must not be made
 * twice (the status comment's creation): false when it runs unlocked, or its lock lapsed or was
 * taken over (a frozen holder, a waiter that stopped waiting), and the write must re-check GitHub.
 */
export type StillHeld = () => Promise<boolean>;

/**
 * `mustRun`: the request carries what no other refresh knows (an /untrack reason), so no refresh of
 * another replica covers it. `endedWell`: whether the job's value is a refresh that saw GitHub (one that
 * could not read it, or whose writes failed, covers no other request).
 */
export type AroundOptions<T> = { mustRun?: boolean; endedWell?: (value: T) => boolean };

export type IssueLock = {
  around<T>(key: string, job: (held: StillHeld) => Promise<T>, options?: AroundOptions<T>): Promise<LockOutcome<T>>;
};

/** One process, no lock to take: the queue of app/issue-queue.ts runs one refresh per issue at a time. */
export const noLock: IssueLock = { around: async (_key, job) => ({ ran: true, value: await job(async () => true) }) };

const notHeld: StillHeld = async () => false;

/** The few Redis calls the lock makes (ioredis' client has them). */
export type RedisLike = { eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown> };

type Log = { warn: (obj: object, msg: string) => void };

export type RedisLockOptions = {
  /** How long a lock lives without renewal: above a refresh's usual worst case (a few queries and writes). */
  ttlMs?: number;
  /** How long a waiter waits before taking the lock over (the displaced holder re-checks before its status comment). */
  maxWaitMs?: number;
  /** How long the per-issue counters live after their last use. */
  keepMs?: number;
  log?: Log;
  /** Shared with the pacer and readiness; without it, one of the lock's own that logs each change. */
  health?: RedisHealth;
  sleep?: (ms: number) => Promise<void>;
};

const TICKET = `local n = redis.call('HINCRBY', KEYS[1], 'req', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return n`;

// -1: covered by a refresh that ended well (never when ARGV[4] is 1); 0: held by another; n > 0: acquired, covering tickets up to n.
const ACQUIRE = `local done = tonumber(redis.call('HGET', KEYS[2], 'done') or '0')
if ARGV[4] ~= '1' and done >= tonumber(ARGV[3]) then return -1 end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return tonumber(redis.call('HGET', KEYS[2], 'req') or ARGV[3])
end
return 0`;

// A waiter that waited long enough takes the lock over: the holder it displaces finds out at its next write (HELD).
const TAKE_OVER = `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return tonumber(redis.call('HGET', KEYS[2], 'req') or ARGV[3])`;

const HELD = `return redis.call('GET', KEYS[1]) == ARGV[1] and 1 or 0`;

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

// Only the holder's token releases; `covered` (0 after a failed refresh) is recorded first.
const RELEASE = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local covered = tonumber(ARGV[2])
if covered > tonumber(redis.call('HGET', KEYS[2], 'done') or '0') then
  redis.call('HSET', KEYS[2], 'done', covered)
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
return redis.call('DEL', KEYS[1])`;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function redisIssueLock(redis: RedisLike, options: RedisLockOptions = {}): IssueLock {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const keepMs = options.keepMs ?? 3_600_000;
  const sleep = options.sleep ?? defaultSleep;
  const health =
    options.health ??
    new RedisHealth((down) =>
      down === null
        ? options.log?.warn({}, "Redis answers again; the issue lock is taken there again")
        : options.log?.warn({ err: down }, "Redis lock unavailable; refreshing without it"),
    );
  return {
    async around<T>(key: string, job: (held: StillHeld) => Promise<T>, opts: AroundOptions<T> = {}): Promise<LockOutcome<T>> {
      const lockKey = `kep-tracker:lock:${key}`;
      const stateKey = `kep-tracker:refresh:${key}`;
      const token = randomUUID();
      // Redis known to be away: refreshing unlocked beats dropping the event (or waiting for it).
      if (!health.worthTrying) return { ran: true, value: await job(notHeld) };
      let got: { covered: number; alone: boolean };
      try {
        const ticket = Number(await redis.eval(TICKET, 1, stateKey, keepMs));
        got = await acquire(ticket);
        health.answered();
      } catch (e) {
        health.failed(e);
        return { ran: true, value: await job(notHeld) };
      }
      if (got.covered < 0) return { ran: false };
      return { ran: true, value: await holding(got.covered, got.alone, job) };

      async function acquire(ticket: number): Promise<{ covered: number; alone: boolean }> {
        const end = Date.now() + maxWaitMs;
        for (let attempt = 0; ; attempt++) {
          const got = Number(await redis.eval(ACQUIRE, 2, lockKey, stateKey, token, ttlMs, ticket, opts.mustRun ? 1 : 0));
          if (got !== 0) return { covered: got, alone: true };
          if (Date.now() > end) {
            options.log?.warn({ key, waitedMs: maxWaitMs }, "another replica holds this issue's lock too long; taking it over");
            // Not alone: the displaced holder may be about to write what this refresh writes.
            return { covered: Number(await redis.eval(TAKE_OVER, 2, lockKey, stateKey, token, ttlMs, ticket)), alone: false };
          }
          // Backoff with jitter: 20 ms doubling to 640 ms, so waiters do not all ask at once.
          await sleep(Math.min(640, 20 * 2 ** attempt) * (0.5 + Math.random()));
        }
      }

      // Our token still in Redis: nobody else has held the issue since we took it (a lapsed lock loses it for good).
      async function stillHeld(): Promise<boolean> {
        try {
          return Number(await redis.eval(HELD, 1, lockKey, token)) === 1;
        } catch (e) {
          health.failed(e);
          return false;
        }
      }

      async function holding(coveredTicket: number, alone: boolean, work: (held: StillHeld) => Promise<T>): Promise<T> {
        const renew = setInterval(
          () => void redis.eval(RENEW, 1, lockKey, token, ttlMs).catch((e: unknown) => health.failed(e)),
          Math.max(1, Math.floor(ttlMs / 3)),
        );
        renew.unref();
        let ok = false;
        try {
          const value = await work(alone ? stillHeld : notHeld);
          ok = opts.endedWell ? opts.endedWell(value) : true;
          return value;
        } finally {
          clearInterval(renew);
          // Released only if still ours (not lapsed, not taken over); `covered` 0 after a failed refresh.
          await redis.eval(RELEASE, 2, lockKey, stateKey, token, ok ? coveredTicket : 0, keepMs).catch((e: unknown) => health.failed(e));
        }
      }
    },
  };
}
