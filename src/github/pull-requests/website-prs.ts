import { z } from "zod";
import type { WebsitePr } from "../../reading/docs-prs.js";
import type { OctokitLike } from "../client.js";

/**
 * The release's docs listing: kubernetes/website's open and merged PRs against `dev-1.NN`, read
 * once per sweep and shared by every issue (the Docs team's own "Monitor PRs" query). A hundred a
 * page, so P PRs cost ceil(P/100) requests; the branch exists for one cycle, so merged PRs are
 * this release's.
 */
export const WEBSITE_PRS = /* GraphQL */ `
  query WebsitePrs($owner: String!, $repo: String!, $base: String!, $after: String) {
    repository(owner: $owner, name: $repo) {
      pullRequests(baseRefName: $base, states: [OPEN, MERGED], first: 100, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          number url title body isDraft baseRefName state merged
          author { login }
          labels(first: 30) { nodes { name } }
        }
      }
    }
  }
`;

const Node = z.object({
  number: z.number().int(),
  url: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  isDraft: z.boolean(),
  baseRefName: z.string(),
  state: z.enum(["OPEN", "CLOSED", "MERGED"]),
  merged: z.boolean(),
  author: z.object({ login: z.string() }).nullable(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable(),
});

const Response = z.object({
  repository: z.object({
    pullRequests: z.object({
      totalCount: z.number().int(),
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      nodes: z.array(Node.nullable()),
    }),
  }),
});

/** A release's docs PRs are in the hundreds; more pages than this is a listing gone wrong, not docs. */
const MAX_PAGES = 20;

const prOf = (n: z.infer<typeof Node>): WebsitePr => ({
  number: n.number,
  url: n.url,
  title: n.title,
  body: n.body ?? "",
  base: n.baseRefName,
  draft: n.isDraft,
  state: n.merged || n.state === "MERGED" ? "merged" : n.state === "OPEN" ? "open" : "closed",
  labels: (n.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
  author: n.author?.login ?? null,
});

/** Every open and merged PR against `branch` of owner/repo (kubernetes/website). */
export async function listWebsitePrs(octokit: OctokitLike, repo: { owner: string; repo: string }, branch: string): Promise<WebsitePr[]> {
  const out: WebsitePr[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = Response.parse(await octokit.graphql(WEBSITE_PRS, { ...repo, base: branch, after }));
    const { nodes, pageInfo } = data.repository.pullRequests;
    for (const n of nodes) if (n) out.push(prOf(n));
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) break;
    after = pageInfo.endCursor;
  }
  return out;
}
