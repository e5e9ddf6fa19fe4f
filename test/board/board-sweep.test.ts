import { afterEach, describe, expect, it } from "vitest";
import { buildRepo, CONFIG, CONFIG_PATH, NOW, OWNER, REPO, type SyntheticRepo, seedOf, VIEWER } from "../../bench/synthetic.js";
import type { FakeProject } from "../../fake-github/projects.js";
import { addItem, fieldValueOf, itemFor, RELEASE_BOARD_FIELDS, releaseBoard, setValue } from "../../fake-github/projects.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { main } from "../../src/cli/main.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { bufferIo } from "../helpers/io.js";
import { statusOf } from "../helpers/status-comment.js";
import { tempCacheDir } from "../helpers/sweep.js";

const BOARD_CONFIG = "board:\n  owner: kubernetes\n  number: 269\n";

/**
 * The synthetic repository moved one release on, so that it tracks v1.38 (KEPs targeting v1.38,
 * stale ones v1.37) against a board like v1.38's, with the board configured.
 */
function v138(n: number): SyntheticRepo {
  const repo = buildRepo(n);
  const shift = (s: string) => s.replaceAll("v1.37", "v1.38").replaceAll("v1.36", "v1.37").replaceAll("1.37", "1.38");
  for (const [path, text] of repo.files) repo.files.set(path, shift(text));
  for (const heads of repo.prHeads.values()) for (const [path, text] of heads) heads.set(path, shift(text));
  for (const issue of repo.issues) {
    if (issue.milestone) issue.milestone = issue.milestone.title === "v1.37" ? { title: "v1.38", number: 38 } : issue.milestone;
    issue.body = shift(issue.body);
  }
  repo.files.set(CONFIG_PATH, shift(CONFIG) + BOARD_CONFIG);
  return repo;
}

async function sweep(fake: FakeGitHub, cacheDir: string, ...flags: string[]) {
  const io = bufferIo();
  const status = await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--cache-dir", cacheDir, ...flags], io, {
    GITHUB_TOKEN: "test-token",
    GITHUB_API_URL: fake.url,
    KEP_TRACKER_THROTTLE: "off",
  });
  return { status, out: io.out(), err: io.err() };
}

const statusComment = (repo: SyntheticRepo, n: number) =>
  repo.issues.find((i) => i.number === n)!.comments.find((c) => c.author === VIEWER && c.body.startsWith(STATUS_MARKER));
const kepOf = (repo: SyntheticRepo, n: number) =>
  [...repo.files.entries()].find(([p]) => new RegExp(`/${n}-[^/]+/kep\\.yaml$`).test(p))?.[1] ?? "";
const field = (yaml: string, key: string) => new RegExp(`^${key}: "?([^"\\n]+)"?$`, "m").exec(yaml)?.[1] ?? null;
const item = (board: FakeProject, number: number) => itemFor(board, { owner: OWNER, repo: REPO, number });

