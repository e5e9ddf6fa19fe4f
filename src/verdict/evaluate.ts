import type { DigestParts, OpenKepPr } from "../inputs/kep-reads.js";
import { mentionsAsRead } from "../inputs/mention-reads.js";
import { isStage, type Stage } from "../kep/kep-file.js";
import { PRR_DIR } from "../kep/prr-file.js";
import type { ValidatedKep } from "../kep/validate.js";
import { type IssueBody, parseIssueBody } from "../reading/issue-body.js";
import type { MentioningPr } from "../reading/mentions.js";
import { type PrRef, type PullRequestState, prKey } from "../reading/pull-requests.js";
import { formatDay } from "../release/dates.js";
import { releaseOf } from "../release/names.js";
import type { ReleaseWords } from "../release/release-words.js";
import { freezeName, instantsOf, phaseAt } from "../release/schedule.js";
import type { Deadline } from "../release/timeline.js";
import { dedupeBy } from "../util/dedupe.js";
import { type ChecklistInput, checklistUpTo } from "./checklist.js";
import { docsOfIssue, statusItems } from "./docs.js";
import type { DocsInput } from "./docs-input.js";
import { deadlinesWithException, NO_EXCEPTION, problemsWithException, statusWithException, verdictDeadline } from "./exception-effect.js";
import type { ExceptionState } from "./exceptions.js";
import { freezeAhead } from "./freeze-ahead.js";
import { type KepFacts, kepFacts } from "./kep-facts.js";
import { kepInOpenPr } from "./kep-in-pr.js";
import { checkTemplate, type KepTemplate } from "./readme-template.js";
import { stageAgreement } from "./stage-agreement.js";
import type { BoardStatus, ChecklistItem, Problem, Verdict } from "./types.js";
import { unlistedOf } from "./unlisted-prs.js";

/** The parts of the configuration the evaluation reads. */
export type TrackingSettings = {
  release: string;
  labels: { leadOptedIn: string; trackedYes: string; trackedNo: string; trackedOutOfTree: string; stagePrefix: string; sigPrefix: string };
};

export type IssueInput = {
  number: number;
  title: string;
  state: "open" | "closed";
  labels: string[];
  /** The milestone's title, e.g. "v1.37". */
  milestone: string | null;
  assignees: string[];
  body: string | null;
  /** The pull requests that mention the issue (its timeline's cross-references); listed from code freeze on when the body lacks them. */
  crossReferences?: MentioningPr[] | undefined;
};

export type TrackingInput = {
  issue: IssueInput;
  /** The KEP as merged on the default branch, or null if none has this issue's number. */
  kep: ValidatedKep | null;
  /** The KEP's README.md; undefined when not read. */
  readme?: string | null;
  /** The KEP template of the same commit, parsed; absent, the README check looks for the two headings of old. */
  template?: KepTemplate | undefined;
  openPrs: OpenKepPr[];
  /** States of the PRs the issue body links, by "owner/repo#N". */
  pullRequests: Record<string, PullRequestState>;
  settings: TrackingSettings;
  deadlines: Record<Deadline, { at: Date; approximate: boolean }>;
  now: Date;
  /** For links in the comment. */
  repository?: { owner: string; repo: string; branch: string };
  /** The reason given to /untrack, shown while the issue is removed from the milestone. */
  untrackReason?: string | null;
  /**
   * What the digest of these inputs is made of; the evaluation digests it with
   * the labels its plan leaves, and keeps the digest hidden in the comment.
   */
  digestParts?: DigestParts;
  /** The exception the release board records for this KEP (exceptions.ts); none when absent. */
  exception?: ExceptionState;
  /** The words the comment speaks (release-words.ts); the evaluation's own (pre-v1.38) words when absent. */
  words?: ReleaseWords;
  /** What was read of kubernetes/website and said about the KEP's docs (docs.ts); absent, the body and mentions alone. */
  docs?: DocsInput | undefined;
};

