/**
 * kubernetes/website pull requests as the Docs team reads them: which KEPs a PR names, and which
 * PRs are not a KEP's docs PR at all (feature blogs, the release's integration PR). Placeholder PRs
 * have no title convention (domain guide §10): "KEP-3926: Docs (Placeholder PR)", "Placeholder for
 * KEP4671", "[KEP-3962]Placeholder PR", "Placeholder docs PR for KEP 4960", "1287: placeholder for
 * 1.33 in place KEP update"; bodies link the issue with or without a scheme, or by kep.k8s.io. Pure.
 */

export const WEBSITE = { owner: "kubernetes", repo: "website" } as const;

/** A kubernetes/website pull request with what the Docs team looks at. */
export type WebsitePr = {
  number: number;
  url: string;
  title: string;
  body: string;
  /** The base branch: `dev-1.NN` for a release's docs, `main` otherwise. */
  base: string;
  draft: boolean;
  state: "open" | "closed" | "merged";
  labels: string[];
  author: string | null;
  /** The files it changes, when they were read; a listing does not read them. */
  files?: string[];
};

/** The branch a release's docs PRs go against: "v1.38" → "dev-1.38". */
export const devBranch = (release: string): string => `dev-${release.replace(/^v/, "")}`;

// "KEP-4222", "KEP 4222", "KEP4222", "[KEP-3962]", "KEP #4222"; "KEP 1.33" is a version, not a KEP.
const KEP_WORD = /\bKEPs?[\s_-]*#?(\d{2,5})(?!\d|\.\d)/gi;
// The tracking issue's URL, with or without its scheme, an issue-comment fragment allowed.
const ISSUE_URL = /(?:https?:\/\/)?(?:www\.)?github\.com\/kubernetes\/enhancements\/issues\/(\d{1,6})\b/gi;
const ISSUE_REF = /\bkubernetes\/enhancements#(\d{1,6})\b/gi;
const SHORT_LINK = /(?:https?:\/\/)?kep\.k8s\.io\/(\d{1,6})\b/gi;
// A link to the KEP's directory: ".../keps/sig-node/4222-slug".
const KEP_DIR = /\bkeps\/[a-z0-9-]+\/0*(\d{1,6})-[a-z0-9]/gi;
// "1287: placeholder for 1.33 in place KEP update": a title that starts with the number and a colon.
const LEADING_NUMBER = /^\s*\[?(\d{3,5})\]?\s*:/;

/** Longer texts are cut before matching: a body of megabytes says nothing more about its KEP. */
const MAX_TEXT = 20_000;

const numbersOf = (text: string, pattern: RegExp): number[] => [...text.matchAll(pattern)].map((m) => Number(m[1]));

/** The KEP numbers a PR's title or body names, in order, each once. */
export function kepsNamed(pr: { title: string; body: string }): number[] {
  const title = pr.title.slice(0, 1000);
  const body = pr.body.slice(0, MAX_TEXT);
  const leading = LEADING_NUMBER.exec(title)?.[1];
  const found = [
    ...(leading ? [Number(leading)] : []),
    ...numbersOf(title, KEP_WORD),
    ...[ISSUE_URL, ISSUE_REF, SHORT_LINK].flatMap((p) => numbersOf(title, p)),
    ...[KEP_WORD, ISSUE_URL, ISSUE_REF, SHORT_LINK, KEP_DIR].flatMap((p) => numbersOf(body, p)),
  ];
  return [...new Set(found.filter((n) => n > 0))];
}

const BLOG_PATH = /^content\/[^/]+\/blog\//;

/**
 * A feature blog (Comms, `area/blog`, a blog path, or "blog" in the title of a PR against `main`)
 * or the release's integration PR ("Official 1.37 Release Docs"): neither is a KEP's docs PR.
 */
export function notKepDocs(pr: Pick<WebsitePr, "title" | "base" | "labels"> & { files?: string[] | undefined }): boolean {
  if (pr.labels.some((l) => l.toLowerCase() === "area/blog")) return true;
  if (pr.files?.some((f) => BLOG_PATH.test(f))) return true;
  if (/^official\b.*\brelease docs\b/i.test(pr.title.trim())) return true;
  return !pr.base.startsWith("dev-") && /\bblog\b/i.test(pr.title);
}

/** The docs PRs of a listing by the KEP numbers they name: built once per sweep, looked up per issue. */
export type DocsPrIndex = ReadonlyMap<number, readonly WebsitePr[]>;

export function indexDocsPrs(prs: readonly WebsitePr[]): DocsPrIndex {
  const index = new Map<number, WebsitePr[]>();
  for (const pr of prs) {
    if (notKepDocs(pr)) continue;
    for (const n of kepsNamed(pr)) index.set(n, [...(index.get(n) ?? []), pr]);
  }
  return index;
}
