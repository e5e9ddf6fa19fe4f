import { readFileSync } from "node:fs";
import { sameLogin } from "../reading/own-comments.js";
import { errorMessage, isRecord } from "../util/narrow.js";
import type { OctokitLike, RepoRef } from "./client.js";
import { statusOf } from "./responses.js";

/**
 * Who kep-tracker is on GitHub. The GitHub App (an installation token) and a robot account's token
 * (the Prow external plugin; the sweep in a Prow periodic, a CronJob or GitHub Actions) differ in two
 * things only, and both are settled here: how they authenticate, and what their login is. Handlers,
 * commands, the status comment (found by its marker AND this login), pacing and locks are one code
 * path for both; nothing outside this module asks which kind it is.
 */

export type Credentials = { kind: "app"; appId: number; privateKey: string } | { kind: "token"; token: string };

/** Credentials that cannot be used: a file that cannot be read, an App not installed. Said in one line. */
export class IdentityError extends Error {}

export type Identity = {
  /** In words, for logs and summaries: "the App kep-tracker" or "the token of @k8s-ci-robot". */
  describe(): Promise<string>;
  /** The login its comments carry ("<slug>[bot]" for the App, the robot's login): asked once, again after a failure. */
  login(): Promise<string>;
  /** Asks GitHub whether it accepts the credentials (readiness): GET /app as the App, the token's own login. */
  prove(): Promise<unknown>;
  /**
   * Whether a change made by `sender` can only have been kep-tracker's own write. An App's bot is
   * kep-tracker alone; a robot account is shared with the rest of Prow (its label plugin applies
   * `/label` as the same robot), so a change by it may be anyone's and is never skipped as an echo.
   */
  aloneAs(sender: { login: string; type?: string | undefined }): Promise<boolean>;
  /** Whether `login` is kep-tracker's own account: its comments (Prow's replies too, for a robot) never carry commands for it. */
  isSelf(login: string): Promise<boolean>;
  /** The payload fields an event must carry for it to act: an App needs the delivery's installation. */
  readonly eventNeeds: readonly string[];
};

/** An answer asked once and kept; a failure is forgotten, so the next call asks again. */
function remembered(ask: () => Promise<string>): () => Promise<string> {
  let answer: Promise<string> | null = null;
  return () => {
    answer ??= ask().catch((e: unknown) => {
      answer = null;
      throw e;
    });
    return answer;
  };
}

/** The App, authenticated as itself (a JWT) by `asApp`; its events are handled with each delivery's installation token. */
export function appIdentity(asApp: () => Promise<OctokitLike>): Identity {
  const slug = remembered(async () => {
    const { data } = await (await asApp()).request("GET /app");
    // Without its own login the App could not find its status comments again, and would post them twice.
    if (!data?.slug) throw new Error("GET /app gave no slug");
    return data.slug;
  });
  const login = async () => `${await slug()}[bot]`;
  // A person whose login is the App's slug is not the App: only "<slug>[bot]" is.
  const isSelf = async (other: string) => other.endsWith("[bot]") && sameLogin(other, await login());
  return {
    describe: async () => `the App ${await slug()}`,
    login,
    prove: async () => (await asApp()).request("GET /app"),
    aloneAs: async (sender) => (sender.type === "Bot" || sender.login.endsWith("[bot]")) && sameLogin(sender.login, await login()),
    isSelf,
    eventNeeds: ["installation"],
  };
}

const VIEWER = "query KepTrackerViewer { viewer { login } }";

/** A robot account's token (`octokit` acts as it): its login is the token's viewer. */
export function tokenIdentity(octokit: () => Promise<OctokitLike>): Identity {
  const login = remembered(async () => {
    const answer: unknown = await (await octokit()).graphql(VIEWER);
    const viewer = isRecord(answer) && isRecord(answer.viewer) ? answer.viewer.login : undefined;
    if (typeof viewer !== "string" || !viewer) throw new Error("GitHub did not say whose token this is (viewer.login)");
    return viewer;
  });
  return {
    describe: async () => `the token of @${await login()}`,
    login,
    prove: login,
    aloneAs: async () => false,
    isSelf: async (other) => sameLogin(other, await login()) && !other.endsWith("[bot]"),
    eventNeeds: [],
  };
}

