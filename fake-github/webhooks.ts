// Webhook deliveries as GitHub makes them, for the demo and for tests that
// run the App's real server: signed with the webhook secret, and with
// payloads built from the fake's own state, so an event says what the fake holds.
import { createHmac, randomUUID } from "node:crypto";
import type { FakeChange, FakeComment, FakeIssue, FakePull, FakeRepo, World } from "./world.js";

/** POSTs one signed delivery to the App's webhook URL (`headers` added, or in place of GitHub's); resolves with the App's answer. */
export async function sendWebhook(
  url: string,
  secret: string,
  event: string,
  payload: object,
  id: string = randomUUID(),
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": id,
      "x-hub-signature-256": signature,
      "user-agent": "GitHub-Hookshot/fake",
      ...headers,
    },
  });
  return { status: res.status, body: await res.text() };
}

/**
 * A delivery as Prow's hook forwards it to an external plugin: the payload a repository (or
 * organisation) webhook carries, which has no `installation`, with GitHub's headers and its
 * signature (the hmac secret hook and the plugins share), and hook's User-Agent.
 */
export function forwardAsProwHook(url: string, hmac: string, event: string, payload: object, id: string = randomUUID()) {
  const { installation: _, ...repositoryWebhook } = payload as { installation?: unknown };
  return sendWebhook(url, hmac, event, repositoryWebhook, id, { "user-agent": "ProwHook" });
}

const user = (login: string) => ({ login, id: 1000 + login.length, type: login.endsWith("[bot]") ? "Bot" : "User" });

function repositoryPayload(repo: FakeRepo) {
  return {
    id: 1,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: false,
    owner: { ...user(repo.owner), type: "Organization" },
    default_branch: repo.defaultBranch,
  };
}

function issuePayload(repo: FakeRepo, issue: FakeIssue) {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state ?? "open",
    labels: issue.labels.map((name) => ({ name })),
    milestone: issue.milestone,
    assignees: issue.assignees.map(user),
    user: user(issue.author ?? "ghost"),
    html_url: `https://github.com/${repo.owner}/${repo.name}/issues/${issue.number}`,
  };
}

/** An `issues` event (opened, labeled, milestoned, …) for an issue as the fake holds it now. */
export function issuesEvent(world: World, repo: FakeRepo, issue: FakeIssue, action: string, sender: string, extra: object = {}) {
  return {
    action,
    issue: issuePayload(repo, issue),
    repository: repositoryPayload(repo),
    installation: { id: world.app.installationId },
    sender: user(sender),
    ...extra,
  };
}

/**
 * Posts a comment on the fake (as GitHub stores it, id past 2^31) and gives
 * the `issue_comment.created` event that announces it.
 */
export function commentEvent(world: World, repo: FakeRepo, issue: FakeIssue, author: string, body: string) {
  const comment = { id: world.newId(), author, body };
  issue.comments.push(comment);
  return issueCommentEvent(world, repo, issue, comment, "created", author);
}

function issueCommentEvent(world: World, repo: FakeRepo, issue: FakeIssue, comment: FakeComment, action: string, sender: string) {
  return {
    action,
    issue: issuePayload(repo, issue),
    comment: {
      id: comment.id,
      body: comment.body,
      user: user(comment.author),
      html_url: `https://github.com/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${comment.id}`,
    },
    repository: repositoryPayload(repo),
    installation: { id: world.app.installationId },
    sender: user(sender),
  };
}

/**
 * A `pull_request` event (opened, closed, …) for a pull request of the fake.
 * The fake's API cannot open or merge one, so a caller that changes `repo.pulls`
 * itself sends this (and, for a merge, pushEvent) with sendWebhook.
 */
