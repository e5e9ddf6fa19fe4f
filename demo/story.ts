// The release story, scene by scene. People act through the fake GitHub;
// the App hears of it by webhook and answers through the API; the sweep and
// the report are the CLI's. Each scene says when it happens, what a reader
// should know, and what the people do; the printer shows what follows.

import { type FakeProject, fieldValueOf, itemFor } from "../fake-github/projects.js";
import { pullRequestEvent, pushEvent, sendWebhook } from "../fake-github/webhooks.js";
import type { FakeIssue, FakePull, FakeRepo, World } from "../fake-github/world.js";
import { freezeName } from "../src/release/schedule.js";
import type { Deadline } from "../src/release/timeline.js";
import { PEOPLES_FIELD } from "./board.js";
import type { Cli, CliRun } from "./cli-runs.js";
import { docsScene } from "./docs-scene.js";
import type { People } from "./people.js";
import { reportTable } from "./report-table.js";
import { BROKEN_KEP, FEATURED, MILESTONE, PEOPLE } from "./seed.js";
import type { Style } from "./text.js";

export type StoryContext = {
  world: World;
  repo: FakeRepo;
  /** The release board the configuration names. */
  board: FakeProject;
  people: People;
  cli: Cli;
  /** Where the App's webhooks go, for the deliveries the fake does not make itself (pull requests, pushes). */
  app: { url: string; secret: string };
  /** kep.yaml of the broken KEP as upstream has it, and its path. */
  fixedKep: { path: string; text: string };
  /** The freeze the later scenes lead up to, its deadline, and when the sweep runs before it. */
  freeze: { deadline: Deadline | null; at: Date | null; sweepAt: Date };
  /** Waits until every webhook delivery so far, and every one they caused, is handled. */
  settle: () => Promise<void>;
  /** The issues the story follows. */
  featured: (issue: number) => boolean;
  reportFormat: "table" | "md";
  style: Style;
  say: (line: string) => void;
  warn: (line: string) => void;
};

export type Scene = {
  title: (ctx: StoryContext) => string;
  /** When it happens, from the story's start (--now). */
  at: (ctx: StoryContext, start: Date) => Date;
  /** What the reader should know first. */
  intro: (ctx: StoryContext) => string[];
  play: (ctx: StoryContext, now: Date) => Promise<void>;
};

const HOUR_MS = 3_600_000;

const issue = (ctx: StoryContext, n: number): FakeIssue => {
  const found = ctx.repo.issues.find((i) => i.number === n);
  if (!found) throw new Error(`no issue #${n} in the demo repository`);
  return found;
};

const named = (ctx: StoryContext, n: number) => `#${n} "${issue(ctx, n).title}"`;

const optIn: Scene = {
  title: () => "A SIG lead opts a KEP in",
  at: (_, start) => start,
  intro: (ctx) => [
    `SIG Node's lead opts ${named(ctx, FEATURED.optIn)} in for ${MILESTONE.title}: the label lead-opted-in and the milestone.`,
    "Its kep.yaml has lost its latest-milestone line (a usual mistake). The App answers the webhooks.",
  ],
  play: async (ctx) => {
    const target = issue(ctx, FEATURED.optIn);
    ctx.people.label(PEOPLE.sigNodeLead, target, "lead-opted-in");
    ctx.people.milestone(PEOPLE.sigNodeLead, target, MILESTONE);
  },
};

const track: Scene = {
  title: () => "A release tracker runs /track",
  at: (_, start) => new Date(start.getTime() + 2 * HOUR_MS),
  intro: (ctx) => [
    `${PEOPLE.tracker} (release-team-enhancements) comments /track on ${named(ctx, FEATURED.noMilestone)}, which was opted in without a milestone.`,
  ],
  play: async (ctx) => ctx.people.comment(PEOPLE.tracker, issue(ctx, FEATURED.noMilestone), "/track"),
};

const refused: Scene = {
  title: () => "Someone outside the team tries",
  at: (_, start) => new Date(start.getTime() + 3 * HOUR_MS),
  intro: (ctx) => [`${PEOPLE.passerBy}, who is not a release tracker, comments /track on ${named(ctx, FEATURED.refused)}.`],
  play: async (ctx) => ctx.people.comment(PEOPLE.passerBy, issue(ctx, FEATURED.refused), "/track"),
};

const PR_NUMBER = 6201;

/** Opens the PR that restores latest-milestone in the broken kep.yaml, then merges it. */
async function fixByPullRequest(ctx: StoryContext): Promise<void> {
  const { repo, world, fixedKep } = ctx;
  const deliver = async (event: string, payload: object) => {
    const { status } = await sendWebhook(ctx.app.url, ctx.app.secret, event, payload);
    if (status >= 300) throw new Error(`the App answered a ${event} delivery with ${status}`);
  };
  const pull: FakePull = {
    number: PR_NUMBER,
    title: `KEP-${BROKEN_KEP}: set latest-milestone`,
    headSha: "6201000000000000000000000000000000000001",
    files: [fixedKep.path],
    state: "OPEN",
  };
  repo.pulls.unshift(pull);
  repo.prHeads = new Map([...(repo.prHeads ?? []), [pull.headSha, new Map([[fixedKep.path, fixedKep.text]])]]);
  ctx.say(`  ${PEOPLE.author} opens PR #${PR_NUMBER} "${pull.title}", changing ${fixedKep.path}`);
  await deliver("pull_request", pullRequestEvent(world, repo, pull, "opened", PEOPLE.author));
  await ctx.settle();
  // An approver merges it: the default branch gets a new commit with the fixed file.
  const before = repo.headSha;
  pull.state = "MERGED";
  repo.files.set(fixedKep.path, fixedKep.text);
  repo.headSha = "6201000000000000000000000000000000000002";
  ctx.say(`  PR #${PR_NUMBER} is merged into ${repo.defaultBranch}`);
  await deliver("pull_request", pullRequestEvent(world, repo, pull, "closed", PEOPLE.author));
  await deliver("push", pushEvent(world, repo, before, { modified: [fixedKep.path] }, PEOPLE.author));
}

