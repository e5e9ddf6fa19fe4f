import { createHash } from "node:crypto";
import { parsePrrApprovers } from "../kep/approvers.js";
import { findKeps } from "../kep/layout.js";
import { PRR_DIR, prrNumberOf } from "../kep/prr-file.js";
import { TEMPLATE_README } from "../kep/readme-sections.js";
import type { NodeApproverContext } from "../kep/sig-node/findings.js";
import { type ValidatedKep, validateKep } from "../kep/validate.js";
import { parseIssueBody } from "../reading/issue-body.js";
import type { MentioningPr } from "../reading/mentions.js";
import { type OpenPullRequest, type PullRequestState, prKey } from "../reading/pull-requests.js";
import { instantsOf, phaseAt, timeLeft } from "../release/schedule.js";
import { DEADLINES, type Deadline } from "../release/timeline.js";
import { mentionFileReads, mentionLabelReads } from "./mention-reads.js";

/**
 * What the evaluation of one tracking issue needs from the repository, and
 * how the files read come together into its inputs. Pure: the webhook path
 * reads one issue's files, the sweep reads many issues' files in batches,
 * and both evaluate the same inputs, so they never disagree.
 */

/** A file of the default branch from the tree listing: its blob id lets a cache skip reading it again. */
export type TreeFile = { path: string; sha: string; size: number };

/** An open pull request that touches the KEP's directory or its PRR file. */
export type OpenKepPr = {
  number: number;
  url: string;
  files: string[];
  /** The KEP as at the PR's head, when the PR changes kep.yaml or the PRR file. */
  kep: ValidatedKep | null;
};

/** A file at a commit, read by its "<commit>:<path>" expression; `oid` and `size` when the tree gave them. */
export type FileRead = { key: string; expression: string; oid?: string; size?: number };
export type PrStateRead = { key: string; owner: string; repo: string; number: number; withFiles?: boolean };

export type KepReads = {
  number: number;
  headSha: string;
  kepFile: string | null;
  files: FileRead[];
  prs: PrStateRead[];
  touching: OpenPullRequest[];
};

/**
 * The tree listing arranged for lookups by KEP number, built once per
 * listing: a sweep looks up thousands of issues in the same tree.
 */
export type TreeIndex = {
  files: Map<string, TreeFile>;
  kepFiles: Set<string>;
  /** The kep.yaml of each `<N>-slug` directory (leading zeros allowed, one level deeper included). */
  kepByNumber: Map<number, string>;
  /** keps/prod-readiness/<sig>/<N>.yaml, every SIG's. */
  prrByNumber: Map<number, string[]>;
};

export function indexTree(tree: TreeFile[]): TreeIndex {
  const files = new Map(tree.map((f) => [f.path, f]));
  const kepFiles = findKeps(tree.map((f) => f.path)).kepFiles;
  const kepByNumber = new Map<number, string>();
  for (const p of kepFiles) {
    const m = /\/(\d+)-[^/]+\/kep\.yaml$/.exec(p);
    if (m && !kepByNumber.has(Number(m[1]))) kepByNumber.set(Number(m[1]), p);
  }
  const prrByNumber = new Map<number, string[]>();
  for (const f of tree) {
    const n = prrNumberOf(f.path);
    if (n !== null) prrByNumber.set(n, [...(prrByNumber.get(n) ?? []), f.path]);
  }
  return { files, kepFiles: new Set(kepFiles), kepByNumber, prrByNumber };
}

/** The KEP directory of issue N: `<N>-slug` (leading zeros allowed), one level deeper included. */
export function kepFileFor(index: TreeIndex, number: number): string | null {
  return index.kepByNumber.get(number) ?? null;
}

/** The open PRs by the directories and PRR files they touch, built once per set of PRs. */
export type OpenPrIndex = {
  touching: (kepDir: string, number: number) => OpenPullRequest[];
  /** The kep.yaml of a `<N>-slug` directory that open PRs carry, and those PRs, newest first. */
  adding: (number: number) => { kepFile: string; prs: OpenPullRequest[] } | null;
  /** The kep.yaml that open PR `pr` adds, whatever number its directory carries. */
  addedBy: (pr: number) => string | null;
};

const KEP_DIR_FILE = /^keps\/(?:[^/]+\/){1,2}0*(\d+)-[^/]+\/kep\.yaml$/;

