import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planIssue } from "../../src/plan/issue-plan.js";
import type { WebsitePr } from "../../src/reading/docs-prs.js";
import { parseTimeline } from "../../src/release/timeline.js";
import { docsReminded, dueDocsReminder, renderDocsReminder } from "../../src/render/docs-reminder.js";
import type { DocsInput } from "../../src/verdict/docs-input.js";
import { TIMELINES } from "../helpers/fixtures.js";
import { input, issue, realKep, V137 } from "../helpers/tracking.js";

// v1.37's real schedule with its docs rows: ready for review Tue 2026-07-28 (AoE: 07-29 12:00 UTC), Docs Freeze 08-06.
const DEADLINES = { ...V137, ...parseTimeline(readFileSync(`${TIMELINES}/release-1.37-timeline.md`, "utf8")).docs };
const BODY = "- [ ] Beta - v1.37\n  - Code (k/k) update PR(s): kubernetes/kubernetes#130001\n  - Docs (k/website) update PR(s):\n";
const MERGED_CODE = { "kubernetes/kubernetes#130001": { state: "merged" as const, labels: [] } };

const draft: WebsitePr = {
  number: 51000,
  url: "https://github.com/kubernetes/website/pull/51000",
  title: "KEP-3157: docs placeholder",
  body: "",
  base: "dev-1.37",
  draft: true,
  state: "open",
  labels: [],
  author: "docs-writer",
};
const docsOf = (prs: WebsitePr[], over: Partial<DocsInput> = {}): DocsInput => ({
  listing: { named: prs, byNumber: new Map(prs.map((p) => [p.number, p])) },
  ...over,
});
const verdict = (now: string, docs: DocsInput) =>
  planIssue(
    input({
      issue: issue(3157, { body: BODY, assignees: ["kep-owner"] }),
      kep: realKep("3157"),
      now: new Date(now),
      deadlines: DEADLINES,
      docs,
      pullRequests: MERGED_CODE,
    }),
  );

describe("docs reminders", () => {
  it("go to the owners and the docs PR's author some days before the ready-for-review deadline while the PR is a draft", () => {
    const v = verdict("2026-07-27T13:00:00Z", docsOf([draft]));
    const due = dueDocsReminder(v, [7, 2], new Date("2026-07-27T13:00:00Z"));
    expect(due).toEqual({ release: "v1.37", deadline: "docs-ready", days: 2 });
    const body = renderDocsReminder(v, due!, null);
    expect(body.split("\n")[0]).toBe("<!-- kep-tracker:reminder v1.37 docs-ready 2 -->");
    expect(body).toContain("@docs-writer");
    expect(body).toContain("docs are **at risk for the docs ready-for-review deadline** in v1.37");
    expect(body).toContain("- [ ] The docs PR is ready for review (out of draft): mark #51000 ready for review");
    // Sent once: the 2-day reminder covers the 7-day one too.
    const sent = [{ id: 1, author: "kep-tracker[bot]", bot: true, body }];
    expect(docsReminded(due!, sent)).toBe(true);
    expect(docsReminded({ ...due!, days: 7 }, sent)).toBe(true);
  });

  it("are not due once the PR is out of draft, nor when no docs are needed, nor before the offset", () => {
    const ready = { ...draft, draft: false };
    expect(dueDocsReminder(verdict("2026-07-27T13:00:00Z", docsOf([ready])), [7, 2], new Date("2026-07-27T13:00:00Z"))).toBeNull();
    const none = docsOf([], { none: "nothing user-facing" });
    expect(dueDocsReminder(verdict("2026-07-27T13:00:00Z", none), [7, 2], new Date("2026-07-27T13:00:00Z"))).toBeNull();
    expect(dueDocsReminder(verdict("2026-07-20T09:00:00Z", docsOf([draft])), [2], new Date("2026-07-20T09:00:00Z"))).toBeNull();
  });
});
