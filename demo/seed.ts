// The demo's kubernetes/enhancements: the real KEPs of test/fixtures at their
// upstream commit, one tracking issue for each KEP that targets v1.37 (as
// the release team's issues look: the KEP's title, sig/* and stage/* labels,
// lead-opted-in, the milestone, the authors assigned), and a few issues
// carrying the mistakes the App exists to catch.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FakeProject } from "../fake-github/projects.js";
import type { FakeIssue, FakeRepo, FakeSeed } from "../fake-github/world.js";
import { readCheckout } from "../src/cli/checkout.js";
import { parseKepFile } from "../src/kep/kep-file.js";
import { BOARD_CONFIG, demoBoard } from "./board.js";

export const OWNER = "kubernetes";
export const REPO = "enhancements";
export const RELEASE = "v1.37";
const MILESTONES = [
  { title: "v1.36", number: 36 },
  { title: "v1.37", number: 37 },
  { title: "v1.38", number: 38 },
];
export const MILESTONE = MILESTONES[1]!;

/** The project's root: the nearest folder up with package.json (this file runs from demo/ in tests, dist/demo/ otherwise). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("the demo runs from within the kep-tracker project");
    dir = up;
  }
  return dir;
}

/** Where the real data is: the project's fixtures (provenance in test/fixtures/README.md). */
const FIXTURES = join(projectRoot(), "test/fixtures/");

/**
 * The App's configuration, with v1.37's deadlines in sig-release's own words, and its release
 * board. The first sweep with a board makes some 7 writes an issue (the comment, the item and
 * its 5 fields): room for all 92 in one run.
 */
export const CONFIG = `release: ${RELEASE}
schedule:
  prr-freeze: "Tuesday 9th June 2026 (AoE) / Wednesday 10th June 2026, 12:00 UTC"
  enhancements-freeze: "Tuesday 16th June 2026 (AoE) / Wednesday 17th June 2026, 12:00 UTC"
  code-freeze: "Wednesday 22nd July 2026 (AoE) / Thursday 23rd July 2026, 12:00 UTC"
  docs-placeholder: "Thursday 2nd July 2026 (AoE) / Friday 3rd July 2026 12:00 UTC"
  docs-ready: "Tuesday 28th July 2026"
  docs-freeze: "Wednesday 5th August 2026 (AoE) / Thursday 6th August 2026, 12:00 UTC"
  release: 2026-08-26
teams:
  trackers: [release-team-enhancements]
sweep:
  max-writes: 1000
${BOARD_CONFIG}`;

/** The people of the story (made-up logins; the KEP authors assigned to issues are the real ones). */
export const PEOPLE = {
  sigNodeLead: "sig-node-lead",
  tracker: "enhancements-shadow",
  passerBy: "passer-by",
  author: "h2c-author",
  enhancementsLead: "enhancements-lead",
} as const;

/** The issues the story follows, each printed in full; the others are counted. */
export const FEATURED = {
  /** Not yet opted in; its kep.yaml lost its latest-milestone line, a PR puts it back. */
  optIn: 5999,
  /** Opted in, but nobody set the milestone: the tracker's /track does. */
  noMilestone: 4939,
  /** Where a non-member tries /track. */
  refused: 2837,
  /** Labelled stage/beta while its KEP targets alpha. */
  wrongStage: 5958,
  /** A provisional KEP: at risk for enhancements freeze, so its owners get a reminder; after the freeze it gets an exception. */
  provisional: 5343,
  /** Opted in and in order, with their real issue descriptions; the first is on the board already, with its Enhancements Contact. */
  realBody: 5554,
  realBody2: 4960,
} as const;

export const FEATURED_NUMBERS: readonly number[] = Object.values(FEATURED);

/** The featured KEP whose kep.yaml the story's PR fixes. */
export const BROKEN_KEP = FEATURED.optIn;

/** kep.yaml as the fixtures have it, minus the latest-milestone line: the mistake the PR undoes. */
export const withoutLatestMilestone = (text: string) => text.replace(/^latest-milestone:.*\n/m, "");

type Kep = { path: string; number: number; title: string; owningSig: string; stage: string | null; authors: string[] };

/** Every KEP of the fixtures that targets the release, in number order. */
function releaseKeps(read: (p: string) => string | undefined, paths: string[]): Kep[] {
  const keps: Kep[] = [];
  for (const path of paths.filter((p) => p.endsWith("/kep.yaml"))) {
    const { metadata: m } = parseKepFile(path, read(path) ?? "");
    if (m.latestMilestone !== RELEASE || !m.number || !m.title || !m.owningSig) continue;
    const authors = m.authors.map((a) => a.replace(/^@/, "")).filter(Boolean);
    keps.push({ path, number: Number(m.number), title: m.title, owningSig: m.owningSig, stage: m.stage, authors });
  }
  return keps.sort((a, b) => a.number - b.number);
}