const stripAt = (login: string) => login.replace(/^@/, "").trim();

/** "Tracked for code freeze" / "At risk for code freeze"; after docs freeze the docs freeze status holds. */
export function boardStatus(freeze: Deadline, ok: boolean): BoardStatus {
  const f = freeze === "release" ? "docs-freeze" : freeze;
  // The board's words are "<Tracked|At risk> for <freeze name>"; BOARD_STATUSES lists each, and a test checks every freeze against it.
  return `${ok ? "Tracked" : "At risk"} for ${freezeName(f)}` as BoardStatus;
}

/**
 * Where a tracking issue stands for the coming freeze, and what should change. Pure.
 * The verdict describes the issue as it will be once the plan's label changes
 * are made, so that fixing a label does not call for a second edit. The plan's
 * comment is left to the status comment's renderer (render/status-comment.ts).
 */
export function evaluate(input: TrackingInput): Verdict {
  // The body is the same for both label sets: parse it once (it is much of an evaluation's time).
  const body = parseIssueBody(input.issue.body);
  const { addLabels, removeLabels } = plannedLabels(input);
  const labels =
    addLabels.length || removeLabels.length
      ? [...input.issue.labels.filter((l) => !removeLabels.includes(l)), ...addLabels]
      : input.issue.labels;
  const verdict = evaluateLabels(labels === input.issue.labels ? input : { ...input, issue: { ...input.issue, labels } }, body);
  return { ...verdict, plan: { addLabels, removeLabels, comment: null } };
}

/** The label changes the issue as it is calls for. */
function plannedLabels(input: TrackingInput): { addLabels: string[]; removeLabels: string[] } {
  const facts = labelFacts(input);
  const { ownFacts } = stageFacts(input, facts.labels);
  return labelPlan(input, ownFacts?.targetsRelease ? ownFacts.stage : null, facts.labels);
}

/** What the issue's labels and milestone say, before anything is read of the KEP. */
type LabelFacts = {
  labels: Set<string>;
  optedIn: boolean;
  milestoneSet: boolean;
  trackedLabels: Array<readonly [string, "yes" | "no" | "out-of-tree"]>;
  tracked: Verdict["tracked"];
  inRelease: boolean;
};

function labelFacts(input: TrackingInput): LabelFacts {
  const { release, labels: L } = input.settings;
  const labels = new Set(input.issue.labels);
  const optedIn = labels.has(L.leadOptedIn);
  const milestoneSet = input.issue.milestone === release;
  const trackedLabels = (
    [
      [L.trackedYes, "yes"],
      [L.trackedNo, "no"],
      [L.trackedOutOfTree, "out-of-tree"],
    ] as const
  ).filter(([name]) => labels.has(name));
  const tracked =
    trackedLabels.length === 1 ? trackedLabels[0]![1] : (trackedLabels.find(([, t]) => t === "no")?.[1] ?? trackedLabels[0]?.[1] ?? null);
  const inRelease = milestoneSet || optedIn || tracked === "yes" || tracked === "out-of-tree";
  return { labels, optedIn, milestoneSet, trackedLabels, tracked, inRelease };
}

/** The stage this release is about, and where it was read. */
type StageFacts = {
  stage: Stage | null;
  stageSource: Verdict["stageSource"];
  /** The merged kep.yaml's facts for the release, before the stage is known. */
  ownFacts: KepFacts | null;
  /** An open PR's kep.yaml that targets the release with a stage. */
  pendingTarget: KepFacts | null;
  stageLabels: string[];
};

