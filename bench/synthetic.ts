// A synthetic kubernetes/enhancements for the sweep benchmark: N tracking
// issues, one KEP directory each, open PRs touching some of them, built
// deterministically from N so two runs of the bench serve the same bytes.
import { createHash } from "node:crypto";
import { type FakePullState, type FakeSeed, FIRST_COMMENT_ID } from "../fake-github/world.js";

export const OWNER = "kubernetes";
export const REPO = "enhancements";
export const RELEASE = "v1.37";
export const DEFAULT_BRANCH = "master";
export const VIEWER = "kep-tracker-bench";
/** The sweep's clock: after PRR freeze, three days before enhancements freeze (so 7-day reminders are due). */
export const NOW = "2026-06-08T12:00:00Z";
export const CONFIG_PATH = ".github/kep-tracker.yml";

export const CONFIG = `# kep-tracker settings for the synthetic benchmark repository.
release: "${RELEASE}"
schedule:
  prr-freeze: "2026-06-04T12:00:00Z"
  enhancements-freeze: "2026-06-11T12:00:00Z"
  code-freeze: "2026-07-23T12:00:00Z"
  docs-freeze: "2026-08-06T12:00:00Z"
  release: "2026-08-26T12:00:00Z"
reminders:
  days-before: [7, 2]
`;

export type Comment = { id: number; author: string; body: string };

export type Issue = {
  number: number;
  title: string;
  body: string;
  labels: string[];
  milestone: { title: string; number: number } | null;
  assignees: string[];
  comments: Comment[];
};

export type PullRequest = { number: number; url: string; headSha: string; files: string[] };

/** Why an in-scope issue is expected at risk (null: expected tracked). */
export type Risk = "kep-targets-v1.36" | "prr-stage-missing" | "readme-no-test-plan" | "kep-provisional" | "open-kep-pr" | null;

export type SyntheticRepo = {
  issues: Issue[];
  pulls: PullRequest[];
  headSha: string;
  /** Files on the default branch, by path. */
  files: Map<string, string>;
  /** Files that differ at each PR head sha (the rest are as on the default branch). */
  prHeads: Map<string, Map<string, string>>;
  /** KEP directories (one per issue). */
  keps: number;
  inScope: Set<number>;
  risks: Map<number, Risk>;
  /** The next id for a synthetic comment: past 2^31 like GitHub's, below the fake's own. */
  nextCommentId: number;
};

const SIGS = [
  "api-machinery",
  "apps",
  "auth",
  "autoscaling",
  "cli",
  "instrumentation",
  "network",
  "node",
  "scheduling",
  "storage",
  "windows",
  "cluster-lifecycle",
];
export const PRR_APPROVERS = ["deads2k", "johnbelamaric", "jpbetz", "soltysh", "wojtek-t", "kannon92"];
const WORDS = (
  "pod volume node scheduler quota topology gate admission policy cache lease probe sidecar resource claim device network endpoint " +
  "service storage snapshot webhook audit metrics tracing memory swap cgroup image pull secret token identity cluster control plane"
).split(" ");

/** mulberry32: small, fast and good enough to make the mix look random. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = {
  next: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  chance: (p: number) => boolean;
};

function rand(seed: number): Rand {
  const next = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (xs) => xs[int(0, xs.length - 1)]!, chance: (p) => next() < p };
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const login = (r: Rand) => `dev-${r.pick(WORDS)}-${r.int(1, 400)}`;
const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

type Kep = { number: number; sig: string; slug: string; title: string; stage: "alpha" | "beta" | "stable"; authors: string[]; dir: string };

const STAGE_ORDER = ["alpha", "beta", "stable"] as const;
/** The releases in which a KEP reached each stage, ending with `last` for its current stage. */
function milestoneMap(stage: Kep["stage"], last: string): string {
  const upTo = STAGE_ORDER.indexOf(stage);
  const minor = Number(last.slice(3));
  return STAGE_ORDER.slice(0, upTo + 1)
    .map((s, i) => `  ${s}: "v1.${minor - 2 * (upTo - i)}"`)
    .join("\n");
}

function kepYaml(k: Kep, opts: { latest: string; status: string }): string {
  return `title: ${k.title}
kep-number: ${k.number}
authors:
${k.authors.map((a) => `  - "@${a}"`).join("\n")}
owning-sig: sig-${k.sig}
participating-sigs:
  - sig-${k.sig === "node" ? "apps" : "node"}
status: ${opts.status}
creation-date: 2025-0${1 + (k.number % 9)}-1${k.number % 10}
reviewers:
  - "@${k.authors[0]}-reviewer"
approvers:
  - "@sig-${k.sig}-approver"
see-also: []
replaces: []

stage: ${k.stage}
latest-milestone: "${opts.latest}"
milestone:
${milestoneMap(k.stage, opts.latest)}

feature-gates:
  - name: ${k.title.replace(/[^A-Za-z]/g, "")}
    components:
      - kube-apiserver
      - kubelet
disable-supported: true

metrics:
  - ${k.slug.replace(/-/g, "_")}_total
`;
}

