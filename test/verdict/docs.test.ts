import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planIssue } from "../../src/plan/issue-plan.js";
import type { WebsitePr } from "../../src/reading/docs-prs.js";
import { docsSchedule } from "../../src/release/docs-deadlines.js";
import { parseTimeline } from "../../src/release/timeline.js";
import { saysNoDocs } from "../../src/verdict/docs.js";
import type { DocsInput } from "../../src/verdict/docs-input.js";
import { TIMELINES } from "../helpers/fixtures.js";
import { input, issue, realKep, V137 } from "../helpers/tracking.js";

const table = readFileSync(`${TIMELINES}/release-1.37-timeline.md`, "utf8");
// v1.37's real schedule with its two docs rows: placeholders 2026-07-03 12:00 UTC, ready Tue 2026-07-28 (AoE), Docs Freeze 08-06.
const DEADLINES = { ...V137, ...parseTimeline(table).docs };
const AFTER_CODE = new Date("2026-07-24T09:00:00Z");
const AFTER_READY = new Date("2026-07-30T09:00:00Z");
const BEFORE_CODE = new Date("2026-07-01T09:00:00Z");

const pr = (number: number, over: Partial<WebsitePr> = {}): WebsitePr => ({
  number,
  url: `https://github.com/kubernetes/website/pull/${number}`,
  title: `KEP-3157: docs placeholder`,
  body: "",
  base: "dev-1.37",
  draft: true,
  state: "open",
  labels: [],
  author: "writer",
  ...over,
});

const docsOf = (prs: WebsitePr[], over: Partial<DocsInput> = {}): DocsInput => ({
  listing: { named: prs, byNumber: new Map(prs.map((p) => [p.number, p])) },
  ...over,
});

const BODY = "- [ ] Beta - v1.37\n  - Code (k/k) update PR(s): kubernetes/kubernetes#130001\n  - Docs (k/website) update PR(s):\n";
const MERGED_CODE = { "kubernetes/kubernetes#130001": { state: "merged" as const, labels: [] } };

const verdict = (now: Date, docs: DocsInput, body = BODY, pullRequests = {}) =>
  planIssue(
    input({
      issue: issue(3157, { body }),
      kep: realKep("3157"),
      now,
      deadlines: DEADLINES,
      docs,
      pullRequests: { ...MERGED_CODE, ...pullRequests },
    }),
  );
const undone = (v: ReturnType<typeof verdict>) => (v.docs?.items ?? []).filter((i) => !i.done).map((i) => i.id);

describe("the docs deadlines of the Timeline", () => {
  it("reads the two docs rows (em dash, date only read as its end AoE), and Docs Freeze", () => {
    const s = docsSchedule(DEADLINES);
    expect(s["docs-placeholder"]).toMatchObject({ at: new Date("2026-07-03T12:00:00Z"), approximate: false });
    expect(s["docs-ready"]).toMatchObject({ at: new Date("2026-07-29T12:00:00Z"), approximate: true, raw: "Tuesday 28th July 2026" });
    expect(s["docs-freeze"].at).toEqual(new Date("2026-08-06T12:00:00Z"));
  });

  it("without the rows, a placeholder is due by code freeze and readiness by Docs Freeze", () => {
    const s = docsSchedule(V137);
    expect(s["docs-placeholder"].at).toEqual(V137["code-freeze"].at);
    expect(s["docs-ready"].at).toEqual(V137["docs-freeze"].at);
  });
});