/** The stage: kep.yaml when it targets the release, else an open PR's, else the label. */
function stageFacts(input: TrackingInput, labels: Set<string>): StageFacts {
  const { release, labels: L } = input.settings;
  const ownFacts = input.kep ? kepFacts(input.kep, release) : null;
  const prFacts = input.openPrs.map((pr) => (pr.kep ? kepFacts(pr.kep, release) : null));
  const pendingTarget = prFacts.find((f) => f?.targetsRelease && f.stage) ?? null;
  const stageLabels = [...labels].filter((l) => l.startsWith(L.stagePrefix)).map((l) => l.slice(L.stagePrefix.length));
  const onlyLabel = stageLabels.length === 1 ? stageLabels[0] : undefined;
  const labelStage = isStage(onlyLabel) ? onlyLabel : null;
  let stage: Stage | null = null;
  let stageSource: Verdict["stageSource"] = null;
  if (ownFacts?.targetsRelease && ownFacts.stage) [stage, stageSource] = [ownFacts.stage, "kep.yaml"];
  else if (pendingTarget?.stage) [stage, stageSource] = [pendingTarget.stage, "pull request"];
  else if (labelStage) [stage, stageSource] = [labelStage, "label"];
  return { stage, stageSource, ownFacts, pendingTarget, stageLabels };
}

/** Everything the checklist looks at: every version of the KEP judged for the stage, and the PRs the body lists for it. */
function checklistInputOf(input: TrackingInput, body: IssueBody, facts: LabelFacts, stage: Stage | null): ChecklistInput {
  const { release, labels: L } = input.settings;
  const merged = input.kep ? kepFacts(input.kep, release, stage) : null;
  const pending = input.openPrs.map((pr) => ({
    number: pr.number,
    facts: pr.kep ? kepFacts(pr.kep, release, stage) : null,
    touchesKep: pr.files.some((f) => /\/(README\.md|kep\.yaml)$/.test(f) && !f.startsWith(PRR_DIR)),
  }));
  const forStage = body.stages.filter((s) => s.stage === stage && (s.milestone === null || s.milestone === release));
  const collect = (pick: (s: (typeof body.stages)[number]) => PrRef[]) => dedupe(forStage.flatMap(pick));
  const codePrs = collect((s) => s.prs.code);
  const docsPrs = collect((s) => s.prs.docs);
  return {
    release,
    stage,
    optedIn: facts.optedIn,
    milestoneSet: facts.milestoneSet,
    leadOptedInLabel: L.leadOptedIn,
    outOfTree: facts.tracked === "out-of-tree",
    merged,
    pending,
    readme: input.readme,
    readmeCheck: typeof input.readme === "string" && input.template ? checkTemplate(input.readme, input.template, stage) : null,
    codePrs: codePrs.length || forStage.length ? codePrs : dedupe(body.allPrs.filter((p) => p.repo === "kubernetes")),
    docsPrs: docsPrs.length || forStage.length ? docsPrs : dedupe(body.allPrs.filter((p) => p.repo === "website")),
    pullRequests: input.pullRequests,
  };
}

/** The owners the comment greets: the assignees, else kep.yaml's authors. */
function ownersOf(input: TrackingInput): { owners: string[]; ownersSource: Verdict["ownersSource"] } {
  const { assignees } = input.issue;
  const owners = assignees.length ? assignees.map(stripAt) : (input.kep?.metadata.authors ?? []).map(stripAt).filter(Boolean);
  return { owners, ownersSource: assignees.length ? "assignees" : owners.length ? "authors" : null };
}