/** keps/prod-readiness/<sig>/<N>.yaml: an approver for every stage up to the KEP's, unless `skipOwnStage`. */
function prrYaml(k: Kep, approver: string, skipOwnStage: boolean): string {
  const stages = STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(k.stage) + (skipOwnStage ? 0 : 1));
  return `# The KEP must have an approver from the
# "prod-readiness-approvers" group
# of http://git.k8s.io/enhancements/OWNERS_ALIASES
kep-number: ${k.number}
${stages.map((s) => `${s}:\n  approver: "@${approver}"`).join("\n")}
`;
}

const SECTIONS = [
  "## Release Signoff Checklist",
  "## Summary",
  "## Motivation",
  "### Goals",
  "### Non-Goals",
  "## Proposal",
  "### User Stories (Optional)",
  "### Notes/Constraints/Caveats (Optional)",
  "### Risks and Mitigations",
  "## Design Details",
  "### Test Plan",
  "##### Prerequisite testing updates",
  "##### Unit tests",
  "##### Integration tests",
  "##### e2e tests",
  "### Graduation Criteria",
  "### Upgrade / Downgrade Strategy",
  "### Version Skew Strategy",
  "## Production Readiness Review Questionnaire",
  "### Feature Enablement and Rollback",
  "### Rollout, Upgrade and Rollback Planning",
  "### Monitoring Requirements",
  "### Scalability",
  "## Implementation History",
  "## Drawbacks",
  "## Alternatives",
];

function sentence(r: Rand): string {
  const n = r.int(8, 20);
  const words = Array.from({ length: n }, () => r.pick(WORDS));
  return `${capital(words.join(" "))}.`;
}

/** A README.md of 8–15 KB with the KEP template's headings (without "Test Plan" when asked). */
function readme(k: Kep, r: Rand, withTestPlan: boolean): string {
  const target = r.int(8_200, 14_600);
  const sections = SECTIONS.filter((s) => withTestPlan || !/Test Plan|tests$|testing updates/.test(s));
  const out = [
    `# KEP-${k.number}: ${k.title}`,
    "",
    "<!-- toc -->",
    ...sections.map((s) => `${"  ".repeat(s.indexOf(" ") - 2)}- [${s.replace(/^#+ /, "")}](#)`),
    "<!-- /toc -->",
    "",
  ];
  // Paragraphs overshoot by half a sentence on average (about 75 bytes).
  const perSection = Math.max(150, Math.floor((target - out.join("\n").length) / sections.length) - 75);
  for (const heading of sections) {
    out.push(heading, "");
    let para = "";
    while (para.length < perSection) para += `${sentence(r)} `;
    out.push(para.trim(), "");
  }
  return out.join("\n");
}

function pr(owner: string, repo: string, n: number): string {
  return `https://github.com/${owner}/${repo}/pull/${n}`;
}

/** The current issue template (domain guide, section 8), with the stages up to this release. */
function issueBody(k: Kep, r: Rand): string {
  const upTo = STAGE_ORDER.indexOf(k.stage);
  const lines = [
    "### Enhancement Description",
    "",
    `- One-line enhancement description (can be used as a release note): ${sentence(r)}`,
    `- Kubernetes Enhancement Proposal: https://github.com/${OWNER}/${REPO}/tree/${DEFAULT_BRANCH}/${k.dir}`,
    `- Discussion Link: https://github.com/kubernetes/kubernetes/issues/${r.int(10_000, 130_000)}`,
    "- PRs by stage and milestone:",
  ];
  for (let i = 0; i <= upTo; i++) {
    const stage = STAGE_ORDER[i]!;
    const done = i < upTo;
    const box = done ? "x" : " ";
    lines.push(
      `  - [${box}] ${capital(stage)} - v1.${37 - 2 * (upTo - i)}`,
      `    - [${box}] KEP (\`k/enhancements\`) update PR(s):`,
      `      - ${pr(OWNER, REPO, r.int(3_000, 5_900))}`,
      `    - [${box}] Code (\`k/k\`) update PR(s):`,
      ...(done || r.chance(0.5) ? [`      - ${pr("kubernetes", "kubernetes", r.int(100_000, 140_000))}`] : []),
      `    - [${box}] Docs (\`k/website\`) update PR(s):`,
      ...(done ? [`      - kubernetes/website#${r.int(40_000, 52_000)}`] : []),
    );
  }
  if (upTo < 2) {
    lines.push(
      "",
      "<!-- Uncomment these as you prepare the enhancement for the next stage",
      `- [ ] ${capital(STAGE_ORDER[upTo + 1]!)} - v1.xx`,
      "  - [ ] KEP (`k/enhancements`) update PR(s):",
      "  - [ ] Code (`k/k`) update PR(s):",
      "  - [ ] Docs (`k/website`) update(s):",
      "-->",
    );
  }
  lines.push(
    "",
    "_Please keep this description up to date. This will help the Enhancement Team to track the evolution of the enhancement efficiently._",
  );
  return lines.join("\n");
}