describe("a KEP's docs judged as the Docs team does", () => {
  it("before enhancements freeze there is no docs verdict", () => {
    expect(verdict(new Date("2026-06-12T09:00:00Z"), docsOf([])).docs).toBeUndefined();
  });

  it("before code freeze, a draft placeholder found by its title: the comment says so and asks to list it, nothing is late", () => {
    const v = verdict(BEFORE_CODE, docsOf([pr(51000)]));
    expect(v.docs).toMatchObject({ word: "Draft", onTrack: true, prs: [{ number: 51000, source: "title", listed: false }] });
    expect(v.plan.comment).toContain(
      "- https://github.com/kubernetes/website/pull/51000: Draft, by writer (found by its title; add it to the description)",
    );
    expect(v.plan.comment).toContain("**Docs** (kubernetes/website, against `dev-1.37`): Draft");
  });

  it("after code freeze, no docs PR at all: at risk for docs freeze, with the placeholder to open and by when", () => {
    const v = verdict(AFTER_CODE, docsOf([]));
    expect(v.status).toBe("At risk for docs freeze");
    expect(v.checklist.find((i) => i.id === "docs-placeholder")?.fix).toBe(
      "open a draft placeholder PR against `dev-1.37` in kubernetes/website that links this issue (by Friday 3 July 2026, 12:00 UTC)",
    );
  });

  it("after code freeze, a listed draft against dev-1.37 before the ready deadline is tracked for docs freeze", () => {
    const body = `${BODY}    - https://github.com/kubernetes/website/pull/51000\n`;
    const v = verdict(AFTER_CODE, docsOf([pr(51000)]), body);
    expect(v.status).toBe("Tracked for docs freeze");
    expect(undone(v)).toEqual(["docs-ready", "docs-approved"]);
  });

  it("past the ready-for-review deadline a draft is at risk and is told to leave draft", () => {
    const body = `${BODY}    - https://github.com/kubernetes/website/pull/51000\n`;
    const v = verdict(AFTER_READY, docsOf([pr(51000)]), body);
    expect(v.status).toBe("At risk for docs freeze");
    expect(v.checklist.find((i) => i.id === "docs-ready")?.fix).toMatch(
      /^mark #51000 ready for review \(by Wednesday 29 July 2026, 12:00 UTC\)$/,
    );
  });

  it("a listed PR against main is told to retarget to dev-1.37", () => {
    const body = `${BODY}    - https://github.com/kubernetes/website/pull/51001\n`;
    const states = { "kubernetes/website#51001": { state: "open" as const, labels: [], draft: false, base: "main", author: "w" } };
    const v = verdict(AFTER_CODE, docsOf([]), body, states);
    expect(v.checklist.find((i) => i.id === "docs-branch")?.fix).toMatch(/^retarget #51001 to `dev-1.37`/);
  });

  it("lgtm and approved, or merged, meets Docs Freeze", () => {
    const body = `${BODY}    - https://github.com/kubernetes/website/pull/51000\n`;
    const v = verdict(AFTER_READY, docsOf([pr(51000, { draft: false, labels: ["lgtm", "approved"] })]), body);
    expect(v.docs?.word).toBe("lgtm/approved");
    expect(undone(v)).toEqual([]);
    expect(v.status).toBe("Tracked for docs freeze");
  });

  it("no docs needed, from the board or from /kep-docs none: the items are done and the comment says why", () => {
    const board = verdict(AFTER_READY, docsOf([], { required: "None Required" }));
    expect(board.docs).toMatchObject({ required: false, items: [] });
    expect(board.status).toBe("Tracked for docs freeze");
    expect(board.plan.comment).toContain('No docs needed: the release board\'s "Docs Required?" says "None Required"');
    const said = verdict(AFTER_READY, docsOf([], { none: "only a metric rename" }));
    expect(said.plan.comment).toContain("No docs needed: only a metric rename");
  });

  it("knows the board's words for no docs, and not the others", () => {
    expect(["None Required", "No Docs Needed", "not required", "N/A"].map(saysNoDocs)).toEqual([true, true, true, true]);
    expect(["Need docs", "Has Docs", "Unknown", "Complete", "PR Ready for Review", ""].map(saysNoDocs)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("the webhook path judges docs as the last sweep did", () => {
  it("reads back the sweep's docs facts from the status comment's marker: same comment, same digest", async () => {
    const { docsDigestPart, docsInputFromMark, docsInputOf } = await import("../../src/verdict/docs-input.js");
    const { indexDocsPrs } = await import("../../src/reading/docs-prs.js");
    const { readMarkers } = await import("../../src/reading/markers.js");
    const listing = [pr(51000, { title: "[KEP-3157] placeholder", labels: ["lgtm", "sig/docs"] }), pr(51001, { title: "Other" })];
    const issueIn = issue(3157, { body: BODY });
    const fromSweep = docsInputOf({ index: indexDocsPrs(listing), byNumber: new Map(listing.map((p) => [p.number, p])) }, issueIn);
    const digestParts = (docs: DocsInput) =>
      docsDigestPart({ input: docs, phase: "before-docs-freeze", deadlines: DEADLINES, now: AFTER_CODE });
    const swept = verdict(AFTER_CODE, fromSweep);
    const mark = readMarkers(swept.plan.comment!).docs;
    expect(mark).toContain("51000");
    const fromMark = docsInputFromMark(mark)!;
    expect(digestParts(fromMark)).toEqual(digestParts(fromSweep));
    expect(verdict(AFTER_CODE, fromMark).plan.comment).toBe(swept.plan.comment);
  });
});
