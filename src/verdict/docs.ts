import { z } from "zod";
import { mentionLabelsKey } from "../inputs/mention-reads.js";
import { devBranch, notKepDocs, WEBSITE, type WebsitePr } from "../reading/docs-prs.js";
import type { IssueBody } from "../reading/issue-body.js";
import { type MentioningPr, READY_LABELS, sameRepo } from "../reading/mentions.js";
import { type PrRef, type PullRequestState, prKey } from "../reading/pull-requests.js";
import { formatDayTime } from "../release/dates.js";
import {
  DOCS_DEADLINES,
  type DocsDeadline,
  type DocsSchedule,
  docsPassed,
  docsSchedule,
  nextDocsDeadline,
} from "../release/docs-deadlines.js";
import { type DocsInput, docsJudged } from "./docs-input.js";

/**
 * A KEP's docs as the release's Docs team judges them (sig-release's docs handbook): its
 * kubernetes/website PRs from every source a person would use, their state in the handbook's
 * words, and the four boxes of the Docs team's comment plus the description's list, each with
 * what to do and by when. Pure: what was read of kubernetes/website comes in as `DocsInput`.
 */

/** The handbook's words for where a docs PR stands. */
export const DOCS_WORDS = ["No PR", "Draft", "Ready for review", "lgtm/approved", "Merged"] as const;
export type DocsWord = (typeof DOCS_WORDS)[number];

/** How a docs PR was found: listed in the description, mentioning the issue, or naming the KEP in its title or body. */
export const DOCS_SOURCES = ["description", "mention", "title"] as const;

export const DocsPrSchema = z.object({
  number: z.number().int(),
  url: z.string(),
  word: z.enum(DOCS_WORDS),
  state: z.enum(["open", "closed", "merged", "unknown"]),
  /** The base branch, when read. */
  base: z.string().nullable(),
  author: z.string().nullable(),
  source: z.enum(DOCS_SOURCES),
  listed: z.boolean(),
});
export type DocsPr = z.infer<typeof DocsPrSchema>;

export const DocsItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  done: z.boolean(),
  fix: z.string().nullable(),
  /** The docs deadline the item is due by. */
  due: z.enum(DOCS_DEADLINES),
});
export type DocsItem = z.infer<typeof DocsItemSchema>;

export const DocsVerdictSchema = z.object({
  /** False when the board's "Docs Required?" or the owners' `/kep-docs none` says no docs are needed. */
  required: z.boolean(),
  /** Why no docs are needed, as said. */
  noneReason: z.string().nullable(),
  branch: z.string(),
  prs: z.array(DocsPrSchema),
  word: z.enum(DOCS_WORDS),
  items: z.array(DocsItemSchema),
  /** The docs deadline ahead and when; null after Docs Freeze. */
  next: z.object({ deadline: z.enum(DOCS_DEADLINES), at: z.string() }).nullable(),
  /** "Tracked for docs freeze": every item due by now is done and a docs PR exists. */
  onTrack: z.boolean(),
});
export type DocsVerdict = z.infer<typeof DocsVerdictSchema>;

/** "None Required", "No docs needed", "Not required": what a person writes when a KEP needs no docs. */
export const saysNoDocs = (value: string | null | undefined): boolean =>
  !!value && /\b(none|no|not)\b.*\b(required|needed|docs)\b|^n\/?a$/i.test(value.trim());

export type DocsContext = {
  release: string;
  body: IssueBody;
  mentions: readonly MentioningPr[];
  pullRequests: Readonly<Record<string, PullRequestState>>;
  input: DocsInput;
  schedule: DocsSchedule;
  now: Date;
};

const isWebsite = (pr: { owner: string; repo: string }) => sameRepo(pr, WEBSITE);
const urlOf = (n: number) => `https://github.com/${WEBSITE.owner}/${WEBSITE.repo}/pull/${n}`;

/** The description's docs PRs for this release: its docs lines of any stage of the release, else any website PR it names. */
function listedPrs(body: IssueBody, release: string): PrRef[] {
  // Other releases' stages list other cycles' docs; a body without stages lists its PRs anywhere.
  if (!body.stages.length) return body.allPrs.filter(isWebsite);
  const ours = body.stages.filter((s) => s.milestone === release);
  return (ours.length ? ours : body.stages.filter((s) => s.milestone === null)).flatMap((s) => s.prs.docs).filter(isWebsite);
}

