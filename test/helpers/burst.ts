import type { FakeIssue } from "../../fake-github/world.js";

/** The eight events GitHub sends within milliseconds when someone files and triages a tracking issue. */
export const BURST: ReadonlyArray<[action: string, extra: object]> = [
  ["opened", {}],
  ["labeled", { label: { name: "lead-opted-in" } }],
  ["labeled", { label: { name: "sig/apps" } }],
  ["milestoned", { milestone: { title: "v1.37", number: 37 } }],
  ["assigned", { assignee: { login: "alice" } }],
  ["labeled", { label: { name: "stage/alpha" } }],
  ["edited", {}],
  ["assigned", { assignee: { login: "bob" } }],
];

/** The tracking issue those events are about, as it is once triaged: KEP 3541 of the fixtures, no comment yet. */
export const burstIssue = (): FakeIssue => ({
  number: 3541,
  title: "KEP-3541",
  body: "",
  labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
  milestone: { title: "v1.37", number: 37 },
  assignees: ["alice", "bob"],
  comments: [],
});
