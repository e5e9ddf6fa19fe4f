import type nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  deliver,
  mockConfig,
  mockIssueContext,
  mockRefreshReads,
  OWNER,
  payload,
  REPO,
  repoRequests,
  setupApp,
  useNock,
  writes,
} from "../helpers/app.js";

/**
 * Issue 9, "Amplification" and "Forgery and mentions": a comment full of commands costs one
 * reply and one of each request, and nothing quoted from it can ping a team or forge a marker.
 */

const ISSUE = `/repos/${OWNER}/${REPO}/issues/3541`;
const REACTION = `/repos/${OWNER}/${REPO}/issues/comments/5001/reactions`;
const LABELS = ["lead-opted-in", "sig/apps", "stage/alpha"];
const TEAMS = ["release-team-enhancements", "release-team-leads"];

function comment(
  body: string,
  over: { login?: string; labels?: string[]; milestone?: { title: string; number: number } | null; id?: number } = {},
) {
  return payload("issue_comment", "created", (p) => {
    p.issue.number = 3541;
    p.issue.milestone = over.milestone === undefined ? null : over.milestone;
    p.issue.state = "open";
    p.issue.labels = (over.labels ?? LABELS).map((name) => ({ name }));
    delete p.issue.pull_request;
    p.comment.id = over.id ?? 5001;
    p.comment.body = body;
    p.comment.user.login = over.login ?? "passer-by";
    p.comment.user.type = "User";
  });
}

const membership = (team: string, login: string) => `GET /orgs/${OWNER}/teams/${team}/memberships/${login}`;
const notMember = (scope: nock.Scope, team: string, login: string) =>
  scope.get(`/orgs/${OWNER}/teams/${team}/memberships/${login}`).reply(404, { message: "Not Found" });

let replies: string[] = [];
const captureReplies = (scope: nock.Scope) =>
  scope.post(`${ISSUE}/comments`, (b: { body: string }) => (replies.push(b.body), true)).reply(201, { id: 7000 });
const lines = (line: string, n: number) => Array.from({ length: n }, () => line).join("\n");

/** What `/track` by enhancements-shadow (a tracker) asks of GitHub, once: membership, milestone, label, refresh, status comment, 👍. */
function mockTrackByShadow(scope: nock.Scope): void {
  scope
    .get(`/orgs/${OWNER}/teams/release-team-enhancements/memberships/enhancements-shadow`)
    .reply(200, { state: "active", role: "member" });
  scope
    .get(`/repos/${OWNER}/${REPO}/milestones`)
    .query(true)
    .reply(200, [{ title: "v1.37", number: 37 }]);
  scope.post(`${ISSUE}/labels`, { labels: ["tracked/yes"] }).reply(200, []);
  scope.patch(ISSUE, { milestone: 37 }).reply(200, {});
  // The issue as the command finds it, read under its lock: not yet tracked.
  mockRefreshReads(scope, { number: 3541, labels: LABELS, milestone: null, comments: [] });
  captureReplies(scope);
  scope.post(REACTION, { content: "+1" }).reply(201, {});
}

useNock();
beforeEach(() => {
  replies = [];
});

