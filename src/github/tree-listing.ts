import type { Octokit } from "@octokit/rest";
import { ALIASES_FILE, type TreeFile } from "../inputs/kep-reads.js";

// Structural, not client.ts's types: client.ts imports this module.
type OctokitLike = Pick<Octokit, "request">;
type RepoRef = { owner: string; repo: string };

/**
 * The files kep-tracker reads from a commit's tree: everything under keps/,
 * and OWNERS_ALIASES. One recursive listing when GitHub gives it whole;
 * GitHub cuts a recursive listing at 100,000 entries or 7 MB and says
 * `truncated`, and then keps/ is listed directory by directory, each
 * directory recursively, and only a directory that is itself cut short is
 * split further. A cut listing is never taken for the whole: KEPs past the
 * cut would read as "kep-not-found".
 */

type Entry = { path?: string; type?: string; sha?: string; size?: number };
type Listing = { tree: Entry[]; truncated?: boolean };

/** Deeper than any KEP: keps/<sig>/<N-slug>/<file>, and a level more for the few nested ones. */
const MAX_DEPTH = 6;

async function listing(octokit: OctokitLike, repo: RepoRef, sha: string, recursive: boolean): Promise<Listing> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
    ...repo,
    tree_sha: sha,
    ...(recursive ? { recursive: "1" } : {}),
  });
  return data;
}

/** The blobs of a listing whose paths (under `prefix`) kep-tracker reads. */
function wanted(entries: Entry[], prefix: string): TreeFile[] {
  return entries.flatMap((e) => {
    const path = e.path && prefix + e.path;
    return e.type === "blob" && path && e.sha && (path.startsWith("keps/") || path === ALIASES_FILE)
      ? [{ path, sha: e.sha, size: e.size ?? 0 }]
      : [];
  });
}

/** Every blob under the tree `sha` at `prefix` ("keps/sig-node/"), recursively, splitting a listing GitHub cut short. */
async function listDirectory(octokit: OctokitLike, repo: RepoRef, sha: string, prefix: string, depth: number): Promise<TreeFile[]> {
  const whole = await listing(octokit, repo, sha, true);
  if (!whole.truncated || depth >= MAX_DEPTH) return wanted(whole.tree, prefix);
  const top = await listing(octokit, repo, sha, false);
  const files = wanted(top.tree, prefix);
  for (const e of top.tree)
    if (e.type === "tree" && e.sha && e.path) files.push(...(await listDirectory(octokit, repo, e.sha, `${prefix}${e.path}/`, depth + 1)));
  return files;
}

/** The keps/ files and OWNERS_ALIASES of commit `sha`: one request, or (listing truncated) one per directory level needed. */
export async function listKepTree(octokit: OctokitLike, repo: RepoRef, sha: string): Promise<TreeFile[]> {
  const whole = await listing(octokit, repo, sha, true);
  if (!whole.truncated) return wanted(whole.tree, "");
  const root = await listing(octokit, repo, sha, false);
  const keps = root.tree.find((e) => e.path === "keps" && e.type === "tree" && e.sha);
  return [...wanted(root.tree, ""), ...(keps?.sha ? await listDirectory(octokit, repo, keps.sha, "keps/", 1) : [])];
}
