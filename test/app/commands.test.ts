import type nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  deliver,
  makeProbot,
  mockConfig,
  mockRefreshReads,
  OWNER,
  payload,
  REPO,
  requests,
  setupApp,
  useNock,
  writes,
} from "../helpers/app.js";

const ISSUE = `/repos/${OWNER}/${REPO}/issues/3541`;
const LABELS = ["lead-opted-in", "sig/apps", "stage/alpha"];

function comment(
  body: string,
  over: { login?: string; type?: string; state?: string; labels?: string[]; milestone?: { title: string; number: number } | null } = {},
) {
  return payload("issue_comment", "created", (p) => {
    p.issue.number = 3541;
    p.issue.milestone = over.milestone === undefined ? null : over.milestone;
    p.issue.state = over.state ?? "open";
    p.issue.labels = (over.labels ?? LABELS).map((name) => ({ name }));
    delete p.issue.pull_request;
    p.comment.id = 5001;
    p.comment.body = body;
    p.comment.user.login = over.login ?? "enhancements-shadow";
    p.comment.user.type = over.type ?? "User";
  });
}

const setup = () => setupApp();

const member = (scope: nock.Scope, team: string, login: string, active: boolean) =>
  active
    ? scope.get(`/orgs/${OWNER}/teams/${team}/memberships/${login}`).reply(200, { state: "active", role: "member" })
    : scope.get(`/orgs/${OWNER}/teams/${team}/memberships/${login}`).reply(404, { message: "Not Found" });

function mockRefresh(
  scope: nock.Scope,
  labels: string[],
  milestone: { title: string; number: number } | null = { title: "v1.37", number: 37 },
) {
  mockRefreshReads(scope, { number: 3541, labels, milestone, comments: [] });
}

/** The repository's open milestones, as the command reads them before it sets one. */
const openMilestones = (scope: nock.Scope, milestones = [{ title: "v1.37", number: 37 }]) =>
  scope.get(`/repos/${OWNER}/${REPO}/milestones`).query(true).reply(200, milestones);

let replies: string[] = [];
const captureReplies = (scope: nock.Scope) =>
  scope.post(`${ISSUE}/comments`, (b: { body: string }) => (replies.push(b.body), true)).reply(201, { id: 7000 });

useNock();
beforeEach(() => {
  replies = [];
});

