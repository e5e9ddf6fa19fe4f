import { describe, expect, it } from "vitest";
import { planIssue } from "../../src/plan/issue-plan.js";
import { alreadyReminded, dueReminder, reminderMarker, renderReminder } from "../../src/render/reminder.js";
import { input, issue, realKep, V137 } from "../helpers/tracking.js";

const DAY = 86_400_000;
/** v1.37's PRR freeze, 2026-06-10 12:00 UTC. */
const PRR = V137["prr-freeze"].at.getTime();
const at = (daysBefore: number) => new Date(PRR - daysBefore * DAY);

const atRisk = (now: Date) =>
  planIssue(
    input({ issue: issue(5958, { labels: ["lead-opted-in", "sig/api-machinery"], assignees: ["bob"] }), kep: realKep("5958"), now }),
  );
const tracked = (now: Date) =>
  planIssue(input({ issue: issue(3541, { labels: ["lead-opted-in", "sig/apps"] }), kep: realKep("3541"), now }));

describe("freeze reminders", () => {
  it("are due from each configured offset on, the nearest one winning, and never after the freeze", () => {
    expect(dueReminder(atRisk(at(8)), [7, 2], at(8))).toBeNull();
    expect(dueReminder(atRisk(at(6.5)), [7, 2], at(6.5))).toEqual({ release: "v1.37", freeze: "prr-freeze", days: 7 });
    expect(dueReminder(atRisk(at(2)), [7, 2], at(2))).toEqual({ release: "v1.37", freeze: "prr-freeze", days: 2 });
    // A sweep that did not run in the week before sends only the nearest reminder.
    expect(dueReminder(atRisk(at(0.5)), [2, 7], at(0.5))).toEqual({ release: "v1.37", freeze: "prr-freeze", days: 2 });
    // Past the freeze the KEP has missed it: the release team decides, no reminder.
    expect(dueReminder(atRisk(at(-1)), [7, 2], at(-1))).toBeNull();
  });

  it("go only to KEPs at risk", () => {
    expect(tracked(at(1)).status).toBe("Tracked for PRR freeze");
    expect(dueReminder(tracked(at(1)), [7, 2], at(1))).toBeNull();
  });

  it("are sent once per release, freeze and offset: a sent 2-day reminder also covers the 7-day one", () => {
    const sent = (release: string, freeze: string, days: number) => [
      { id: 1, author: "kep-tracker[bot]", bot: true, body: `${reminderMarker({ release, freeze: freeze as "prr-freeze", days })}\nhello` },
    ];
    const due = { release: "v1.37", freeze: "prr-freeze" as const, days: 2 };
    expect(alreadyReminded(due, sent("v1.37", "prr-freeze", 2))).toBe(true);
    expect(alreadyReminded(due, sent("v1.37", "prr-freeze", 7))).toBe(false);
    expect(alreadyReminded({ ...due, days: 7 }, sent("v1.37", "prr-freeze", 2))).toBe(true);
    expect(alreadyReminded(due, sent("v1.36", "prr-freeze", 2))).toBe(false);
    expect(alreadyReminded(due, sent("v1.37", "enhancements-freeze", 2))).toBe(false);
  });

  it("name no one when the KEP has no owner, and say so", () => {
    const v = planIssue(
      input({
        issue: issue(5958, { labels: ["lead-opted-in"], assignees: [] }),
        kep: { ...realKep("5958"), metadata: { ...realKep("5958").metadata, authors: [] } },
        now: at(1),
      }),
    );
    const body = renderReminder(v, dueReminder(v, [7, 2], at(1))!, null);
    expect(body).not.toContain("@");
    expect(body).toContain("This KEP is **at risk for PRR freeze** in v1.37.");
    expect(body).toContain("No owner is on record");
  });
});