/** A PR as known: the listing's facts first, then its state as read, then the mention's. */
type Known = { state: DocsPr["state"]; draft: boolean | null; base: string | null; labels: string[]; author: string | null };

function known(n: number, ctx: DocsContext): Known {
  const listed = ctx.input.listing?.byNumber.get(n);
  if (listed) return { state: listed.state, draft: listed.draft, base: listed.base, labels: listed.labels, author: listed.author };
  const ref = { ...WEBSITE, number: n };
  // A mention's state is read under its own key (mention-reads.ts), with the base and draft of a website PR.
  const read = ctx.pullRequests[prKey(ref)] ?? ctx.pullRequests[mentionLabelsKey(ref)];
  const mention = ctx.mentions.find((m) => isWebsite(m) && m.number === n);
  const state = read?.state ?? mention?.state ?? "unknown";
  return {
    state,
    draft: read?.draft ?? null,
    base: read?.base ?? null,
    labels: read?.labels ?? mention?.labels ?? [],
    author: read?.author ?? null,
  };
}

function wordOf(k: Known): DocsWord {
  if (k.state === "merged") return "Merged";
  if (k.state !== "open") return "No PR";
  if (READY_LABELS.every((l) => k.labels.includes(l))) return "lgtm/approved";
  return k.draft === false ? "Ready for review" : k.draft === true ? "Draft" : "Ready for review";
}

/** Every docs PR of the KEP, deduplicated, listed ones first. */
export function docsPrsOf(ctx: DocsContext): DocsPr[] {
  const listed = new Set(listedPrs(ctx.body, ctx.release).map((p) => p.number));
  const candidates: Array<[number, DocsPr["source"]]> = [
    ...[...listed].map((n): [number, DocsPr["source"]] => [n, "description"]),
    ...(ctx.input.listing?.named ?? []).map((p): [number, DocsPr["source"]] => [p.number, "title"]),
    ...ctx.mentions.filter(isWebsite).map((m): [number, DocsPr["source"]] => [m.number, "mention"]),
  ];
  const out = new Map<number, DocsPr>();
  for (const [n, source] of candidates) {
    if (out.has(n)) continue;
    const k = known(n, ctx);
    const pr = ctx.input.listing?.byNumber.get(n);
    if (source !== "description" && !keptFound(k, pr, ctx.input.listing !== null)) continue;
    out.set(n, {
      number: n,
      url: urlOf(n),
      word: wordOf(k),
      state: k.state,
      base: k.base,
      author: k.author,
      source,
      listed: listed.has(n),
    });
  }
  return [...out.values()];
}

/**
 * A PR found but not listed counts when it is the release's: in the dev-1.NN listing and not a
 * blog, or open elsewhere (it is to be retargeted). A merged or closed mention outside the listing
 * is another cycle's docs (a KEP gets a new placeholder each cycle).
 */
function keptFound(k: Known, pr: WebsitePr | undefined, listingRead: boolean): boolean {
  if (pr) return !notKepDocs(pr);
  // Outside the listing, an open PR counts once its base and labels are read (from code freeze on), unless a blog.
  if (k.state !== "open" || k.base === null) return !listingRead && k.state === "open";
  return !notKepDocs({ title: "", base: k.base, labels: k.labels });
}

const when = (ctx: DocsContext, d: DocsDeadline) => formatDayTime(ctx.schedule[d].at);
const refs = (prs: readonly DocsPr[]) => prs.map((p) => `#${p.number}`).join(", ");

