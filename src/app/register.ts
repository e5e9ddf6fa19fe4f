import type { Context, Probot } from "probot";
import { CONFIG_FILE } from "../config/file.js";
import type { OctokitLike, RepoRef } from "../github/client.js";
import { TrackerGitHub } from "../github/client.js";
import { ReadFailed, readConfigText } from "../github/config-file.js";
import { appIdentity, type Identity } from "../github/identity.js";
import type { IssueLock } from "../github/issue-lock.js";
import { CreationPacer, type Pacer, spaceReplies } from "../github/pacing.js";
import { dryRunFromEnv } from "../github/writes.js";
import { BOARD_ITEM_ACTIONS, onBoardItem } from "./board-events.js";
import { type Caches, createCaches } from "./caches.js";
import { runCommands } from "./commands.js";
import { onPullRequest } from "./pulls.js";
import { checkConfigPush, kepNumbersOf, refreshEach } from "./push.js";
import { createRefreshQueue, type RefreshDeps, type RefreshQueue, refreshIssue } from "./refresh.js";
import { loadSetup } from "./setup.js";

const ISSUE_ACTIONS = [
  "opened",
  "edited",
  "reopened",
  "closed",
  "labeled",
  "unlabeled",
  "milestoned",
  "demilestoned",
  "assigned",
  "unassigned",
] as const;
const PR_ACTIONS = ["opened", "synchronize", "reopened", "edited", "closed"] as const;

type AnyContext = Context<"issues" | "issue_comment" | "pull_request" | "push" | "projects_v2_item">;

/**
 * What one App keeps across events (lost at any time), its clock, its one queue of refreshes per
 * issue, the pacing of its new comments, and whether it only logs its writes (DRY_RUN, read at start).
 */
type AppOptions = { caches: Caches; now: () => Date; queue: RefreshQueue; pacer: Pacer; dryRun: boolean; identity: Identity };

/**
 * Everything a handler needs for this repository, or null when kep-tracker is not configured here (or its config cannot be read now).
 * An organisation's event (a board item) names no repository: `forRepo` says whose file to read.
 */
async function depsFor(
  context: AnyContext,
  { caches, now, queue, pacer, dryRun, identity }: AppOptions,
  forRepo?: RepoRef,
): Promise<RefreshDeps | null> {
  const repo = forRepo ?? context.repo();
  const octokit = context.octokit;
  const raw = await readConfigText(octokit, repo);
  if (raw instanceof ReadFailed) {
    // GitHub did not give the file (5xx, 403, a timeout): say so by status, not as a bad file; the next event or sweep catches up.
    const answer = raw.status === undefined ? "no answer from GitHub" : `GitHub answered ${raw.status}`;
    context.log.error(
      { repo: `${repo.owner}/${repo.repo}`, status: raw.status ?? null, err: raw.message },
      `cannot read ${CONFIG_FILE} (${answer}); this event is skipped`,
    );
    return null;
  }
  const setup = await loadSetup(raw, repo, octokit, context.log, caches);
  if (!setup) return null;
  return {
    gh: new TrackerGitHub(octokit, repo, { trees: caches.trees, pacer }),
    caches,
    config: setup.config,
    deadlines: setup.deadlines,
    botLogin: await identity.login(),
    now: now(),
    dryRun: setup.config.dryRun || dryRun,
    log: context.log,
    queue,
  };
}

/** Label and milestone changes that follow the App's own writes: its evaluation already saw them coming. */
const SELF_CAUSED_ACTIONS: ReadonlySet<string> = new Set(["labeled", "unlabeled", "milestoned", "demilestoned"]);

/**
 * Whether the event is the echo of one of kep-tracker's own writes. Re-evaluating
 * it would cost a full refresh (3 requests) to find nothing to do; the sweep
 * would still catch anything it missed. Only a bot sender needs the App's login.
 */
async function causedByItself(context: Context<"issues">, identity: Identity): Promise<boolean> {
  const { action, sender } = context.payload;
  if (!SELF_CAUSED_ACTIONS.has(action) || !sender) return false;
  return identity.aloneAs(sender);
}