/** What is wrong with the issue or its KEP, in the words the comment shows. */
function problemsOf(
  input: Pick<TrackingInput, "issue" | "settings" | "kep" | "deadlines" | "now" | "words">,
  facts: LabelFacts,
  stages: StageFacts,
  merged: KepFacts | null,
  owners: string[],
  missed: Deadline | null,
): Problem[] {
  const { issue } = input;
  const { release, labels: L } = input.settings;
  const { stage, stageSource, ownFacts, pendingTarget, stageLabels } = stages;
  const { inRelease, optedIn, milestoneSet, trackedLabels, tracked } = facts;
  const milestone = issue.milestone;
  const problems: Problem[] = [];
  const problem = (id: Problem["id"], message: string) => problems.push({ id, message });
  if (inRelease) {
    if (!owners.length) problem("missing-owners", "No owner: assign the KEP's owners to this issue, or list them as authors in kep.yaml.");
    if (!input.kep)
      problem(
        "kep-not-found",
        `No kep.yaml has kep-number ${issue.number}: link the KEP in the issue description and check its kep-number.`,
      );
    if (!stage || !(ownFacts?.targetsRelease || pendingTarget)) {
      problem(
        "missing-deadlines",
        `Nothing says which freezes apply: kep.yaml needs \`stage\` and \`latest-milestone: "${release}"\` (merged, or in an open PR).`,
      );
    }
  }
  if (merged?.errors.length)
    problem("kep-invalid", `${merged.path} fails upstream CI (${merged.errors.length} error${merged.errors.length > 1 ? "s" : ""}).`);
  if (stageLabels.length > 1)
    problem(
      "stage-label-mismatch",
      `The issue has ${stageLabels.length} stage labels (${stageLabels.map((s) => L.stagePrefix + s).join(", ")}); it should have one.`,
    );
  else if (stageLabels.length === 1 && stageSource !== "label" && stage && stageLabels[0] !== stage) {
    problem("stage-label-mismatch", `The label says ${L.stagePrefix}${stageLabels[0]} but ${stageSource} says stage ${stage}.`);
  }
  const kepRelease = ownFacts?.targetsRelease || pendingTarget ? release : releaseOf(input.kep?.metadata.latestMilestone);
  if (milestone && kepRelease && releaseOf(milestone) !== kepRelease) {
    problem("milestone-mismatch", `The issue's milestone is ${milestone} but kep.yaml's latest-milestone is ${kepRelease}.`);
  }
  if (optedIn && !milestone)
    problem(
      "opted-in-without-milestone",
      `Opted in with \`${L.leadOptedIn}\` but no milestone: a milestone maintainer comments \`/milestone ${release}\`.`,
    );
  if (milestoneSet && !optedIn)
    problem("milestone-without-opt-in", `In milestone ${release} without \`${L.leadOptedIn}\`: a lead of the owning SIG adds it.`);
  if (trackedLabels.length > 1)
    problem("conflicting-tracked-labels", `The issue has ${trackedLabels.map(([n]) => n).join(" and ")}; the release team keeps one.`);
  if (tracked === "no" && milestoneSet)
    problem(
      "untracked-in-milestone",
      `The issue has ${L.trackedNo} but is in milestone ${release}: the release team removes the milestone or the label.`,
    );
  if (issue.state === "closed" && (tracked === "yes" || milestoneSet))
    problem(
      "tracked-but-closed",
      `The issue is closed but still ${tracked === "yes" ? L.trackedYes : `in milestone ${release}`}: reopen it or untrack it.`,
    );
  if (inRelease && missed && tracked !== "no") {
    const on = formatDay(input.deadlines[missed].at);
    // After release day no exception can bring the KEP back: there is nothing left to ask for.
    const released = input.now >= input.deadlines.release.at;
    problem(
      "missed-freeze",
      `${input.words?.freezes[missed].name ?? freezeName(missed)} passed on ${on} with items unmet: ` +
        (released ? `the KEP did not make ${release}.` : `without an exception the release team removes the KEP from ${release}.`),
    );
  }
  return problems;
}

/** The board status: removed, deferred, or tracked / at risk for the next (or the missed) freeze. */
function statusOf(
  input: TrackingInput,
  facts: LabelFacts,
  checklist: ChecklistItem[],
  next: Deadline | null,
  missed: Deadline | null,
): BoardStatus | null {
  if (facts.tracked === "no") return "Removed from milestone";
  if (!facts.inRelease) return null;
  if (input.kep?.metadata.status === "deferred") return "Deferred";
  return missed
    ? boardStatus(missed, false)
    : boardStatus(
        next ?? "docs-freeze",
        checklist.every((i) => i.done),
      );
}

