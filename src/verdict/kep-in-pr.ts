import type { OpenKepPr } from "../inputs/kep-reads.js";
import type { Problem } from "./types.js";

/**
 * A new KEP not merged yet, judged "in open PR #N" as the team does at PRR
 * freeze ("PR open or merged"). When several open PRs add it, the newest is
 * judged and the others are named, so the owners can close them.
 */
export type KepInPr = { pr: { number: number; url: string } | null; openPrs: OpenKepPr[]; problems: Problem[] };

export function kepInOpenPr(merged: boolean, openPrs: OpenKepPr[]): KepInPr {
  if (merged) return { pr: null, openPrs, problems: [] };
  const adders = openPrs.filter((p) => p.kep && p.files.includes(p.kep.report.path)).sort((a, b) => b.number - a.number);
  const [newest, ...older] = adders;
  if (!newest) return { pr: null, openPrs, problems: [] };
  const problems: Problem[] = older.length
    ? [
        {
          id: "kep-in-several-prs",
          message:
            `Open PRs ${[newest, ...older].map((p) => `#${p.number}`).join(", ")} each add this KEP: judged on the newest, ` +
            `#${newest.number}; close the others or say which one counts.`,
        },
      ]
    : [];
  return { pr: { number: newest.number, url: newest.url }, openPrs: openPrs.filter((p) => !older.includes(p)), problems };
}
