import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import {
  api,
  CONFIG,
  deliver,
  HEAD,
  makeProbot,
  mockAppSlug,
  mockConfig,
  mockFiles,
  mockIssueContext,
  mockRefreshReads,
  mockToken,
  mockTree,
  OWNER,
  optedInLabeled,
  payload,
  REPO,
  repoRequests,
  requests,
  setupApp,
  useNock,
  writes,
} from "../helpers/app.js";
import { TIMELINES } from "../helpers/fixtures.js";
import { checkout } from "../helpers/tracking.js";

const ISSUE = `/repos/${OWNER}/${REPO}/issues/3541`;
const labeled = optedInLabeled();

useNock();

describe("issues events", () => {
  it("does not evaluate again the labels and milestones the App set itself", async () => {
    const { probot } = makeProbot();
    const scope = api();
    mockAppSlug(scope);
    for (const action of ["labeled", "unlabeled", "milestoned", "demilestoned"]) {
      const own = payload("issues", action, (p) => {
        p.issue.number = 3541;
        p.sender = { ...p.sender, login: "kep-tracker[bot]", type: "Bot" };
      });
      await deliver(probot, "issues", own, `own-${action}`);
    }
    // Only the App's own login, asked once: no token, no config, no issue read, no write.
    expect(requests).toEqual(["GET /app"]);
  });

  it("evaluates a label another bot set, like one a person set", async () => {
    const { probot, scope } = setupApp();
    mockRefreshReads(scope, { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], comments: [] });
    scope.post(`${ISSUE}/comments`).reply(201, { id: 900 });
    const byProw = payload("issues", "labeled", (p) => {
      p.issue.number = 3541;
      p.sender = { ...p.sender, login: "k8s-ci-robot", type: "User" };
    });
    await deliver(probot, "issues", byProw);
    expect(writes()).toEqual([`POST ${ISSUE}/comments`]);
  });

  it("posts one status comment when a tracked issue changes, then writes nothing on a redelivery", async () => {
    const { probot, scope } = setupApp();
    const state = {
      number: 3541,
      labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
      comments: [] as Array<{ id: number; author: string; body: string }>,
    };
    mockIssueContext(scope, state);
    mockTree(scope);
    mockFiles(scope);
    let posted = "";
    scope.post(`${ISSUE}/comments`, (b: { body: string }) => ((posted = b.body), true)).reply(201, { id: 900 });

    await deliver(probot, "issues", labeled);
    expect(writes()).toEqual([`POST ${ISSUE}/comments`]);
    expect(posted.startsWith(STATUS_MARKER)).toBe(true);
    expect(posted).toContain("**Status: Tracked for PRR freeze** · stage **alpha**");
    expect(posted).toContain("**PRR freeze:** Wednesday 10 June 2026, 12:00 UTC (in 9 days)");

    // The same delivery again: the comment is there, so nothing is written, in at most 4 requests.
    requests.length = 0;
    mockConfig(scope);
    mockIssueContext(scope, { ...state, comments: [{ id: 900, author: "kep-tracker[bot]", body: posted }] });
    mockFiles(scope);
    await deliver(probot, "issues", labeled);
    expect(writes()).toEqual([]);
    expect(repoRequests().length).toBeLessThanOrEqual(4);
    expect(repoRequests()).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/.github/kep-tracker.yml`,
      "graphql IssueContext",
      "graphql FilesAndPullRequests",
    ]);
  });

  it("edits its own comment in place, deletes a duplicate, and leaves other people's comments alone", async () => {
    const { probot, scope } = setupApp();
    mockIssueContext(scope, {
      number: 3541,
      labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
      comments: [
        { id: 10, author: "someone", body: `${STATUS_MARKER}\nquoted by a human` },
        { id: 11, author: "kep-tracker[bot]", body: `${STATUS_MARKER}\nold text` },
        { id: 12, author: "kep-tracker[bot]", body: `${STATUS_MARKER}\na second copy` },
      ],
    });
    mockTree(scope);
    mockFiles(scope);
    scope.patch(`/repos/${OWNER}/${REPO}/issues/comments/11`).reply(200, {});
    scope.delete(`/repos/${OWNER}/${REPO}/issues/comments/12`).reply(204);

    await deliver(probot, "issues", labeled);
    expect(writes()).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/11`, `DELETE /repos/${OWNER}/${REPO}/issues/comments/12`]);
  });

  it("puts the stage label in line with kep.yaml and adds the owning SIG's label", async () => {
    const { probot, scope } = setupApp();
    mockRefreshReads(scope, { number: 3541, labels: ["lead-opted-in", "stage/beta"], comments: [] });
    let added: string[] = [];
    scope.post(`${ISSUE}/labels`, (b: { labels: string[] }) => ((added = b.labels), true)).reply(200, []);
    scope.delete(`${ISSUE}/labels/stage%2Fbeta`).reply(200, []);
    scope.post(`${ISSUE}/comments`).reply(201, { id: 901 });

    await deliver(probot, "issues", labeled);
    expect(added).toEqual(["sig/apps", "stage/alpha"]);
    expect(writes()).toEqual([`POST ${ISSUE}/labels`, `DELETE ${ISSUE}/labels/stage/beta`, `POST ${ISSUE}/comments`]);
  });

  it("quotes upstream CI's errors when the KEP's kep.yaml fails validation", async () => {
    const { probot, scope } = setupApp();
    mockIssueContext(scope, { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], comments: [] });
    mockTree(scope);
    const path = "keps/sig-apps/3541-add-recreate-strategy-to-statefulset/kep.yaml";
    mockFiles(scope, { [`${HEAD}:${path}`]: `${checkout.read(path)}\nmilestones: oops\n` });
    let posted = "";
    scope.post(`${ISSUE}/comments`, (b: { body: string }) => ((posted = b.body), true)).reply(201, { id: 902 });
    await deliver(probot, "issues", labeled);
    expect(posted).toContain(
      "- `kep-invalid`: keps/sig-apps/3541-add-recreate-strategy-to-statefulset/kep.yaml fails upstream CI (1 error).",
    );
    expect(posted).toMatch(
      /- `unknown-field` keps\/sig-apps\/3541-add-recreate-strategy-to-statefulset\/kep\.yaml:\d+: unknown field "milestones"/,
    );
  });

  it("logs a write that GitHub still refuses, with the issue and the change it meant", async () => {
    const { probot, logs, scope } = setupApp();
    mockRefreshReads(scope, { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], comments: [] });
    // A 502 may come after GitHub saved the comment: the App looks, finds none, and tries once more.
    scope.post(`${ISSUE}/comments`).reply(502, { message: "Server Error" });
    scope.get(`${ISSUE}/comments`).query(true).reply(200, []);
    scope.post(`${ISSUE}/comments`).reply(502, { message: "Server Error" });
    await deliver(probot, "issues", labeled);
    const failed = logs.filter((l) => l.level === 50);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      issue: 3541,
      write: "create-comment",
      status: 502,
      msg: "write failed; the next event or sweep will retry",
    });
  });

  it("finds a KEP whose directory carries another number (KEP 1884 lives in 2043-…) through kep-number", async () => {
    const { probot, scope } = setupApp();
    mockRefreshReads(scope, { number: 1884, labels: ["lead-opted-in", "sig/node"], comments: [] });
    const path = "keps/sig-node/2043-pod-resource-concrete-assigments/kep.yaml";
    scope
      .get("/search/code")
      .query((q) => String(q.q).includes('"kep-number: 1884"'))
      .reply(200, { total_count: 1, items: [{ path }] });
    let posted = "";
    scope.post(`/repos/${OWNER}/${REPO}/issues/1884/comments`, (b: { body: string }) => ((posted = b.body), true)).reply(201, { id: 903 });
    await deliver(
      probot,
      "issues",
      payload("issues", "labeled", (p) => (p.issue.number = 1884)),
    );
    expect(posted).toContain("keps/sig-node/2043-pod-resource-concrete-assigments/");
    expect(posted).not.toContain("kep-not-found");
  });

  it("reads the schedule from kubernetes/sig-release when the config says source: sig-release", async () => {
    const { probot, scope } = setupApp("release: v1.37\nschedule:\n  source: sig-release\n");
    scope
      .get("/repos/kubernetes/sig-release/contents/releases%2Frelease-1.37%2FREADME.md")
      .reply(200, readFileSync(`${TIMELINES}/release-1.37-timeline.md`, "utf8"));
    mockRefreshReads(scope, { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], comments: [] });
    let posted = "";
    scope.post(`${ISSUE}/comments`, (b: { body: string }) => ((posted = b.body), true)).reply(201, { id: 904 });
    await deliver(probot, "issues", labeled);
    expect(posted).toContain("**PRR freeze:** Wednesday 10 June 2026, 12:00 UTC (in 9 days)");
  });

  it("does nothing for an issue outside the release that never had a status comment", async () => {
    const { probot, scope } = setupApp();
    mockIssueContext(scope, { number: 3541, labels: ["kind/feature"], milestone: null, comments: [] });
    await deliver(probot, "issues", labeled);
    expect(writes()).toEqual([]);
  });

  it("writes nothing in dry-run mode, and logs what it would have written", async () => {
    const { probot, logs, scope } = setupApp(`dry-run: true\n${CONFIG}`);
    mockRefreshReads(scope, { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], comments: [] });
    await deliver(probot, "issues", labeled);
    expect(writes()).toEqual([]);
    expect(logs.filter((l) => l.msg === "dry run: would write").map((l) => l.write)).toEqual(["create-comment"]);
  });
});

