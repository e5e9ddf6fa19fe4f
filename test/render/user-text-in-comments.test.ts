import { describe, expect, it } from "vitest";
import { planIssue } from "../../src/plan/issue-plan.js";
import { readMarkers } from "../../src/reading/markers.js";
import { renderReminder } from "../../src/render/reminder.js";
import { buildReport, reportMarkdown, reportRow } from "../../src/render/report.js";
import { statusOf } from "../helpers/status-comment.js";
import { editedKep, input, issue, realKep } from "../helpers/tracking.js";

/**
 * Issue 9, "Forgery and mentions": what people wrote (kep.yaml authors and values, /untrack
 * reasons, issue titles) shows in the App's comments and reports as they wrote it, but can
 * neither ping anyone nor forge the status or hide the rest of the comment.
 */

const TEAM = "@kubernetes/sig-node-leads";
// A mention that notifies: "@" right before a name. The App writes "@\u200D" (a zero-width joiner) instead.
const PINGS_TEAM = /@kubernetes\/sig-node-leads/;
const FORGED_AUTHOR = "alice\n**Status: Tracked for PRR freeze**\n\n<!--";
const OPT_IN = new Date("2026-06-01T09:00:00Z");
const TWO_DAYS_BEFORE_PRR = new Date("2026-06-08T13:00:00Z");

/** 5958's kep.yaml with these authors (and nobody assigned, so they are the ones greeted). */
const withAuthors = (...authors: string[]) =>
  editedKep("5958", (t) =>
    t.replace(/authors:\n(?: {2}- .*\n)+/, `authors:\n${authors.map((a) => `  - ${JSON.stringify(a)}`).join("\n")}\n`),
  );

describe("kep.yaml authors in the status comment", () => {
  it("greets real logins with a mention, and shows anything else inert", () => {
    const v = planIssue(
      input({
        issue: issue(5958, { assignees: [], labels: ["lead-opted-in", "stage/alpha"] }),
        kep: withAuthors("@yongruilin", TEAM, "Jane Doe"),
        now: OPT_IN,
      }),
    );
    const hello = v.plan.comment!.split("\n").find((l) => l.startsWith("Hello"));
    // kep.yaml writes "@login"; the "@" is dropped before the name is checked, so a team is only its name.
    expect(hello).toBe("Hello @yongruilin kubernetes/sig-node-leads Jane Doe 👋, v1.37 Enhancements team here.");
    expect(v.plan.comment).not.toMatch(PINGS_TEAM);
  });

  it("cannot forge the status or hide the rest of the comment", () => {
    const honest = planIssue(
      input({
        issue: issue(5958, { assignees: [], labels: ["lead-opted-in", "stage/alpha"] }),
        kep: withAuthors("@yongruilin"),
        now: TWO_DAYS_BEFORE_PRR,
      }),
    );
    const v = planIssue(
      input({
        issue: issue(5958, { assignees: [], labels: ["lead-opted-in", "stage/alpha"] }),
        kep: withAuthors(FORGED_AUTHOR),
        now: TWO_DAYS_BEFORE_PRR,
      }),
    );
    const body = v.plan.comment!;
    expect(statusOf(body)).toBe(statusOf(honest.plan.comment!));
    expect(body.split("\n").filter((l) => l.startsWith("**Status:"))).toHaveLength(1);
    expect(body.split("\n").find((l) => l.startsWith("Hello"))).toBe(
      "Hello alice \\*\\*Status: Tracked for PRR freeze\\*\\* 👋, v1.37 Enhancements team here.",
    );
    // Everything after the greeting is still there, down to the footer.
    expect(body.replace(/^Hello .*$/m, "")).toBe(honest.plan.comment!.replace(/^Hello .*$/m, ""));
    expect(body.indexOf("<!--", body.indexOf("Hello"))).toBe(-1);
  });

  it("are greeted inert in a reminder too", () => {
    const v = planIssue(
      input({
        issue: issue(5958, { assignees: [], labels: ["lead-opted-in", "stage/alpha"] }),
        kep: withAuthors(TEAM, FORGED_AUTHOR),
        now: TWO_DAYS_BEFORE_PRR,
      }),
    );
    const reminder = renderReminder(v, { release: "v1.37", freeze: "prr-freeze", days: 2 }, null);
    expect(reminder).not.toMatch(PINGS_TEAM);
    expect(reminder.split("\n")[1]).toMatch(
      /^kubernetes\/sig-node-leads alice \\\*\\\*Status: Tracked for PRR freeze\\\*\\\*: this KEP is \*\*at risk/,
    );
    expect(reminder.indexOf("<!--", 1)).toBe(-1);
  });
});

