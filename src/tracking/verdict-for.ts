import type { ValidatedKep } from "../kep/validate.js";
import { type ReleaseWords, releaseWords } from "../release/release-words.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";
import type { Config } from "./config.js";
import { evaluate, type IssueInput } from "./evaluate.js";
import { exceptionDigestPart } from "./exception-verdict.js";
import type { ExceptionState } from "./exceptions.js";
import { type DigestParts, type FileRead, type KepReads, needsPrStates, type OpenKepPr } from "./kep-inputs.js";
import { readMarkers } from "./markers.js";
import type { IssueComment } from "./own-comments.js";
import type { PullRequestState } from "./pull-requests.js";
import { wordsDigestPart } from "./spoken.js";
import { isMentionLabelsKey, mentionForDigest, mentionsAsRead } from "./unlisted-prs.js";
import type { Verdict } from "./verdict.js";

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
};

/** The words of the deps: given (e.g. matched to the board's options), else the configured release's. */
export const wordsOf = (deps: Pick<EvaluationDeps, "config" | "words">): ReleaseWords => deps.words ?? configuredWords(deps.config);

// A sweep asks for the same configuration's words twice per issue: they are built once per configuration.
const wordsByConfig = new WeakMap<Config, { release: string; words: ReleaseWords }>();

function configuredWords(config: Config): ReleaseWords {
  const known = wordsByConfig.get(config);
  // Keyed by the configuration object; the release is checked too, in case a caller changed it in place.
  if (known && known.release === config.release) return known.words;
  const words = releaseWords(config.release, config.words);
  wordsByConfig.set(config, { release: config.release, words });
  return words;
}

/** What an issue's evaluation is computed from, beyond the files' texts: enough to tell whether it changed. */
export type InputsRead = { reads: KepReads; aliases: FileRead; branch: string };

/** The reason given to /untrack, carried over from the status comment. */
export const untrackReasonOf = (appStatusComments: IssueComment[]): string | null =>
  appStatusComments[0] ? readMarkers(appStatusComments[0].body).untrackReason : null;

/** What the digest of an issue's inputs is made of (see inputsDigest); the linked PRs' states count from code freeze on. */
export function digestPartsOf(
  deps: EvaluationDeps,
  issue: IssueInput,
  inputs: InputsRead,
  pullRequests: Record<string, PullRequestState> | null,
  untrackReason: string | null,
  exception?: ExceptionState,
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
  };
}

/** The evaluation of one issue from what was read; the reason of an /untrack is carried over from the status comment. */
export function verdictFor(
  deps: EvaluationDeps,
  issue: IssueInput,
  appStatusComments: IssueComment[],
  gathered: {
    kep: ValidatedKep | null;
    readme: string | null | undefined;
    openPrs: OpenKepPr[];
    pullRequests: Record<string, PullRequestState>;
  },
  inputs: InputsRead,
  untrack?: string | null,
  /** The board's exception for the KEP, when a board is configured. */
  exception?: ExceptionState,
): Verdict {
  const untrackReason = untrack !== undefined ? untrack : untrackReasonOf(appStatusComments);
  return evaluate({
    issue,
    ...gathered,
    settings: deps.config,
    deadlines: deps.deadlines,
    now: deps.now,
    repository: { ...deps.repo, branch: inputs.branch },
    untrackReason,
    digestParts: digestPartsOf(deps, issue, inputs, gathered.pullRequests, untrackReason, exception),
    words: wordsOf(deps),
    ...(exception ? { exception } : {}),
  });
}
