import { describe, expect, it } from "vitest";
import { kepNumbersOf } from "../../src/app/push.js";
import {
  api,
  CONFIG,
  deliver,
  makeProbot,
  mockAppSlug,
  mockConfig,
  mockRefreshReads,
  mockToken,
  OWNER,
  payload,
  REPO,
  requests,
  setupApp,
  useNock,
  writes,
} from "../helpers/app.js";

useNock();

describe("which KEPs a change touches", () => {
  it("reads KEP numbers from KEP directories, nested ones and PRR files", () => {
    expect(
      kepNumbersOf([
        "keps/sig-apps/3541-add-recreate-strategy-to-statefulset/kep.yaml",
        "keps/sig-cluster-lifecycle/kubeadm/2501-kubeadm-phases-to-beta/README.md",
        "keps/prod-readiness/sig-network/0752.yaml",
        "keps/sig-apps/3541-add-recreate-strategy-to-statefulset/README.md",
        "README.md",
        "keps/NNNN-kep-template/kep.yaml",
      ]),
    ).toEqual([3541, 2501, 752]);
  });
});

describe("pull_request events", () => {
  it("re-evaluates the tracking issue of a KEP an open PR changes, counting the PR for PRR freeze", async () => {
    const { probot, scope } = setupApp();
    const kep = "keps/sig-apps/3541-add-recreate-strategy-to-statefulset/kep.yaml";
    scope
      .get(`/repos/${OWNER}/${REPO}/pulls/6100/files`)
      .query(true)
      .reply(200, [{ filename: kep }]);
    const prHead = "feedfacefeedfacefeedfacefeedfacefeedface";
    mockRefreshReads(scope, {
      number: 3541,
      labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
      comments: [],
      openPrs: [{ number: 6100, headSha: prHead, files: [kep] }],
    });
    let body = "";
    scope.post(`/repos/${OWNER}/${REPO}/issues/3541/comments`, (b: { body: string }) => ((body = b.body), true)).reply(201, { id: 1 });
    await deliver(
      probot,
      "pull_request",
      payload("pull_request", "opened", (p) => {
        p.number = 6100;
        p.pull_request.number = 6100;
      }),
    );
    expect(writes()).toEqual([`POST /repos/${OWNER}/${REPO}/issues/3541/comments`]);
    expect(body).toContain("Tracked for PRR freeze");
  });
});

describe("a pull_request event whose file list GitHub fails to give", () => {
  const prOpened = () =>
    payload("pull_request", "opened", (p) => {
      p.number = 6100;
      p.pull_request.number = 6100;
    });
  const kep = "keps/sig-apps/3541-add-recreate-strategy-to-statefulset/kep.yaml";
  const filler = (n: number) => Array.from({ length: n }, (_, i) => ({ filename: `docs/page-${i}.md` }));

  it("still evaluates the KEPs on the pages it gave when a later page fails with 502, and logs that the rest waits for the sweep", async () => {
    const { probot, scope, logs } = setupApp();
    const files = `/repos/${OWNER}/${REPO}/pulls/6100/files`;
    scope
      .get(files)
      .query((q) => q.page === "1")
      .reply(200, [{ filename: kep }, ...filler(99)]);
    scope
      .get(files)
      .query((q) => q.page === "2")
      .reply(502, { message: "Server Error" });
    mockRefreshReads(scope, {
      number: 3541,
      labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
      comments: [],
      openPrs: [{ number: 6100, headSha: "feedfacefeedfacefeedfacefeedfacefeedface", files: [kep] }],
    });
    scope.post(`/repos/${OWNER}/${REPO}/issues/3541/comments`).reply(201, { id: 1 });
    await deliver(probot, "pull_request", prOpened());
    expect(writes()).toEqual([`POST /repos/${OWNER}/${REPO}/issues/3541/comments`]);
    const warning = logs.find((l) => l.level === 40 && String(l.msg).startsWith("#6100: GitHub did not list all its files"));
    expect(warning).toMatchObject({ pull: 6100, filesListed: 100 });
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("fails the event as before when GitHub refuses the list (404), writing nothing", async () => {
    const { probot, scope } = setupApp();
    scope.get(`/repos/${OWNER}/${REPO}/pulls/6100/files`).query(true).reply(404, { message: "Not Found" });
    await expect(deliver(probot, "pull_request", prOpened())).rejects.toThrow();
    expect(writes()).toEqual([]);
  });
});

describe("push events", () => {
  const push = (files: string[], ref = "refs/heads/master") =>
    payload("push", null, (p) => {
      p.ref = ref;
      p.after = "0123456789abcdef0123456789abcdef01234567";
      p.commits = [{ ...p.commits?.[0], added: [], removed: [], modified: files }];
    });

  it("reports a valid configuration on the commit as a successful check run", async () => {
    const { probot } = makeProbot();
    const scope = api();
    mockToken(scope);
    scope
      .get(`/repos/${OWNER}/${REPO}/contents/.github%2Fkep-tracker.yml`)
      .query({ ref: "0123456789abcdef0123456789abcdef01234567" })
      .reply(200, CONFIG);
    let run: any = null;
    scope.post(`/repos/${OWNER}/${REPO}/check-runs`, (b: unknown) => ((run = b), true)).reply(201, {});
    mockConfig(scope);
    mockAppSlug(scope);
    await deliver(probot, "push", push([".github/kep-tracker.yml"]));
    expect(run).toMatchObject({
      name: "kep-tracker configuration",
      conclusion: "success",
      output: { title: ".github/kep-tracker.yml is valid" },
    });
  });

  it("reports every problem of a bad configuration on the commit, and writes nothing else", async () => {
    const { probot } = makeProbot();
    const scope = api();
    mockToken(scope);
    const bad = "release: v1.37\nschedule:\n  source: sig-release\nreminders:\n  days-before: [7, 7]\nlabel:\n  x: y\n";
    scope.get(`/repos/${OWNER}/${REPO}/contents/.github%2Fkep-tracker.yml`).query(true).reply(200, bad);
    let run: any = null;
    scope.post(`/repos/${OWNER}/${REPO}/check-runs`, (b: unknown) => ((run = b), true)).reply(201, {});
    mockConfig(scope, bad);
    await deliver(probot, "push", push([".github/kep-tracker.yml"]));
    expect(run.conclusion).toBe("failure");
    expect(run.output.title).toBe(".github/kep-tracker.yml has 2 problems");
    expect(run.output.text).toContain(".github/kep-tracker.yml:5: reminders.days-before: must not list a day twice");
    expect(run.output.text).toContain('.github/kep-tracker.yml:6: label: is not a setting; did you mean "labels"?');
    expect(writes()).toEqual([`POST /repos/${OWNER}/${REPO}/check-runs`]);
  });

  it("ignores pushes to other branches", async () => {
    const { probot } = makeProbot();
    await deliver(probot, "push", push([".github/kep-tracker.yml"], "refs/heads/feature"));
    expect(requests).toEqual([]);
  });
});
