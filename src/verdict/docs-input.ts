import { z } from "zod";
import { type DocsPrIndex, notKepDocs, WEBSITE, type WebsitePr } from "../reading/docs-prs.js";
import { type MentioningPr, READY_LABELS, sameRepo } from "../reading/mentions.js";
import { docsSchedule, nextDocsDeadline } from "../release/docs-deadlines.js";
import type { Deadline, ParsedDeadline } from "../release/timeline.js";

/**
 * What the docs verdict (docs.ts) is given for one issue: the part of the sweep's kubernetes/website
 * listing that concerns the KEP, reduced to the facts the verdict reads, and what people said about
 * its docs. The same facts go into the digest of the issue's inputs and into the status comment's
 * `docs` marker, so the webhook path (which does not list kubernetes/website) judges docs exactly as
 * the last sweep did, and the two never disagree.
 */
export type DocsInput = {
  /**
   * The listing's PRs that concern the KEP (naming it, or named by the description or a mention), by
   * number, and those that name it; null when nothing was read.
   */
  listing: { named: readonly WebsitePr[]; byNumber: ReadonlyMap<number, WebsitePr> } | null;
  /** "Docs Required?" on the release board, as a person set it; null when empty or unknown. */
  required?: string | null | undefined;
  /** The reason given to `/kep-docs none`. */
  none?: string | null | undefined;
};

/** From enhancements freeze on (the placeholder deadline's phase), a KEP in the release has its docs judged. */
export const docsJudged = (d: { inRelease: boolean; phase: string }): boolean =>
  d.inRelease && d.phase !== "opt-in" && d.phase !== "before-enhancements-freeze";

/** The most PRs kept for one KEP: a placeholder or two per cycle, and a PR shared by several KEPs. */
const MAX_KEPT = 20;

/** A listing PR as the verdict reads it: no title or body, only the labels that count. */
const reduced = (p: WebsitePr): WebsitePr => ({ ...p, title: "", body: "", labels: READY_LABELS.filter((l) => p.labels.includes(l)) });

/** The website PRs the description or a mention names, by number. */
function referenced(body: string | null, mentions: readonly MentioningPr[]): Set<number> {
  const out = new Set<number>();
  for (const m of (body ?? "").slice(0, 100_000).matchAll(/kubernetes\/website(?:\/pull\/|#)(\d{1,7})/gi)) out.add(Number(m[1]));
  for (const m of mentions) if (sameRepo(m, WEBSITE)) out.add(m.number);
  return out;
}

/** Issue `number`'s part of a listing (null: not read), with what people said. */
export function docsInputOf(
  listing: { index: DocsPrIndex; byNumber: ReadonlyMap<number, WebsitePr> } | null,
  issue: { number: number; body: string | null; crossReferences?: readonly MentioningPr[] | undefined },
  said: Pick<DocsInput, "required" | "none"> = {},
): DocsInput {
  if (!listing) return { listing: null, ...said };
  const named = (listing.index.get(issue.number) ?? []).slice(0, MAX_KEPT).map(reduced);
  const byNumber = new Map(named.map((p) => [p.number, p]));
  for (const n of referenced(issue.body, issue.crossReferences ?? [])) {
    const pr = listing.byNumber.get(n);
    if (pr && !notKepDocs(pr) && byNumber.size < MAX_KEPT) byNumber.set(n, reduced(pr));
  }
  return { listing: { named, byNumber }, ...said };
}

const FactSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  base: z.string(),
  draft: z.boolean(),
  state: z.enum(["open", "closed", "merged"]),
  labels: z.array(z.string()),
  author: z.string().nullable(),
  named: z.boolean(),
});
const MarkSchema = z.object({ prs: z.array(FactSchema).max(MAX_KEPT) });

/** The listing part of a docs input as the status comment's `docs` marker keeps it; null when none was read. */
export function docsMark(input: DocsInput | undefined): string | null {
  const listing = input?.listing;
  if (!listing) return null;
  const named = new Set(listing.named.map((p) => p.number));
  const prs = [...listing.byNumber.values()].map(({ title: _t, body: _b, files: _f, ...p }) => ({ ...p, named: named.has(p.number) }));
  return JSON.stringify({ prs });
}

/** The docs input a `docs` marker keeps, or undefined for none (or one that is not ours to read). */
export function docsInputFromMark(text: string | null | undefined): DocsInput | undefined {
  if (!text) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = MarkSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const prs = parsed.data.prs.map(({ named, ...p }) => ({ named, pr: { ...p, title: "", body: "" } }));
  return { listing: { named: prs.filter((p) => p.named).map((p) => p.pr), byNumber: new Map(prs.map((p) => [p.pr.number, p.pr])) } };
}

/**
 * The docs inputs as the digest of an issue's inputs sees them: the listing's facts that concern the
 * KEP, what people said, and which docs deadline is next. Null before docs are judged, so that
 * digests stay as they were until then.
 */
export function docsDigestPart(d: {
  input: DocsInput | undefined;
  phase: string;
  deadlines: Readonly<Record<Deadline, ParsedDeadline>>;
  now: Date;
}): string | null {
  if (!docsJudged({ inRelease: true, phase: d.phase })) return null;
  const next = nextDocsDeadline(docsSchedule(d.deadlines), d.now);
  return JSON.stringify([docsMark(d.input), d.input?.required ?? null, d.input?.none ?? null, next]);
}