const isBot = (user: { type?: string; login: string } | null | undefined) => !user || user.type === "Bot" || user.login.endsWith("[bot]");

/** Whether a comment's author never gives kep-tracker commands: a bot, or kep-tracker's own account (for a robot, Prow's replies too). */
async function neverCommands(user: { type?: string; login: string } | null | undefined, identity: Identity): Promise<boolean> {
  return isBot(user) || (await identity.isSelf(user!.login));
}

/** Who the handlers act as, given the Probot whose `auth()` authenticates: the App (the default) or a robot's token. */
export type IdentityOf = (auth: () => Promise<OctokitLike>) => Identity;

type CreateOptions = Partial<Omit<AppOptions, "queue" | "identity">> & { lock?: IssueLock; identity?: Identity | IdentityOf };

/**
 * The Probot app: thin handlers that gather inputs, call the pure core and apply its plan.
 * `lock` makes replicas take turns on an issue (redisIssueLock); without it one replica is the supported mode.
 * `identity`: the App's (the default), or a robot's token (tokenIdentity) for the Prow external plugin; nothing else differs.
 */
export function createApp(options: CreateOptions = {}): (probot: Probot) => void {
  return (probot) =>
    register(probot, {
      caches: options.caches ?? createCaches(),
      now: options.now ?? (() => new Date()),
      queue: createRefreshQueue(options.lock),
      pacer: options.pacer ?? spaceReplies(new CreationPacer()),
      dryRun: options.dryRun ?? false,
      identity: typeof options.identity === "object" ? options.identity : (options.identity ?? appIdentity)(() => probot.auth()),
    });
}

/** The App with what its environment says (DRY_RUN), read once: for `probot run` and Probot's setup mode. */
export function createAppFromEnv(env: Record<string, string | undefined>): (probot: Probot) => void {
  return createApp({ dryRun: dryRunFromEnv(env) });
}

function register(probot: Probot, options: AppOptions): void {
  probot.on(
    ISSUE_ACTIONS.map((a) => `issues.${a}` as const),
    async (context) => {
      if (await causedByItself(context, options.identity)) return;
      const deps = await depsFor(context, options);
      if (deps) await refreshIssue(deps, context.payload.issue.number);
    },
  );

  probot.on("issue_comment.created", async (context) => {
    const { comment, issue, repository } = context.payload;
    // Bots and kep-tracker itself never trigger commands; nor do pull request comments.
    if (issue.pull_request || !/^\s*\/[a-z]/m.test(comment.body)) return;
    if (await neverCommands(comment.user, options.identity)) return;
    const deps = await depsFor(context, options);
    if (!deps) return;
    await runCommands(deps, {
      issue: issue.number,
      issueState: issue.state === "closed" ? "closed" : "open",
      labels: (issue.labels ?? []).map((l) => (typeof l === "string" ? l : l.name)),
      commentId: comment.id,
      body: comment.body,
      author: comment.user!.login,
      org: repository.owner.login,
      issueAuthor: issue.user?.login ?? null,
      assignees: (issue.assignees ?? []).flatMap((a) => (a?.login ? [a.login] : [])),
    });
  });

  probot.on(
    PR_ACTIONS.map((a) => `pull_request.${a}` as const),
    async (context) => {
      const deps = await depsFor(context, options);
      if (deps) await onPullRequest(context, deps);
    },
  );

  probot.on(
    BOARD_ITEM_ACTIONS.map((a) => `projects_v2_item.${a}` as const),
    async (context) => {
      const login = await options.identity.login();
      await onBoardItem(context, login, (repo) => depsFor(context, options, repo));
    },
  );

  probot.on("push", async (context) => {
    const { payload } = context;
    if (payload.ref !== `refs/heads/${payload.repository.default_branch}`) return;
    const changed = payload.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]);
    if (changed.includes(CONFIG_FILE)) await checkConfigPush(context.octokit, context.repo(), payload.after, context.log);
    const deps = await depsFor(context, options);
    if (!deps) return;
    await refreshEach(deps, kepNumbersOf(changed));
  });
}
