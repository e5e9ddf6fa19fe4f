import { afterEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { main } from "../../src/cli/main.js";
import { finalMarker, STATUS_MARKER } from "../../src/reading/markers.js";
import { deliver, payload } from "../helpers/app.js";
import { APP_SEED, fixtureRepo, probotOn } from "../helpers/fake.js";
import { bufferIo } from "../helpers/io.js";
import { statusBody } from "../helpers/status-comment.js";
import { tempCacheDir } from "../helpers/sweep.js";

/** The config once it has moved on to v1.38 (its own dates, given here). */
const CONFIG_V138 = `release: v1.38
schedule:
  prr-freeze: 2026-10-01T12:00:00Z
  enhancements-freeze: 2026-10-08T12:00:00Z
  code-freeze: 2026-11-05T12:00:00Z
  docs-freeze: 2026-11-19T12:00:00Z
  release: 2026-12-09T12:00:00Z
`;
const NOW = "2026-09-20T12:00:00Z";
const VIEWER = "release-bot";
const V137 = { title: "v1.37", number: 37 };

/** An issue out of v1.38's scope whose status comment says v1.37's last status. */
const leftV137 = (author: string): FakeIssue => ({
  number: 5598,
  title: "KEP-5598",
  body: null,
  labels: ["sig/scheduling", "stage/beta"],
  milestone: V137,
  assignees: ["alice"],
  comments: [{ id: 2 ** 31 + 7, author, body: statusBody("v1.37", "Tracked for docs freeze", "beta") }],
});

/** One `kep-tracker sweep` run that exits with `code` (0: all done; 1: something failed or was not read): what it printed. */
async function sweepExiting(code: number, fake: FakeGitHub, ...args: string[]): Promise<string> {
  const io = bufferIo();
  const env = { GITHUB_TOKEN: "t", GITHUB_API_URL: fake.url, KEP_TRACKER_THROTTLE: "off" };
  expect(await main(["sweep", "--repo", "kubernetes/enhancements", "--now", NOW, "--cache-dir", tempCacheDir(), ...args], io, env)).toBe(
    code,
  );
  return io.out();
}

const sweepOnce = (fake: FakeGitHub, ...args: string[]) => sweepExiting(0, fake, ...args);

/** Issue `number` out of v1.38's scope with `count` comments: the first the App's v1.37 status comment (unless `status` is false), the rest people's. */
function longIssue(number: number, count: number, opts: { stage?: string; state?: "closed"; status?: boolean } = {}): FakeIssue {
  const id = (i: number) => 2 ** 31 + number * 1000 + i;
  const comments = Array.from({ length: count }, (_, i) => ({ id: id(i), author: "alice", body: `comment ${i + 1}` }));
  if (opts.status !== false)
    comments[0] = { id: id(0), author: VIEWER, body: statusBody("v1.37", "Tracked for docs freeze", opts.stage ?? "beta") };
  return { ...leftV137(VIEWER), number, comments, ...(opts.state ? { state: opts.state } : {}) };
}

describe("a status comment of the release that ended, once the config names the next one", { timeout: 60_000 }, () => {
  let fake: FakeGitHub | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("gets one last edit from the first sweep (the release's outcome, no checklist), closed issues' too, and later sweeps neither read nor write for it", async () => {
    const issue = leftV137(VIEWER);
    const closed: FakeIssue = {
      ...leftV137(VIEWER),
      number: 1710,
      state: "closed",
      comments: [{ id: 2 ** 31 + 9, author: VIEWER, body: statusBody("v1.37", "Tracked for docs freeze", "stable") }],
    };
    fake = await startFakeGitHub({ repos: [fixtureRepo([closed, issue], CONFIG_V138)], viewer: VIEWER });
    const first = await sweepOnce(fake);
    expect(fake.stats().unexpected).toEqual([]);
    expect(issue.comments).toHaveLength(1);
    const body = issue.comments[0]!.body;
    expect(body.startsWith(finalMarker("v1.37"))).toBe(true);
    expect(body).toContain("**v1.37: graduated to beta**");
    expect(body).not.toContain(STATUS_MARKER);
    expect(body).not.toMatch(/@alice|- \[ \]/);
    expect(closed.comments[0]!.body).toContain("**v1.37: graduated to stable**");
    expect(first).toContain("Final edits: 2 status comments of an earlier release");
    // The closed issues: one search page, because the open ones showed a v1.37 status comment.
    expect(fake.stats().byKind).toMatchObject({ "graphql SweepPage": 1, "graphql ClosedWithStatus": 1, "PATCH comment": 2 });

    fake.reset();
    await sweepOnce(fake);
    expect(fake.stats().writes).toBe(0);
    expect(fake.stats().byKind["graphql SweepPage"]).toBe(1);
    expect(fake.stats().byKind["graphql ClosedWithStatus"]).toBeUndefined();
    expect(issue.comments[0]!.body).toBe(body);
  });

  it("gets the same last edit from the App when its issue has an event, and a second event edits nothing", async () => {
    const issue = leftV137("kep-tracker[bot]");
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue], CONFIG_V138)], ...APP_SEED });
    const probot = probotOn(fake, new Date(NOW));
    const event = payload("issues", "edited", (p) => (p.issue.number = issue.number));
    await deliver(probot, "issues", event);
    expect(fake.stats().unexpected).toEqual([]);
    expect(issue.comments[0]!.body).toContain("**v1.37: graduated to beta**");
    expect(issue.comments[0]!.body.startsWith(finalMarker("v1.37"))).toBe(true);

    fake.reset();
    await deliver(probot, "issues", event, "delivery-2");
    expect(fake.stats().writes).toBe(0);
  });

  it("reaches a status comment further back than the last 100 comments, of an open or a closed issue, reading back only in the first sweep after the release changed", async () => {
    const visible = leftV137(VIEWER);
    const open150 = longIssue(5601, 150);
    const closed250 = longIssue(1711, 250, { stage: "stable", state: "closed" });
    const noStatus = longIssue(5602, 150, { status: false });
    fake = await startFakeGitHub({ repos: [fixtureRepo([closed250, visible, open150, noStatus], CONFIG_V138)], viewer: VIEWER });
    const first = await sweepOnce(fake);
    expect(fake.stats().unexpected).toEqual([]);
    expect(open150.comments[0]!.body).toContain("**v1.37: graduated to beta**");
    expect(closed250.comments[0]!.body).toContain("**v1.37: graduated to stable**");
    expect(open150.comments.slice(1).every((c, i) => c.body === `comment ${i + 2}`)).toBe(true);
    expect(noStatus.comments.every((c, i) => c.body === `comment ${i + 1}`)).toBe(true);
    expect(first).toContain("Final edits: 3 status comments of an earlier release");
    // Back from the last 100: one page for #5601 (comments 1-50), two for #1711 (51-150, then 1-50, where the status comment is),
    // one for #5602 (comments 1-50, none of them the App's).
    // Nothing else: the config, the page, the keps/ listing, the search, the read-backs and the edits.
    expect(fake.stats().byKind).toEqual({
      "GET contents": 1,
      "graphql SweepPage": 1,
      "GET tree": 1,
      "graphql ClosedWithStatus": 1,
      "graphql EarlierComments": 4,
      "PATCH comment": 3,
    });

    fake.reset();
    await sweepOnce(fake);
    expect(fake.stats().writes).toBe(0);
    expect(fake.stats().byKind["graphql EarlierComments"]).toBeUndefined();
    expect(fake.stats().byKind["graphql ClosedWithStatus"]).toBeUndefined();
  });

  it("reads no issue's earlier comments while no status comment of another release shows", async () => {
    // Only a comment further back than the last 100 names v1.37: the sweep cannot tell that the release changed, and pays nothing for it.
    const open150 = longIssue(5601, 150);
    fake = await startFakeGitHub({ repos: [fixtureRepo([open150], CONFIG_V138)], viewer: VIEWER });
    await sweepOnce(fake);
    expect(fake.stats().unexpected).toEqual([]);
    expect(fake.stats().writes).toBe(0);
    expect(fake.stats().byKind["graphql SweepPage"]).toBe(1);
    expect(fake.stats().byKind["graphql EarlierComments"]).toBeUndefined();
    expect(fake.stats().byKind["graphql ClosedWithStatus"]).toBeUndefined();
  });

  it("makes closed issues' final edits before open ones', so edits left over --max-writes are finished by the next sweep", async () => {
    const closed = [1701, 1702, 1703].map(
      (number): FakeIssue => ({
        ...leftV137(VIEWER),
        number,
        state: "closed",
        comments: [{ id: 2 ** 31 + number, author: VIEWER, body: statusBody("v1.37", "Tracked for docs freeze") }],
      }),
    );
    const open = [5598, 5599].map(
      (number): FakeIssue => ({
        ...leftV137(VIEWER),
        number,
        comments: [{ id: 2 ** 31 + number, author: VIEWER, body: statusBody("v1.37", "Tracked for docs freeze") }],
      }),
    );
    fake = await startFakeGitHub({ repos: [fixtureRepo([...closed, ...open], CONFIG_V138)], viewer: VIEWER });
    const isFinal = (i: FakeIssue) => i.comments[0]!.body.startsWith(finalMarker("v1.37"));

    const dry = await sweepOnce(fake, "--dry-run");
    expect(fake.stats().writes).toBe(0);
    expect(dry).toContain("Final edits: 5 status comments of an earlier release on issues that left its scope (planned)");
    expect([...dry.matchAll(/^#(\d+): give the status comment/gm)].map((m) => Number(m[1]))).toEqual([1701, 1702, 1703, 5598, 5599]);

    fake.reset();
    const first = await sweepOnce(fake, "--max-writes", "2");
    expect(fake.stats().unexpected).toEqual([]);
    expect(closed.map(isFinal)).toEqual([true, true, false]);
    expect(open.map(isFinal)).toEqual([false, false]);
    expect(first).toContain("Left for the next run: 3 writes on 3 issues (--max-writes 2)");
    expect(first).toContain("Final edits: 2 status comments");
    expect(first).toMatch(/^#1703 \(left for the next run\): give the status comment/m);

    fake.reset();
    const second = await sweepOnce(fake);
    expect([...closed, ...open].every(isFinal)).toBe(true);
    expect(second).toContain("Final edits: 3 status comments");
    expect(fake.stats().byKind).toMatchObject({ "graphql ClosedWithStatus": 1, "PATCH comment": 3 });

    fake.reset();
    await sweepOnce(fake);
    expect(fake.stats().writes).toBe(0);
    expect(fake.stats().byKind["graphql ClosedWithStatus"]).toBeUndefined();
  });

  it("leaves open issues' final edits for the next sweep when GitHub fails a closed issue's earlier comments, so that sweep finishes both", async () => {
    const visible = leftV137(VIEWER);
    const closed250 = longIssue(1711, 250, { stage: "stable", state: "closed" });
    fake = await startFakeGitHub({ repos: [fixtureRepo([closed250, visible], CONFIG_V138)], viewer: VIEWER });
    fake.inject({
      when: "graphql EarlierComments",
      fault: { errors: [{ message: "Something went wrong while executing your query.", path: ["repository", "issue"] }] },
    });
    const first = await sweepExiting(1, fake);
    expect(fake.stats().unexpected).toEqual([]);
    expect(fake.stats().writes).toBe(0);
    expect(first).toContain("Not read: 1 issue left as they are");
    expect(first).toMatch(/^#5598 \(left for the next run\): give the status comment/m);
    expect(first).toContain("Final edits held back: 1 status comment, until GitHub gives the ones it failed");
    expect(first).not.toContain("--max-writes");

    fake.reset();
    await sweepOnce(fake);
    expect(closed250.comments[0]!.body).toContain("**v1.37: graduated to stable**");
    expect(visible.comments[0]!.body).toContain("**v1.37: graduated to beta**");
    expect(fake.stats().byKind).toMatchObject({ "graphql ClosedWithStatus": 1, "graphql EarlierComments": 2, "PATCH comment": 2 });

    fake.reset();
    await sweepOnce(fake);
    expect(fake.stats().writes).toBe(0);
    expect(fake.stats().byKind["graphql ClosedWithStatus"]).toBeUndefined();
  });
});