export function indexOpenPrs(prs: OpenPullRequest[]): OpenPrIndex {
  const byDir = new Map<string, Set<OpenPullRequest>>();
  const byPrr = new Map<number, Set<OpenPullRequest>>();
  const byNumber = new Map<number, Map<string, Set<OpenPullRequest>>>();
  const byPr = new Map<number, Set<string>>();
  const add = <K>(map: Map<K, Set<OpenPullRequest>>, key: K, pr: OpenPullRequest) => map.set(key, (map.get(key) ?? new Set()).add(pr));
  for (const pr of prs) {
    for (const f of pr.files) {
      const prr = prrNumberOf(f);
      if (prr !== null) add(byPrr, prr, pr);
      const n = KEP_DIR_FILE.exec(f)?.[1];
      if (n) {
        const files = byNumber.get(Number(n)) ?? byNumber.set(Number(n), new Map()).get(Number(n))!;
        add(files, f, pr);
        byPr.set(pr.number, (byPr.get(pr.number) ?? new Set()).add(f));
      }
      // Every directory above the file, so that a KEP directory at any depth finds it.
      for (let i = f.indexOf("/"); i > 0; i = f.indexOf("/", i + 1)) add(byDir, f.slice(0, i), pr);
    }
  }
  return {
    touching: (dir, number) => {
      // By number: the webhook and the sweep list open PRs in different orders, and must agree.
      return [...new Set([...(byDir.get(dir) ?? []), ...(byPrr.get(number) ?? [])])].sort((a, b) => a.number - b.number);
    },
    adding: (number) => {
      // The newest PR's directory, when two PRs name the KEP's directory differently.
      const found = [...(byNumber.get(number) ?? [])].map(([kepFile, prs]) => ({
        kepFile,
        prs: [...prs].sort((a, b) => b.number - a.number),
      }));
      return found.sort((a, b) => b.prs[0]!.number - a.prs[0]!.number)[0] ?? null;
    },
    // A PR that adds several KEPs says nothing about which one is this issue's.
    addedBy: (pr) => {
      const added = [...(byPr.get(pr) ?? [])];
      return added.length === 1 ? added[0]! : null;
    },
  };
}

const at = (sha: string, path: string) => `${sha}:${path}`;

export const ALIASES_FILE = "OWNERS_ALIASES";

/**
 * The reads for issue `number`: its kep.yaml, README.md and PRR files on the
 * default branch, the same files in open PRs that touch them, and the states
 * of the PRs its body links (up to 50). `kepFile` is where the KEP was found.
 */
export function kepReads(opts: {
  number: number;
  headSha: string;
  index: TreeIndex;
  kepFile: string | null;
  openPrs: OpenPrIndex;
  body: string | null;
  linkedPrs?: boolean;
  /**
   * The PRs that mention the issue, and the repository tracked: the merged or closed ones of it not in the body have their
   * files read, the open ones their labels.
   */
  mentions?: { prs: readonly MentioningPr[]; repository: { owner: string; repo: string } };
}): KepReads {
  const { number, headSha, index, kepFile } = opts;
  const dir = kepFile?.replace(/\/kep\.yaml$/, "") ?? null;
  // The PRR path needs owning-sig, which is inside kep.yaml: ask for every <sig>/<N>.yaml there is.
  const prrFiles = index.prrByNumber.get(number) ?? [];
  const touching = dir ? opts.openPrs.touching(dir, number) : [];

  const files: FileRead[] = [];
  const seen = new Set<string>();
  const add = (sha: string, path: string) => {
    const key = at(sha, path);
    if (seen.has(key)) return;
    seen.add(key);
    const entry = sha === headSha ? index.files.get(path) : undefined;
    files.push({ key, expression: key, ...(entry ? { oid: entry.sha, size: entry.size } : {}) });
  };
  if (kepFile && dir) {
    for (const p of [kepFile, `${dir}/README.md`, ...prrFiles, ...ownersAt(index, dir), ...templateAt(index)]) add(headSha, p);
    // A KEP only in open PRs: its README too, for the template check and the questionnaire.
    const readme = index.files.has(kepFile) ? [] : [`${dir}/README.md`];
    for (const pr of touching) {
      const own = pr.files.filter((f) => f.startsWith(PRR_DIR) || f === `${dir}/OWNERS` || readme.includes(f));
      for (const p of [kepFile, ...prrFiles, ...own]) add(pr.headSha, p);
    }
  }
  const linked = new Map<string, PrStateRead>();
  // Parsed only when PRs are read: the body is much of a sweep's time before code freeze.
  const body = opts.linkedPrs === false ? null : parseIssueBody(opts.body);
  for (const s of body?.stages ?? []) {
    for (const pr of [...s.prs.code, ...s.prs.docs]) {
      const key = prKey(pr);
      if (linked.size < 50) linked.set(key, { key, owner: pr.owner, repo: pr.repo, number: pr.number });
    }
  }
  const mentions = body && opts.mentions;
  const mentioned = !mentions ? [] : mentionLabelReads(mentions.prs, body, mentions.repository);
  if (mentions && dir) mentioned.push(...mentionFileReads(mentions.prs, body, mentions.repository));
  return { number, headSha, kepFile, files, prs: [...linked.values(), ...mentioned], touching };
}

