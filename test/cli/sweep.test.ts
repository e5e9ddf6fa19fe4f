import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import {
  api,
  CONFIG,
  deliver,
  HEAD,
  type IssueState,
  mockConfig,
  mockFiles,
  mockRefreshReads,
  mockTree,
  OPT_IN,
  OWNER,
  PRIVATE_KEY,
  payload,
  REPO,
  requests,
  setupApp,
  useNock,
  writes,
} from "../helpers/app.js";
import { bufferIo } from "../helpers/io.js";
import { mockSweepPage, mockWebsitePrs, TOKEN_ENV, tempCacheDir, VIEWER } from "../helpers/sweep.js";

useNock();

/** A day and a half before v1.37's PRR freeze (2026-06-10 12:00 UTC): the 2-day reminder is due. */
const NOW = "2026-06-09T00:00:00Z";
const ISSUES = (n: number) => `/repos/${OWNER}/${REPO}/issues/${n}`;

const tracked: IssueState = { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], assignees: ["alice"] };
const atRisk: IssueState = { number: 5958, labels: ["lead-opted-in", "sig/api-machinery", "stage/alpha"], assignees: ["bob"] };
const outOfScope: IssueState = { number: 1884, labels: ["sig/auth"], milestone: null };

type Posted = { issue: number; id: number; body: string };

/** Accepts the comments a sweep posts, keeping them to serve on the next read. */
function acceptComments(scope: ReturnType<typeof api>, issues: number[], posted: Posted[]) {
  let id = 1000;
  for (const n of issues) {
    scope
      .post(`${ISSUES(n)}/comments`)
      .times(2)
      .optionally()
      .reply(201, (_uri: string, body: { body: string }) => {
        posted.push({ issue: n, id: ++id, body: body.body });
        return { id };
      });
  }
}

/** GitHub before any sweep: the config, one page of these issues, the listing and the files; comments accepted on `accept`. */
function freshRepo(issues: IssueState[], accept: number[]) {
  const posted: Posted[] = [];
  const scope = api();
  mockConfig(scope);
  mockSweepPage(scope, issues);
  mockTree(scope);
  mockFiles(scope);
  acceptComments(scope, accept, posted);
  return { scope, posted };
}

const withPosted = (s: IssueState, posted: Posted[]): IssueState => ({
  ...s,
  comments: posted.filter((p) => p.issue === s.number).map((p) => ({ id: p.id, author: VIEWER, body: p.body })),
});