describe("values quoted from kep.yaml and the PRR file", () => {
  it("name a team without pinging it", () => {
    const prr = "keps/prod-readiness/sig-api-machinery/5958.yaml";
    const kep = editedKep("5958", (t) => t, { [prr]: `kep-number: 5958\nalpha:\n  approver: "${TEAM}"\n` });
    const v = planIssue(input({ issue: issue(5958, { labels: ["lead-opted-in", "stage/alpha"] }), kep, now: OPT_IN }));
    const line = v.plan.comment!.split("\n").find((l) => l.includes("prr-approver-invalid"));
    expect(line).toContain('"@\u200Dkubernetes/sig-node-leads" is not a PRR approver');
    expect(v.plan.comment).not.toMatch(PINGS_TEAM);
  });
});

describe("the /untrack reason", () => {
  const removed = (reason: string) =>
    planIssue(input({ issue: issue(5958, { labels: ["tracked/no"], milestone: null }), kep: realKep("5958"), untrackReason: reason })).plan
      .comment!;

  it("is shown as written but pings nobody and forges nothing", () => {
    const body = removed(`ask ${TEAM} <!-- kep-tracker:status --> first\n**Status: Tracked for PRR freeze**\n# New section`);
    expect(body).not.toMatch(PINGS_TEAM);
    expect(body).toContain(
      "**Status: Removed from milestone** v1.37. Reason: ask @\u200Dkubernetes/sig-node-leads first \\*\\*Status: Tracked for PRR freeze\\*\\* \\# New section.\n",
    );
    expect(statusOf(body)).toBe("Removed from milestone");
    // The status, untrack-reason, kep and verdict markers: the reason's own "<!--" is not among them.
    expect(body.match(/<!--/g)).toHaveLength(4);
  });

  it("is kept whole in its hidden marker, which no text of the reason can close early", () => {
    const reason = `not now --> ${TEAM}\n<!-- kep-tracker:inputs forged -->`;
    const body = removed(reason);
    expect(readMarkers(body)).toEqual({
      inputs: null,
      untrackReason: reason,
      kep: { stage: "alpha", sig: "sig-api-machinery", change: "netNew" },
      release: "v1.37",
      status: "Removed from milestone",
    });
    expect(body.split("\n")[1]).toMatch(/^<!-- kep-tracker:untrack-reason \S+ -->$/);
  });

  it("is cut at 500 characters", () => {
    const body = removed("x".repeat(10_000));
    expect(readMarkers(body).untrackReason).toHaveLength(500);
    expect(body).toContain(`Reason: ${"x".repeat(500)}.\n`);
  });
});

describe("report --format md", () => {
  it("shows issue titles, SIGs, approvers and owners without pinging anyone or breaking the table", () => {
    const v = planIssue(
      input({ issue: issue(5958, { assignees: [], labels: ["lead-opted-in", "stage/alpha"] }), kep: withAuthors(TEAM), now: OPT_IN }),
    );
    const title = `Please look ${TEAM} | [x](https://evil) <!-- hidden -->`;
    const row = reportRow("kubernetes/enhancements", { number: 5958, title, labels: [] }, v, realKep("5958"), "sig/");
    const md = reportMarkdown(buildReport("kubernetes/enhancements", "v1.37", OPT_IN, [row]));
    expect(md).not.toMatch(PINGS_TEAM);
    expect(md).not.toContain("<!--");
    const line = md.split("\n").find((l) => l.startsWith("| [#5958]"))!;
    expect(line).toContain("| Please look @\u200Dkubernetes/sig-node-leads \\| \\[x\\]\\(https://evil\\) |");
    // Seven cells, as in the header: the pipe in the title stays text.
    expect(line.split(/(?<!\\)\|/).length - 2).toBe(7);
  });
});
