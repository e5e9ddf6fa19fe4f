import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeId } from "../../fake-github/connection.js";
import {
  fieldNamed,
  fieldValueOf,
  itemFor,
  RELEASE_BOARD_FIELDS,
  releaseBoard,
  setValue,
  V138_STATUS,
} from "../../fake-github/projects.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { CONFIG, deliver, INSTALLATION, OWNER, payload, REPO } from "../helpers/app.js";
import { APP_SEED, fixtureRepo, probotOn } from "../helpers/fake.js";
import { statusOf } from "../helpers/status-comment.js";

/** v1.37's board: its Status options in the case v1.37's board wrote them. */
const V137_STATUS = V138_STATUS.map((s) => s.replace("KEP readiness", "PRR Freeze"));
const V137_FIELDS = RELEASE_BOARD_FIELDS.map((f) => (f.name === "Status" ? { name: "Status", options: V137_STATUS } : f));
const BOARD_CONFIG = `${CONFIG}board:\n  owner: kubernetes\n  number: 264\n`;

const ISSUE = 3541;

function itemEvent(board: ReturnType<typeof releaseBoard>, fieldName: string | null, sender = "jenshu") {
  const item = itemFor(board, { owner: OWNER, repo: REPO, number: ISSUE })!;
  return {
    action: fieldName ? "edited" : "created",
    projects_v2_item: {
      id: item.databaseId,
      node_id: item.id,
      project_node_id: board.id,
      content_node_id: nodeId("I", `${OWNER}/${REPO}#${ISSUE}`),
      content_type: "Issue",
      archived_at: null,
    },
    ...(fieldName ? { changes: { field_value: { field_node_id: fieldNamed(board, fieldName).id, field_type: "single_select" } } } : {}),
    organization: { login: OWNER },
    installation: { id: INSTALLATION },
    sender: { login: sender, type: sender.endsWith("[bot]") ? "Bot" : "User" },
  };
}

