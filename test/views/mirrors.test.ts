import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIG, demoSeed } from "../../demo/seed.js";
import { addItem, type FakeProject, fieldValueOf, itemFor, releaseBoard, setValue } from "../../fake-github/projects.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { main } from "../../src/cli/main.js";
import { bufferIo } from "../helpers/io.js";
import { tempCacheDir } from "../helpers/sweep.js";
import { NOW } from "./demo-data.js";

/** SIG Node's own board: its own Status workflow, the release's status under "Release Status" (spelt its way), and people's Note. */
const SIG_BOARD = { owner: "kubernetes", number: 300, title: "SIG Node KEPs" } as const;
const RELEASE_STATUS = [
  "Tracked For PRR Freeze",
  "At Risk For PRR Freeze",
  "Tracked For Enhancements Freeze",
  "At Risk For Enhancements Freeze",
  "Tracked For Code Freeze",
  "At Risk For Code Freeze",
  "Removed From Milestone",
];
const MIRRORS = `mirrors:
  - board: { owner: ${SIG_BOARD.owner}, number: ${SIG_BOARD.number} }
    fields: { Status: Release Status, Stage: Stage }
    filter: { sig: sig-node }
`;
/** Already on SIG Node's board, with a person's Status and Note, and a Stage that kep.yaml (beta) contradicts. */
const ON_IT = 2033;

const repo = { owner: "kubernetes", repo: "enhancements" };
const normal = (s: string | number | null) => String(s).toLowerCase();

describe("mirrors: a SIG's own board kept in step by the sweep", { timeout: 240_000 }, () => {
  let fake: FakeGitHub;
  let release: FakeProject;
  let sigBoard: FakeProject;
  const cacheDir = tempCacheDir();
  const sweep = async () => {
    const io = bufferIo();
    const env = { GITHUB_TOKEN: "t", GITHUB_API_URL: fake.url, KEP_TRACKER_THROTTLE: "off" };
    const status = await main(["sweep", "--repo", "kubernetes/enhancements", "--now", NOW, "--cache-dir", cacheDir], io, env);
    return { status, out: io.out(), err: io.err() };
  };

  beforeAll(async () => {
    const world = demoSeed();
    world.repo.files.set(".github/kep-tracker.yml", CONFIG + MIRRORS);
    release = world.board;
    sigBoard = releaseBoard({
      ...SIG_BOARD,
      fields: [
        { name: "Status", options: ["Todo", "In Progress", "Done"] },
        { name: "Release Status", options: RELEASE_STATUS },
        { name: "Stage", options: ["Alpha", "Beta", "Stable"] },
        { name: "Note", type: "TEXT" },
      ],
    });
    const item = addItem(sigBoard, { ...repo, number: ON_IT });
    setValue(sigBoard, item, "Status", "In Progress");
    setValue(sigBoard, item, "Note", "PRR review booked");
    setValue(sigBoard, item, "Stage", "Stable");
    fake = await startFakeGitHub({ ...world.seed, projects: [release, sigBoard] });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("copies Release Status and Stage of SIG Node's KEPs only, spelt the board's way, and leaves people's fields alone", async () => {
    const run = await sweep();
    expect(run.err).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(fake.stats().unexpected).toEqual([]);
    const numbers = sigBoard.items.map((i) => ("number" in i.content ? i.content.number : 0)).sort((a, b) => a - b);
    // By hand: 33 v1.37 KEPs of the fixtures are SIG Node's; #5999 is not opted in yet, so it has no item on either board.
    expect(numbers).toHaveLength(32);
    expect(numbers).not.toContain(5999);
    for (const n of numbers) {
      const mirrored = itemFor(sigBoard, { ...repo, number: n })!;
      const original = itemFor(release, { ...repo, number: n })!;
      expect(normal(fieldValueOf(sigBoard, mirrored, "Release Status")), `#${n}`).toBe(normal(fieldValueOf(release, original, "Status")));
      expect(RELEASE_STATUS).toContain(fieldValueOf(sigBoard, mirrored, "Release Status"));
      expect(fieldValueOf(sigBoard, mirrored, "Stage"), `#${n}`).toBe(fieldValueOf(release, original, "Stage"));
    }
    const kept = itemFor(sigBoard, { ...repo, number: ON_IT })!;
    expect(fieldValueOf(sigBoard, kept, "Stage")).toBe("Beta");
    expect(fieldValueOf(sigBoard, kept, "Status")).toBe("In Progress");
    expect(fieldValueOf(sigBoard, kept, "Note")).toBe("PRR review booked");
    expect(fieldValueOf(sigBoard, kept, "Release Status")).toBe("Tracked For Enhancements Freeze");
  });

  it("a second sweep writes nothing; after a person changes a mirrored field, the next sweep writes that one field back", async () => {
    fake.reset();
    const second = await sweep();
    expect(second.status).toBe(0);
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });

    setValue(sigBoard, itemFor(sigBoard, { ...repo, number: ON_IT })!, "Stage", "Alpha");
    fake.reset();
    await sweep();
    expect(fake.stats().writes).toBe(1);
    expect(fake.stats().byKind).toMatchObject({ "graphql SetBoardField": 1 });
    expect(fieldValueOf(sigBoard, itemFor(sigBoard, { ...repo, number: ON_IT })!, "Stage")).toBe("Beta");
  });
});