function ownersAliases(): string {
  const leads = SIGS.map((s) => `  sig-${s}-leads:\n    - ${s.replace(/-/g, "")}-lead-1\n    - ${s.replace(/-/g, "")}-lead-2`).join("\n");
  return `aliases:\n${leads}\n  prod-readiness-approvers:\n${PRR_APPROVERS.map((a) => `    - ${a}`).join("\n")}\n  prod-readiness-approvers-emeritus:\n    - ehashman\n`;
}

const RISKS: Risk[] = ["kep-targets-v1.36", "kep-targets-v1.36", "prr-stage-missing", "readme-no-test-plan", "kep-provisional"];

/** Builds the repository for N issues (numbers 3000..3000+N-1). */
export function buildRepo(n: number): SyntheticRepo {
  const r = rand(0x5eed + n);
  const files = new Map<string, string>([
    ["README.md", "# Kubernetes Enhancement Proposals\n\nThe synthetic home of KEPs for the kep-tracker benchmark.\n"],
    ["OWNERS", "approvers:\n  - enhancements-approvers\n"],
    ["OWNERS_ALIASES", ownersAliases()],
    [CONFIG_PATH, CONFIG],
  ]);
  const repo: SyntheticRepo = {
    issues: [],
    pulls: [],
    headSha: sha1(`head-${n}`),
    files,
    prHeads: new Map(),
    keps: 0,
    inScope: new Set(),
    risks: new Map(),
    nextCommentId: FIRST_COMMENT_ID - 1_000_000,
  };
  const keps: Kep[] = [];
  for (let i = 0; i < n; i++) {
    const number = 3000 + i;
    const words = [r.pick(WORDS), r.pick(WORDS), r.pick(WORDS)];
    const sig = r.pick(SIGS);
    const slug = words.join("-");
    const k: Kep = {
      number,
      sig,
      slug,
      title: words.map(capital).join(" "),
      stage: r.pick(["alpha", "alpha", "beta", "beta", "stable"] as const),
      authors: Array.from({ length: r.int(1, 3) }, () => login(r)),
      dir: `keps/sig-${sig}/${number}-${slug}`,
    };
    keps.push(k);
    const inScope = r.chance(0.8);
    const risk: Risk = inScope && r.chance(0.25) ? r.pick(RISKS) : null;
    writeKep(repo, k, risk, r);
    repo.issues.push(makeIssue(repo, k, inScope, r));
    if (inScope) {
      repo.inScope.add(number);
      repo.risks.set(number, risk);
    }
  }
  repo.keps = keps.length;
  addPullRequests(repo, keps, r);
  return repo;
}

function writeKep(repo: SyntheticRepo, k: Kep, risk: Risk, r: Rand): void {
  const latest = risk === "kep-targets-v1.36" ? "v1.36" : RELEASE;
  repo.files.set(`${k.dir}/kep.yaml`, kepYaml(k, { latest, status: risk === "kep-provisional" ? "provisional" : "implementable" }));
  repo.files.set(`${k.dir}/README.md`, readme(k, r, risk !== "readme-no-test-plan"));
  repo.files.set(`keps/prod-readiness/sig-${k.sig}/${k.number}.yaml`, prrYaml(k, r.pick(PRR_APPROVERS), risk === "prr-stage-missing"));
}

const HUMAN_COMMENTS = [
  "/milestone v1.37",
  "/label lead-opted-in",
  "Thanks! The KEP PR is up for review.",
  "/assign",
  "PRR review is scheduled for next week.",
  "Code PR is in progress, should land before the freeze.",
  "cc @kubernetes/sig-release-leads",
];

function makeIssue(repo: SyntheticRepo, k: Kep, inScope: boolean, r: Rand): Issue {
  const labels = ["kind/feature"];
  if (r.chance(0.9)) labels.push(`sig/${k.sig}`);
  // Mostly the right stage label; now and then a stale one the sweep fixes.
  if (r.chance(0.85)) labels.push(`stage/${r.chance(0.9) ? k.stage : r.pick(STAGE_ORDER)}`);
  if (inScope) {
    labels.push("lead-opted-in");
    if (r.chance(0.3)) labels.push("tracked/yes");
  }
  const comments = Array.from({ length: r.int(0, 5) }, () => ({
    id: repo.nextCommentId++,
    author: login(r),
    body: r.pick(HUMAN_COMMENTS),
  }));
  return {
    number: k.number,
    title: k.title,
    body: issueBody(k, r),
    labels,
    milestone: inScope ? { title: RELEASE, number: 37 } : null,
    assignees: r.chance(0.85) ? k.authors.slice(0, r.int(1, k.authors.length)) : [],
    comments,
  };
}

