// What people do on GitHub during the story. Each action changes the fake's
// state as the API would and announces the change, so the printer shows it
// and forwardWebhooks delivers the webhook GitHub would send, with that person
// as its sender (the fake's API knows a single person, its viewer).
// Pull requests have no such change in the fake: their deliveries are made here.
import { sendWebhook } from "../fake-github/webhooks.js";
import type { FakeIssue, FakePull, FakeRepo, World } from "../fake-github/world.js";

export type People = {
  label: (by: string, issue: FakeIssue, label: string) => void;
  milestone: (by: string, issue: FakeIssue, milestone: { title: string; number: number }) => void;
  comment: (by: string, issue: FakeIssue, body: string) => void;
};

export function people(world: World, repo: FakeRepo): People {
  return {
    label: (by, issue, label) => {
      if (issue.labels.includes(label)) return;
      issue.labels.push(label);
      world.emit({ what: "labeled", actor: by, repo, issue, label });
    },
    milestone: (by, issue, milestone) => {
      issue.milestone = milestone;
      world.emit({ what: "milestoned", actor: by, repo, issue });
    },
    comment: (by, issue, body) => {
      const comment = { id: world.newId(), author: by, body };
      issue.comments.push(comment);
      world.emit({ what: "comment created", actor: by, repo, issue, comment });
    },
  };
}

const user = (login: string) => ({ login, id: 5000 + login.length, type: "User" });

function repositoryPayload(repo: FakeRepo) {
  return { id: 1, name: repo.name, full_name: `${repo.owner}/${repo.name}`, private: false, owner: { login: repo.owner, id: 1, type: "Organization" }, default_branch: repo.defaultBranch };
}

/** Sends GitHub's deliveries for a pull request event (opened, closed) to the App. */
export async function pullRequestEvent(target: { url: string; secret: string }, world: World, repo: FakeRepo, pull: FakePull, action: "opened" | "closed", by: string): Promise<number> {
  const merged = pull.state === "MERGED";
  const payload = {
    action,
    number: pull.number,
    pull_request: {
      number: pull.number,
      title: pull.title ?? "",
      state: action === "closed" ? "closed" : "open",
      merged,
      html_url: `https://github.com/${repo.owner}/${repo.name}/pull/${pull.number}`,
      head: { sha: pull.headSha, ref: `pr-${pull.number}` },
      base: { ref: repo.defaultBranch },
      user: user(by),
    },
    repository: repositoryPayload(repo),
    installation: { id: world.app.installationId },
    sender: user(by),
  };
  return (await sendWebhook(target.url, target.secret, "pull_request", payload)).status;
}

/** Sends the push to the default branch that a merge makes, naming the files it changed. */
export async function pushEvent(target: { url: string; secret: string }, world: World, repo: FakeRepo, before: string, modified: string[], by: string): Promise<number> {
  const payload = {
    ref: `refs/heads/${repo.defaultBranch}`,
    before,
    after: repo.headSha,
    commits: [{ id: repo.headSha, message: "Merge pull request", added: [], removed: [], modified }],
    repository: repositoryPayload(repo),
    installation: { id: world.app.installationId },
    sender: user(by),
    pusher: { name: by },
  };
  return (await sendWebhook(target.url, target.secret, "push", payload)).status;
}
