import { type PrRef, prKey } from "./pull-requests.js";

/** Pull-request references in text a person wrote: URLs, `owner/repo#N`, and a bare `#N` where it is known whose. */

export const PR_URL = /https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})\/pull\/(\d{1,9})(?!\d)/gi;
// `owner/repo#N`; the look-behind keeps it from starting inside a URL path or a word.
export const SHORT_REF = /(?<![\w./-])([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})#(\d{1,9})(?!\d)/g;
// `#N` alone: GitHub links it to the issue's own repository, kubernetes/enhancements.
export const BARE_REF = /(?<![\w/#&;-])#(\d{1,9})(?![\w])/g;

/** The release team's shorthand: `k/k`, `k/enhancements`, `k/website`, `k/test-infra`. */
export function expandShorthand(owner: string, repo: string): { owner: string; repo: string } {
  if (owner.toLowerCase() !== "k") return { owner, repo };
  return { owner: "kubernetes", repo: repo.toLowerCase() === "k" ? "kubernetes" : repo };
}

export function prRef(owner: string, repo: string, digits: string): PrRef | null {
  const number = Number(digits);
  if (!Number.isSafeInteger(number) || number <= 0) return null;
  return { owner, repo, number, url: `https://github.com/${owner}/${repo}/pull/${number}` };
}

/**
 * PR references in one piece of text, in order of first position, each spelling once: full pull URLs and
 * `owner/repo#N` (shorthand owner `k` expanded). With `bareNumbersRepo`, `#N` is read as a PR
 * of that repository too (only used where the label says the list is k/enhancements PRs).
 */
export function extractPrRefs(text: string, bareNumbersRepo?: { owner: string; repo: string }): PrRef[] {
  // Every spelling of a PR has a `#` or `/pull/`; most lines of a body have neither.
  if (!text.includes("#") && !text.includes("/pull/")) return [];
  const found: Array<{ at: number; ref: PrRef }> = [];
  // The same spelling twice in one text is one PR: 20,000 `#1` build one reference, not 20,000.
  const spelt = new Set<string>();
  const add = (m: RegExpMatchArray, ref: () => PrRef | null): void => {
    if (spelt.has(m[0])) return;
    spelt.add(m[0]);
    const r = ref();
    if (r) found.push({ at: m.index ?? 0, ref: r });
  };
  // Each pattern runs only where its mark is: most lines of a body have one kind of reference at most.
  if (text.includes("/pull/")) for (const m of text.matchAll(PR_URL)) add(m, () => prRef(m[1] ?? "", m[2] ?? "", m[3] ?? ""));
  if (!text.includes("#")) return found.map((f) => f.ref);
  for (const m of text.matchAll(SHORT_REF)) {
    add(m, () => {
      const { owner, repo } = expandShorthand(m[1] ?? "", m[2] ?? "");
      return prRef(owner, repo, m[3] ?? "");
    });
  }
  if (bareNumbersRepo) {
    for (const m of text.matchAll(BARE_REF)) add(m, () => prRef(bareNumbersRepo.owner, bareNumbersRepo.repo, m[1] ?? ""));
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.ref);
}

/**
 * One object per PR of a body (GitHub names are case-insensitive), so that lists of the same PRs
 * share their references and deduplicate by identity, without a key string per occurrence.
 */
export class PrInterner {
  private readonly known = new Map<string, PrRef>();
  intern(ref: PrRef): PrRef {
    const key = prKey(ref);
    const known = this.known.get(key);
    if (known) return known;
    this.known.set(key, ref);
    return ref;
  }
}
