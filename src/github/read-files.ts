import type { FileRead, PrStateRead } from "../inputs/kep-reads.js";
import type { PullRequestState } from "../reading/pull-requests.js";
import type { Logger } from "../util/logger.js";
import { type GraphqlProblem, inHalves, isDefinite, partialAnswer } from "./partial-answers.js";
import { filesAndPullRequestsQuery, readFilesAndPullRequests } from "./queries.js";

/**
 * Files and PR states read in one query where GitHub allows, in halves where
 * it does not, with what could not be read said apart from what does not
 * exist: a blob that is not there is `undefined` in `files`, a blob GitHub
 * failed to give is in `unread`. Callers leave an issue with anything unread
 * as it is, so a failed read is never taken for a missing file.
 */

export type FilesRead = {
  files: Record<string, string | undefined>;
  pullRequests: Record<string, PullRequestState>;
  /** Keys of files and PRs GitHub did not answer for (errors, 502/504 after halving). */
  unread: Set<string>;
};

/** What the reads need of TrackerGitHub (a structural type: client.ts delegates here). */
export type FileReader = {
  octokit: { graphql: (query: string) => Promise<unknown> };
  repo: { owner: string; repo: string };
  blobText(oid: string): Promise<string>;
  /** Every file a pull request changes (REST pages of 100), for one GraphQL gave only the first 100 of. */
  pullRequestFiles(pr: { owner: string; repo: string; number: number }): Promise<string[]>;
};

type Item = { file: FileRead; pr?: undefined } | { pr: PrStateRead; file?: undefined };

const keyOf = (i: Item): string => (i.file ? i.file.key : i.pr.key);

/** The alias an error is pinned to ("b3" of the repository, "p2" at the top), or null when the error is about the whole answer. */
function pinnedTo(p: GraphqlProblem): { kind: "b" | "p"; index: number } | null {
  const path = p.path ?? [];
  const alias = path[0] === "repository" ? path[1] : path[0];
  const m = typeof alias === "string" ? /^([bp])(\d+)$/.exec(alias) : null;
  if (!m || (m[1] === "b") !== (path[0] === "repository")) return null;
  return { kind: m[1] === "b" ? "b" : "p", index: Number(m[2]) };
}

/**
 * One query. Errors pinned to an alias make that file or PR unread (one
 * that does not exist or may not be seen, NOT_FOUND or FORBIDDEN, is simply
 * absent); an error about the whole answer (RESOURCE_LIMITS_EXCEEDED with no
 * data) is thrown, so that the part is asked for again in halves.
 */
async function readPart(gh: FileReader, files: FileRead[], prs: PrStateRead[]): Promise<FilesRead> {
  let data: unknown;
  let errors: GraphqlProblem[] = [];
  try {
    data = await gh.octokit.graphql(filesAndPullRequestsQuery(gh.repo.owner, gh.repo.repo, files, prs));
  } catch (e) {
    const partial = partialAnswer(e);
    if (!partial || partial.errors.some((p) => !pinnedTo(p))) throw e;
    ({ data, errors } = partial);
  }
  const unread = new Set<string>();
  for (const p of errors) {
    const pin = pinnedTo(p)!;
    // NOT_FOUND / FORBIDDEN say the PR or file is not there for us: absent, as a null node says; anything else is unread.
    if (isDefinite(p)) continue;
    const key = pin.kind === "b" ? files[pin.index]?.key : prs[pin.index]?.key;
    if (key) unread.add(key);
  }
  const got = readFilesAndPullRequests(data, files, prs);
  for (const key of unread) delete got.files[key];
  for (const f of files) {
    // GraphQL cuts the text of a very large blob short: better read whole by REST, or left unread, than half read.
    if (!got.truncated.includes(f.key)) continue;
    if (!f.oid) unread.add(f.key);
    else
      got.files[f.key] = await gh.blobText(f.oid).catch(() => {
        unread.add(f.key);
        return undefined;
      });
  }
  for (const p of got.moreFiles) {
    const state = got.pullRequests[p.key];
    // A PR's files past the first 100, read whole as the open-PR listing does; unread when GitHub does not list them.
    const all = await gh.pullRequestFiles(p).catch(() => null);
    if (!all) unread.add(p.key);
    if (state && all) got.pullRequests[p.key] = { ...state, files: all };
  }
  return { files: got.files, pullRequests: got.pullRequests, unread };
}

/** Reads files and PR states of one batch (the caller keeps batches within GitHub's limits), in halves when GitHub refuses the whole. */
export async function readFilesInHalves(gh: FileReader, files: FileRead[], prs: PrStateRead[], log?: Logger): Promise<FilesRead> {
  const out: FilesRead = { files: {}, pullRequests: {}, unread: new Set() };
  const items: Item[] = [...files.map((file) => ({ file })), ...prs.map((pr) => ({ pr }))];
  if (!items.length) return out;
  const { results, unanswered } = await inHalves(items, (part) =>
    readPart(
      gh,
      part.flatMap((i) => (i.file ? [i.file] : [])),
      part.flatMap((i) => (i.pr ? [i.pr] : [])),
    ),
  );
  for (const r of results) {
    Object.assign(out.files, r.files);
    Object.assign(out.pullRequests, r.pullRequests);
    for (const k of r.unread) out.unread.add(k);
  }
  for (const u of unanswered) for (const i of u.items) out.unread.add(keyOf(i));
  if (out.unread.size) {
    const sample = [...out.unread].slice(0, 5);
    log?.warn(
      { unread: out.unread.size, sample, reasons: unanswered.map((u) => u.reason) },
      "GitHub did not give some files or pull requests; the issues that need them are left as they are for the next run",
    );
  }
  return out;
}
