import type { IssueBody } from "../reading/issue-body.js";
import { listedKeys, type MentioningPr, READY_LABELS, sameRepo } from "../reading/mentions.js";
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
