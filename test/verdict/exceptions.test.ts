import { describe, expect, it } from "vitest";
import { exceptionFieldsOf } from "../../src/board/item-fields.js";
import { releaseWords } from "../../src/release/release-words.js";
import {
  describeException,
  type ExceptionFields,
  exceptionEnd,
  exceptionFreeze,
  exceptionState,
  exceptionStatusKey,
} from "../../src/verdict/exceptions.js";
import { board, FIELDS, item, NAMES, pick } from "../board/fixtures.js";

// v1.37's deadlines (sig-release Timeline): each the end of a day, Anywhere on Earth.
const DEADLINES = {
  "prr-freeze": { at: new Date("2026-06-10T12:00:00Z") },
  "enhancements-freeze": { at: new Date("2026-06-17T12:00:00Z") },
  "code-freeze": { at: new Date("2026-07-23T12:00:00Z") },
  "docs-freeze": { at: new Date("2026-08-06T12:00:00Z") },
  release: { at: new Date("2026-08-27T12:00:00Z") },
};
const NOW = new Date("2026-06-18T09:00:00Z");

const fields = (over: Partial<ExceptionFields>): ExceptionFields => ({
  requestType: "Enhancements",
  status: "In Review",
  additionalDays: null,
  requestedAt: new Date("2026-06-18T08:00:00Z"),
  ...over,
});
const state = (over: Partial<ExceptionFields>, now = NOW) => exceptionState(fields(over), DEADLINES, now);

describe("exceptions on the board", () => {
  it("an item with no exception fields has no exception, and the KEP is judged as usual", () => {
    const s = state({ requestType: null, status: null });
    expect(s).toEqual({ state: "none" });
    expect(exceptionStatusKey(s)).toBeNull();
  });

  it("a request In Review is 'Exception pending' for its freeze", () => {
    const s = state({});
    expect(s).toEqual({ state: "pending", freeze: "enhancements-freeze", late: false });
    expect(exceptionStatusKey(s)).toBe("exception-pending");
  });

  it("a request typed but not yet given a status is pending too", () => {
    expect(state({ status: null }).state).toBe("pending");
  });

  it("an approval with 3 days lasts until the end (AoE) of the third day after the freeze, then the KEP is judged as usual", () => {
    const s = state({ status: "Approved", additionalDays: 3 });
    expect(s).toMatchObject({ state: "approved", until: new Date("2026-06-20T12:00:00Z"), expired: false });
    expect(exceptionStatusKey(s)).toBe("exception-approved");
    const after = state({ status: "Approved", additionalDays: 3 }, new Date("2026-06-20T12:00:00Z"));
    expect(after).toMatchObject({ state: "approved", expired: true });
    expect(exceptionStatusKey(after)).toBeNull();
  });

  it("a rejected request is 'Removed from milestone', as the team does by hand", () => {
    expect(exceptionStatusKey(state({ status: "Rejected" }))).toBe("removed-from-milestone");
  });

  it("a request made more than 3 days after the freeze is still followed, marked late", () => {
    expect(state({ requestedAt: new Date("2026-06-21T12:00:01Z") })).toEqual({
      state: "pending",
      freeze: "enhancements-freeze",
      late: true,
    });
    expect(state({ requestedAt: new Date("2026-06-20T12:00:00Z") })).toMatchObject({ late: false });
    // Docs exceptions are asked within 24 hours.
    expect(state({ requestType: "Docs", requestedAt: new Date("2026-08-07T13:00:00Z") })).toMatchObject({
      freeze: "docs-freeze",
      late: true,
    });
  });

  it.each([
    ["PRR / KEP Readiness", "prr-freeze"],
    ["KEP Readiness", "prr-freeze"],
    ["PRR", "prr-freeze"],
    ["Enhancements", "enhancements-freeze"],
    ["Code and Test", "code-freeze"],
    ["Docs", "docs-freeze"],
    ["Something else", null],
  ])("the request type %j is for %s", (type, freeze) => {
    expect(exceptionFreeze(type)).toBe(freeze);
  });

  it("a status with no request type, or a status nobody uses, is unreadable and changes nothing", () => {
    expect(state({ requestType: null, status: "Approved" })).toEqual({
      state: "unreadable",
      reason: "an Exception Status without an Exception Request Type",
    });
    expect(exceptionStatusKey(state({ status: "Maybe" }))).toBeNull();
  });

  it("a deadline at 02:00 UTC Friday ends Thursday AoE, so 2 more days end Saturday AoE", () => {
    expect(exceptionEnd(new Date("2024-10-11T02:00:00Z"), 2).toISOString()).toBe("2024-10-13T12:00:00.000Z");
    expect(exceptionEnd(new Date("2026-06-17T12:00:00Z"), 0).toISOString()).toBe("2026-06-17T12:00:00.000Z");
  });

  it("the exception fields are read from a board item as people filled them", () => {
    const it7 = item(7, {
      xtype: pick("xtype", "Code and Test"),
      xstatus: pick("xstatus", "Approved"),
      xdays: { kind: "number", number: 5 },
    });
    expect(exceptionFieldsOf(board([it7]), it7, NAMES)).toEqual({
      requestType: "Code and Test",
      status: "Approved",
      additionalDays: 5,
      requestedAt: null,
    });
  });

  it("when the request was made is the board's Exception Request Date, not when GitHub created a field's value", () => {
    // GitHub's createdAt is when the value object was made (a type chosen again later is a new one), not when the request was.
    const retyped = { ...pick("xtype", "Code and Test"), createdAt: "2026-07-30T09:00:00Z" };
    const dated = item(8, { xtype: retyped, xstatus: pick("xstatus", "In Review"), xdate: { kind: "date", date: "2026-07-24" } });
    expect(exceptionFieldsOf(board([dated]), dated, NAMES).requestedAt).toEqual(new Date("2026-07-24T00:00:00Z"));
    const undated = item(9, { xtype: retyped });
    expect(exceptionFieldsOf(board([undated]), undated, NAMES).requestedAt).toBeNull();
  });

  it("a configured exception field the board no longer has (renamed) is said, never read as empty", () => {
    const renamed = FIELDS.map((f) => (f.id === "xstatus" ? { ...f, name: "Exception State" } : f));
    const it7 = item(7, { xtype: pick("xtype", "Code and Test"), xstatus: pick("xstatus", "Approved") });
    const s = exceptionState(exceptionFieldsOf(board([it7], renamed), it7, NAMES), DEADLINES, NOW);
    expect(s).toEqual({
      state: "unreadable",
      reason: 'the board has no field "Exception Status" (board.fields in .github/kep-tracker.yml)',
    });
    expect(describeException(s, releaseWords("v1.38"))).toContain('the board has no field "Exception Status"');
  });

  it("the status comment says which exception applies and until when, in the release's words, with the late note", () => {
    const w = releaseWords("v1.38");
    expect(describeException(state({ status: "Approved", additionalDays: 3 }), w)).toBe(
      "An exception for the enhancements freeze is approved until 2026-06-20 12:00 UTC; the checklist is judged against that date.",
    );
    expect(describeException(state({ requestType: "KEP Readiness", requestedAt: new Date("2026-06-14T00:00:00Z") }), w)).toBe(
      "An exception for the KEP readiness deadline is in review: the KEP stays in the release meanwhile. It was asked more than 3 days after the KEP readiness deadline; EXCEPTIONS.md asks for requests within 3 days.",
    );
    expect(describeException(state({ requestType: null, status: null }), w)).toBeNull();
  });
});
