import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatProblems, parseConfig, parseConfigText, resolveSchedule } from "../../src/config/config.js";
import { parseTimeline } from "../../src/release/timeline.js";
import { TIMELINES } from "../helpers/fixtures.js";

const FULL = `release: v1.37
schedule:
  prr-freeze: "Tuesday 9th June 2026 (AoE) / Wednesday 10th June 2026, 12:00 UTC"
  enhancements-freeze: 2026-06-17T12:00:00Z
  code-freeze: "Wednesday 22nd July 2026 (AoE) / Thursday 23rd July 2026, 12:00 UTC"
  docs-freeze: 2026-08-06T12:00:00Z
  release: 2026-08-26
teams:
  trackers: [release-team-enhancements, release-team-leads]
  users: ["@alice"]
reminders:
  days-before: [2, 7]
labels:
  lead-opted-in: lead-opted-in
  tracked-yes: tracked/yes
  tracked-no: tracked/no
  tracked-out-of-tree: tracked/out-of-tree
  stage-prefix: stage/
  sig-prefix: sig/
dry-run: true
`;

const problemsOf = (text: string) => {
  const r = parseConfigText(text);
  if (r.ok) throw new Error("expected problems");
  return r.problems;
};

describe(".github/kep-tracker.yml", () => {
  it("reads the full example", () => {
    const r = parseConfigText(FULL);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.config;
    expect(c.release).toBe("v1.37");
    expect(c.schedule.source).toBeNull();
    expect(Object.fromEntries(Object.entries(c.schedule.deadlines).map(([k, v]) => [k, [v.at.toISOString(), v.approximate]]))).toEqual({
      "prr-freeze": ["2026-06-10T12:00:00.000Z", false],
      "enhancements-freeze": ["2026-06-17T12:00:00.000Z", false],
      "code-freeze": ["2026-07-23T12:00:00.000Z", false],
      "docs-freeze": ["2026-08-06T12:00:00.000Z", false],
      release: ["2026-08-27T12:00:00.000Z", true],
    });
    expect(c.teams).toEqual({ trackers: ["release-team-enhancements", "release-team-leads"], users: ["alice"] });
    expect(c.reminders.daysBefore).toEqual([7, 2]);
    expect(c.dryRun).toBe(true);
  });

  it("fills in upstream's defaults when only release and schedule are given", () => {
    const r = parseConfig({ release: "1.37", schedule: { source: "sig-release" } });
    expect(r).toMatchObject({
      ok: true,
      config: {
        release: "v1.37",
        schedule: { source: "sig-release", deadlines: {} },
        teams: { trackers: ["release-team-enhancements", "release-team-leads"], users: [] },
        reminders: { daysBefore: [7, 2] },
        labels: {
          leadOptedIn: "lead-opted-in",
          trackedYes: "tracked/yes",
          trackedNo: "tracked/no",
          trackedOutOfTree: "tracked/out-of-tree",
          stagePrefix: "stage/",
          sigPrefix: "sig/",
        },
        dryRun: false,
      },
    });
  });

  it("reports every problem at once, each with its line, in file order", () => {
    const text = `release: 1.30
reminder:
  days-before: [7]
schedule:
  code-freeze: someday
teams:
  trackers: [""]
labels:
  tracked-yes: ""
dry-run: maybe
`;
    expect(formatProblems(problemsOf(text)).split("\n")).toEqual([
      '.github/kep-tracker.yml:1: release: is a number (1.3): write it as text, e.g. release: "v1.37" (YAML reads a bare 1.30 as 1.3)',
      '.github/kep-tracker.yml:2: reminder: is not a setting; did you mean "reminders"?',
      ".github/kep-tracker.yml:4: schedule: needs prr-freeze, enhancements-freeze, docs-freeze, release (or source: sig-release to read them from kubernetes/sig-release)",
      expect.stringMatching(/^\.github\/kep-tracker\.yml:5: schedule\.code-freeze: must be a date: an ISO 8601 instant .*; got "someday"$/),
      ".github/kep-tracker.yml:7: teams.trackers[0]: must be a team slug, not empty",
      ".github/kep-tracker.yml:9: labels.tracked-yes: must be a label name, not empty",
      ".github/kep-tracker.yml:10: dry-run: must be true or false",
    ]);
  });

  it.each([
    [
      "a release that is no release",
      "release: next\nschedule: {source: sig-release}\n",
      "release",
      'must be a release such as "v1.37", not "next"',
    ],
    [
      "deadlines out of order",
      FULL.replace("2026-08-06T12:00:00Z", "2026-07-01T12:00:00Z"),
      "schedule.docs-freeze",
      "must come after code-freeze",
    ],
    ["a day listed twice", FULL.replace("[2, 7]", "[7, 7]"), "reminders.days-before", "must not list a day twice"],
    ["a day that is not a whole number", FULL.replace("[2, 7]", "[2.5]"), "reminders.days-before[0]", "must be a whole number of days"],
    [
      "an unknown source",
      "release: v1.37\nschedule:\n  source: calendar\n",
      "schedule.source",
      'must be "sig-release" (read the schedule from kubernetes/sig-release), or left out',
    ],
    [
      "a misspelt label key",
      FULL.replace("stage-prefix", "stage-prefx"),
      "labels.stage-prefx",
      'is not a setting; did you mean "stage-prefix"?',
    ],
    [
      "a stage prefix that takes in SIG labels",
      FULL.replace("stage-prefix: stage/", "stage-prefix: sig/"),
      "labels.stage-prefix",
      'must not start the same way as labels.sig-prefix ("sig/"): the App would remove sig/ labels as stale stages',
    ],
    [
      "a stage prefix that a tracked label starts with",
      FULL.replace("stage-prefix: stage/", "stage-prefix: tracked"),
      "labels.stage-prefix",
      'must not start the same way as labels.tracked-yes ("tracked/yes"): the App would remove it as a stale stage',
    ],
    [
      "a label longer than GitHub allows",
      FULL.replace("tracked-no: tracked/no", `tracked-no: ${"n".repeat(51)}`),
      "labels.tracked-no",
      "must be at most 50 characters (GitHub's limit for a label)",
    ],
    [
      "thousands of teams",
      FULL.replace("[release-team-enhancements, release-team-leads]", `[${Array.from({ length: 3000 }, (_, i) => `t${i}`).join(", ")}]`),
      "teams.trackers",
      "must list at most 20 teams",
    ],
    [
      "thousands of users",
      FULL.replace('["@alice"]', `[${Array.from({ length: 3000 }, (_, i) => `u${i}`).join(", ")}]`),
      "teams.users",
      "must list at most 200 users",
    ],
    [
      "a 70,000-character word",
      `${FULL}words:\n  statuses:\n    at-risk-code-freeze: ${"w".repeat(70_000)}\n`,
      "words.statuses.at-risk-code-freeze",
      "must be at most 100 characters",
    ],
    [
      "a release no number can hold",
      "release: v1.999999999999999999999\nschedule: {source: sig-release}\n",
      "release",
      'must be a release such as "v1.37", not "v1.999999999999999999999"',
    ],
    ["users given as one name", FULL.replace('users: ["@alice"]', "users: alice"), "teams.users", "must be a list"],
  ])("rejects %s", (_, text, path, message) => {
    expect(problemsOf(text)).toContainEqual(expect.objectContaining({ path, message }));
  });

  it("reports broken YAML and duplicate keys as such", () => {
    expect(problemsOf("release: [v1.37\n")[0]).toMatchObject({ path: "(file)", message: expect.stringContaining("is not valid YAML") });
    expect(problemsOf("release: v1.37\nrelease: v1.38\n")[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining("is not valid YAML"),
    });
  });

  it("requires a release even in an empty file", () => {
    expect(problemsOf("")).toContainEqual(expect.objectContaining({ path: "release" }));
    const r = parseConfig(null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(["release", "schedule"]);
  });
});

describe("resolveSchedule", () => {
  const v137 = parseTimeline(readFileSync(`${TIMELINES}/release-1.37-timeline.md`, "utf8")).deadlines;

  it("takes sig-release's deadlines, with the file's own values winning", () => {
    const r = parseConfig({ release: "v1.37", schedule: { source: "sig-release", "code-freeze": "2026-07-30T12:00:00Z" } });
    if (!r.ok) throw new Error("invalid");
    const s = resolveSchedule(r.config, v137);
    if (!("deadlines" in s)) throw new Error("missing");
    expect(s.deadlines["code-freeze"].at.toISOString()).toBe("2026-07-30T12:00:00.000Z");
    expect(s.deadlines["prr-freeze"].at.toISOString()).toBe("2026-06-10T12:00:00.000Z");
  });

  it("names what is still missing when sig-release could not be read", () => {
    const r = parseConfig({ release: "v1.37", schedule: { source: "sig-release", "code-freeze": "2026-07-30T12:00:00Z" } });
    if (!r.ok) throw new Error("invalid");
    expect(resolveSchedule(r.config, null)).toEqual({ missing: ["prr-freeze", "enhancements-freeze", "docs-freeze", "release"] });
  });
});
