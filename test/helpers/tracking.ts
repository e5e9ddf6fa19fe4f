import { readFileSync } from "node:fs";
import { readCheckout } from "../../src/cli/checkout.js";
import { type ValidatedKep, validateKep } from "../../src/kep/validate.js";
import { type Deadline, parseTimeline } from "../../src/release/timeline.js";
import type { ChecklistInput } from "../../src/verdict/checklist.js";
import type { IssueInput, TrackingInput, TrackingSettings } from "../../src/verdict/evaluate.js";
import { approvers, sigs } from "./checkout.js";
import { ENHANCEMENTS, TIMELINES } from "./fixtures.js";

export const checkout = readCheckout(ENHANCEMENTS);
const context = { approvers, sigs, read: checkout.read };

/** A real KEP of the fixtures, by number, validated as the App would. */
export function realKep(number: string): ValidatedKep {
  const path = checkout.paths.find((p) => new RegExp(`/0*${number}-[^/]+/kep\\.yaml$`).test(p));
  if (!path) throw new Error(`no KEP ${number} in the fixtures`);
  return validateKep(path, checkout.read(path)!, context);
}

/** A real KEP with its kep.yaml edited (and other files replaced), as an open PR would have it. */
export function editedKep(number: string, edit: (text: string) => string, files: Record<string, string> = {}): ValidatedKep {
  const kep = realKep(number);
  const read = (path: string) => files[path] ?? checkout.read(path);
  return validateKep(kep.report.path, edit(checkout.read(kep.report.path)!), { ...context, read });
}

/** v1.37's real deadlines, from its sig-release Timeline table. */
export const V137 = (() => {
  const t = parseTimeline(readFileSync(`${TIMELINES}/release-1.37-timeline.md`, "utf8"));
  return Object.fromEntries(Object.entries(t.deadlines).map(([k, v]) => [k, { at: v.at, approximate: v.approximate }])) as Record<
    Deadline,
    { at: Date; approximate: boolean }
  >;
})();

export const SETTINGS: TrackingSettings = {
  release: "v1.37",
  labels: {
    leadOptedIn: "lead-opted-in",
    trackedYes: "tracked/yes",
    trackedNo: "tracked/no",
    trackedOutOfTree: "tracked/out-of-tree",
    stagePrefix: "stage/",
    sigPrefix: "sig/",
  },
};

/** An open tracking issue in v1.37, opted in, with one assignee. */
export function issue(number: number, over: Partial<IssueInput> = {}): IssueInput {
  return {
    number,
    title: `KEP ${number}`,
    state: "open",
    labels: ["lead-opted-in", "sig/node"],
    milestone: "v1.37",
    assignees: ["alice"],
    body: "",
    ...over,
  };
}

export function input(over: Partial<TrackingInput> & { issue: IssueInput }): TrackingInput {
  return {
    kep: null,
    openPrs: [],
    pullRequests: {},
    settings: SETTINGS,
    deadlines: V137,
    now: new Date("2026-06-01T09:00:00Z"),
    repository: { owner: "kubernetes", repo: "enhancements", branch: "master" },
    ...over,
  };
}

/** What the checklist looks at, for a KEP opted in and in the milestone with nothing else known yet. */
export const checklistInput = (over: Partial<ChecklistInput> = {}): ChecklistInput => ({
  release: "v1.37",
  stage: null,
  optedIn: true,
  milestoneSet: true,
  leadOptedInLabel: "lead-opted-in",
  outOfTree: false,
  merged: null,
  pending: [],
  readme: undefined,
  codePrs: [],
  docsPrs: [],
  pullRequests: {},
  ...over,
});