function evaluateLabels(read: TrackingInput, body: IssueBody): Verdict {
  // A new KEP in open PRs only is judged on the newest of them.
  const inPr = kepInOpenPr(read.kep !== null, read.openPrs);
  const input = inPr.openPrs === read.openPrs ? read : { ...read, openPrs: inPr.openPrs };
  const { issue, settings, now } = input;
  const facts = labelFacts(input);
  const stages = stageFacts(input, facts.labels);
  const exception = input.exception ?? NO_EXCEPTION;
  const deadlines = deadlinesWithException(input.deadlines, exception);
  const instants = instantsOf(deadlines);
  const { phase, next } = phaseAt(instants, now);
  const mentions = mentionsAsRead(input.issue.crossReferences ?? [], input.pullRequests);
  const docs = docsOfIssue({
    release: settings.release,
    body,
    mentions,
    pullRequests: input.pullRequests,
    now,
    input: input.docs,
    inRelease: facts.inRelease,
    phase,
    deadlines,
  }).docs;
  const checklistInput = { ...checklistInputOf(input, body, facts, stages.stage), docs };
  const { checklist, missed } = checklistUpTo(next, checklistInput);
  const { owners, ownersSource } = ownersOf(input);
  const problems = problemsWithException(
    [
      ...problemsOf(
        { issue, settings, kep: input.kep, deadlines, now, words: input.words },
        facts,
        stages,
        checklistInput.merged,
        owners,
        missed,
      ).filter((p) => !(inPr.pr && p.id === "kep-not-found")),
      ...inPr.problems,
      ...stageAgreement(body, stages.stage, stages.stageSource === "kep.yaml", settings.release),
    ],
    missed,
    exception,
  );
  const status = statusWithException(statusOf(input, facts, statusItems(checklist, docs, next), next, missed), exception);
  const deadlineAt = next ? deadlines[next] : null;
  return {
    issue: issue.number,
    release: settings.release,
    inRelease: facts.inRelease,
    tracked: facts.tracked,
    stage: stages.stage,
    stageSource: stages.stageSource,
    phase,
    freeze: next,
    deadline: deadlineAt ? verdictDeadline(deadlineAt, now, exception) : null,
    status,
    checklist,
    owners,
    ownersSource,
    problems,
    kepPath: input.kep?.report.path ?? null,
    ...(inPr.pr ? { kepPr: inPr.pr } : {}),
    ...(facts.inRelease && !missed ? freezeAhead(next, checklistInput, checklist) : {}),
    ...unlistedOf(input, body),
    ...(docs ? { docs } : {}),
    plan: { addLabels: [], removeLabels: [], comment: null },
  };
}

const dedupe = (prs: PrRef[]): PrRef[] => dedupeBy(prs, prKey);

/**
 * The labels kep-tracker manages: the stage label follows kep.yaml when the
 * merged KEP targets this release (Prow knows only alpha, beta and stable),
 * and the owning SIG's label is added when the issue has no SIG label at all.
 */
function labelPlan(input: TrackingInput, kepStage: Stage | null, labels: Set<string>): { addLabels: string[]; removeLabels: string[] } {
  const { stagePrefix, sigPrefix } = input.settings.labels;
  const add: string[] = [];
  const remove: string[] = [];
  if (kepStage && ["alpha", "beta", "stable"].includes(kepStage)) {
    const want = `${stagePrefix}${kepStage}`;
    if (!labels.has(want)) add.push(want);
    for (const l of labels) if (l.startsWith(stagePrefix) && l !== want) remove.push(l);
  }
  const owningSig = input.kep?.metadata.owningSig;
  if (owningSig?.startsWith("sig-") && ![...labels].some((l) => l.startsWith(sigPrefix))) add.push(`${sigPrefix}${owningSig.slice(4)}`);
  return { addLabels: add.sort(), removeLabels: remove.sort() };
}
