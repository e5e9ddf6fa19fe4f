// GraphQL `search(type: ISSUE, query:)` over the World's issues, with the
// qualifiers kep-tracker uses: repo:, is:issue, is:open / is:closed,
// commenter: (a login, or app/<slug> for an App), label:, and quoted phrases,
// matched in the title, body and comments as GitHub's issue search does.
import type { GraphQLResolveInfo } from "graphql";
import { type Args, connection, FakeGraphQLError, type PageArgs } from "./connection.js";
import { issueNode } from "./repo-nodes.js";
import type { FakeIssue, FakeRepo, World } from "./world.js";

type Filter = (repo: FakeRepo, issue: FakeIssue) => boolean;

const authorMatches = (author: string, who: string) =>
  who.startsWith("app/") ? author === `${who.slice(4)}[bot]` : author.toLowerCase() === who.toLowerCase();

function qualifier(key: string, value: string): Filter {
  switch (key) {
    case "repo":
      return (r) => `${r.owner}/${r.name}`.toLowerCase() === value.toLowerCase();
    case "is":
      if (value === "issue") return () => true;
      if (value === "open" || value === "closed") return (_r, i) => (i.state ?? "open") === value;
      break;
    case "commenter":
      // GitHub documents app/<slug> for author: only; what it does with commenter:app/… is unknown.
      if (value.startsWith("app/")) throw new FakeGraphQLError(`commenter:${value} is not a documented search qualifier`);
      return (_r, i) => i.comments.some((c) => authorMatches(c.author, value));
    case "in":
      if (value === "comments") return () => true;
      break;
    case "label":
      return (_r, i) => i.labels.includes(value);
  }
  throw new FakeGraphQLError(`the fake GitHub's search does not model ${key}:${value}`);
}

/**
 * The query's filters: qualifiers, then quoted phrases (case-insensitive, anywhere in the title,
 * body or a comment; only in the comments with `in:comments`).
 */
function filtersOf(query: string): Filter[] {
  const filters: Filter[] = [];
  const onlyComments = /(^|\s)in:comments(\s|$)/.test(query);
  for (const m of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[1] !== undefined) {
      const phrase = m[1].toLowerCase();
      const texts = (i: FakeIssue) => [...(onlyComments ? [] : [i.title, i.body ?? ""]), ...i.comments.map((c) => c.body)];
      filters.push((_r, i) => texts(i).some((t) => t.toLowerCase().includes(phrase)));
      continue;
    }
    const colon = m[2]!.indexOf(":");
    if (colon < 0) throw new FakeGraphQLError(`the fake GitHub's search does not model bare words ("${m[2]}")`);
    filters.push(qualifier(m[2]!.slice(0, colon), m[2]!.slice(colon + 1)));
  }
  return filters;
}

export function searchIssues(world: World, args: Args & PageArgs, info: GraphQLResolveInfo) {
  if (args.type !== "ISSUE") throw new FakeGraphQLError(`the fake GitHub's search models type ISSUE only, not ${String(args.type)}`);
  const filters = filtersOf(String(args.query ?? ""));
  const found = world.repos.flatMap((repo) =>
    repo.issues.filter((i) => filters.every((f) => f(repo, i))).map((issue) => ({ repo, issue })),
  );
  const page = connection(found, args, info, ({ repo, issue }) => issueNode(world, repo, issue));
  return { ...page, issueCount: found.length };
}
