// The Docs team's half of the release, after code freeze: a KEP author opens a placeholder docs PR in
// kubernetes/website that names the KEP only in its title, marks it ready for review, and SIG Docs
// approves it. Nothing tells the App (website PRs send it no webhook): each sweep finds the PR by
// its title in the one listing of dev-1.37, and the board's Docs Status and the status comment follow.
import { fieldValueOf, itemFor } from "../fake-github/projects.js";
import type { FakePull, FakeRepo } from "../fake-github/world.js";
import { parseConfigText } from "../src/config/config.js";
import { CONFIG, FEATURED, PEOPLE, RELEASE } from "./seed.js";
import type { Scene, StoryContext } from "./story.js";

const HOUR_MS = 3_600_000;
/** The KEP the scene follows: on the board from the start. */
const KEP = FEATURED.realBody;
const DOCS_PR = 51200;
export const DEV_BRANCH = `dev-${RELEASE.replace(/^v/, "")}`;

function codeFreeze(): Date {
  const parsed = parseConfigText(CONFIG);
  if (!parsed.ok) throw new Error("the demo's configuration is invalid");
  const at = parsed.config.schedule.deadlines["code-freeze"]?.at;
  if (!at) throw new Error("the demo's configuration has no code freeze");
  return at;
}

const website = (ctx: StoryContext): FakeRepo => {
  const repo = ctx.world.repos.find((r) => r.owner === "kubernetes" && r.name === "website");
  if (!repo) throw new Error("the demo has no kubernetes/website");
  return repo;
};

/** Runs the day's sweep, then says what the board's Docs Status and the comment's Docs line say. */
async function sweepAndShow(ctx: StoryContext, now: Date): Promise<void> {
  const run = await ctx.cli.sweep(now);
  await ctx.settle();
  if (run.status !== 0) throw new Error(`the sweep ended with status ${run.status}: ${run.stderr.trim()}`);
  const item = itemFor(ctx.board, { owner: ctx.repo.owner, repo: ctx.repo.name, number: KEP });
  const status = item ? fieldValueOf(ctx.board, item, "Docs Status") : null;
  const comment = ctx.repo.issues.find((i) => i.number === KEP)?.comments.find((c) => c.body.startsWith("<!-- kep-tracker:status -->"));
  const docsLine = comment?.body.split("\n").find((l) => l.startsWith("**Docs**")) ?? "(no Docs section)";
  ctx.say(`  The sweep at ${now.toISOString().slice(0, 16).replace("T", " ")} UTC: the board's Docs Status is ${status ?? "(empty)"};`);
  ctx.say(`  the status comment says ${docsLine.replaceAll("**", "")}`);
}

export const docsScene: Scene = {
  title: () => "After code freeze: a docs placeholder PR, found by its title",
  // The morning after code freeze, and after whatever came before.
  at: (ctx, start) =>
    new Date(
      Math.max(codeFreeze().getTime() + 21 * HOUR_MS, (ctx.freeze.at ?? ctx.freeze.sweepAt).getTime() + 22 * HOUR_MS, start.getTime()),
    ),
  intro: () => [
    `${PEOPLE.author} opens a draft placeholder PR in kubernetes/website against ${DEV_BRANCH} that names KEP ${KEP} only in its title`,
    "(not in the issue's description). Each sweep (hourly here) reads dev-1.37's PRs once, for every KEP; website PRs send the App no webhook.",
  ],
  play: async (ctx, now) => {
    const pull: FakePull = {
      number: DOCS_PR,
      headSha: "5e6d000000000000000000000000000000051200",
      files: [],
      title: `KEP-${KEP}: Docs (Placeholder PR)`,
      body: "Docs for the KEP, to be written before Docs Freeze.",
      base: DEV_BRANCH,
      draft: true,
      state: "OPEN",
      author: PEOPLE.author,
      labels: ["do-not-merge/work-in-progress", "sig/docs", "language/en"],
    };
    website(ctx).pulls.unshift(pull);
    ctx.say(`  ${PEOPLE.author} opens kubernetes/website#${DOCS_PR} "${pull.title}" (draft, against ${DEV_BRANCH})`);
    await sweepAndShow(ctx, now);
    ctx.say("");
    pull.draft = false;
    pull.labels = ["sig/docs", "language/en"];
    ctx.say(`  ${PEOPLE.author} marks #${DOCS_PR} ready for review`);
    await sweepAndShow(ctx, new Date(now.getTime() + HOUR_MS));
    ctx.say("");
    pull.labels = [...pull.labels, "lgtm", "approved"];
    ctx.say(`  SIG Docs reviewers add lgtm and approved to #${DOCS_PR}`);
    await sweepAndShow(ctx, new Date(now.getTime() + 2 * HOUR_MS));
  },
};
