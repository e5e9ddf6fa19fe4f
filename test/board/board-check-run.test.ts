import { Octokit } from "@octokit/rest";
import { afterEach, describe, expect, it } from "vitest";
import { RELEASE_BOARD_FIELDS, releaseBoard } from "../../fake-github/projects.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { checkConfigPush } from "../../src/app/push.js";
import { CONFIG, HEAD, OWNER, REPO } from "../helpers/app.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const V138_CONFIG = `${CONFIG.replace("release: v1.37", "release: v1.38")}board:\n  owner: kubernetes\n  number: 269\n`;

describe("the config check run, with a board configured", { timeout: 60_000 }, () => {
  let fake: FakeGitHub | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  async function check(fields = RELEASE_BOARD_FIELDS) {
    fake = await startFakeGitHub({ repos: [fixtureRepo([], V138_CONFIG)], ...APP_SEED, projects: [releaseBoard({ fields })] });
    const octokit = new Octokit({ baseUrl: fake.url, auth: "test-token" });
    await checkConfigPush(octokit, { owner: OWNER, repo: REPO }, HEAD, silent);
    expect(fake.stats().unexpected).toEqual([]);
    return fake.world.checkRuns.at(-1)!;
  }

  it("passes quietly for a board like v1.38's", async () => {
    const run = await check();
    expect(run).toMatchObject({ conclusion: "success" });
    expect(JSON.stringify(run)).toContain(".github/kep-tracker.yml is valid");
    expect(JSON.stringify(run)).not.toContain("release board needs");
  });

  it("names each field and option the board lacks", async () => {
    const fields = RELEASE_BOARD_FIELDS.filter((f) => f.name !== "Exception Status").map((f) =>
      f.name === "Status" && "options" in f ? { ...f, options: f.options.filter((o) => o !== "At risk for KEP readiness") } : f,
    );
    const text = JSON.stringify(await check(fields));
    expect(text).toContain("the release board needs 2 changes");
    expect(text).toContain('The board has no field \\"Exception Status\\"');
    expect(text).toContain('has no option \\"At risk for KEP readiness\\"');
  });

  it("says a user's board cannot work with the App: its permission is for organisation boards, and their item events", async () => {
    const config = V138_CONFIG.replace("owner: kubernetes\n  number: 269", "owner: jenshu\n  number: 3");
    fake = await startFakeGitHub({
      repos: [fixtureRepo([], config)],
      ...APP_SEED,
      projects: [releaseBoard({ owner: "jenshu", ownerType: "User", number: 3 })],
    });
    await checkConfigPush(new Octokit({ baseUrl: fake.url, auth: "test-token" }), { owner: OWNER, repo: REPO }, HEAD, silent);
    expect(fake.stats().unexpected).toEqual([]);
    const run = fake.world.checkRuns.at(-1)!;
    expect(run.title).toContain("the release board needs 1 change");
    expect(run.summary).toContain(
      "The board jenshu/3 belongs to a user: the App's Projects permission and its board events are for organisation boards only",
    );
  });
});