/**
 * The KEP directory's OWNERS file, when the listing has one: SIG Node's
 * approver check reads it, and without it would report "OWNERS file not found".
 */
const ownersAt = (index: TreeIndex, dir: string): string[] => (index.files.has(`${dir}/OWNERS`) ? [`${dir}/OWNERS`] : []);

/** The KEP template's README, when the listing has it: the README check's reference (without it, the two headings of old). */
const templateAt = (index: TreeIndex): string[] => (index.files.has(TEMPLATE_README) ? [TEMPLATE_README] : []);

/** The OWNERS_ALIASES read every evaluation shares. */
export function aliasesRead(headSha: string, index: TreeIndex): FileRead {
  const entry = index.files.get(ALIASES_FILE);
  const key = at(headSha, ALIASES_FILE);
  return { key, expression: key, ...(entry ? { oid: entry.sha, size: entry.size } : {}) };
}

/** The PRR approvers of OWNERS_ALIASES; none when it cannot be read, which shows as "not approved". */
export function approversOf(aliases: string | undefined): Set<string> {
  try {
    return aliases ? parsePrrApprovers(aliases) : new Set();
  } catch {
    return new Set();
  }
}

/** The KEP as merged and in each open PR touching it, and its README, from the files read. */
export function assembleKep(
  reads: KepReads,
  files: Record<string, string | undefined>,
  approvers: Set<string>,
  /** SIG Node's approver check (tech leads from OWNERS_ALIASES, the release); absent skips it. */
  nodeApprovers?: NodeApproverContext,
): { kep: ValidatedKep | null; readme: string | null | undefined; template?: string; openPrs: OpenKepPr[] } {
  const { kepFile, headSha, number } = reads;
  const dir = kepFile?.replace(/\/kep\.yaml$/, "") ?? null;
  const validateAt = (sha: string): ValidatedKep | null => {
    const text = kepFile ? files[at(sha, kepFile)] : undefined;
    if (!kepFile || text === undefined) return null;
    const read = (p: string) => files[at(sha, p)] ?? (sha !== headSha ? files[at(headSha, p)] : undefined);
    return validateKep(kepFile, text, { approvers, sigs: null, read, ...(nodeApprovers ? { nodeApprovers } : {}) });
  };
  const found = validateAt(headSha);
  // A search or link hit is trusted only if the file really says this number.
  const kep = found && found.metadata.number?.replace(/^0+/, "") === String(number) ? found : null;
  const openPrs: OpenKepPr[] = reads.touching.map((pr) => ({
    number: pr.number,
    url: pr.url,
    files: pr.files,
    kep: validateAt(pr.headSha),
  }));
  // A KEP only in open PRs: the README of the newest PR that has one.
  const inPr = [...reads.touching].reverse().map((pr) => files[at(pr.headSha, `${dir}/README.md`)]);
  const readme = kepFile && dir ? (files[at(headSha, `${dir}/README.md`)] ?? inPr.find((t) => t !== undefined) ?? null) : undefined;
  const template = kepFile ? files[at(headSha, TEMPLATE_README)] : undefined;
  return { kep, readme, openPrs, ...(template !== undefined ? { template } : {}) };
}

