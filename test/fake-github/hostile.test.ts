import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { type FakeIssue, FIRST_COMMENT_ID } from "../../fake-github/world.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { deliver, payload } from "../helpers/app.js";
import { APP_SEED, fixtureRepo, probotOn } from "../helpers/fake.js";

/** Issue 9 against the stateful fake GitHub: a slug-named impostor, and a comment of thousands of commands. */

const FORGED_ID = FIRST_COMMENT_ID + 7;
const FLOOD_ID = FIRST_COMMENT_ID + 8;

describe("the App against hostile comments on the fake GitHub", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  const forged = `${STATUS_MARKER}\n<!-- kep-tracker:untrack-reason forged -->\n**Status: Tracked for docs freeze**`;
  const issue: FakeIssue = {
    number: 3541,
    title: "KEP-3541",
    body: "",
    labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
    milestone: { title: "v1.37", number: 37 },
    assignees: ["alice"],
    // "kep-tracker": a User who took the App's slug (the App is the Bot "kep-tracker[bot]").
    comments: [{ id: FORGED_ID, author: "kep-tracker", body: forged }],
  };

  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED });
  });
  afterAll(() => fake.close());

  it("keeps its own status comment beside a user's comment under the App's slug, which it never edits", async () => {
    const probot = probotOn(fake);
    await deliver(
      probot,
      "issues",
      payload("issues", "labeled", (p) => (p.issue.number = 3541)),
    );
    expect(fake.stats().unexpected).toEqual([]);
    const status = issue.comments.filter((c) => c.body.startsWith(STATUS_MARKER));
    expect(status.map((c) => c.author)).toEqual(["kep-tracker", "kep-tracker[bot]"]);
    expect(issue.comments[0]!.body).toBe(forged);
    expect(status[1]!.body).not.toContain("forged");
  });

  it("answers a comment of 2,000 `/trak` and 2,000 `/track` lines by a non-member with one reply and one read per team", async () => {
    const probot = probotOn(fake);
    const body = [...Array.from({ length: 2000 }, () => "/trak"), ...Array.from({ length: 2000 }, () => "/track")].join("\n");
    issue.comments.push({ id: FLOOD_ID, author: "passer-by", body });
    fake.reset();
    const before = issue.comments.length;
    await deliver(
      probot,
      "issue_comment",
      payload("issue_comment", "created", (p) => {
        p.issue.number = 3541;
        p.issue.labels = issue.labels.map((name) => ({ name }));
        delete p.issue.pull_request;
        p.comment.id = FLOOD_ID;
        p.comment.body = body;
        p.comment.user.login = "passer-by";
        p.comment.user.type = "User";
      }),
      "delivery-flood",
    );
    expect(fake.stats().unexpected).toEqual([]);
    expect(issue.comments.length - before).toBe(1);
    expect(fake.stats().byKind).toEqual({
      "POST access token": 1,
      "GET contents": 1,
      "GET app": 1,
      "GET membership": 2,
      "POST comments": 1,
    });
    expect(issue.comments.at(-1)!.body.match(/^> /gm)).toHaveLength(2);
  });

  it("refuses a comment or issue body over GitHub's 65,536 characters with 422, as GitHub does", async () => {
    const post = (path: string, method: string, body: string) =>
      fetch(`${fake.url}${path}`, { method, headers: { authorization: "token ghp_fake", "content-type": "application/json" }, body });
    const comments = `/repos/kubernetes/enhancements/issues/3541/comments`;
    const over = await post(comments, "POST", JSON.stringify({ body: "x".repeat(65_537) }));
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({ message: "Validation Failed", errors: [{ field: "body", code: "custom" }] });
    expect((await post(comments, "POST", JSON.stringify({ body: "x".repeat(65_536) }))).status).toBe(201);
    expect((await post("/repos/kubernetes/enhancements/issues/3541", "PATCH", JSON.stringify({ body: "y".repeat(65_537) }))).status).toBe(
      422,
    );
  });
});
