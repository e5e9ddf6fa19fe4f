import { parseIssueBody } from "../reading/issue-body.js";
import { type MentioningPr, sameRepo } from "../reading/mentions.js";
import { PR_URL } from "../reading/pr-refs.js";
import { errorMessage } from "../util/narrow.js";
import { kepFileFor, type OpenPrIndex, type TreeIndex } from "./kep-reads.js";

/** Where to look for issue N's KEP: the default branch's listing, its body, the open PRs and the PRs that mention it. */
export type KepLocationInputs = {
  /** Code search for `kep-number: N` (the last resort, rate limited). */
  search: (n: number) => Promise<string[]>;
  index: TreeIndex;
  number: number;
  body: string | null;
  openPrs?: OpenPrIndex;
  /** The repository tracked and the PRs whose timeline events mention the issue. */
  mentions?: { repository: { owner: string; repo: string }; prs: readonly MentioningPr[] };
};

/**
 * Where issue N's kep.yaml is: the `<N>-slug` directory, else the directory
 * the issue body links, else a new KEP's `<N>-slug` directory in open PRs,
 * else the KEP an open PR adds that the issue links (its KEP line, or a PR
 * of this repository mentioning the issue; a new KEP's directory may carry
 * another number), else (KEP 1884 lives in `2043-…`) a code search for
 * `kep-number: N`. The open PRs' listing carries the changed paths, so only
 * the search costs a request.
 */
export async function findKepFile(inputs: KepLocationInputs): Promise<string | null> {
  const { index, number, openPrs } = inputs;
  const direct = kepFileFor(index, number);
  if (direct) return direct;
  // Most issues stop above: the body is parsed only for the others.
  const kepLink = parseIssueBody(inputs.body).kepLink;
  return (
    linkedKepFile(index, kepLink) ??
    openPrs?.adding(number)?.kepFile ??
    linkedPrs(kepLink, inputs.mentions)
      .map((pr) => openPrs?.addedBy(pr) ?? null)
      .find((f) => f !== null) ??
    (await searchedKepFile(inputs.search, index, number))
  );
}

/** The kep.yaml of the directory the issue body links, when it is one of the listing's KEPs. */
export function linkedKepFile(index: TreeIndex, kepLink: string | null): string | null {
  const dir = kepLink?.match(/\/(keps\/[^?#\s]+?)\/?(?:README\.md|kep\.yaml)?(?:[?#].*)?$/)?.[1];
  if (!dir) return null;
  let file: string;
  try {
    file = `${decodeURIComponent(dir)}/kep.yaml`;
  } catch {
    return null;
  }
  return index.kepFiles.has(file) ? file : null;
}

/**
 * The PRs of the tracked repository that the issue links, the KEP line's first: a PR URL or a
 * bare `#N` there (in kubernetes/enhancements, that repository's PR), then the open PRs whose
 * timeline events mention the issue, newest first.
 */
function linkedPrs(kepLink: string | null, mentions: KepLocationInputs["mentions"]): number[] {
  const out: number[] = [];
  const bare = kepLink?.match(/^#(\d{1,9})$/)?.[1];
  if (bare) out.push(Number(bare));
  for (const m of kepLink?.matchAll(PR_URL) ?? []) {
    if (mentions && sameRepo({ owner: m[1]!, repo: m[2]! }, mentions.repository)) out.push(Number(m[3]));
  }
  const mentioning = (mentions?.prs ?? []).filter((p) => p.state === "open" && sameRepo(p, mentions!.repository));
  out.push(...mentioning.map((p) => p.number).sort((a, b) => b - a));
  return [...new Set(out)];
}

/** The KEP whose kep.yaml says kep-number N although its directory says otherwise, if code search finds one. */
async function searchedKepFile(search: (n: number) => Promise<string[]>, index: TreeIndex, number: number): Promise<string | null> {
  let found: string[];
  try {
    found = await search(number);
  } catch (e) {
    // Search is refused or rate limited on its own: not knowing is not "no KEP"; the caller leaves the issue for the next run.
    throw new CouldNotSearch(number, e);
  }
  return found.find((p) => index.kepFiles.has(p)) ?? null;
}

/** Code search failed (refused, rate limited, 5xx): the issue's KEP is unknown, not missing. */
export class CouldNotSearch extends Error {
  constructor(
    readonly number: number,
    readonly reason: unknown,
  ) {
    super(`could not search for the KEP of #${number}: ${errorMessage(reason)}`);
  }
}
