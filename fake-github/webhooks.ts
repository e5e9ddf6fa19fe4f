// Webhook deliveries as GitHub makes them, for the demo and for tests that
// run the App's real server: signed with the webhook secret, and with
// payloads built from the fake's own state, so an event says what the fake holds.
import { createHmac, randomUUID } from "node:crypto";
import type { FakeIssue, FakeRepo, World } from "./world.js";

/** POSTs one signed delivery to the App's webhook URL; resolves with the App's answer. */
export async function sendWebhook(url: string, secret: string, event: string, payload: object, id: string = randomUUID()): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": signature, "user-agent": "GitHub-Hookshot/fake" },
  });
  return { status: res.status, body: await res.text() };
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
  return { action, issue: issuePayload(repo, issue), repository: repositoryPayload(repo), installation: { id: world.app.installationId }, sender: user(sender), ...extra };
}

/**
 * Posts a comment on the fake (as GitHub stores it, id past 2^31) and gives
 * the `issue_comment.created` event that announces it.
 */
export function commentEvent(world: World, repo: FakeRepo, issue: FakeIssue, author: string, body: string) {
  const comment = { id: world.newId(), author, body };
  issue.comments.push(comment);
  return {
    action: "created",
    issue: issuePayload(repo, issue),
    comment: { id: comment.id, body, user: user(author), html_url: `https://github.com/${repo.owner}/${repo.name}/issues/${issue.number}#issuecomment-${comment.id}` },
    repository: repositoryPayload(repo),
    installation: { id: world.app.installationId },
    sender: user(author),
  };
}