const pullRequest: Scene = {
  title: () => "A pull request fixes the kep.yaml",
  at: (_, start) => new Date(start.getTime() + 24 * HOUR_MS),
  intro: () => [`A KEP author sees the status comment on #${BROKEN_KEP} and opens a pull request that puts latest-milestone back.`],
  play: (ctx) => fixByPullRequest(ctx),
};

const sweep: Scene = {
  title: (ctx) => (ctx.freeze.deadline ? `${capitalised(freezeName(ctx.freeze.deadline))} draws near: the sweep` : "Later: the sweep"),
  at: (ctx) => ctx.freeze.sweepAt,
  intro: (ctx) => [
    "`kep-tracker sweep` (the CLI, as its CronJob runs it) reads every tracking issue at once, brings labels and status",
    `comments in line and reminds the owners of at-risk KEPs${ctx.freeze.deadline ? ` that ${freezeName(ctx.freeze.deadline)} is near` : ""}. No event announced any of it.`,
  ],
  play: async (ctx, now) => {
    const run = await ctx.cli.sweep(now);
    await ctx.settle();
    ctx.say("");
    ctx.say("  The sweep's summary:");
    show(ctx, run, run.stdout);
    const item = itemFor(ctx.board, { owner: ctx.repo.owner, repo: ctx.repo.name, number: FEATURED.realBody });
    const kept = item ? fieldValueOf(ctx.board, item, PEOPLES_FIELD.name) : null;
    ctx.say("");
    ctx.say(
      `  On the board, #${FEATURED.realBody}'s ${PEOPLES_FIELD.name} is still ${kept ?? "(empty)"}: a person's field, which the App never writes.`,
    );
  },
};

const report: Scene = {
  title: () => "The board: kep-tracker report",
  at: (ctx) => ctx.freeze.sweepAt,
  intro: () => ["`kep-tracker report` reads what the sweep reads and writes nothing: the release's tracking board, by status."],
  play: async (ctx, now) => {
    const run = await ctx.cli.report(now, ctx.reportFormat === "md" ? "md" : "json");
    show(ctx, run, ctx.reportFormat === "md" ? run.stdout : reportTable(run.stdout, ctx.featured, ctx.style).join("\n"));
  },
};

/** A CLI run's output, indented; its warnings and errors on stderr; a failed run ends the story. */
function show(ctx: StoryContext, run: CliRun, text: string): void {
  for (const line of text.trimEnd().split("\n")) ctx.say(`    ${line}`);
  for (const line of run.stderr.split("\n").filter((l) => /^(warning|error)\b/.test(l))) ctx.warn(line);
  if (run.status !== 0) throw new Error(`the CLI ended with status ${run.status}: ${run.stderr.trim()}`);
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The board's Exception Request Type for an exception to each freeze. */
const EXCEPTION_TYPES: Record<Deadline, string | null> = {
  "prr-freeze": "PRR / KEP Readiness",
  "enhancements-freeze": "Enhancements",
  "code-freeze": "Code and Test",
  "docs-freeze": "Docs",
  release: null,
};

/** Days of Additional Time the Enhancements team grants. */
const EXTRA_DAYS = 3;

const exception: Scene = {
  title: (ctx) => (ctx.freeze.deadline ? `After ${freezeName(ctx.freeze.deadline)}: an exception on the board` : "After the last freeze"),
  // The morning after the freeze, within the 3 days EXCEPTIONS.md allows for a request.
  at: (ctx) => new Date((ctx.freeze.at ?? ctx.freeze.sweepAt).getTime() + 21 * HOUR_MS),
  intro: (ctx) =>
    ctx.freeze.deadline && EXCEPTION_TYPES[ctx.freeze.deadline]
      ? [
          `${named(ctx, FEATURED.provisional)} missed ${freezeName(ctx.freeze.deadline)}; its owners asked for an exception. ${PEOPLE.enhancementsLead} approves it`,
          `on the board: Exception Request Type, Additional Time ${EXTRA_DAYS} (days), Exception Status Approved. Each edit is a projects_v2_item webhook.`,
        ]
      : ["No freeze is left in this release: there is no exception to ask for."],
  play: async (ctx, now) => {
    const type = ctx.freeze.deadline ? EXCEPTION_TYPES[ctx.freeze.deadline] : null;
    if (!type) return;
    const target = issue(ctx, FEATURED.provisional);
    ctx.people.boardField(PEOPLE.enhancementsLead, ctx.board, target, "Exception Request Type", type, now);
    ctx.people.boardField(PEOPLE.enhancementsLead, ctx.board, target, "Additional Time", EXTRA_DAYS, now);
    ctx.people.boardField(PEOPLE.enhancementsLead, ctx.board, target, "Exception Status", "Approved", now);
  },
};

/** The story in order: the report is the board as at the sweep; the exception comes after the freeze; docs after code freeze. */
export const SCENES: readonly Scene[] = [optIn, track, refused, pullRequest, sweep, report, exception, docsScene];
