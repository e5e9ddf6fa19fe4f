// Repositories, issues, comments and pull requests as GraphQL nodes.
import type { GraphQLResolveInfo } from "graphql";
import { type Args, actorNode, connection, FakeGraphQLError, idKey, late, nodeId, type PageArgs } from "./connection.js";
import { issueProjectItems } from "./project-nodes.js";
import { blobSha } from "./rest.js";
import type { FakeComment, FakeIssue, FakePull, FakeRepo, World } from "./world.js";

export function repositoryNode(world: World, owner: string, name: string) {
  const repo = world.repo(owner, name);
  if (repo) return repoNode(world, repo);
  // A repository not seeded exists only for its pull requests' states (kubernetes/kubernetes).
  const others = world.otherPulls;
  if (!others) throw new FakeGraphQLError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, "NOT_FOUND");
  const pull = (n: number) => others(owner, name, n);
  return {
    __typename: "Repository",
    nameWithOwner: `${owner}/${name}`,
    // Its PRs are known one number at a time: a listing of them (kubernetes/website's docs PRs) finds none.
    pullRequests: (args: PageArgs, _c: unknown, info: GraphQLResolveInfo) => connection([], args, info, (n) => n),
    pullRequest: ({ number }: Args) => {
      const state = pull(Number(number));
      if (!state) throw new FakeGraphQLError(`Could not resolve to a PullRequest with the number of ${String(number)}.`, "NOT_FOUND");
      return {
        __typename: "PullRequest",
        number,
        isDraft: false,
        baseRefName: "main",
        author: actorNode("ghost"),
        ...state,
        labels: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(state.labels, a, i, labelNode),
      };
    },
  };
}

export function repoNode(world: World, repo: FakeRepo) {
  return {
    __typename: "Repository",
    id: nodeId("R", `${repo.owner}/${repo.name}`),
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    url: `https://github.com/${repo.owner}/${repo.name}`,
    owner: { __typename: "Organization", login: repo.owner },
    defaultBranchRef: { name: repo.defaultBranch, target: { __typename: "Commit", oid: repo.headSha } },
    issue: ({ number }: Args) => {
      const issue = world.issue(repo, Number(number));
      if (!issue) throw new FakeGraphQLError(`Could not resolve to an Issue with the number of ${String(number)}.`, "NOT_FOUND");
      return issueNode(world, repo, issue);
    },
    issues: (args: Args & PageArgs, _c: unknown, info: GraphQLResolveInfo) =>
      connection(filterIssues(repo, args), args, info, (i) => issueNode(world, repo, i)),
    pullRequest: ({ number }: Args) => {
      const pull = repo.pulls.find((p) => p.number === Number(number));
      if (!pull) throw new FakeGraphQLError(`Could not resolve to a PullRequest with the number of ${String(number)}.`, "NOT_FOUND");
      return pullNode(repo, pull);
    },
    pullRequests: (args: Args & PageArgs, _c: unknown, info: GraphQLResolveInfo) => {
      const states = (args.states as string[] | null) ?? null;
      const base = (args.baseRefName as string | null | undefined) ?? null;
      let pulls = repo.pulls.filter(
        (p) => (!states || states.includes(p.state ?? "OPEN")) && (!base || (p.base ?? repo.defaultBranch) === base),
      );
      if ((args.orderBy as { direction?: string } | null)?.direction === "DESC") pulls = [...pulls].reverse();
      return connection(pulls, args, info, (p) => pullNode(repo, p));
    },
    object: ({ expression }: Args) => {
      const text = String(expression ?? "");
      const colon = text.indexOf(":");
      const content = colon < 0 ? undefined : world.fileAt(repo, text.slice(0, colon), text.slice(colon + 1));
      return content === undefined
        ? null
        : {
            __typename: "Blob",
            text: content,
            isBinary: false,
            isTruncated: false,
            byteSize: Buffer.byteLength(content),
            oid: blobSha(content),
          };
    },
  };
}

/** Issues by `states` and `labels` (any of them), oldest first unless ordered DESC. */
function filterIssues(repo: FakeRepo, args: Args): FakeIssue[] {
  const states = (args.states as string[] | null) ?? null;
  const labels = (args.labels as string[] | null) ?? null;
  const out = repo.issues.filter(
    (i) => (!states || states.includes((i.state ?? "open").toUpperCase())) && (!labels || i.labels.some((l) => labels.includes(l))),
  );
  return (args.orderBy as { direction?: string } | null)?.direction === "DESC" ? out.reverse() : out;
}

const ISSUE_ID_BASE = 1_000_000_000;

const labelNode = (name: string) => ({ __typename: "Label", name, color: "ededed" });

