import type nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import { deliver, mockRefreshReads, OWNER, payload, REPO, setupApp, useNock, writes } from "../helpers/app.js";

/** After code freeze (2026-07-23 12:00 UTC), before Docs Freeze: the Docs section is shown. */
const AFTER_CODE_FREEZE = new Date("2026-07-27T09:00:00Z");
const ISSUE = `/repos/${OWNER}/${REPO}/issues/3541`;
const LABELS = ["lead-opted-in", "sig/apps", "stage/alpha", "tracked/yes"];
const MILESTONE = { title: "v1.37", number: 37 };

function comment(body: string, login: string) {
  return payload("issue_comment", "created", (p) => {
    p.issue.number = 3541;
    p.issue.milestone = MILESTONE;
    p.issue.state = "open";
    p.issue.labels = LABELS.map((name) => ({ name }));
    p.issue.user.login = "kep-author";
    p.issue.assignees = [{ ...p.issue.user, login: "kep-assignee" }];
    delete p.issue.pull_request;
    p.comment.id = 5001;
    p.comment.body = body;
    p.comment.user.login = login;
    p.comment.user.type = "User";
  });
}

const member = (scope: nock.Scope, team: string, login: string, active: boolean) =>
  scope
    .get(`/orgs/${OWNER}/teams/${team}/memberships/${login}`)
    .reply(active ? 200 : 404, active ? { state: "active", role: "member" } : { message: "Not Found" });

let posted: string[] = [];
const capture = (scope: nock.Scope, times = 1) =>
  scope
    .post(`${ISSUE}/comments`, (b: { body: string }) => (posted.push(b.body), true))
    .times(times)
    .reply(201, { id: 7000 });

useNock();
beforeEach(() => {
  posted = [];
});

describe("/kep-docs none <reason>", { timeout: 30_000 }, () => {
  it("from the issue's author: the docs items are done, the comment says why, and the reason is kept in the hidden marker", async () => {
    const { probot, scope } = setupApp(undefined, AFTER_CODE_FREEZE);
    mockRefreshReads(scope, { number: 3541, labels: LABELS, milestone: MILESTONE, comments: [] });
    capture(scope);
    scope.post(`${ISSUE.replace("/3541", "")}/comments/5001/reactions`, { content: "+1" }).reply(201, {});
    await deliver(probot, "issue_comment", comment("/kep-docs none an internal refactor, nothing user-facing", "kep-author"));
    const status = posted[0]!;
    expect(status).toContain("<!-- kep-tracker:docs-none an%20internal%20refactor%2C%20nothing%20user-facing -->");
    expect(status).toContain("No docs needed: an internal refactor, nothing user-facing");
    expect(status).not.toContain("- [ ] A docs PR is open");
    expect(writes()).toContain(`POST /repos/${OWNER}/${REPO}/issues/comments/5001/reactions`);
  });

  it("from an assignee, and the reason survives a later refresh of the issue", async () => {
    const first = setupApp(undefined, AFTER_CODE_FREEZE);
    mockRefreshReads(first.scope, { number: 3541, labels: LABELS, milestone: MILESTONE, comments: [] });
    capture(first.scope);
    first.scope.post(`/repos/${OWNER}/${REPO}/issues/comments/5001/reactions`).reply(201, {});
    await deliver(first.probot, "issue_comment", comment("/kep-docs none covered by the existing page", "kep-assignee"));
    const status = posted[0]!;
    expect(status).toContain("No docs needed: covered by the existing page");

    // A later event: the status comment as posted is read back, and the reason holds without another command.
    const later = setupApp(undefined, AFTER_CODE_FREEZE);
    const comments = [{ id: 9001, author: "kep-tracker[bot]", body: status }];
    mockRefreshReads(later.scope, { number: 3541, labels: LABELS, milestone: MILESTONE, comments, body: "edited" });
    later.scope.patch(`/repos/${OWNER}/${REPO}/issues/comments/9001`, (b: { body: string }) => (posted.push(b.body), true)).reply(200, {});
    await deliver(
      later.probot,
      "issues",
      payload("issues", "edited", (p) => {
        p.issue.number = 3541;
        p.issue.labels = LABELS.map((name) => ({ name }));
        p.issue.milestone = MILESTONE;
      }),
    );
    expect(posted).toHaveLength(2);
    const after = posted[1]!;
    expect(after).toContain("<!-- kep-tracker:docs-none covered%20by%20the%20existing%20page -->");
    expect(after).toContain("No docs needed: covered by the existing page");
  });

  it("refuses anyone else, as /track is refused, and changes nothing", async () => {
    const { probot, scope } = setupApp(undefined, AFTER_CODE_FREEZE);
    member(scope, "release-team-enhancements", "passer-by", false);
    member(scope, "release-team-leads", "passer-by", false);
    capture(scope);
    await deliver(probot, "issue_comment", comment("/kep-docs none no docs, trust me", "passer-by"));
    expect(writes()).toEqual([`POST ${ISSUE}/comments`]);
    expect(posted).toEqual([
      "@passer-by: only the issue's author or assignees, or members of release-team-enhancements or members of release-team-leads, " +
        "may use /kep-docs.\n\n> /kep-docs none no docs, trust me\n",
    ]);
  });

  it("without a reason is refused with the command's usage, before anyone's membership is asked", async () => {
    const { probot, scope } = setupApp(undefined, AFTER_CODE_FREEZE);
    capture(scope);
    await deliver(probot, "issue_comment", comment("/kep-docs none", "kep-author"));
    expect(posted[0]).toContain("say why no docs are needed: `/kep-docs none <reason>`");
  });
});