export function pullRequestEvent(world: World, repo: FakeRepo, pull: FakePull, action: string, sender: string) {
  const state = pull.state ?? "OPEN";
  return {
    action,
    number: pull.number,
    pull_request: {
      number: pull.number,
      title: pull.title ?? "",
      state: state === "OPEN" ? "open" : "closed",
      merged: state === "MERGED",
      html_url: `https://github.com/${repo.owner}/${repo.name}/pull/${pull.number}`,
      head: { sha: pull.headSha, ref: `pull-${pull.number}` },
      base: { ref: repo.defaultBranch },
      user: user(sender),
    },
    repository: repositoryPayload(repo),
    installation: { id: world.app.installationId },
    sender: user(sender),
  };
}

/** The `push` event of a commit on the default branch, `before` → the repository's headSha, naming the files it changed. */
export function pushEvent(
  world: World,
  repo: FakeRepo,
  before: string,
  changed: { added?: string[]; modified?: string[]; removed?: string[] },
  sender: string,
) {
  const commit = {
    id: repo.headSha,
    message: "",
    added: changed.added ?? [],
    modified: changed.modified ?? [],
    removed: changed.removed ?? [],
  };
  return {
    ref: `refs/heads/${repo.defaultBranch}`,
    before,
    after: repo.headSha,
    commits: [commit],
    head_commit: commit,
    repository: repositoryPayload(repo),
    installation: { id: world.app.installationId },
    sender: user(sender),
    pusher: { name: sender },
  };
}

/** The delivery GitHub makes for a change, if the App would get one. */
function deliveryFor(world: World, c: FakeChange): { event: string; payload: object } | null {
  const { repo, issue } = c;
  if (repo && issue && (c.what === "labeled" || c.what === "unlabeled"))
    return { event: "issues", payload: issuesEvent(world, repo, issue, c.what, c.actor, { label: { name: c.label } }) };
  if (repo && issue && (c.what === "milestoned" || c.what === "demilestoned"))
    return { event: "issues", payload: issuesEvent(world, repo, issue, c.what, c.actor) };
  if (repo && issue && c.comment && c.what.startsWith("comment "))
    return { event: "issue_comment", payload: issueCommentEvent(world, repo, issue, c.comment, c.what.slice(8), c.actor) };
  if (c.project && c.item && c.what !== "reaction" && c.what !== "check run") {
    const content = c.item.content;
    const payload = {
      action: c.what === "item added" ? "created" : "edited",
      projects_v2_item: {
        id: c.item.databaseId,
        node_id: c.item.id,
        project_node_id: c.project.id,
        content_type: "draft" in content ? "DraftIssue" : "Issue",
        archived_at: null,
      },
      ...(c.fieldName
        ? {
            changes: {
              field_value: { field_node_id: c.project.fields.find((f) => f.name === c.fieldName)?.id, field_type: "single_select" },
            },
          }
        : {}),
      organization: { login: c.project.owner },
      installation: { id: world.app.installationId },
      sender: user(c.actor),
    };
    return { event: "projects_v2_item", payload };
  }
  return null;
}

export type Forwarding = {
  /** Resolves when every delivery is made, including those of changes the App made meanwhile. */
  settled: () => Promise<void>;
  /** Deliveries the App did not accept, as "event action: status". */
  failures: string[];
};

/**
 * Delivers a webhook for every change made through the API, as GitHub
 * does, to the App's webhook URL: one at a time, in order, payloads taken
 * when the change is made. The App's own writes are delivered too.
 */
export function forwardWebhooks(world: World, target: { url: string; secret: string }): Forwarding {
  let queue: Promise<void> = Promise.resolve();
  const failures: string[] = [];
  world.onChange((change) => {
    const delivery = deliveryFor(world, change);
    if (!delivery) return;
    queue = queue.then(async () => {
      const what = `${delivery.event} ${(delivery.payload as { action?: string }).action ?? ""}`;
      try {
        const res = await sendWebhook(target.url, target.secret, delivery.event, delivery.payload);
        if (res.status >= 300) failures.push(`${what}: ${res.status}`);
      } catch (e) {
        failures.push(`${what}: ${(e as Error).message}`);
      }
    });
  });
  const settled = async () => {
    let last: Promise<void>;
    do {
      last = queue;
      await last;
    } while (last !== queue);
  };
  return { settled, failures };
}
