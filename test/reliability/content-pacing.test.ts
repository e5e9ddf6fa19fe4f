import { Octokit } from "@octokit/rest";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseBoard } from "../../fake-github/projects.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { BoardWriter } from "../../src/github/board/writer.js";
import { TrackerGitHub } from "../../src/github/client.js";
import type { Pacer } from "../../src/github/pacing.js";
import { applyWrites } from "../../src/github/writes.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";

const silent = pino({ level: "silent" });

/** A pacer that lets everything through and notes each turn taken, by key. */
const counting = () => {
  const taken: string[] = [];
  const pacer: Pacer = { take: async (key) => void taken.push(key) };
  return { taken, pacer };
};

describe("GitHub's content-creation limit (80 a minute, 500 an hour) counts every content-creating write", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  const issue: FakeIssue = {
    number: 3541,
    title: "KEP-3541",
    body: "",
    labels: [],
    milestone: null,
    assignees: [],
    comments: [{ id: 2 ** 31 + 7, author: "alice", body: "/track" }],
  };
  const board = releaseBoard();
  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED, viewer: "release-bot", projects: [board] });
  });
  afterAll(() => fake.close());
  const octokit = () =>
    new Octokit({ baseUrl: fake.url, auth: "token", log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });

  it("new comments, labels added and reactions take a turn; edits and removals do not", async () => {
    const { taken, pacer } = counting();
    const gh = new TrackerGitHub(octokit(), { owner: "kubernetes", repo: "enhancements" }, { pacer });
    const writes = [
      { kind: "add-labels" as const, labels: ["tracked/yes"] },
      { kind: "react" as const, commentId: 2 ** 31 + 7, content: "+1" as const },
      { kind: "create-comment" as const, body: "hello" },
      { kind: "remove-label" as const, label: "tracked/yes" },
    ];
    expect(await applyWrites(gh, 3541, writes, { dryRun: false, log: silent })).toEqual({ made: 4, failed: [] });
    expect(taken).toEqual(["kubernetes", "kubernetes", "kubernetes"]);
  });

  it("adding an issue to the release board takes a turn under the same account", async () => {
    const { taken, pacer } = counting();
    const writer = new BoardWriter(octokit(), board.id, { dryRun: false, pacer, account: "kubernetes" });
    const [added] = await writer.applyAll([{ kind: "add-item", issue: 3541, contentId: "I_a3ViZXJuZXRlcy9lbmhhbmNlbWVudHMjMzU0MQ" }]);
    expect(added).toMatchObject({ outcome: "made" });
    expect(taken).toEqual(["kubernetes"]);
  });
});