/** About N/20 open PRs, each changing one KEP's kep.yaml or README.md; served at their own head sha. */
function addPullRequests(repo: SyntheticRepo, keps: Kep[], r: Rand): void {
  const count = Math.round(keps.length / 20);
  const taken = new Set<number>();
  for (let i = 0; i < count; i++) {
    let k = r.pick(keps);
    while (taken.has(k.number)) k = r.pick(keps);
    taken.add(k.number);
    const number = 6000 + keps.length + i;
    const headSha = sha1(`pr-${number}`);
    const changed = new Map<string, string>();
    if (r.chance(0.6)) {
      const path = `${k.dir}/kep.yaml`;
      const base = repo.files.get(path)!;
      // The usual KEP PR: bump latest-milestone (a no-op for most) and record the update.
      changed.set(
        path,
        base
          .replace(/^latest-milestone: .*$/m, `latest-milestone: "${RELEASE}"`)
          .replace(/^(creation-date: .*)$/m, "$1\nlast-updated: 2026-06-01"),
      );
    } else {
      const path = `${k.dir}/README.md`;
      changed.set(path, `${repo.files.get(path)!}\n- 2026-06-01: Updated for ${RELEASE}.\n`);
    }
    repo.prHeads.set(headSha, changed);
    repo.pulls.push({ number, url: pr(OWNER, REPO, number), headSha, files: [...changed.keys()] });
    if (repo.inScope.has(k.number) && repo.risks.get(k.number) === null) repo.risks.set(k.number, "open-kep-pr");
  }
}

/**
 * What the same reads cost one request per item (REST, no batching, no
 * cache): per in-scope issue 1 (the issue) + ceil(comments/100) (at least 1)
 * + 1 kep.yaml + 1 README.md + 1 per PRR file; then 1 tree, 1 config, 1
 * OWNERS_ALIASES, ceil(P/100) pages of open PRs and 1 file listing per open PR
 * (the PR list does not carry files), and per open PR touching an in-scope
 * KEP the files read at its head (kep.yaml and the PRR file). Finding the
 * in-scope issues is taken as free (a milestone-filtered list would cost
 * ceil(inScope/100) more). Linked PRs' states are not read before code freeze,
 * so they are not counted.
 */
export function naiveRequests(repo: SyntheticRepo): number {
  let total = 1 + 1 + 1 + Math.ceil(repo.pulls.length / 100) + repo.pulls.length;
  const prrCount = new Map<number, number>();
  for (const path of repo.files.keys()) {
    const m = /^keps\/prod-readiness\/[^/]+\/(\d+)\.yaml$/.exec(path);
    if (m) prrCount.set(Number(m[1]), (prrCount.get(Number(m[1])) ?? 0) + 1);
  }
  for (const issue of repo.issues) {
    if (!repo.inScope.has(issue.number)) continue;
    total += 1 + Math.max(1, Math.ceil(issue.comments.length / 100)) + 2 + (prrCount.get(issue.number) ?? 0);
  }
  for (const p of repo.pulls) {
    const n = Number(/\/(\d+)-[^/]+\//.exec(p.files[0] ?? "")?.[1]);
    if (repo.inScope.has(n)) total += 1 + (prrCount.get(n) ?? 0);
  }
  return total;
}

/** What the fake GitHub serves for this repository: it changes the issues in place, so the bench reads them back. */
export function seedOf(repo: SyntheticRepo): FakeSeed {
  return {
    repos: [
      {
        owner: OWNER,
        name: REPO,
        defaultBranch: DEFAULT_BRANCH,
        headSha: repo.headSha,
        files: repo.files,
        prHeads: repo.prHeads,
        issues: repo.issues,
        pulls: repo.pulls,
        milestones: [
          { title: "v1.37", number: 37 },
          { title: "v1.38", number: 38 },
        ],
      },
    ],
    viewer: VIEWER,
    otherPulls: (_owner, _repo, number) => linkedPrState(number),
  };
}

/** Linked PRs of other repositories: a stable mix of merged, approved and waiting ones. */
function linkedPrState(number: number): FakePullState {
  const k = number % 4;
  if (k === 0) return { state: "MERGED", merged: true, labels: ["lgtm", "approved"] };
  if (k === 1) return { state: "OPEN", merged: false, labels: ["lgtm", "approved"] };
  return { state: "OPEN", merged: false, labels: k === 2 ? ["lgtm"] : [] };
}