/** The Docs team's items, each with its fix and the deadline it is due by. */
function itemsOf(ctx: DocsContext, prs: readonly DocsPr[]): DocsItem[] {
  const branch = devBranch(ctx.release);
  const live = prs.filter((p) => p.state === "open" || p.state === "merged" || (p.state === "unknown" && p.listed));
  const some = live.length > 0;
  const item = (id: string, label: string, done: boolean, fix: string, due: DocsDeadline): DocsItem => ({
    id,
    label,
    done,
    fix: done ? null : `${fix} (by ${when(ctx, due)})`,
    due,
  });
  const first = "open the docs PR first";
  const offBase = live.filter((p) => p.state === "open" && p.base !== null && p.base !== branch);
  const drafts = live.filter((p) => p.word === "Draft");
  const unready = live.filter((p) => p.word !== "Merged" && p.word !== "lgtm/approved");
  const unlisted = live.filter((p) => !p.listed);
  return [
    item(
      "docs-placeholder",
      "A docs PR is open in kubernetes/website",
      some,
      `open a draft placeholder PR against \`${branch}\` in kubernetes/website that links this issue`,
      "docs-placeholder",
    ),
    item(
      "docs-branch",
      `The docs PR targets \`${branch}\``,
      some && !offBase.length,
      some ? `retarget ${refs(offBase)} to \`${branch}\`` : first,
      "docs-placeholder",
    ),
    item(
      "docs-ready",
      "The docs PR is ready for review (out of draft)",
      some && !drafts.length,
      some ? `mark ${refs(drafts)} ready for review` : first,
      "docs-ready",
    ),
    item(
      "docs-approved",
      "The docs PR has lgtm and approved, or is merged",
      some && !unready.length,
      some ? `${refs(unready)} needs \`lgtm\` and \`approved\`` : first,
      "docs-freeze",
    ),
    item(
      "docs-listed",
      "The docs PRs are listed in the issue description",
      some && !unlisted.length,
      some ? `add ${refs(unlisted)} under "Docs (k/website) update PR(s)" in the issue description` : first,
      "docs-freeze",
    ),
  ];
}

/** The least advanced word of the PRs that count: the KEP's docs are as far as their slowest PR. */
function wordOfAll(prs: readonly DocsPr[]): DocsWord {
  const live = prs.filter((p) => p.state === "open" || p.state === "merged");
  if (!live.length) return "No PR";
  return DOCS_WORDS[Math.min(...live.map((p) => DOCS_WORDS.indexOf(p.word)))]!;
}

/** The KEP's docs verdict. */
export function docsVerdict(ctx: DocsContext): DocsVerdict {
  const none = ctx.input.none?.trim() || null;
  const boardNone = saysNoDocs(ctx.input.required);
  const noneReason = none ?? (boardNone ? `the release board's "Docs Required?" says ${JSON.stringify(ctx.input.required)}` : null);
  const prs = docsPrsOf(ctx);
  const next = nextDocsDeadline(ctx.schedule, ctx.now);
  const base = { noneReason, branch: devBranch(ctx.release), prs, word: wordOfAll(prs) };
  const nextAt = next ? { deadline: next, at: ctx.schedule[next].at.toISOString() } : null;
  if (noneReason) return { required: false, ...base, items: [], next: nextAt, onTrack: true };
  const items = itemsOf(ctx, prs);
  const onTrack = items[0]!.done && items.every((i) => i.done || !docsPassed(ctx.schedule, i.due, ctx.now));
  return { required: true, ...base, items, next: nextAt, onTrack };
}

/** What an issue's evaluation gives the docs verdict; `inRelease` and `phase` say whether docs are judged yet. */
export type IssueDocs = Omit<DocsContext, "input" | "schedule"> & {
  input: DocsInput | undefined;
  inRelease: boolean;
  phase: string;
  deadlines: Parameters<typeof docsSchedule>[0];
};

/** From enhancements freeze on (the placeholder deadline's phase), a KEP in the release has its docs judged. */
export function docsOfIssue(d: IssueDocs): { docs: DocsVerdict } | Record<string, never> {
  if (!docsJudged(d)) return {};
  return { docs: docsVerdict({ ...d, input: d.input ?? { listing: null }, schedule: docsSchedule(d.deadlines) }) };
}

/**
 * The checklist as the board status reads it while Docs Freeze is ahead: the Docs team calls a KEP
 * "Tracked for Docs Freeze" while its docs PR is in review on schedule, so a docs item counts as
 * done when the docs are on track (the checklist itself still shows what is left).
 */
export function statusItems<T extends { id: string; done: boolean }>(items: T[], docs: DocsVerdict | undefined, next: string | null): T[] {
  if (!docs || next !== "docs-freeze") return items;
  return items.map((i) => (i.id.startsWith("docs-") ? { ...i, done: docs.onTrack } : i));
}