describe("/track", () => {
  it("by a member of release-team-enhancements: tracked/yes, milestone, status comment and a reaction", async () => {
    const { probot, scope } = setup();
    member(scope, "release-team-enhancements", "enhancements-shadow", true);
    openMilestones(scope, [
      { title: "v1.36", number: 36 },
      { title: "v1.37", number: 37 },
    ]);
    scope.post(`${ISSUE}/labels`, { labels: ["tracked/yes"] }).reply(200, []);
    scope.patch(ISSUE, { milestone: 37 }).reply(200, {});
    mockRefresh(scope, LABELS, null);
    captureReplies(scope);
    scope.post(`/repos/${OWNER}/${REPO}/issues/comments/5001/reactions`, { content: "+1" }).reply(201, {});

    await deliver(probot, "issue_comment", comment("Looks good.\n/track v1.37"));
    expect(writes()).toEqual([
      `POST ${ISSUE}/labels`,
      `PATCH ${ISSUE}`,
      `POST ${ISSUE}/comments`,
      `POST /repos/${OWNER}/${REPO}/issues/comments/5001/reactions`,
    ]);
    expect(replies[0]).toContain("**Status: Tracked for PRR freeze**");
  });

  it("gives no 👍 when setting the milestone fails, but one reply saying what failed and that it will be finished", async () => {
    const { probot, scope } = setup();
    member(scope, "release-team-enhancements", "enhancements-shadow", true);
    openMilestones(scope);
    scope.post(`${ISSUE}/labels`, { labels: ["tracked/yes"] }).reply(200, []);
    scope.patch(ISSUE, { milestone: 37 }).reply(403, { message: "Must have admin rights to Repository." });
    mockRefresh(scope, LABELS, null);
    captureReplies(scope);
    captureReplies(scope);

    await deliver(probot, "issue_comment", comment("/track"));
    expect(writes()).toEqual([`POST ${ISSUE}/labels`, `PATCH ${ISSUE}`, `POST ${ISSUE}/comments`, `POST ${ISSUE}/comments`]);
    expect(replies[1]).toBe(
      "@enhancements-shadow: not everything went through: set the milestone v1.37 failed. The next event or sweep will finish it.\n",
    );
  });

  it("on an issue already tracked in v1.37, changes no label and no milestone", async () => {
    const { probot, scope } = setup();
    member(scope, "release-team-enhancements", "enhancements-shadow", true);
    openMilestones(scope);
    mockRefresh(scope, [...LABELS, "tracked/yes"]);
    captureReplies(scope);
    scope.post(`/repos/${OWNER}/${REPO}/issues/comments/5001/reactions`).reply(201, {});
    await deliver(
      probot,
      "issue_comment",
      comment("/track", { labels: [...LABELS, "tracked/yes"], milestone: { title: "v1.37", number: 37 } }),
    );
    expect(writes()).toEqual([`POST ${ISSUE}/comments`, `POST /repos/${OWNER}/${REPO}/issues/comments/5001/reactions`]);
  });

  it("refuses someone outside the tracker teams, naming who may and quoting the command", async () => {
    const { probot, scope } = setup();
    member(scope, "release-team-enhancements", "passer-by", false);
    member(scope, "release-team-leads", "passer-by", false);
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment("/track", { login: "passer-by" }));
    expect(writes()).toEqual([`POST ${ISSUE}/comments`]);
    expect(replies).toEqual([
      "@passer-by: only members of release-team-enhancements or members of release-team-leads may use /track.\n\n> /track\n",
    ]);
  });

  it("lists the release milestones that exist when v1.37 has none", async () => {
    const { probot, scope } = setup();
    member(scope, "release-team-enhancements", "enhancements-shadow", true);
    openMilestones(scope, [
      { title: "v1.36", number: 36 },
      { title: "v1.38", number: 38 },
    ]);
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment("/track"));
    expect(replies[0]).toMatch(/^@enhancements-shadow: there is no open milestone v1\.37 \(open release milestones: v1\.36, v1\.38\)/);
    expect(replies[0]).toContain("\n\n> /track\n");
  });

  it("refuses another release and a closed issue", async () => {
    const { probot, scope } = setup();
    member(scope, "release-team-enhancements", "enhancements-shadow", true);
    captureReplies(scope);
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment("/track v1.38"), "a");
    mockConfig(scope);
    await deliver(probot, "issue_comment", comment("/track", { state: "closed" }), "b");
    expect(replies[0]).toContain("kep-tracker tracks v1.37 only, not v1.38");
    expect(replies[1]).toContain("this issue is closed");
  });

  it("refuses after PRR freeze when no SIG lead opted the KEP in", async () => {
    const { probot, scope } = setupApp(undefined, new Date("2026-06-12T00:00:00Z"));
    member(scope, "release-team-enhancements", "enhancements-shadow", true);
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment("/track", { labels: ["sig/apps"] }));
    expect(replies).toEqual([
      "@enhancements-shadow: PRR freeze has passed and no SIG lead opted this KEP in (`lead-opted-in`); it needs an exception to join v1.37.\n\n> /track\n",
    ]);
  });

  it("runs nothing when the command is quoted or fenced", async () => {
    const { probot } = setup();
    await deliver(probot, "issue_comment", comment("> /track\n\n```\n/track\n```\n<!-- /track -->"));
    expect(writes()).toEqual([]);
  });

  it("ignores comments from bots, kep-tracker itself included", async () => {
    const { probot } = makeProbot();
    await deliver(probot, "issue_comment", comment("/track", { login: "kep-tracker[bot]", type: "Bot" }));
    expect(requests.filter((r) => !r.includes("access_tokens"))).toEqual([]);
  });

  it("answers a misspelt command with the right spelling", async () => {
    const { probot, scope } = setup();
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment("/trak"));
    expect(replies[0]).toMatch(/^@enhancements-shadow: `\/trak` is not a kep-tracker command; did you mean `\/track`\?/);
  });
});

