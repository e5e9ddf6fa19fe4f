import type { IssueBody } from "../reading/issue-body.js";
import { kindOf, listedKeys, MAX_UNLISTED, type MentioningPr, READY_LABELS, sameRepo } from "../reading/mentions.js";
import type { PullRequestState } from "../reading/pull-requests.js";
import { prKey } from "../reading/pull-requests.js";

/** At most this many merged or closed PRs of the tracked repository have their files read per issue. */
export const MAX_MENTION_FILE_READS = 10;

/** Where a mention's files are read: apart from the linked PRs' states, which are read without files. */
export const mentionFilesKey = (pr: { owner: string; repo: string; number: number }): string => `files:${prKey(pr)}`;

/**
 * The merged or closed PRs of the tracked repository that mention the issue
 * and are not in its body: their files tell whether they change the KEP (an
 * open PR's files are known from the open-PR listing). Read in the file
 * query the evaluation makes anyway, so no request is added.
 */
export function mentionFileReads(mentions: readonly MentioningPr[], body: IssueBody, repository: { owner: string; repo: string }) {
  const listed = listedKeys(body);
  const wanted = mentions.filter((m) => m.state !== "open" && sameRepo(m, repository) && !listed.has(prKey(m)));
  const reads = wanted.map((m) => ({ key: mentionFilesKey(m), owner: m.owner, repo: m.repo, number: m.number, withFiles: true as const }));
  return [...new Map(reads.map((r) => [r.key, r])).values()].slice(0, MAX_MENTION_FILE_READS);
}

/**
 * A mention as far as the comment can show it, for the digest: only its
 * lgtm and approved labels, so that a k/k PR's other label changes do not
 * re-render every comment that lists it.
 */
export const mentionForDigest = (m: MentioningPr): MentioningPr => ({ ...m, labels: READY_LABELS.filter((l) => m.labels.includes(l)) });

/** Where an open mention's labels are read (the timeline does not give them): apart from a linked PR's state. */
export const mentionLabelsKey = (pr: { owner: string; repo: string; number: number }): string => `labels:${prKey(pr)}`;
export const isMentionLabelsKey = (key: string): boolean => key.startsWith("labels:");

/**
 * The open PRs that mention the issue, of the repositories the comment lists, and that the body
 * does not list: their labels (lgtm, approved) are read with the linked PRs' states, in the
 * query the evaluation makes anyway. At most as many as the comment shows.
 */
export function mentionLabelReads(mentions: readonly MentioningPr[], body: IssueBody, repository: { owner: string; repo: string }) {
  const listed = listedKeys(body);
  const wanted = mentions.filter((m) => m.state === "open" && kindOf(m, repository) && !listed.has(prKey(m)));
  const reads = wanted.map((m) => ({ key: mentionLabelsKey(m), owner: m.owner, repo: m.repo, number: m.number }));
  return [...new Map(reads.map((r) => [r.key, r])).values()].slice(0, MAX_UNLISTED);
}

/** The mentions with the labels read for them, where they were. */
export function mentionsAsRead(
  mentions: readonly MentioningPr[],
  pullRequests: Readonly<Record<string, PullRequestState>>,
): MentioningPr[] {
  return mentions.map((m) => {
    const read = pullRequests[mentionLabelsKey(m)];
    return read ? { ...m, labels: read.labels } : m;
  });
}