describe("a comment full of commands gets one answer", () => {
  it("answers 2,000 `/trak` lines with one reply", async () => {
    const { probot, scope } = setupApp();
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment(lines("/trak", 2000)));
    expect(writes()).toEqual([`POST ${ISSUE}/comments`]);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.match(/> \/trak/g)).toHaveLength(1);
  });

  it("answers 30 comments of unknown commands by one user on one issue with 3 replies, and still answers another user", async () => {
    const { probot, scope } = setupApp();
    scope
      .post(`${ISSUE}/comments`)
      .times(30)
      .optionally()
      .reply(201, (_u, b: { body: string }) => (replies.push(b.body), { id: 7000 }));
    for (let i = 0; i < 30; i++) {
      if (i) mockConfig(scope);
      await deliver(probot, "issue_comment", comment(`/trak ${i}`, { id: 6000 + i }), `d${i}`);
    }
    expect(replies).toHaveLength(3);
    mockConfig(scope);
    await deliver(probot, "issue_comment", comment("/trak", { id: 6100, login: "someone-else" }), "other");
    expect(replies).toHaveLength(4);
    expect(replies[3]).toMatch(/^@someone-else: /);
  });

  it("asks each tracker team once about 2,000 `/track` lines by someone outside them, and once more never within a minute", async () => {
    const { probot, scope } = setupApp();
    for (const team of TEAMS) notMember(scope, team, "passer-by");
    captureReplies(scope);
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment(lines("/track", 2000)), "a");
    mockConfig(scope);
    await deliver(probot, "issue_comment", comment(lines("/track", 2000), { id: 5002 }), "b");
    expect(repoRequests().filter((r) => r.includes("/memberships/"))).toEqual(TEAMS.map((t) => membership(t, "passer-by")));
    expect(replies).toHaveLength(2);
    expect(replies[0]).toBe(
      "@passer-by: only members of release-team-enhancements or members of release-team-leads may use /track.\n\n> /track\n",
    );
  });

  it("reads membership once for 2,000 `/track` lines by a tracker, and tracks the issue once", async () => {
    const { probot, scope } = setupApp();
    mockTrackByShadow(scope);
    await deliver(probot, "issue_comment", comment(lines("/track", 2000), { login: "enhancements-shadow" }));
    expect(repoRequests().filter((r) => r.includes("/memberships/"))).toHaveLength(1);
    expect(writes()).toEqual([`POST ${ISSUE}/labels`, `PATCH ${ISSUE}`, `POST ${ISSUE}/comments`, `POST ${REACTION}`]);
  });

  it("refreshes once for 1,000 `/kep-status` lines on an issue that is not in the release", async () => {
    const { probot, scope } = setupApp();
    mockIssueContext(scope, { number: 3541, labels: ["sig/apps"], milestone: null, comments: [] });
    scope.post(REACTION, { content: "+1" }).reply(201, {});
    await deliver(probot, "issue_comment", comment(lines("/kep-status", 1000), { labels: ["sig/apps"] }));
    expect(repoRequests().filter((r) => r.startsWith("graphql"))).toEqual(["graphql IssueContext"]);
    expect(writes()).toEqual([`POST ${REACTION}`]);
  });

  it("refreshes once when one comment says both /track and /kep-status", async () => {
    const { probot, scope } = setupApp();
    mockTrackByShadow(scope);
    await deliver(probot, "issue_comment", comment("/kep-status\n/track\n/kep-status", { login: "enhancements-shadow" }));
    expect(repoRequests().filter((r) => r === "graphql IssueContext")).toHaveLength(1);
  });

  it("puts every refusal of one comment, mistyped commands included, into one reply", async () => {
    const { probot, scope } = setupApp();
    for (const team of TEAMS) notMember(scope, team, "passer-by");
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment("/trak\n/track v1.99\n/untrack no reason\n/trak again"));
    expect(writes()).toEqual([`POST ${ISSUE}/comments`]);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toBe(
      "@passer-by: `/trak` is not a kep-tracker command; did you mean `/track`? kep-tracker knows /track [v1.NN], /untrack [reason] and /kep-status.\n\n> /trak\n" +
        "\nonly members of release-team-enhancements or members of release-team-leads may use /track.\n\n> /track v1.99\n" +
        "\nonly members of release-team-enhancements or members of release-team-leads may use /untrack.\n\n> /untrack no reason\n",
    );
  });
});

describe("a refusal quotes people's words without their effects", () => {
  it("does not ping a team named in a refused /track", async () => {
    const { probot, scope } = setupApp();
    scope
      .get(`/orgs/${OWNER}/teams/release-team-enhancements/memberships/enhancements-shadow`)
      .reply(200, { state: "active", role: "member" });
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment("/track @kubernetes/sig-node-leads", { login: "enhancements-shadow" }));
    expect(replies).toHaveLength(1);
    expect(replies[0]).not.toMatch(/@kubernetes/);
    expect(replies[0]).toContain("kep-tracker tracks v1.37 only, not @\u200Dkubernetes/sig-node-leads");
    expect(replies[0]).toContain("> /track @\u200Dkubernetes/sig-node-leads");
  });

  it.each([
    ["a bare marker", "/trak <!-- kep-tracker:reminder v1.37 enhancements-freeze 0 -->"],
    ["a marker in a code span", "/trak `<!-- kep-tracker:reminder v1.37 enhancements-freeze 0 -->`"],
    ["a status marker", "/trak `<!-- kep-tracker:status -->`"],
  ])("puts no marker into the App's reply when the command quotes %s", async (_name, body) => {
    const { probot, scope } = setupApp();
    captureReplies(scope);
    await deliver(probot, "issue_comment", comment(body));
    expect(replies).toHaveLength(1);
    expect(replies[0]).not.toContain("<!--");
    expect(replies[0]).not.toMatch(/<!--\s*kep-tracker:/);
  });
});