describe("/untrack", () => {
  it("removes tracked/yes, adds tracked/no, clears the milestone and says why in the status comment", async () => {
    const { probot, scope } = setup();
    member(scope, "release-team-enhancements", "enhancements-shadow", true);
    scope.post(`${ISSUE}/labels`, { labels: ["tracked/no"] }).reply(200, []);
    scope.delete(`${ISSUE}/labels/tracked%2Fyes`).reply(200, []);
    scope.patch(ISSUE, { milestone: null }).reply(200, {});
    mockRefresh(scope, [...LABELS, "tracked/yes"]);
    captureReplies(scope);
    scope.post(`/repos/${OWNER}/${REPO}/issues/comments/5001/reactions`).reply(201, {});
    await deliver(
      probot,
      "issue_comment",
      comment("/untrack not ready this cycle", { labels: [...LABELS, "tracked/yes"], milestone: { title: "v1.37", number: 37 } }),
    );
    expect(replies[0]).toContain("**Status: Removed from milestone** v1.37. Reason: not ready this cycle.");
  });
});

describe("a command acts on the issue as it is now", () => {
  it("a redelivered /track that a later /untrack overrides changes nothing, and keeps the /untrack's status", async () => {
    const { probot, scope } = setup();
    member(scope, "release-team-enhancements", "enhancements-shadow", true);
    openMilestones(scope);
    // GitHub now: the later /untrack (comment 5002) was applied; the /track's payload still shows the issue before either.
    mockRefreshReads(scope, {
      number: 3541,
      labels: [...LABELS, "tracked/no"],
      milestone: null,
      comments: [
        { id: 5001, author: "enhancements-shadow", body: "/track" },
        { id: 5002, author: "enhancements-shadow", body: "/untrack not this cycle" },
      ],
    });
    captureReplies(scope);
    scope.post(`/repos/${OWNER}/${REPO}/issues/comments/5001/reactions`).optionally().reply(201, {});
    await deliver(probot, "issue_comment", comment("/track"));
    const changes = writes().filter((w) => !w.includes("/comments"));
    expect(changes).toEqual([]);
    expect(replies.join("\n")).not.toContain("Tracked for");
  });

  it("/track sets only what the issue lacks as read now, not what the event's payload lacked", async () => {
    const { probot, scope } = setup();
    member(scope, "release-team-enhancements", "enhancements-shadow", true);
    openMilestones(scope);
    // The payload says tracked/no without milestone; an earlier /track on another replica has since tracked it.
    scope.post(`${ISSUE}/labels`).optionally().reply(200, []);
    scope.delete(`${ISSUE}/labels/tracked%2Fno`).optionally().reply(200, []);
    scope.patch(ISSUE).optionally().reply(200, {});
    mockRefresh(scope, [...LABELS, "tracked/yes"]);
    captureReplies(scope);
    scope.post(`/repos/${OWNER}/${REPO}/issues/comments/5001/reactions`).reply(201, {});
    await deliver(probot, "issue_comment", comment("/track", { labels: [...LABELS, "tracked/no"], milestone: null }));
    expect(writes()).toEqual([`POST ${ISSUE}/comments`, `POST /repos/${OWNER}/${REPO}/issues/comments/5001/reactions`]);
  });
});

describe("/kep-status", () => {
  it("lets anyone refresh the status comment", async () => {
    const { probot, scope } = setup();
    mockRefresh(scope, LABELS);
    captureReplies(scope);
    scope.post(`/repos/${OWNER}/${REPO}/issues/comments/5001/reactions`).reply(201, {});
    await deliver(probot, "issue_comment", comment("/kep-status", { login: "kep-author" }));
    expect(replies).toHaveLength(1);
  });
});
