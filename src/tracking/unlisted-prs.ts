import { z } from "zod";
import type { IssueBody } from "./issue-body.js";
import { type PullRequestState, prKey } from "./pull-requests.js";

/**
 * The pull requests that mention a tracking issue (its timeline's
 * cross-references) but that its description does not list. The body's
 * checklist goes stale; the Enhancements team's own tooling finds a KEP's PRs
 * this way. Pure: the reads give the mentions, the evaluation lists them from
 * code freeze on so that the owners add them to the description or dismiss them.
 */

/** A pull request that mentions the issue, as its timeline gives it. */
export const MentioningPrSchema = z.object({
  owner: z.string(),
  repo: z.string(),
  number: z.number().int(),
  state: z.enum(["open", "closed", "merged"]),
  labels: z.array(z.string()),
});
export type MentioningPr = z.infer<typeof MentioningPrSchema>;

/** What kind of PR a mention is, by repository: the body's three lists. */
const KINDS = ["kep", "code", "docs"] as const;
export type UnlistedKind = (typeof KINDS)[number];

export const UnlistedPrSchema = MentioningPrSchema.extend({ kind: z.enum(KINDS), url: z.string() });
export type UnlistedPr = z.infer<typeof UnlistedPrSchema>;

/** At most this many are listed: a KEP mentioned by many PRs still gets a short comment. */
export const MAX_UNLISTED = 20;

/** The kind of a mention by its repository; null for a repository the release team does not track. */
function kindOf(pr: MentioningPr, tracked: { owner: string; repo: string } | undefined): UnlistedKind | null {
  if (sameRepo(pr, { owner: "kubernetes", repo: "kubernetes" })) return "code";
  if (sameRepo(pr, { owner: "kubernetes", repo: "website" })) return "docs";
  return tracked && sameRepo(pr, tracked) ? "kep" : null;
}

/** At most this many merged or closed PRs of the tracked repository have their files read per issue. */
export const MAX_MENTION_FILE_READS = 10;

/** Where a mention's files are read: apart from the linked PRs' states, which are read without files. */
export const mentionFilesKey = (pr: { owner: string; repo: string; number: number }): string => `files:${prKey(pr)}`;

const listedKeys = (body: IssueBody): Set<string> =>
  new Set([...body.allPrs, ...body.stages.flatMap((s) => [...s.prs.kep, ...s.prs.code, ...s.prs.docs, ...s.prs.other])].map(prKey));

const sameRepo = (pr: { owner: string; repo: string }, repo: { owner: string; repo: string }) =>
  `${pr.owner}/${pr.repo}`.toLowerCase() === `${repo.owner}/${repo.repo}`.toLowerCase();

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

/** Whether a PR's files change the KEP's directory or its PRR file. */
export function touchesKep(files: readonly string[], kepDir: string, number: number): boolean {
  const prr = new RegExp(`^keps/prod-readiness/[^/]+/0*${number}.yaml$`);
  return files.some((f) => f.startsWith(`${kepDir}/`) || prr.test(f));
}

/**
 * The mentions not listed anywhere in the body, by kind then number. A PR of
 * the tracked repository counts only when it changes the KEP's directory or
 * PRR file (`kepPrs`: the PRs whose files show it): PRs that sweep many KEPs
 * at once mention the issue too.
 */
export function unlistedPrs(opts: {
  mentions: readonly MentioningPr[];
  body: IssueBody;
  repository: { owner: string; repo: string } | undefined;
  kepPrs: ReadonlySet<number>;
}): UnlistedPr[] {
  const listed = listedKeys(opts.body);
  const seen = new Set<string>();
  const out: UnlistedPr[] = [];
  for (const pr of opts.mentions) {
    const key = prKey(pr);
    const kind = kindOf(pr, opts.repository);
    if (!kind || listed.has(key) || seen.has(key)) continue;
    if (kind === "kep" && !opts.kepPrs.has(pr.number)) continue;
    seen.add(key);
    out.push({ ...pr, kind, url: `https://github.com/${pr.owner}/${pr.repo}/pull/${pr.number}` });
  }
  out.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.number - b.number);
  return out.slice(0, MAX_UNLISTED);
}

const KIND_WORDS: Record<UnlistedKind, string> = { kep: "KEP (k/enhancements)", code: "Code (k/k)", docs: "Docs (k/website)" };

/** The labels the comment shows of an open PR (Prow's merge-ready pair). */
const READY_LABELS = ["lgtm", "approved"];

/**
 * A mention as far as the comment can show it, for the digest: only its
 * lgtm and approved labels, so that a k/k PR's other label changes do not
 * re-render every comment that lists it.
 */
export const mentionForDigest = (m: MentioningPr): MentioningPr => ({ ...m, labels: READY_LABELS.filter((l) => m.labels.includes(l)) });

/** "merged", "closed without merging", "open, lgtm, needs approved". */
export function stateWords(pr: PullRequestState): string {
  if (pr.state === "merged") return "merged";
  if (pr.state === "closed") return "closed without merging";
  const has = READY_LABELS.filter((l) => pr.labels.includes(l));
  const needs = READY_LABELS.filter((l) => !pr.labels.includes(l));
  return ["open", ...has, ...(needs.length ? [`needs ${needs.join(" and ")}`] : [])].join(", ");
}

/** The status comment's section for them, under the checklist; none when there are none. */
export function unlistedSection(prs: readonly UnlistedPr[]): string[] {
  if (!prs.length) return [];
  return [
    "**PRs that mention this issue but are not in its description** (add the ones that belong to this KEP under its stage, or ignore the rest):",
    ...prs.map((pr) => `- ${KIND_WORDS[pr.kind]}: ${pr.url} (${stateWords(pr)})`),
    "",
  ];
}
