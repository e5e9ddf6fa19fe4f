import type { Octokit } from "@octokit/rest";

// Structural, not client.ts's types: client.ts imports this module.
type OctokitLike = Pick<Octokit, "request">;
type RepoRef = { owner: string; repo: string };

/**
 * Every file a pull request changes, past the first 100: REST pages of 100,
 * up to the 3,000 files GitHub lists for a pull request at all. A KEP's
 * kep.yaml may well be file 101 of a large PR.
 */

const PER_PAGE = 100;
/** GitHub lists at most 3,000 files of a pull request. */
const MAX_PAGES = 30;

export async function pullRequestFiles(octokit: OctokitLike, repo: RepoRef, number: number): Promise<string[]> {
  const read = await pullRequestFilesAsRead(octokit, repo, number);
  if (read.failed) throw read.failed;
  return read.files;
}

/**
 * The files of the pages GitHub listed, and the error that stopped the
 * listing (after Octokit's own retries), else null: a caller that can act on
 * part of a list (a pull_request event) need not drop what it has.
 */
export async function pullRequestFilesAsRead(
  octokit: OctokitLike,
  repo: RepoRef,
  number: number,
): Promise<{ files: string[]; failed: unknown }> {
  const files: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    let data: Array<{ filename: string }>;
    try {
      ({ data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
        ...repo,
        pull_number: number,
        per_page: PER_PAGE,
        page,
      }));
    } catch (e) {
      return { files, failed: e };
    }
    files.push(...data.map((f) => f.filename));
    if (data.length < PER_PAGE) break;
  }
  return { files, failed: null };
}

/** An open PR as a GraphQL page gives it: its first 100 files, and how many it has in all. */
export type PrWithFirstFiles = { number: number; files: string[]; changedFiles?: number };

/** The PRs whose files GraphQL cut at 100, completed by REST (rare: a large PR touching keps/). */
export async function completeFiles<T extends PrWithFirstFiles>(
  octokit: OctokitLike,
  repo: RepoRef,
  prs: T[],
): Promise<Array<Omit<T, "changedFiles">>> {
  const out: Array<Omit<T, "changedFiles">> = [];
  for (const { changedFiles, ...pr } of prs)
    out.push(
      changedFiles !== undefined && changedFiles > pr.files.length
        ? { ...pr, files: await pullRequestFiles(octokit, repo, pr.number) }
        : pr,
    );
  return out;
}
