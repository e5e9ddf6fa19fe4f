// What people do on GitHub during the story. Each action changes the fake's
// state as the API would and announces the change, so the printer shows it
// and forwardWebhooks delivers the webhook GitHub would send, with that person
// as its sender (the fake's API knows a single person, its viewer).
// Pull requests have no such change in the fake: the story sends their deliveries itself.
import { addItem, type FakeProject, fieldNamed, setValue } from "../fake-github/projects.js";
import type { FakeIssue, FakeRepo, World } from "../fake-github/world.js";

export type People = {
  label: (by: string, issue: FakeIssue, label: string) => void;
  milestone: (by: string, issue: FakeIssue, milestone: { title: string; number: number }) => void;
  comment: (by: string, issue: FakeIssue, body: string) => void;
  /** Sets a field of the issue's board item, by the field's and the option's names, at `at` (a request's date). */
  boardField: (by: string, board: FakeProject, issue: FakeIssue, field: string, value: string | number, at: Date) => void;
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
    boardField: (by, board, issue, field, value, at) => {
      const item = addItem(board, { owner: repo.owner, repo: repo.name, number: issue.number });
      setValue(board, item, field, value);
      // GitHub dates a single-select value from when it was set: an exception request's date.
      const id = fieldNamed(board, field).id;
      const set = item.values[id];
      if (set && "optionId" in set) item.values[id] = { ...set, createdAt: at.toISOString() };
      world.emit({ what: "field set", actor: by, project: board, item, fieldName: field });
    },
  };
}