describe("the App with the release board configured", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  const board = releaseBoard({ number: 264, title: "v1.37 Release Tracking", fields: V137_FIELDS });
  const issue: FakeIssue = {
    number: ISSUE,
    title: "KEP-3541",
    body: "",
    labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
    milestone: { title: "v1.37", number: 37 },
    assignees: ["alice"],
    comments: [],
  };
  const probot = () => probotOn(fake);
  let app: ReturnType<typeof probotOn>;
  const status = () => statusOf(issue.comments.find((c) => c.body.startsWith(STATUS_MARKER))?.body ?? "");

  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue], BOARD_CONFIG)], ...APP_SEED, projects: [board] });
    app = probot();
  });
  afterAll(() => fake.close());

  const issueEvent = () => payload("issues", "edited", (p) => (p.issue.number = ISSUE));

  it("adds an opted-in issue to the board and fills Status, Stage, SIG, Enhancement Type and Issue Number", async () => {
    await deliver(app, "issues", issueEvent());
    expect(fake.stats().unexpected).toEqual([]);
    const item = itemFor(board, { owner: OWNER, repo: REPO, number: ISSUE });
    expect(item).toBeDefined();
    expect(fieldValueOf(board, item!, "Status")).toBe("Tracked for PRR Freeze");
    expect(fieldValueOf(board, item!, "Stage")).toBe("Alpha");
    expect(fieldValueOf(board, item!, "SIG")).toBe("sig-apps");
    expect(fieldValueOf(board, item!, "Issue Number")).toBe(String(ISSUE));
    expect(fieldValueOf(board, item!, "Enhancement Type")).toBe("Net New");
    // The comment speaks the board's spelling.
    expect(status()).toBe("Tracked for PRR Freeze");
  });

  it("makes no write on a redelivery, within 4 requests and 1 for the board", async () => {
    fake.reset();
    await deliver(app, "issues", issueEvent(), "delivery-2");
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    expect(fake.stats().reads).toBeLessThanOrEqual(5);
    expect(fake.stats().byKind["graphql IssueOnBoard"]).toBe(1);
  });

  it("re-evaluates at once when a person sets an exception's status, and says so in the comment and on the board", async () => {
    const item = itemFor(board, { owner: OWNER, repo: REPO, number: ISSUE })!;
    setValue(board, item, "Exception Request Type", "PRR / KEP Readiness");
    setValue(board, item, "Exception Status", "In Review");
    fake.reset();
    await deliver(app, "projects_v2_item", itemEvent(board, "Exception Status"), "delivery-3");
    expect(fake.stats().unexpected).toEqual([]);
    expect(fieldValueOf(board, item, "Status")).toBe("Exception Pending");
    expect(status()).toBe("Exception Pending");
    expect(issue.comments.find((c) => c.body.startsWith(STATUS_MARKER))!.body).toContain("An exception for the PRR freeze is in review");
  });

  it("shows Removed from milestone once the exception is rejected, and an approved one until its time runs out", async () => {
    const item = itemFor(board, { owner: OWNER, repo: REPO, number: ISSUE })!;
    setValue(board, item, "Exception Status", "Rejected");
    await deliver(app, "projects_v2_item", itemEvent(board, "Exception Status"), "delivery-4");
    expect(fieldValueOf(board, item, "Status")).toBe("Removed From Milestone");
    setValue(board, item, "Exception Status", "Approved");
    setValue(board, item, "Additional Time", 2);
    await deliver(app, "projects_v2_item", itemEvent(board, "Additional Time"), "delivery-5");
    expect(fieldValueOf(board, item, "Status")).toBe("Exception Approved");
    expect(issue.comments.find((c) => c.body.startsWith(STATUS_MARKER))!.body).toContain("is approved until 2026-06-12 12:00 UTC");
  });

  it("ignores the App's own edits before any read, and a person's edit of a field that is not an exception's after reading the item only", async () => {
    fake.reset();
    await deliver(app, "projects_v2_item", itemEvent(board, "Status", "kep-tracker[bot]"), "delivery-6");
    expect(fake.stats().reads).toBe(0);
    const item = itemFor(board, { owner: OWNER, repo: REPO, number: ISSUE })!;
    setValue(board, item, "Note", "asked on Slack");
    setValue(board, item, "Enhancements Contact", "jenshu");
    await deliver(app, "projects_v2_item", itemEvent(board, "Enhancements Contact"), "delivery-7");
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    expect(fake.stats().byKind["graphql IssueContext"] ?? 0).toBe(0);
    expect(fieldValueOf(board, item, "Note")).toBe("asked on Slack");
    expect(fieldValueOf(board, item, "Enhancements Contact")).toBe("jenshu");
  });

  it('after code freeze, a person\'s "None Required" in Docs Required? re-evaluates at once: No Docs Needed, the comment says why', async () => {
    const later = probotOn(fake, new Date("2026-07-27T09:00:00Z"));
    const item = itemFor(board, { owner: OWNER, repo: REPO, number: ISSUE })!;
    setValue(board, item, "Exception Request Type", null);
    setValue(board, item, "Exception Status", null);
    setValue(board, item, "Additional Time", null);
    await deliver(later, "issues", issueEvent(), "delivery-d1");
    expect(fieldValueOf(board, item, "Docs Status")).toBe("No PR");
    expect(fieldValueOf(board, item, "Docs Required?")).toBe("Need docs");
    setValue(board, item, "Docs Required?", "None Required");
    await deliver(later, "projects_v2_item", itemEvent(board, "Docs Required?"), "delivery-d2");
    expect(fake.stats().unexpected).toEqual([]);
    expect(fieldValueOf(board, item, "Docs Status")).toBe("No Docs Needed");
    expect(fieldValueOf(board, item, "Docs Required?")).toBe("None Required");
    const comment = issue.comments.find((c) => c.body.startsWith(STATUS_MARKER))!.body;
    expect(comment).toContain('No docs needed: the release board\'s "Docs Required?" says "None Required"');
  });

  it("takes an event for an item deleted since (GitHub's NOT_FOUND beside a null node) as a normal event: nothing read further, nothing written", async () => {
    const event = itemEvent(board, "Exception Status");
    const item = itemFor(board, { owner: OWNER, repo: REPO, number: ISSUE })!;
    board.items.splice(board.items.indexOf(item), 1);
    fake.reset();
    await deliver(app, "projects_v2_item", event, "delivery-8");
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [], byKind: { "graphql BoardItem": 1 } });
    expect(fake.stats().reads).toBe(1);
  });
});
