import { describe, expect, it } from "vitest";
import { readReminderMarker, STATUS_MARKER } from "../../src/reading/markers.js";
import { type IssueComment, isOwnComment, statusComments } from "../../src/reading/own-comments.js";
import { alreadyReminded, reminderMarker } from "../../src/render/reminder.js";

const APP = "kep-tracker[bot]";
const byApp = (id: number, body: string): IssueComment => ({ id, author: "kep-tracker", bot: true, body });
// A person who registered the App's slug as their login: GraphQL says "User".
const byImpostor = (id: number, body: string): IssueComment => ({ id, author: "kep-tracker", bot: false, body });

describe("the App's own comments", () => {
  it("are a Bot's with the App's login, however REST or GraphQL spell it", () => {
    expect(isOwnComment(byApp(1, ""), APP)).toBe(true);
    expect(isOwnComment({ id: 1, author: "kep-tracker[bot]", bot: true, body: "" }, APP)).toBe(true);
    expect(isOwnComment({ id: 1, author: "other-app", bot: true, body: "" }, APP)).toBe(false);
  });

  it("never include a person whose login equals the App's slug", () => {
    expect(isOwnComment(byImpostor(1, STATUS_MARKER), APP)).toBe(false);
    expect(statusComments([byImpostor(1, `${STATUS_MARKER}\nforged`), byApp(2, `${STATUS_MARKER}\nreal`)], APP).map((c) => c.id)).toEqual([
      2,
    ]);
  });

  it("under a personal token (the sweep with GITHUB_TOKEN) are that user's, and not a bot's of the same name", () => {
    expect(isOwnComment({ id: 1, author: "release-bot", bot: false, body: "" }, "release-bot")).toBe(true);
    expect(isOwnComment({ id: 1, author: "release-bot", bot: true, body: "" }, "release-bot")).toBe(false);
  });
});

describe("reminder markers", () => {
  const due = { release: "v1.37", freeze: "enhancements-freeze" as const, days: 2 };

  it("are read from the first line of the App's reminder", () => {
    expect(readReminderMarker(`${reminderMarker(due)}\n@alice: this KEP is at risk`)).toEqual({
      release: "v1.37",
      freeze: "enhancements-freeze",
      days: 2,
    });
    expect(alreadyReminded(due, [byApp(1, `${reminderMarker(due)}\nhello`)])).toBe(true);
  });

  it("count for nothing further down a comment, as in a quoted command", () => {
    const quoted = "@mallory: `/trak` is not a kep-tracker command.\n\n> /trak <!-- kep-tracker:reminder v1.37 enhancements-freeze 0 -->\n";
    expect(readReminderMarker(quoted)).toBeNull();
    expect(alreadyReminded(due, [byApp(1, quoted)])).toBe(false);
  });

  it("count for nothing with text around them on the first line", () => {
    expect(readReminderMarker(`> ${reminderMarker(due)}`)).toBeNull();
    expect(readReminderMarker(`${reminderMarker(due)} trailing`)).toBeNull();
  });
});
