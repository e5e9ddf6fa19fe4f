import { noDocsSaid } from "../board/item-fields.js";
import { listWebsitePrs } from "../github/pull-requests/website-prs.js";
import type { RepoReader, SweepIssue } from "../github/repo-reader.js";
import { type DocsPrIndex, devBranch, indexDocsPrs, WEBSITE, type WebsitePr } from "../reading/docs-prs.js";
import type { Logger } from "../util/logger.js";
import { errorMessage } from "../util/narrow.js";
import { type DocsInput, docsInputOf } from "../verdict/docs-input.js";
import type { BoardRun } from "./board-run.js";

/**
 * The sweep's one read of kubernetes/website: the release's docs listing (open and merged PRs
 * against dev-1.NN), indexed by the KEPs each names, shared by every issue of the run. From
 * enhancements freeze on only, when docs are judged; ceil(P/100) requests for P PRs.
 */
export type DocsRun = { index: DocsPrIndex; byNumber: ReadonlyMap<number, WebsitePr>; size: number };

/** What of the sweep's context the listing needs: its reader and release, and the freeze ahead. */
type DocsRunContext = {
  opts: { reader: RepoReader; config: { release: string }; log: Logger };
  next: string | null;
};

/** Reads the listing, or null before enhancements freeze or when GitHub does not give it (docs are then judged without it). */
export async function openDocs(ctx: DocsRunContext): Promise<DocsRun | null> {
  if (ctx.next === "prr-freeze" || ctx.next === "enhancements-freeze") return null;
  const branch = devBranch(ctx.opts.config.release);
  try {
    const prs = await listWebsitePrs(ctx.opts.reader.gh.octokit, WEBSITE, branch);
    return { index: indexDocsPrs(prs), byNumber: new Map(prs.map((p) => [p.number, p])), size: prs.length };
  } catch (e) {
    ctx.opts.log.warn(
      { branch, err: errorMessage(e) },
      `cannot list kubernetes/website PRs against ${branch}; docs are judged without them`,
    );
    return null;
  }
}

/** The item's "Docs Required?" when it says no docs are needed (board/item-fields.ts); null without a board. */
const docsRequiredOn = (run: BoardRun | null | undefined, issue: number): string | null =>
  run ? noDocsSaid(run.board, run.items.get(issue), run.names) : null;

/** What the docs verdict of an issue gets from the run: the listing's part, the board's "Docs Required?", the owners' word. */
export const docsInputFor = (ctx: { docs?: DocsRun | null; board?: BoardRun | null }, issue: SweepIssue, none: string | null): DocsInput =>
  docsInputOf(ctx.docs ?? null, issue, { required: docsRequiredOn(ctx.board, issue.number), none });
