import { listWebsitePrs } from "../github/website-prs.js";
import { type DocsPrIndex, devBranch, indexDocsPrs, WEBSITE, type WebsitePr } from "../reading/docs-prs.js";
import { errorMessage } from "../util/narrow.js";
import type { DocsInput } from "../verdict/docs.js";
import type { SweepContext } from "./context.js";

/**
 * The sweep's one read of kubernetes/website: the release's docs listing (open and merged PRs
 * against dev-1.NN), indexed by the KEPs each names, shared by every issue of the run. From
 * enhancements freeze on only, when docs are judged; ceil(P/100) requests for P PRs.
 */
export type DocsRun = { index: DocsPrIndex; byNumber: ReadonlyMap<number, WebsitePr>; size: number };

/** Reads the listing, or null before enhancements freeze or when GitHub does not give it (docs are then judged without it). */
export async function openDocs(ctx: SweepContext): Promise<DocsRun | null> {
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

/** What the docs verdict of issue `number` gets from the run. */
export function docsInputFor(ctx: SweepContext, number: number): DocsInput {
  const run = ctx.docs;
  return { listing: run ? { named: run.index.get(number) ?? [], byNumber: run.byNumber } : null };
}