/** A token file's text as Prow's secret agent reads it: surrounding whitespace (the file's newline) dropped. */
export function tokenFromFile(path: string, read: (p: string) => string = (p) => readFileSync(p, "utf8")): string {
  let text: string;
  try {
    text = read(path).trim();
  } catch (e) {
    throw new IdentityError(`cannot read the token file ${path}: ${errorMessage(e)}`);
  }
  if (!text) throw new IdentityError(`the token file ${path} is empty`);
  return text;
}

type Env = Record<string, string | undefined>;

function privateKey(env: Env): string | null {
  if (env.PRIVATE_KEY) return env.PRIVATE_KEY.replace(/\\n/g, "\n");
  if (!env.PRIVATE_KEY_PATH) return null;
  try {
    return readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  } catch (e) {
    throw new IdentityError(`cannot read PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH}: ${errorMessage(e)}`);
  }
}

/**
 * The credentials the environment gives: the App's (APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH), else a
 * token (GITHUB_TOKEN, or GITHUB_TOKEN_PATH: a mounted Secret's file, as Prow jobs mount theirs); null for none.
 */
export function credentialsFromEnv(env: Env): Credentials | null {
  const key = privateKey(env);
  if (env.APP_ID && key) {
    const appId = Number(env.APP_ID);
    if (!Number.isInteger(appId)) throw new IdentityError(`APP_ID must be the App's numeric id, not "${env.APP_ID}"`);
    return { kind: "app", appId, privateKey: key };
  }
  if (env.GITHUB_TOKEN) return { kind: "token", token: env.GITHUB_TOKEN };
  if (env.GITHUB_TOKEN_PATH) return { kind: "token", token: tokenFromFile(env.GITHUB_TOKEN_PATH) };
  return null;
}

/** Octokit's authentication options: a strategy (the App's, loaded only when acting as the App) and what it takes. */
export type AuthOptions = { authStrategy?: unknown; auth: unknown };

/** A client acting for one repository, its login when known without asking (null: the first query reads the viewer), and who it is. */
export type ActingAs<O> = { octokit: O; login: string | null; describe: string };

/** A client for `repo` with these credentials: the App's installation on it (looked up), or the token. */
export async function actAs<O extends OctokitLike>(
  credentials: Credentials,
  repo: RepoRef,
  build: (auth: AuthOptions) => O,
): Promise<ActingAs<O>> {
  if (credentials.kind === "token") return { octokit: build({ auth: credentials.token }), login: null, describe: "GITHUB_TOKEN" };
  // Loaded only to act as the App: a token run is spared its start-up time (about 50 ms of CPU).
  const { createAppAuth } = await import("@octokit/auth-app");
  const { appId, privateKey } = credentials;
  const asApp = build({ authStrategy: createAppAuth, auth: { appId, privateKey } });
  let installationId: number;
  let slug: string;
  try {
    installationId = (await asApp.request("GET /repos/{owner}/{repo}/installation", { ...repo })).data.id;
    slug = (await asApp.request("GET /app")).data?.slug ?? "";
  } catch (e) {
    throw new IdentityError(
      statusOf(e) === 404
        ? `the App ${appId} is not installed on ${repo.owner}/${repo.repo}`
        : `cannot act as the App ${appId}: ${errorMessage(e)}`,
    );
  }
  const octokit = build({ authStrategy: createAppAuth, auth: { appId, privateKey, installationId } });
  return { octokit, login: `${slug}[bot]`, describe: `the App ${slug} (installation ${installationId})` };
}