describe("kep-tracker sweep", () => {
  it("posts status comments and a reminder to the owners of an at-risk KEP, then a second run writes nothing and reads only the config and one page", async () => {
    const cacheDir = tempCacheDir();
    const { scope, posted } = freshRepo([tracked, atRisk, outOfScope], [3541, 5958]);

    const io = bufferIo();
    const status = await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--cache-dir", cacheDir], io, TOKEN_ENV);
    expect(io.err()).not.toContain("error");
    expect(status).toBe(0);
    expect(writes()).toEqual([`POST ${ISSUES(3541)}/comments`, `POST ${ISSUES(5958)}/comments`, `POST ${ISSUES(5958)}/comments`]);
    expect(requests.filter((r) => !writes().includes(r))).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/.github/kep-tracker.yml`,
      "graphql SweepPage",
      `GET /repos/${OWNER}/${REPO}/git/trees/a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2`,
      "graphql FilesAndPullRequests",
      // Each issue read again right before it is written, under its lock: unchanged, so what was planned is written.
      "graphql SweepIssue",
      "graphql SweepIssue",
    ]);

    const [status3541, status5958, reminder] = posted;
    expect(status3541!.body).toContain("**Status: Tracked for PRR freeze**");
    expect(status5958!.body.startsWith(STATUS_MARKER)).toBe(true);
    expect(status5958!.body).toContain("**Status: At risk for PRR freeze**");
    expect(reminder!.body).toMatch(
      /^<!-- kep-tracker:reminder v1\.37 prr-freeze 2 -->\n@bob: this KEP is \*\*at risk for PRR freeze\*\* in v1\.37\./,
    );
    expect(reminder!.body).toContain("**PRR freeze:** Wednesday 10 June 2026, 12:00 UTC (in 36 hours)");
    expect(reminder!.body).toContain("Stage targeted: **alpha**.");
    expect(reminder!.body).toMatch(/Still missing:\n- \[ \] /);
    expect(reminder!.body).toContain("https://github.com/kubernetes/sig-release/blob/master/releases/EXCEPTIONS.md");
    expect(io.out()).toContain("Issues: 3 open, 2 in the release's scope");
    expect(io.out()).toContain("  Tracked for PRR freeze: 1\n  At risk for PRR freeze: 1\n");
    expect(io.out()).toContain("Writes: 3 made (1 reminder)");
    expect(io.err()).toContain("3/3 issues read");

    // Nothing changed: the same run again finds every comment in place and the files in its cache.
    requests.length = 0;
    mockConfig(scope);
    mockSweepPage(scope, [withPosted(tracked, posted), withPosted(atRisk, posted), outOfScope]);
    const again = bufferIo();
    expect(await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--cache-dir", cacheDir], again, TOKEN_ENV)).toBe(0);
    expect(writes()).toEqual([]);
    expect(requests).toEqual([`GET /repos/${OWNER}/${REPO}/contents/.github/kep-tracker.yml`, "graphql SweepPage"]);
    expect(again.out()).toContain("Writes: 0 made (0 reminders)");
  });

  it("without its cache still reads no file when nothing changed: the digest in the status comment matches the tree's blob ids", async () => {
    const { scope, posted } = freshRepo([tracked, atRisk], [3541, 5958]);
    await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--cache-dir", tempCacheDir()], bufferIo(), TOKEN_ENV);
    expect(posted[0]!.body.split("\n")[1]).toMatch(/^<!-- kep-tracker:inputs [0-9a-f]{20} -->$/);

    requests.length = 0;
    mockConfig(scope);
    mockSweepPage(scope, [withPosted(tracked, posted), withPosted(atRisk, posted)]);
    mockTree(scope);
    const io = bufferIo();
    await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--cache-dir", tempCacheDir()], io, TOKEN_ENV);
    expect(requests).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/.github/kep-tracker.yml`,
      "graphql SweepPage",
      `GET /repos/${OWNER}/${REPO}/git/trees/${HEAD}`,
    ]);
    expect(io.out()).toContain("  Tracked for PRR freeze: 1\n  At risk for PRR freeze: 1\n");
  });

  it("from code freeze on reads the linked PRs' states each run, and the KEP's files only when they changed the verdict", async () => {
    const CODE = "2026-07-01T00:00:00Z";
    const body = "- [ ] Alpha - v1.37\n  - Code (k/k) update PR(s): https://github.com/kubernetes/kubernetes/pull/130000\n";
    const withPr: IssueState = { ...tracked, body };
    const states = { "kubernetes/kubernetes#130000": { state: "OPEN", merged: false, labels: ["lgtm"] } };
    const posted: Posted[] = [];
    const cacheDir = tempCacheDir();
    const scope = api();
    mockConfig(scope);
    mockSweepPage(scope, [withPr]);
    mockWebsitePrs(scope);
    mockTree(scope);
    mockFiles(scope, {}, states);
    acceptComments(scope, [3541], posted);
    await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", CODE, "--cache-dir", cacheDir], bufferIo(), TOKEN_ENV);
    expect(posted[0]!.body).toContain("https://github.com/kubernetes/kubernetes/pull/130000 (needs approved)");

    // Nothing changed: one query for the PR's state, no file.
    requests.length = 0;
    const queries: string[] = [];
    scope.on("request", (_req: unknown, _i: unknown, b: string) => queries.push(String(b)));
    mockConfig(scope);
    mockSweepPage(scope, [withPosted(withPr, posted)]);
    mockWebsitePrs(scope);
    mockFiles(scope, {}, states);
    await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", CODE, "--cache-dir", cacheDir], bufferIo(), TOKEN_ENV);
    expect(requests).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/.github/kep-tracker.yml`,
      "graphql SweepPage",
      // The docs listing: one page of kubernetes/website PRs against dev-1.37, shared by every issue.
      "graphql WebsitePrs",
      "graphql FilesAndPullRequests",
    ]);
    expect(queries.at(-1)).not.toContain("object(expression");
    expect(writes()).toEqual([]);

    // The PR got approved: its state changes the digest, so the files are read and the comment edited.
    requests.length = 0;
    const approved = { "kubernetes/kubernetes#130000": { state: "OPEN", merged: false, labels: ["lgtm", "approved"] } };
    mockConfig(scope);
    mockSweepPage(scope, [withPosted(withPr, posted)]);
    mockWebsitePrs(scope);
    mockFiles(scope, {}, approved);
    mockFiles(scope, {}, approved);
    scope.patch(`/repos/${OWNER}/${REPO}/issues/comments/${posted[0]!.id}`).reply(200, {});
    await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", CODE, "--cache-dir", cacheDir], bufferIo(), TOKEN_ENV);
    expect(writes()).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${posted[0]!.id}`]);
  });

  it("and a webhook event after a sweep agree on the status comment: the event writes nothing", async () => {
    const posted: Posted[] = [];
    const scope = api();
    mockConfig(scope);
    mockSweepPage(scope, [tracked], { viewer: "kep-tracker[bot]" });
    mockTree(scope);
    mockFiles(scope);
    acceptComments(scope, [3541], posted);
    await main(
      ["sweep", "--repo", `${OWNER}/${REPO}`, "--now", OPT_IN.toISOString(), "--cache-dir", tempCacheDir()],
      bufferIo(),
      TOKEN_ENV,
    );
    expect(posted).toHaveLength(1);

    requests.length = 0;
    const app = setupApp();
    mockRefreshReads(app.scope, { ...tracked, comments: [{ id: posted[0]!.id, author: "kep-tracker[bot]", body: posted[0]!.body }] });
    await deliver(
      app.probot,
      "issues",
      payload("issues", "edited", (p) => {
        p.issue.number = 3541;
        p.issue.labels = tracked.labels.map((name) => ({ name }));
        p.issue.milestone = { title: "v1.37", number: 37 };
      }),
    );
    // Any write, answered or not (an unanswered one shows as UNMATCHED).
    expect(requests.filter((r) => /(POST|PATCH|DELETE) \/repos\//.test(r))).toEqual([]);
  });

  it("a sweep a day later edits the status comment's countdown and sends no reminder twice", async () => {
    const { scope, posted } = freshRepo([atRisk], [5958]);
    const cacheDir = tempCacheDir();
    await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", "2026-06-08T13:00:00Z", "--cache-dir", cacheDir], bufferIo(), TOKEN_ENV);
    expect(posted.map((p) => p.body.split("\n")[0])).toEqual([STATUS_MARKER, "<!-- kep-tracker:reminder v1.37 prr-freeze 2 -->"]);

    requests.length = 0;
    mockConfig(scope);
    mockSweepPage(scope, [withPosted(atRisk, posted)]);
    // A day on, the countdown differs from the comment's digest: the KEP's files are read again.
    mockFiles(scope);
    let edited = "";
    scope.patch(`/repos/${OWNER}/${REPO}/issues/comments/1001`, (b: { body: string }) => ((edited = b.body), true)).reply(200, {});
    const io = bufferIo();
    await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", "2026-06-09T13:00:00Z", "--cache-dir", cacheDir], io, TOKEN_ENV);
    expect(writes()).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/1001`]);
    expect(edited).toContain("(in 23 hours)");
  });

  it("--dry-run prints each issue's writes and makes none, with progress kept to one line on a terminal", async () => {
    const scope = api();
    mockConfig(scope);
    mockSweepPage(scope, [tracked, atRisk]);
    mockTree(scope);
    mockFiles(scope);
    const io = { ...bufferIo(), stderrIsTTY: true };
    expect(
      await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--dry-run", "--cache-dir", tempCacheDir()], io, TOKEN_ENV),
    ).toBe(0);
    expect(writes()).toEqual([]);
    expect(io.out()).toContain("#3541: post the status comment\n");
    expect(io.out()).toContain("#5958: post the status comment; post a reminder (prr-freeze, 2 days)\n");
    expect(io.out()).toContain("Dry run: 3 writes would be made (1 reminder); nothing was written");
    expect(io.err()).toContain("\r\x1b[K  2/2 issues read, 0 writes planned");
    expect(io.err().endsWith("\n")).toBe(true);
  });

  it("--max-writes stops at the cap and says what is left for the next run", async () => {
    freshRepo([tracked, atRisk], [3541]);
    const io = bufferIo();
    expect(
      await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--max-writes", "2", "--cache-dir", tempCacheDir()], io, TOKEN_ENV),
    ).toBe(0);
    expect(writes()).toEqual([`POST ${ISSUES(3541)}/comments`]);
    expect(io.out()).toContain("#5958 (left for the next run): post the status comment; post a reminder (prr-freeze, 2 days)\n");
    expect(io.out()).toContain("Left for the next run: 2 writes on 1 issue (--max-writes 2)");
  });

  it.each(["", "0x10", "1e2", " 5", "2.5", "+3"])("--max-writes %j is refused before anything is read", async (flag) => {
    for (const command of ["sweep", "cleanup"]) {
      const io = bufferIo();
      const release = command === "cleanup" ? ["--release", "v1.37"] : [];
      expect(await main([command, "--repo", `${OWNER}/${REPO}`, ...release, "--max-writes", flag], io, TOKEN_ENV)).toBe(2);
      expect(io.err()).toContain(`--max-writes must be a whole number`);
    }
    expect(requests).toEqual([]);
  });

  it("a config with mistakes stops the sweep before any issue is read, with each mistake and its line", async () => {
    const scope = api();
    mockConfig(scope, `${CONFIG}reminders:\n  days-before: [7, 0]\nsweep:\n  max-write: 10\n`);
    const io = bufferIo();
    expect(await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW], io, TOKEN_ENV)).toBe(2);
    expect(io.err()).toContain(".github/kep-tracker.yml:9: reminders.days-before[1]: must be at least 1 day");
    expect(io.err()).toContain('.github/kep-tracker.yml:11: sweep.max-write: is not a setting; did you mean "max-writes"?');
    expect(requests).toEqual([`GET /repos/${OWNER}/${REPO}/contents/.github/kep-tracker.yml`]);
  });

  it("as the App, edits the App's own status comment even when it is further back than the last 100 comments", async () => {
    const scope = api();
    scope.get(`/repos/${OWNER}/${REPO}/installation`).reply(200, { id: 7 });
    scope.get("/app").reply(200, { slug: "kep-tracker", id: 1 });
    scope.post("/app/installations/7/access_tokens").reply(201, { token: "installation-token", expires_at: "2099-01-01T00:00:00Z" });
    mockConfig(scope);
    // The last 100 comments hold a human's quote of the marker, not the App's comment.
    const quote = { id: 5000, author: "carol", body: `> ${STATUS_MARKER}\n> old status` };
    mockSweepPage(scope, [{ ...atRisk, comments: [quote], earlierCursor: "c100" }]);
    scope
      .post(
        "/graphql",
        (b: { query: string; variables: { before: string } }) => b.query.includes("query EarlierComments") && b.variables.before === "c100",
      )
      .reply(200, {
        data: {
          repository: {
            issue: {
              comments: {
                pageInfo: { hasPreviousPage: true, startCursor: "c0" },
                nodes: [{ fullDatabaseId: "77", body: `${STATUS_MARKER}\nstale`, author: { __typename: "Bot", login: "kep-tracker" } }],
              },
            },
          },
        },
      });
    mockTree(scope);
    mockFiles(scope);
    scope.patch(`/repos/${OWNER}/${REPO}/issues/comments/77`).reply(200, {});
    scope.post(`${ISSUES(5958)}/comments`, (b: { body: string }) => b.body.startsWith("<!-- kep-tracker:reminder")).reply(201, { id: 78 });
    const io = bufferIo();
    const env = { APP_ID: "1", PRIVATE_KEY: PRIVATE_KEY.replace(/\n/g, "\\n"), KEP_TRACKER_THROTTLE: "off" };
    expect(await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--cache-dir", tempCacheDir()], io, env)).toBe(0);
    expect(writes()).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/77`, `POST ${ISSUES(5958)}/comments`]);
    expect(io.err()).toContain("as the App kep-tracker (installation 7)");
  });

  it("finds a KEP whose directory carries another number by code search, once per commit of the default branch (cached with the tree listing)", async () => {
    const kep1884 = { number: 1884, labels: ["lead-opted-in", "sig/node"], assignees: ["dana"] };
    const path = "keps/sig-node/2043-pod-resource-concrete-assigments/kep.yaml";
    const cacheDir = tempCacheDir();
    const scope = api();
    mockConfig(scope);
    mockSweepPage(scope, [kep1884]);
    mockTree(scope);
    scope
      .get("/search/code")
      .query((q) => String(q.q).includes('"kep-number: 1884"'))
      .reply(200, { total_count: 1, items: [{ path }] });
    mockFiles(scope);
    const io = bufferIo();
    await main(["report", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--format", "json", "--cache-dir", cacheDir], io, TOKEN_ENV);
    expect(requests).toContain("GET /search/code");
    const [row] = JSON.parse(io.out()).issues;
    expect(row.problems).not.toContain("kep-not-found");
    expect(row.sig).toBe("sig-node");

    requests.length = 0;
    mockConfig(scope);
    mockSweepPage(scope, [kep1884]);
    mockFiles(scope);
    await main(["report", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--format", "json", "--cache-dir", cacheDir], bufferIo(), TOKEN_ENV);
    expect(requests).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/.github/kep-tracker.yml`,
      "graphql SweepPage",
      "graphql FilesAndPullRequests",
    ]);
  });

  it("says plainly when GitHub refuses the token, and reads nothing more", async () => {
    api().get(`/repos/${OWNER}/${REPO}/contents/.github%2Fkep-tracker.yml`).reply(401, { message: "Bad credentials" });
    const io = bufferIo();
    expect(await main(["sweep", "--repo", `${OWNER}/${REPO}`], io, TOKEN_ENV)).toBe(2);
    expect(io.err()).toMatch(/^kep-tracker sweep: GitHub refused the credentials \(401\): Bad credentials/);
    expect(requests).toHaveLength(1);
  });

  it("refuses a token that cannot say whose it is, since it could not find its own comments again", async () => {
    const scope = api();
    mockConfig(scope);
    scope
      .post("/graphql")
      .reply(200, { data: null, errors: [{ type: "FORBIDDEN", path: ["viewer"], message: "Resource not accessible by integration" }] });
    const io = bufferIo();
    expect(await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW], io, TOKEN_ENV)).toBe(2);
    expect(io.err()).toContain("this GITHUB_TOKEN cannot tell whose it is (GitHub Actions' own token cannot)");
    expect(writes()).toEqual([]);
  });

  it("without credentials says which variables to set", async () => {
    const io = bufferIo();
    expect(await main(["sweep", "--repo", `${OWNER}/${REPO}`], io, {})).toBe(2);
    expect(io.err()).toContain(
      "no GitHub credentials: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to act as the App, or GITHUB_TOKEN",
    );
  });
});