export function issueNode(world: World, repo: FakeRepo, issue: FakeIssue) {
  return {
    __typename: "Issue",
    id: nodeId("I", `${repo.owner}/${repo.name}#${issue.number}`),
    // Issue ids are still below 2^31 on GitHub; the fake's are made up from the number.
    databaseId: ISSUE_ID_BASE + issue.number,
    fullDatabaseId: String(ISSUE_ID_BASE + issue.number),
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    state: (issue.state ?? "open").toUpperCase(),
    closed: issue.state === "closed",
    url: `https://github.com/${repo.owner}/${repo.name}/issues/${issue.number}`,
    author: actorNode(issue.author ?? "ghost"),
    milestone: issue.milestone && { __typename: "Milestone", ...issue.milestone },
    repository: () => repoNode(world, repo),
    labels: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(issue.labels, a, i, labelNode),
    assignees: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(issue.assignees, a, i, actorNode),
    comments: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(issue.comments, a, i, commentNode),
    projectItems: (a: PageArgs & Args, _c: unknown, i: GraphQLResolveInfo) => issueProjectItems(world, repo, issue, a, i),
    timelineItems: (a: PageArgs & Args, _c: unknown, i: GraphQLResolveInfo) => connection(crossReferences(world, issue, a), a, i, (n) => n),
  };
}

/** The issue's cross-references from pull requests (the only timeline items modelled), when `itemTypes` asks for them. */
function crossReferences(world: World, issue: FakeIssue, args: Args): unknown[] {
  const types = (args.itemTypes as string[] | null | undefined) ?? null;
  if (types && !types.includes("CROSS_REFERENCED_EVENT")) return [];
  return (issue.mentionedBy ?? []).flatMap((ref) => {
    const source = mentioningPull(world, ref.owner, ref.repo, ref.number);
    return source
      ? [{ __typename: "CrossReferencedEvent", source, isCrossRepository: ref.repo !== "enhancements", willCloseTarget: false }]
      : [];
  });
}

/** A pull request as a cross-reference's source: a seeded repository's, else `otherPulls`'. */
function mentioningPull(world: World, owner: string, name: string, number: number) {
  const repo = world.repo(owner, name);
  const pull = repo?.pulls.find((p) => p.number === number);
  if (repo && pull) return pullNode(repo, pull);
  const state = repo ? null : world.otherPulls?.(owner, name, number);
  if (!state) return null;
  const labels = (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(state.labels, a, i, labelNode);
  return {
    __typename: "PullRequest",
    number,
    url: `https://github.com/${owner}/${name}/pull/${number}`,
    ...state,
    labels,
    repository: repositoryRef(owner, name),
  };
}

const repositoryRef = (owner: string, name: string) => ({
  __typename: "Repository",
  name,
  nameWithOwner: `${owner}/${name}`,
  owner: { __typename: "Organization", login: owner },
});
late.issueNode = issueNode;

/** `databaseId` is an Int: past 2^31 graphql-js answers it with an error, as GitHub does; `fullDatabaseId` is whole. */
const commentNode = (c: FakeComment) => ({
  __typename: "IssueComment",
  databaseId: c.id,
  fullDatabaseId: String(c.id),
  body: c.body,
  author: actorNode(c.author),
});

function pullNode(repo: FakeRepo, p: FakePull) {
  const state = p.state ?? "OPEN";
  return {
    __typename: "PullRequest",
    number: p.number,
    title: p.title ?? `PR ${p.number}`,
    url: p.url ?? `https://github.com/${repo.owner}/${repo.name}/pull/${p.number}`,
    headRefOid: p.headSha,
    body: p.body ?? "",
    isDraft: p.draft ?? false,
    baseRefName: p.base ?? repo.defaultBranch,
    author: actorNode(p.author ?? "ghost"),
    repository: repositoryRef(repo.owner, repo.name),
    state,
    merged: state === "MERGED",
    labels: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) => connection(p.labels ?? [], a, i, labelNode),
    files: (a: PageArgs, _c: unknown, i: GraphQLResolveInfo) =>
      connection(p.files, a, i, (path) => ({ __typename: "PullRequestChangedFile", path })),
  };
}

/** An issue by its node id, or null. */
export function issueById(world: World, id: string): ReturnType<typeof issueNode> | null {
  if (id.startsWith("I_")) {
    const m = /^(.+)\/(.+)#(\d+)$/.exec(idKey(id));
    const repo = m ? world.repo(m[1], m[2]) : undefined;
    const issue = repo && world.issue(repo, Number(m![3]));
    if (repo && issue) return issueNode(world, repo, issue);
  }
  return null;
}
