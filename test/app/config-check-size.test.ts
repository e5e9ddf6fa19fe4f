import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { checkConfigPush } from "../../src/app/push.js";
import { CONFIG, HEAD, OWNER, REPO } from "../helpers/app.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";

const silent = { info: () => {}, warn: () => {}, error: () => {} };
/** 1,000 settings that do not exist: about 150,000 characters of problems, past GitHub's 65,535 for a check run's text. */
const HUGE = `${CONFIG}${Array.from({ length: 1000 }, (_, i) => `not_a_setting_${i}: yes`).join("\n")}\n`;

describe("the config check run of a configuration with a thousand problems", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([], HUGE)], ...APP_SEED });
  });
  afterAll(() => fake.close());

  it("the fake GitHub refuses a check run whose text is past 65,535 characters, as GitHub does", async () => {
    const octokit = new Octokit({ baseUrl: fake.url, auth: "t" });
    const post = octokit.request("POST /repos/{owner}/{repo}/check-runs", {
      owner: OWNER,
      repo: REPO,
      name: "too long",
      head_sha: HEAD,
      output: { title: "t", summary: "s", text: "x".repeat(65_536) },
    });
    await expect(post).rejects.toMatchObject({ status: 422 });
  });

  it("appears, with as many problems as fit and how many more there are", async () => {
    fake.reset();
    const octokit = new Octokit({ baseUrl: fake.url, auth: "t" });
    await checkConfigPush(octokit, { owner: OWNER, repo: REPO }, HEAD, silent);
    expect(fake.stats().unexpected).toEqual([]);
    const run = fake.world.checkRuns.at(-1)!;
    expect(run).toMatchObject({ conclusion: "failure", title: ".github/kep-tracker.yml has 1000 problems" });
    expect([...run.text!].length).toBeLessThanOrEqual(65_535);
    expect(run.text).toContain("not_a_setting_0: is not a setting");
    expect(run.text).toMatch(/\.\.\. and \d+ more problems: fix these and push again to see them\.$/);
  });
});
