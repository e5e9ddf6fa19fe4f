import { z } from "zod";
import type { MentioningPr } from "../../reading/mentions.js";

/**
 * The pull requests that mention an issue, read with the issue in the same
 * query (ISSUE_CONTEXT and SWEEP_PAGE): its timeline's cross-references, the
 * most recent 25. Without their labels: GitHub charges a connection inside
 * each of them once per timeline item (25 points of a 100-issue page's 30),
 * and only the open ones' lgtm and approved are shown, read with the linked
 * PRs' states instead (unlisted-prs.ts, `mentionLabelReads`).
 */
export const CROSS_REFERENCES = `timelineItems(itemTypes: [CROSS_REFERENCED_EVENT], last: 25) {
          nodes {
            ... on CrossReferencedEvent { source { __typename ... on PullRequest { number state merged repository { nameWithOwner } } } }
          }
        }`;

const Source = z.object({
  __typename: z.string(),
  number: z.number().int().optional(),
  state: z.enum(["OPEN", "CLOSED", "MERGED"]).optional(),
  merged: z.boolean().optional(),
  repository: z.object({ nameWithOwner: z.string() }).optional(),
  labels: z
    .object({ nodes: z.array(z.object({ name: z.string() }).nullable()) })
    .nullable()
    .optional(),
});

/**
 * Lenient by design: a node that is not a cross-reference to a pull request
 * (or is null beside a GraphQL error) is skipped, never a failure of the read.
 */
export const CrossReferences = z.object({ nodes: z.array(z.unknown()).nullable() });
export type CrossReferencesData = z.infer<typeof CrossReferences>;

const Node = z.object({ source: Source.nullable() });

/** The pull requests of a timeline page, oldest first, as the evaluation reads them (labels, when not read, empty). */
export function mentioningPrs(timeline: CrossReferencesData | null | undefined): MentioningPr[] {
  const out: MentioningPr[] = [];
  for (const raw of timeline?.nodes ?? []) {
    const parsed = Node.safeParse(raw);
    const s = parsed.success ? parsed.data.source : null;
    if (s?.__typename !== "PullRequest" || s.number === undefined || !s.state || !s.repository) continue;
    const [owner, repo] = s.repository.nameWithOwner.split("/");
    if (!owner || !repo) continue;
    const state = s.merged || s.state === "MERGED" ? "merged" : s.state === "OPEN" ? "open" : "closed";
    out.push({ owner, repo, number: s.number, state, labels: (s.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])) });
  }
  return out;
}