/** The real description of issue N when the fixtures have it; else one in the template's form. */
function bodyOf(kep: Kep): string {
  const real = `${FIXTURES}issue-bodies/enhancements-${kep.number}.md`;
  if (existsSync(real)) return readFileSync(real, "utf8");
  const dir = kep.path.replace(/\/kep\.yaml$/, "");
  return [
    "### Enhancement Description",
    "",
    `- One-line enhancement description: ${kep.title}`,
    `- Kubernetes Enhancement Proposal: https://github.com/${OWNER}/${REPO}/tree/master/${dir}`,
    `- Primary contact (assignee): ${kep.authors[0] ?? ""}`,
    `- Responsible SIGs: ${kep.owningSig}`,
    "",
  ].join("\n");
}

const PROW_STAGES = new Set(["alpha", "beta", "stable"]);

/** The tracking issue as the release team files it: opted in, in the milestone, owners assigned. */
function issueOf(kep: Kep): FakeIssue {
  const labels = ["lead-opted-in", `sig/${kep.owningSig.replace(/^sig-/, "")}`, "kind/feature"];
  if (kep.stage && PROW_STAGES.has(kep.stage)) labels.push(`stage/${kep.stage}`);
  return {
    number: kep.number,
    title: kep.title,
    body: bodyOf(kep),
    labels,
    milestone: MILESTONE,
    assignees: kep.authors.slice(0, 2),
    comments: [],
    author: kep.authors[0] ?? "ghost",
  };
}

/** The usual mistakes, on the featured issues. */
function withMistakes(issue: FakeIssue): FakeIssue {
  switch (issue.number) {
    case FEATURED.optIn:
      return { ...issue, labels: issue.labels.filter((l) => l !== "lead-opted-in"), milestone: null };
    case FEATURED.noMilestone:
      return { ...issue, milestone: null };
    case FEATURED.wrongStage:
      return { ...issue, labels: issue.labels.map((l) => (l.startsWith("stage/") ? "stage/beta" : l)) };
    default:
      return issue;
  }
}

/** kubernetes/website, with no PRs yet: the scene opens the one it follows. */
export const websiteRepo = (): FakeRepo => ({
  owner: "kubernetes",
  name: "website",
  defaultBranch: "main",
  headSha: "5e6d000000000000000000000000000000000000",
  files: new Map(),
  issues: [],
  pulls: [],
});

/** The seed, its one repository and release board, and the broken kep.yaml as upstream has it (what the story's PR restores). */
export type DemoWorld = { seed: FakeSeed; repo: FakeRepo; board: FakeProject; fixedKep: { path: string; text: string }; issues: number };

/** The fake GitHub's seed: the repository with its files and issues, the App, and the trackers team. */
export function demoSeed(): DemoWorld {
  const checkout = readCheckout(`${FIXTURES}enhancements`);
  const keps = releaseKeps(checkout.read, checkout.paths);
  for (const n of FEATURED_NUMBERS) if (!keps.some((k) => k.number === n)) throw new Error(`the fixtures have no ${RELEASE} KEP ${n}`);
  const files = new Map(checkout.paths.map((p) => [p, checkout.read(p)!] as const));
  files.set("OWNERS_ALIASES", readFileSync(`${FIXTURES}enhancements/OWNERS_ALIASES`, "utf8"));
  files.set(".github/kep-tracker.yml", CONFIG);
  const broken = keps.find((k) => k.number === BROKEN_KEP)!.path;
  const fixedKep = { path: broken, text: files.get(broken)! };
  files.set(broken, withoutLatestMilestone(fixedKep.text));
  const repo: FakeRepo = {
    owner: OWNER,
    name: REPO,
    defaultBranch: "master",
    headSha: "64765b4b02389318f2113119dd9e491479f978a0",
    files,
    issues: keps.map(issueOf).map(withMistakes),
    pulls: [],
    milestones: MILESTONES,
  };
  const board = demoBoard(repo, FEATURED.realBody);
  const seed: FakeSeed = {
    // kubernetes/website, for the docs scene's placeholder PR.
    repos: [repo, websiteRepo()],
    projects: [board],
    app: { id: 1, slug: "kep-tracker", installationId: 2 },
    teams: { "kubernetes/release-team-enhancements": [PEOPLE.tracker] },
  };
  return { seed, repo, board, fixedKep, issues: repo.issues.length };
}