describe("a sweep with the release board configured", { timeout: 120_000 }, () => {
  let fake: FakeGitHub | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it("leaves every in-scope issue on a board like v1.38's with the right Status, Stage and SIG, in v1.38's words, and a second sweep writes nothing", async () => {
    const repo = v138(40);
    const board = releaseBoard();
    fake = await startFakeGitHub({ ...seedOf(repo), projects: [board] });
    const cacheDir = tempCacheDir();
    const first = await sweep(fake, cacheDir);
    expect(first.err).not.toMatch(/error|warn/i);
    expect(first.status).toBe(0);
    expect(fake.stats().unexpected).toEqual([]);
    expect(fake.stats().byKind).toMatchObject({ "graphql Board": 1 });
    expect(repo.inScope.size).toBeGreaterThan(10);
    for (const n of repo.inScope) {
      const it = item(board, n);
      expect(it, `#${n} on the board`).toBeDefined();
      const shown = statusOf(statusComment(repo, n)!.body);
      expect(fieldValueOf(board, it!, "Status"), `#${n} Status`).toBe(shown);
      const kep = kepOf(repo, n);
      const stage = field(kep, "stage")!;
      if (["alpha", "beta", "stable"].includes(stage))
        expect(fieldValueOf(board, it!, "Stage")).toBe(stage.charAt(0).toUpperCase() + stage.slice(1));
      expect(fieldValueOf(board, it!, "SIG")).toBe(field(kep, "owning-sig"));
      expect(fieldValueOf(board, it!, "Issue Number")).toBe(String(n));
    }
    const outOfScope = repo.issues.filter((i) => !repo.inScope.has(i.number));
    expect(outOfScope.every((i) => !item(board, i.number))).toBe(true);
    // The board's spelling of v1.38's statuses is the comment's.
    const shown = [...repo.inScope].map((n) => statusOf(statusComment(repo, n)!.body));
    expect(
      shown.every((s) => s !== null && /^(Tracked for|At Risk for) Enhancements Freeze$|^Removed From Milestone$|^Deferred$/.test(s)),
    ).toBe(true);

    fake.reset();
    const second = await sweep(fake, cacheDir);
    expect(second.status).toBe(0);
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    expect(fake.stats().byKind["graphql Board"]).toBe(1);
  });

  it("reads a board of 250 items in 3 requests, and fills only the empty fields of items already there", async () => {
    const repo = v138(250);
    const board = releaseBoard({ issues: repo.issues.map((i) => ({ owner: OWNER, repo: REPO, number: i.number })) });
    fake = await startFakeGitHub({ ...seedOf(repo), projects: [board] });
    const cacheDir = tempCacheDir();
    const first = await sweep(fake, cacheDir, "--max-writes", "5000");
    expect(first.status).toBe(0);
    expect(fake.stats().unexpected).toEqual([]);
    expect(fake.stats().byKind).toMatchObject({ "graphql Board": 1, "graphql BoardItems": 2 });
    expect(fake.stats().byKind["graphql AddBoardItem"] ?? 0).toBe(0);
    expect([...repo.inScope].every((n) => fieldValueOf(board, item(board, n)!, "Status") !== null)).toBe(true);

    fake.reset();
    const second = await sweep(fake, cacheDir);
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    expect(fake.stats().byKind).toMatchObject({ "graphql Board": 1, "graphql BoardItems": 2 });
    expect(second.status).toBe(0);
  });

  it("leaves people's fields alone: Enhancements Contact, Note, PRR Status and an Enhancement Type already chosen", async () => {
    const repo = v138(30);
    const board = releaseBoard();
    const n = [...repo.inScope][0]!;
    fake = await startFakeGitHub({ ...seedOf(repo), projects: [board] });
    // A person added the issue and filled their own fields, and a wrong Stage kep-tracker corrects.
    const added = addItem(board, { owner: OWNER, repo: REPO, number: n });
    setValue(board, added, "Enhancements Contact", "jenshu");
    setValue(board, added, "Note", "waiting on @someone");
    setValue(board, added, "PRR Status", "In Progress");
    setValue(board, added, "Enhancement Type", "Major Change");
    const first = await sweep(fake, tempCacheDir());
    expect(first.status).toBe(0);
    expect(fieldValueOf(board, added, "Enhancements Contact")).toBe("jenshu");
    expect(fieldValueOf(board, added, "Note")).toBe("waiting on @someone");
    expect(fieldValueOf(board, added, "PRR Status")).toBe("In Progress");
    expect(fieldValueOf(board, added, "Enhancement Type")).toBe("Major Change");
    expect(fieldValueOf(board, added, "Status")).toBe(statusOf(statusComment(repo, n)!.body));
    expect(board.items.filter((i) => "number" in i.content && i.content.number === n)).toHaveLength(1);
  });

  it("writes nothing to a field whose option the board lacks, and says so once, naming the option", async () => {
    const repo = v138(40);
    const sigs = RELEASE_BOARD_FIELDS.map((f) =>
      f.name === "SIG" && "options" in f ? { ...f, options: f.options.filter((o) => o !== "sig-node") } : f,
    );
    const board = releaseBoard({ fields: sigs });
    fake = await startFakeGitHub({ ...seedOf(repo), projects: [board] });
    const nodeKeps = [...repo.inScope].filter((n) => field(kepOf(repo, n), "owning-sig") === "sig-node");
    expect(nodeKeps.length).toBeGreaterThan(1);
    const run = await sweep(fake, tempCacheDir());
    expect(run.status).toBe(0);
    expect(run.err.match(/has no option "sig-node"/g)).toHaveLength(1);
    for (const n of nodeKeps) {
      expect(fieldValueOf(board, item(board, n)!, "SIG")).toBeNull();
      expect(fieldValueOf(board, item(board, n)!, "Stage")).not.toBeNull();
    }
  });

  /** A v1.38 repository of `n` issues and its board after a first sweep, with that sweep's cache. */
  async function sweptOnce(n: number): Promise<{ gh: FakeGitHub; repo: SyntheticRepo; board: FakeProject; cacheDir: string }> {
    const repo = v138(n);
    const board = releaseBoard();
    const gh = (fake = await startFakeGitHub({ ...seedOf(repo), projects: [board] }));
    const cacheDir = tempCacheDir();
    expect((await sweep(gh, cacheDir)).status).toBe(0);
    return { gh, repo, board, cacheDir };
  }

  it("puts back a Stage and a SIG a person changed on issues whose inputs did not change, writing only those two fields", async () => {
    const { gh, repo, board, cacheDir } = await sweptOnce(40);
    const staged = [...repo.inScope].filter((n) => ["alpha", "beta"].includes(field(kepOf(repo, n), "stage") ?? ""));
    const [a, b] = staged;
    const stageBefore = fieldValueOf(board, item(board, a!)!, "Stage");
    const sigBefore = fieldValueOf(board, item(board, b!)!, "SIG");
    setValue(board, item(board, a!)!, "Stage", "Stable");
    setValue(board, item(board, b!)!, "SIG", sigBefore === "sig-apps" ? "sig-auth" : "sig-apps");
    gh.reset();
    const second = await sweep(gh, cacheDir);
    expect(second.status).toBe(0);
    expect(fieldValueOf(board, item(board, a!)!, "Stage")).toBe(stageBefore);
    expect(fieldValueOf(board, item(board, b!)!, "SIG")).toBe(sigBefore);
    // Two field writes; no status comment is written again.
    expect(gh.stats()).toMatchObject({ writes: 2, unexpected: [] });
  });

  it("fills an empty Enhancement Type on an issue whose inputs did not change, and leaves one a person chose", async () => {
    const { gh, repo, board, cacheDir } = await sweptOnce(40);
    const typed = [...repo.inScope].filter((n) => fieldValueOf(board, item(board, n)!, "Enhancement Type") !== null);
    expect(typed.length).toBeGreaterThan(1);
    const [emptied, chosen] = typed;
    const before = fieldValueOf(board, item(board, emptied!)!, "Enhancement Type");
    // Emptied: as a write left over by --max-writes, or a person's clearing, leaves it.
    setValue(board, item(board, emptied!)!, "Enhancement Type", null);
    setValue(board, item(board, chosen!)!, "Enhancement Type", "Major Change");
    gh.reset();
    expect((await sweep(gh, cacheDir)).status).toBe(0);
    expect(fieldValueOf(board, item(board, emptied!)!, "Enhancement Type")).toBe(before);
    expect(fieldValueOf(board, item(board, chosen!)!, "Enhancement Type")).toBe("Major Change");
    // One field write, no status comment written again; only the emptied issue's files are read again.
    expect(gh.stats()).toMatchObject({ writes: 1, unexpected: [] });
    expect(gh.stats().byKind["graphql FilesAndPullRequests"]).toBe(1);
  });

  it("does not evaluate again, sweep after sweep, an unchanged issue whose SIG option the board lacks", async () => {
    const repo = v138(40);
    const sigs = RELEASE_BOARD_FIELDS.map((f) =>
      f.name === "SIG" && "options" in f ? { ...f, options: f.options.filter((o) => o !== "sig-node") } : f,
    );
    const board = releaseBoard({ fields: sigs });
    fake = await startFakeGitHub({ ...seedOf(repo), projects: [board] });
    const cacheDir = tempCacheDir();
    expect((await sweep(fake, cacheDir)).status).toBe(0);
    fake.reset();
    const second = await sweep(fake, cacheDir);
    expect(second.status).toBe(0);
    // The pages only: no issue's files are read again, and nothing is written.
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    expect(fake.stats().byKind["graphql FilesAndPullRequests"] ?? 0).toBe(0);
  });

  it("leaves an archived item alone, never unarchiving it, says so, and does not try again on the next sweep", async () => {
    const repo = v138(40);
    const board = releaseBoard();
    const n = [...repo.inScope][0]!;
    const archived = addItem(board, { owner: OWNER, repo: REPO, number: n });
    setValue(board, archived, "Status", "Deferred");
    archived.archived = true;
    fake = await startFakeGitHub({ ...seedOf(repo), projects: [board] });
    const cacheDir = tempCacheDir();
    const first = await sweep(fake, cacheDir);
    expect(first.status).toBe(0);
    expect(first.err).not.toMatch(/error|fail/i);
    expect(fake.stats().unexpected).toEqual([]);
    expect(first.out).toContain(`board: 1 archived item left alone (#${n}): kep-tracker does not unarchive what a person archived`);
    expect(archived).toMatchObject({ archived: true });
    expect(fieldValueOf(board, archived, "Status")).toBe("Deferred");
    expect(board.items.filter((i) => "number" in i.content && i.content.number === n)).toHaveLength(1);

    fake.reset();
    const second = await sweep(fake, cacheDir);
    expect(second.status).toBe(0);
    expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
  });

  it("counts board writes in --max-writes and leaves the rest for the next run", async () => {
    const repo = v138(20);
    const board = releaseBoard();
    fake = await startFakeGitHub({ ...seedOf(repo), projects: [board] });
    const cacheDir = tempCacheDir();
    const run = await sweep(fake, cacheDir, "--max-writes", "40");
    expect(run.status).toBe(0);
    expect(fake.stats().writes).toBeLessThanOrEqual(40);
    expect(run.out).toMatch(/board: \d+ board writes? over --max-writes, left for the next run/);
    const next = await sweep(fake, cacheDir, "--max-writes", "1000");
    expect(next.status).toBe(0);
    expect([...repo.inScope].every((n) => item(board, n) && fieldValueOf(board, item(board, n)!, "Status") !== null)).toBe(true);
  });

  it("in a dry run prints the board's writes and makes none", async () => {
    const repo = v138(20);
    const board = releaseBoard();
    fake = await startFakeGitHub({ ...seedOf(repo), projects: [board] });
    const run = await sweep(fake, tempCacheDir(), "--dry-run");
    expect(run.status).toBe(0);
    expect(fake.stats().writes).toBe(0);
    expect(board.items).toHaveLength(0);
    const n = [...repo.inScope][0]!;
    expect(run.out).toContain(`board: #${n} added to the board`);
    expect(run.out).toMatch(new RegExp(`board: #${n} Status → `));
  });
});
