import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit as RestOctokit } from "@octokit/rest";
import { CONFIG_FILE } from "../config/file.js";
import type { FullOctokit, OctokitLike, RepoRef } from "../github/client.js";
import { ReadFailed, readConfigText as readRepoConfig } from "../github/config-file.js";
import { actAs, type Credentials, credentialsFromEnv, IdentityError } from "../github/identity.js";
import { type IssueLock, noLock } from "../github/issue-lock.js";
import { CreationPacer, type Pacer, throttleOff, UNPACED } from "../github/pacing.js";
import { InputError, UsageError } from "./io.js";

/**
 * GitHub access for the CLI's live commands, from the environment: the App's
 * installation on the repository or a token (github/identity.ts reads which,
 * and is the one place the two differ). The same Octokit plugins as the App's bring retries and
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
  let credentials: Credentials | null;
  try {
    credentials = credentialsFromEnv(env);
    if (!credentials) throw new IdentityError(NO_CREDENTIALS);
    const { pacer, lock } = await sharedFromEnv(env, warn);
    const counts = { reads: 0, writes: 0 };
    const acting = await actAs(credentials, repo, (auth) => counted(new CliOctokit({ ...options(env, warn), ...auth }), counts));
    return { octokit: acting.octokit, botLogin: acting.login, counts, identity: acting.describe, pacer, lock };
  } catch (e) {
    if (e instanceof IdentityError) throw new UsageError(e.message);
    throw e;
  }
}

const NO_CREDENTIALS =
  "no GitHub credentials: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to act as the App, or GITHUB_TOKEN (or GITHUB_TOKEN_PATH)";

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
