import { z } from "zod";
import { needsPrStates } from "../inputs/kep-reads.js";
import { mentionFilesKey, mentionsAsRead } from "../inputs/mention-reads.js";
import { prrNumberOf } from "../kep/prr-file.js";
import type { IssueBody } from "../reading/issue-body.js";
import { KINDS, kindOf, listedKeys, MAX_UNLISTED, type MentioningPr, MentioningPrSchema } from "../reading/mentions.js";
import { type PullRequestState, prKey } from "../reading/pull-requests.js";
import type { Deadline } from "../release/timeline.js";

/**
 * The pull requests that mention a tracking issue (its timeline's
 * cross-references) but that its description does not list. The body's
 * checklist goes stale; the Enhancements team's own tooling finds a KEP's PRs
 * this way. Pure: the reads give the mentions, the evaluation lists them from
 * code freeze on so that the owners add them to the description or dismiss them.
 */

export const UnlistedPrSchema = MentioningPrSchema.extend({ kind: z.enum(KINDS), url: z.string() });
export type UnlistedPr = z.infer<typeof UnlistedPrSchema>;

/** Whether a PR's files change the KEP's directory or its PRR file. */
export function touchesKep(files: readonly string[], kepDir: string, number: number): boolean {
  return files.some((f) => f.startsWith(`${kepDir}/`) || prrNumberOf(f) === number);
}

/**
 * The mentions not listed anywhere in the body, by kind then number. A PR of
 * the tracked repository counts only when it changes the KEP's directory or
 * PRR file (`kepPrs`: the PRs whose files show it): PRs that sweep many KEPs
 * at once mention the issue too.
 */
export function unlistedPrs(opts: {
  mentions: readonly MentioningPr[];
  body: IssueBody;
  repository: { owner: string; repo: string } | undefined;
  kepPrs: ReadonlySet<number>;
}): UnlistedPr[] {
  const listed = listedKeys(opts.body);
  const seen = new Set<string>();
  const out: UnlistedPr[] = [];
  for (const pr of opts.mentions) {
    const key = prKey(pr);
    const kind = kindOf(pr, opts.repository);
    if (!kind || listed.has(key) || seen.has(key)) continue;
    if (kind === "kep" && !opts.kepPrs.has(pr.number)) continue;
    seen.add(key);
    out.push({ ...pr, kind, url: `https://github.com/${pr.owner}/${pr.repo}/pull/${pr.number}` });
  }
  out.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.number - b.number);
  return out.slice(0, MAX_UNLISTED);
}

/** What of an issue's evaluation inputs the unlisted PRs are found from. */
export type UnlistedInput = {
  issue: { number: number; crossReferences?: MentioningPr[] | undefined };
  kep: { report: { path: string } } | null;
  openPrs: ReadonlyArray<{ number: number }>;
  pullRequests: Record<string, PullRequestState>;
  deadlines: Record<Deadline, { at: Date }>;
  now: Date;
  repository?: { owner: string; repo: string } | undefined;
};

/** From code freeze on, the PRs that mention the issue but that its body does not list. */
export function unlistedOf(input: UnlistedInput, body: IssueBody): { unlisted?: UnlistedPr[] } {
  const mentions = mentionsAsRead(input.issue.crossReferences ?? [], input.pullRequests);
  if (!mentions.length || !needsPrStates(input.deadlines, input.now)) return {};
  // The open PRs that change the KEP, and the merged or closed ones whose files were read and show it.
  const kepDir = input.kep?.report.path.replace(/\/kep\.yaml$/, "");
  const changedKep = mentions.filter(
    (m) => kepDir && touchesKep(input.pullRequests[mentionFilesKey(m)]?.files ?? [], kepDir, input.issue.number),
  );
  const kepPrs = new Set([...input.openPrs.map((p) => p.number), ...changedKep.map((m) => m.number)]);
  const unlisted = unlistedPrs({ mentions, body, repository: input.repository, kepPrs });
  return unlisted.length ? { unlisted } : {};
}