describe("configuration", () => {
  it("without .github/kep-tracker.yml, does nothing and says so once at info level", async () => {
    const { probot, logs } = makeProbot();
    const scope = api();
    mockToken(scope);
    mockConfig(scope, null);
    mockConfig(scope, null);
    await deliver(probot, "issues", labeled, "a");
    await deliver(probot, "issues", labeled, "b");
    expect(writes()).toEqual([]);
    const said = logs.filter((l) => String(l.msg).startsWith("no .github/kep-tracker.yml"));
    expect(said).toHaveLength(1);
    expect(said[0]!.level).toBe(30);
  });

  it("with a file that is not YAML, writes nothing and says so once at error level", async () => {
    const { probot, logs } = makeProbot();
    const scope = api();
    mockToken(scope);
    mockConfig(scope, "release: [v1.37\n");
    mockConfig(scope, "release: [v1.37\n");
    await deliver(probot, "issues", labeled, "a");
    await deliver(probot, "issues", labeled, "b");
    expect(writes()).toEqual([]);
    const errors = logs.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain("(file): is not valid YAML");
  });

  it("reports a configuration read that GitHub refuses by its status, not as a file that is not YAML", async () => {
    const { probot, logs } = makeProbot();
    const scope = api();
    mockToken(scope);
    scope.get(`/repos/${OWNER}/${REPO}/contents/.github%2Fkep-tracker.yml`).reply(503, { message: "Service Unavailable" });
    await deliver(probot, "issues", labeled);
    expect(writes()).toEqual([]);
    const errors = logs.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ status: 503 });
    expect(errors[0]!.msg).toContain("GitHub answered 503");
    expect(errors[0]!.msg).not.toContain("YAML");
  });

  it("with an invalid file, writes nothing and logs every problem once at error level", async () => {
    const { probot, logs } = makeProbot();
    const scope = api();
    mockToken(scope);
    mockConfig(scope, "release: next\nreminders:\n  days-before: [0]\n");
    mockConfig(scope, "release: next\nreminders:\n  days-before: [0]\n");
    await deliver(probot, "issues", labeled, "a");
    await deliver(probot, "issues", labeled, "b");
    expect(writes()).toEqual([]);
    const errors = logs.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain('release: must be a release such as "v1.37", not "next"');
    expect(errors[0]!.msg).toContain("reminders.days-before[0]: must be at least 1 day");
  });
});
