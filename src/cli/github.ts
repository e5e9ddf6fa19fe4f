import { readFileSync } from "node:fs";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit as RestOctokit } from "@octokit/rest";
import { CONFIG_FILE } from "../config/file.js";
import type { FullOctokit, OctokitLike, RepoRef } from "../github/client.js";
import { ReadFailed, readConfigText as readRepoConfig } from "../github/config-file.js";
import { type IssueLock, noLock } from "../github/issue-lock.js";
import { CreationPacer, type Pacer, throttleOff, UNPACED } from "../github/pacing.js";
import { statusOf } from "../github/responses.js";
import { errorMessage } from "../util/narrow.js";
import { InputError, UsageError } from "./io.js";

/**
 * GitHub access for the CLI's live commands, from the environment: the App's
 * installation on the repository (APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH),
 * or GITHUB_TOKEN. The same Octokit plugins as the App's bring retries and
 * GitHub's pacing of writes, without loading the App's web server;
 * GITHUB_API_URL points it at GitHub Enterprise (or a test server).
 */

const CliOctokit = RestOctokit.plugin(throttling, retry);
type Octokit = InstanceType<typeof CliOctokit>;

export type Env = Record<string, string | undefined>;

export type CliGitHub = {
  octokit: FullOctokit;
  /** The App's login when acting as the App; null for a token, whose login the first query reads. */
  botLogin: string | null;
  /** Requests made so far: reads (GET and GraphQL queries) and writes. */
  counts: { reads: number; writes: number };
  /** For the summary: "the App kep-tracker (installation 42)" or "GITHUB_TOKEN". */
  identity: string;
  /** The pacing of new comments, for the command's client. */
  pacer: Pacer;
  /** The App's per-issue lock (with REDIS_URL), taken before the command writes an issue. */
  lock: IssueLock;
};

export function parseRepo(text: string | undefined): RepoRef {
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(text ?? "");
  if (!m) throw new UsageError(text ? `--repo must be owner/name, not "${text}"` : "--repo owner/name is required");
  return { owner: m[1]!, repo: m[2]! };
}

function options(env: Env, warn: (m: string) => void) {
  // Waits out a rate limit twice, then gives up (the next run converges).
  const onLimit = (what: string) => (retryAfter: number, o: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    warn(`${what} on ${o.method} ${o.url}${retryCount < 2 ? `; retrying in ${retryAfter} s` : "; giving up"}`);
    return retryCount < 2;
  };
  return {
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL.replace(/\/$/, "") } : {}),
    userAgent: "kep-tracker",
    // Benchmarks against a local fake GitHub pace nothing; GitHub itself wants writes a second apart.
    throttle: { enabled: !throttleOff(env), onRateLimit: onLimit("rate limit"), onSecondaryRateLimit: onLimit("secondary rate limit") },
    // ...nor retries, so that a test's unanswered request fails at once.
    retry: { enabled: !throttleOff(env) },
    // Octokit's own request log repeats what kep-tracker reports itself, once per retry.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  };
}

function privateKey(env: Env): string | null {
  if (env.PRIVATE_KEY) return env.PRIVATE_KEY.replace(/\\n/g, "\n");
  if (!env.PRIVATE_KEY_PATH) return null;
  try {
    return readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH}: ${errorMessage(e)}`);
  }
}

function counted(octokit: Octokit, counts: CliGitHub["counts"]): Octokit {
  octokit.hook.before("request", (o) => {
    const read = o.method === "GET" || o.method === "HEAD" || (o.url === "/graphql" && !/^\s*mutation\b/.test(String(o.query ?? "")));
    if (read) counts.reads++;
    else counts.writes++;
  });
  return octokit;
}

/** The pacing of the command's new comments, and the per-issue lock its writes take turns with the App's on. */
async function sharedFromEnv(env: Env, warn: (m: string) => void): Promise<{ pacer: Pacer; lock: IssueLock }> {
  // The App's replicas count new comments and lock issues in Redis: a sweep given the same REDIS_URL does too.
  const shared = env.REDIS_URL ? await (await import("./shared-pacer.js")).sharedRedis(env.REDIS_URL, warn) : null;
  // A fake GitHub on loopback has no content-creation limit to respect either.
  const pacer = throttleOff(env) ? UNPACED : (shared?.pacer ?? new CreationPacer());
  return { pacer, lock: shared?.lock ?? noLock };
}

export async function githubFromEnv(env: Env, repo: RepoRef, warn: (m: string) => void = () => {}): Promise<CliGitHub> {
  const { pacer, lock } = await sharedFromEnv(env, warn);
  const counts = { reads: 0, writes: 0 };
  const key = privateKey(env);
  if (env.APP_ID && key) {
    const appId = Number(env.APP_ID);
    if (!Number.isInteger(appId)) throw new UsageError(`APP_ID must be the App's numeric id, not "${env.APP_ID}"`);
    // Loaded only to act as the App: a token run is spared its start-up time (about 50 ms of CPU).
    const { createAppAuth } = await import("@octokit/auth-app");
    const asApp = new CliOctokit({ ...options(env, warn), authStrategy: createAppAuth, auth: { appId, privateKey: key } });
    let installationId: number;
    let slug: string;
    try {
      const { data } = await asApp.request("GET /repos/{owner}/{repo}/installation", { ...repo });
      installationId = data.id;
      slug = (await asApp.request("GET /app")).data?.slug ?? "";
    } catch (e) {
      const status = statusOf(e);
      throw new UsageError(
        status === 404
          ? `the App ${env.APP_ID} is not installed on ${repo.owner}/${repo.repo}`
          : `cannot act as the App ${env.APP_ID}: ${errorMessage(e)}`,
      );
    }
    const octokit = counted(
      new CliOctokit({ ...options(env, warn), authStrategy: createAppAuth, auth: { appId, privateKey: key, installationId } }),
      counts,
    );
    return { octokit, botLogin: `${slug}[bot]`, counts, identity: `the App ${slug} (installation ${installationId})`, pacer, lock };
  }
  if (env.GITHUB_TOKEN) {
    const octokit = counted(new CliOctokit({ ...options(env, warn), auth: env.GITHUB_TOKEN }), counts);
    return { octokit, botLogin: null, counts, identity: "GITHUB_TOKEN", pacer, lock };
  }
  throw new UsageError("no GitHub credentials: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to act as the App, or GITHUB_TOKEN");
}

/**
 * The configuration's text from the repository (github/config-file.ts), null when there is none. The CLI's
 * first request: it says plainly when GitHub cannot be reached or refuses the credentials.
 */
export async function readConfigText(octokit: OctokitLike, repo: RepoRef): Promise<string | null> {
  const text = await readRepoConfig(octokit, repo);
  if (!(text instanceof ReadFailed)) return text;
  if (text.status === 401 || text.status === 403) throw new InputError(`GitHub refused the credentials (${text.status}): ${text.message}`);
  throw new InputError(`cannot read ${CONFIG_FILE} from ${repo.owner}/${repo.repo}: ${text.message}`);
}