/** Linked PRs' states count only from code freeze on; before it a sweep does not read them. */
export function needsPrStates(deadlines: Record<Deadline, { at: Date }>, now: Date): boolean {
  const { next } = phaseAt(instantsOf(deadlines), now);
  return next === null || DEADLINES.indexOf(next) >= DEADLINES.indexOf("code-freeze");
}

/** Bump when the evaluation or the comment's wording changes, so that every comment is rendered anew. */
export const EVALUATION_VERSION = 3;

export type DigestParts = {
  issue: { number: number; title: string; state: string; milestone: string | null; assignees: string[]; body: string | null };
  reads: KepReads;
  aliases: FileRead;
  /** The linked PRs' states when they count (from code freeze on), else null. */
  prStates: Record<string, PullRequestState | null> | null;
  settings: { release: string; labels: Record<string, string> };
  deadlines: Record<Deadline, { at: Date; approximate: boolean }>;
  now: Date;
  branch: string;
  untrackReason: string | null;
  /** The PRs that mention the issue when they count (from code freeze on), else null. */
  mentions?: MentioningPr[] | null;
  /** The board's exception for the KEP (exception-verdict.ts exceptionDigestPart); absent or null for none. */
  exception?: string | null;
  /** The words the comment speaks, unless the evaluation's own (spoken.ts wordsDigestPart). */
  words?: string | null;
  /** The KEP's docs inputs from enhancements freeze on (verdict/docs.ts docsDigestPart); absent or null before. */
  docs?: string | null;
};

/**
 * A digest of everything a status comment is computed from: the issue, the
 * blob ids of the KEP's files (from the tree listing, so nothing needs to be
 * read to compute it), the open PRs touching it, the settings, and where the
 * release stands (phase, next freeze, days left). Equal digests give equal
 * comments; a sweep that finds the digest in the comment unchanged skips the issue.
 *
 * The labels that count are all of the issue's labels as the plan leaves
 * them: the evaluation digests its planned labels, and the sweep the
 * current ones, which are equal exactly when no label is left to change.
 */
export function inputsDigest(p: DigestParts, labels: readonly string[]): string {
  const { phase, next } = phaseAt(instantsOf(p.deadlines), p.now);
  const base = JSON.stringify([
    EVALUATION_VERSION,
    p.issue,
    p.reads.kepFile,
    p.reads.files.map((f) => [f.expression, f.oid ?? "?"]),
    p.reads.touching.map((pr) => [pr.number, pr.headSha, pr.files]),
    p.aliases.oid ?? "?",
    p.prStates,
    p.settings.release,
    p.settings.labels,
    DEADLINES.map((d) => [p.deadlines[d].at.toISOString(), p.deadlines[d].approximate]),
    phase,
    // The countdown's words: a comment is rewritten when what it says changes (daily, hourly in the last two days).
    next ? timeLeft(p.deadlines[next].at, p.now) : null,
    p.branch,
    p.untrackReason,
    p.mentions ?? null,
    // Only when there is one, so that digests without a board stay as they were.
    ...(p.exception ? [p.exception] : []),
    ...(p.words ? [p.words] : []),
    ...(p.docs ? [p.docs] : []),
  ]);
  return createHash("sha256")
    .update(base)
    .update(JSON.stringify([...labels].sort()))
    .digest("hex")
    .slice(0, 20);
}

/**
 * The reads as they were actually answered: a file the tree lists but that
 * was not read keeps no blob id, so the digest of an evaluation made without
 * it never matches the tree's and the issue is evaluated again next time.
 */
export function readsAsRead(reads: KepReads, files: Record<string, string | undefined>): KepReads {
  const asRead = (f: FileRead): FileRead => (files[f.key] === undefined ? { key: f.key, expression: f.expression } : f);
  return { ...reads, files: reads.files.map(asRead) };
}

/** Whether any read an issue's evaluation needs (its files, OWNERS_ALIASES, its linked PRs' states) went unanswered. */
export function missesReads(reads: KepReads, aliases: FileRead | null, unread: ReadonlySet<string>): boolean {
  if (!unread.size) return false;
  return (
    (aliases !== null && unread.has(aliases.key)) || reads.files.some((f) => unread.has(f.key)) || reads.prs.some((p) => unread.has(p.key))
  );
}
