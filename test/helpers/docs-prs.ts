import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { WebsitePr } from "../../src/reading/docs-prs.js";

const TSV = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/docs-prs/website-prs.tsv");

export type WebsiteRow = { number: number; title: string; base: string; keps: number[]; how: string };

/** The 33 real website PRs of the fixture (test/fixtures/docs-prs). */
export function realWebsitePrs(): WebsiteRow[] {
  const [, ...lines] = readFileSync(TSV, "utf8").trim().split("\n");
  return lines.map((l) => {
    const [number, title, base, keps, , how] = l.split("\t");
    return { number: Number(number), title: title!, base: base!, keps: keps === "none" ? [] : keps!.split(";").map(Number), how: how! };
  });
}

/** The one real body the matcher needs beyond the title: website#51483 names its KEP only by the bare URL. */
const BODIES: Record<number, string> = {
  51483: "Fixes: kubernetes/kubernetes#131877\n\ngithub.com/kubernetes/enhancements/issues/4381\n",
};

export const isBlogRow = (r: WebsiteRow) => r.base === "blog PR";

/** A row as the listing gives it: blog and integration PRs against main, the others against `base`. */
export const websitePrOf = (r: WebsiteRow, base = "dev-1.38"): WebsitePr => ({
  number: r.number,
  url: `https://github.com/kubernetes/website/pull/${r.number}`,
  title: r.title,
  body: BODIES[r.number] ?? "",
  base: isBlogRow(r) || r.base.startsWith("main") ? "main" : base,
  draft: false,
  state: "open",
  labels: isBlogRow(r) ? ["area/blog"] : [],
  author: "someone",
});
