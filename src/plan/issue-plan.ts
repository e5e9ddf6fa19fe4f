import type { Config } from "../config/config.js";
import { type DigestParts, type FileRead, inputsDigest, type KepReads, needsPrStates, type OpenKepPr } from "../inputs/kep-reads.js";
import { isMentionLabelsKey, mentionForDigest, mentionsAsRead } from "../inputs/mention-reads.js";
import type { ValidatedKep } from "../kep/validate.js";
import { readMarkers } from "../reading/markers.js";
import type { IssueComment } from "../reading/own-comments.js";
import type { PullRequestState } from "../reading/pull-requests.js";
import { type ReleaseWords, releaseWords } from "../release/release-words.js";
import { instantsOf, phaseAt } from "../release/schedule.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import { renderComment } from "../render/status-comment.js";
import { type DocsInput, docsDigestPart, docsMark } from "../verdict/docs-input.js";
import { evaluate, type IssueInput, type TrackingInput } from "../verdict/evaluate.js";
import { exceptionDigestPart, NO_EXCEPTION } from "../verdict/exception-effect.js";
import type { ExceptionState } from "../verdict/exceptions.js";
import { type KepTemplate, parseTemplate } from "../verdict/readme-template.js";
import { wordsDigestPart } from "../verdict/status-words.js";
import type { Verdict } from "../verdict/types.js";

/**
 * One issue's evaluation from what was read, the same for a webhook event and
 * the sweep: whether it is in scope, what its digest is, and its verdict. Pure.
 */

/** Whether an issue's labels and milestone put it in the release's scope at all. */
export function inScope(config: Config, labels: string[], milestone: string | null): boolean {
  const L = config.labels;
  return milestone === config.release || [L.leadOptedIn, L.trackedYes, L.trackedNo, L.trackedOutOfTree].some((l) => labels.includes(l));
}

export type EvaluationDeps = { config: Config; deadlines: Record<Deadline, ParsedDeadline>; now: Date } & {
  repo: { owner: string; repo: string };
} & {
  /** The words the comment speaks; by default the release's with the configuration's `words:`. */
  words?: ReleaseWords;
  /** The run's reader of the KEP template (a sweep parses it once); by default it is parsed for the issue. */
  templates?: (text: string) => KepTemplate;
};

/** The words of the deps: given (e.g. matched to the board's options), else the configured release's. */
export const wordsOf = (deps: Pick<EvaluationDeps, "config" | "words">): ReleaseWords =>
  deps.words ?? releaseWords(deps.config.release, deps.config.words);

/** What an issue's evaluation is computed from, beyond the files' texts: enough to tell whether it changed. */
export type InputsRead = { reads: KepReads; aliases: FileRead; branch: string };

/** The reason given to /untrack, carried over from the status comment. */
export const untrackReasonOf = (appStatusComments: IssueComment[]): string | null =>
  appStatusComments[0] ? readMarkers(appStatusComments[0].body).untrackReason : null;

/** The reason given to `/kep-docs none`, carried over from the status comment. */
export const docsNoneOf = (appStatusComments: IssueComment[]): string | null =>
  appStatusComments[0] ? (readMarkers(appStatusComments[0].body).docsNone ?? null) : null;

/** What the digest of an issue's inputs is made of (see inputsDigest); the linked PRs' states count from code freeze on. */
export function digestPartsOf(
  deps: EvaluationDeps,
  issue: IssueInput,
  inputs: InputsRead,
  pullRequests: Record<string, PullRequestState> | null,
  untrackReason: string | null,
  exception?: ExceptionState,
  docs?: DocsInput,
): DigestParts {
  const counts = needsPrStates(deps.deadlines, deps.now);
  // An open mention's labels count only as far as the comment shows them (its mention, below).
  const linked = inputs.reads.prs.filter((p) => !isMentionLabelsKey(p.key));
  const prStates = counts ? Object.fromEntries(linked.map((p) => [p.key, pullRequests?.[p.key] ?? null])) : null;
  return {
    issue: {
      number: issue.number,
      title: issue.title,
      state: issue.state,
      milestone: issue.milestone,
      assignees: issue.assignees,
      body: issue.body,
    },
    reads: inputs.reads,
    aliases: inputs.aliases,
    prStates,
    settings: { release: deps.config.release, labels: deps.config.labels },
    deadlines: deps.deadlines,
    now: deps.now,
    branch: inputs.branch,
    untrackReason,
    // The PRs that mention the issue are inputs from code freeze on, when the comment lists them.
    mentions: counts ? mentionsAsRead(issue.crossReferences ?? [], pullRequests ?? {}).map(mentionForDigest) : null,
    exception: exceptionDigestPart(exception),
    words: wordsDigestPart(wordsOf(deps)),
    docs: docsDigestPart({
      deadlines: deps.deadlines,
      now: deps.now,
      input: docs,
      phase: phaseAt(instantsOf(deps.deadlines), deps.now).phase,
    }),
  };
}

/** What one issue's evaluation is made from, beyond the run's deps. */
export type IssueRead = {
  issue: IssueInput;
  /** The App's status comments on the issue; the first carries the markers read back. */
  appStatusComments: IssueComment[];
  gathered: {
    kep: ValidatedKep | null;
    readme: string | null | undefined;
    template?: string | undefined;
    openPrs: OpenKepPr[];
    pullRequests: Record<string, PullRequestState>;
  };
  inputs: InputsRead;
  /** The /untrack reason an event gives; absent, the one the status comment carries. */
  untrack?: string | null | undefined;
  /** The board's exception for the KEP, when a board is configured. */
  exception?: ExceptionState | undefined;
  /** What was read of kubernetes/website for the KEP's docs (the sweep's listing), and said about them. */
  docs?: DocsInput | undefined;
};

/** The evaluation of one issue from what was read; the reason of an /untrack is carried over from the status comment. */
export function verdictFor(deps: EvaluationDeps, read: IssueRead): Verdict {
  const { issue, gathered, inputs, exception, docs } = read;
  const untrackReason = read.untrack !== undefined ? read.untrack : untrackReasonOf(read.appStatusComments);
  return planIssue({
    issue,
    ...gathered,
    template: gathered.template === undefined ? undefined : (deps.templates ?? parseTemplate)(gathered.template),
    settings: deps.config,
    deadlines: deps.deadlines,
    now: deps.now,
    repository: { ...deps.repo, branch: inputs.branch },
    untrackReason,
    digestParts: digestPartsOf(deps, issue, inputs, gathered.pullRequests, untrackReason, exception, docs),
    words: wordsOf(deps),
    ...(exception ? { exception } : {}),
    docs,
  });
}

/**
 * The verdict with its plan complete: the status comment rendered for the issue as the plan's
 * label changes leave it (a tracked issue only; none for an issue out of the release).
 */
export function planIssue(input: TrackingInput): Verdict {
  const verdict = evaluate(input);
  if (!verdict.status) return verdict;
  const { addLabels, removeLabels } = verdict.plan;
  const labels = [...input.issue.labels.filter((l) => !removeLabels.includes(l)), ...addLabels];
  const comment = renderComment(verdict, {
    kep: input.kep,
    repository: input.repository,
    untrackReason: input.untrackReason ?? null,
    inputs: input.digestParts ? inputsDigest(input.digestParts, labels) : null,
    words: input.words,
    exception: input.exception ?? NO_EXCEPTION,
    docsMark: docsMark(input.docs),
    docsNone: input.docs?.none ?? null,
  });
  return { ...verdict, plan: { ...verdict.plan, comment } };
}
