import { afterEach, describe, expect, it } from "vitest";
import { buildRepo, CONFIG_PATH, OWNER, REPO, type SyntheticRepo, seedOf, VIEWER } from "../../bench/synthetic.js";
import { addItem, fieldValueOf, itemFor, releaseBoard, setValue } from "../../fake-github/projects.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakePull, FakeRepo } from "../../fake-github/world.js";
import { main } from "../../src/cli/main.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { isBlogRow, realWebsitePrs } from "../helpers/docs-prs.js";
import { bufferIo } from "../helpers/io.js";
import { tempCacheDir } from "../helpers/sweep.js";

/**
 * A v1.38-like release with the real docs deadlines (domain guide §10: placeholder PRs 2026-10-30
 * 12:00 UTC, ready for review Tue 2026-11-24 (end of day AoE), Docs Freeze 2026-12-03 12:00 UTC).
 * The other freezes are placed as v1.37's fall around its docs deadlines (not v1.38's real dates).
 */
const CONFIG = `release: "v1.38"
schedule:
  prr-freeze: "2026-10-07T12:00:00Z"
  enhancements-freeze: "2026-10-14T12:00:00Z"
  code-freeze: "2026-11-19T12:00:00Z"
  docs-placeholder: "Thursday 29th October 2026 (AoE) / Friday 30th October 2026 12:00 UTC"
  docs-ready: "Tuesday 24th November 2026"
  docs-freeze: "Wednesday 2nd December 2026 (AoE) / Thursday 3rd December 2026 12:00 UTC"
  release: "2026-12-16T12:00:00Z"
reminders:
  days-before: [7, 2]
`;
/** After the ready-for-review deadline, before Docs Freeze. */
const NOW = "2026-11-26T09:00:00Z";

function v138(n: number, config = CONFIG): SyntheticRepo {
  const repo = buildRepo(n);
  const shift = (s: string) => s.replaceAll("v1.37", "v1.38").replaceAll("v1.36", "v1.37").replaceAll("1.37", "1.38");
  for (const [path, text] of repo.files) repo.files.set(path, shift(text));
  for (const heads of repo.prHeads.values()) for (const [path, text] of heads) heads.set(path, shift(text));
  for (const issue of repo.issues) {
    if (issue.milestone) issue.milestone = { title: "v1.38", number: 38 };
    issue.body = shift(issue.body);
  }
  repo.files.set(CONFIG_PATH, config);
  return repo;
}

type Seeded = { website: FakeRepo; expected: Map<number, string>; blogs: number[] };

const STATES: Array<Pick<FakePull, "state" | "draft" | "labels">> = [
  { state: "OPEN", draft: true, labels: ["do-not-merge/work-in-progress", "sig/docs", "language/en"] },
  { state: "OPEN", draft: false, labels: ["sig/docs"] },
  { state: "OPEN", draft: false, labels: ["lgtm", "approved"] },
  { state: "MERGED", draft: false, labels: ["lgtm", "approved"] },
];
const WORDS = ["Draft", "Ready for review", "lgtm/approved", "Merged"];

/**
 * The real titles of fixtures/docs-prs, each KEP number written as one of the synthetic issues'
 * (same spelling: "KEP-3926:" becomes "KEP-3003:"), against dev-1.38 in a mix of states; the
 * blog PRs against main with area/blog, naming a tracked KEP in the title; 150 PRs naming no KEP.
 */
function seedWebsite(repo: SyntheticRepo): Seeded {
  const tracked = [...repo.inScope].sort();
  const kepOf = new Map<number, number>();
  const mapped = (kep: number) => kepOf.get(kep) ?? kepOf.set(kep, tracked[kepOf.size % tracked.length]!).get(kep)!;
  const pulls: FakePull[] = [];
  const expected = new Map<number, string>();
  const blogs: number[] = [];
  for (const [i, row] of realWebsitePrs().entries()) {
    if (isBlogRow(row) || !row.keps.length) {
      const n = tracked[i % tracked.length]!;
      blogs.push(row.number);
      pulls.push({
        number: row.number,
        headSha: `w${row.number}`,
        files: [],
        title: `${row.title} (KEP-${n})`,
        base: "main",
        labels: ["area/blog"],
      });
      continue;
    }
    const numbers = row.keps.map(mapped);
    const title = row.keps.reduce((t, k, j) => t.replaceAll(String(k), String(numbers[j])), row.title);
    const body =
      row.number === 51483 ? `Fixes: kubernetes/kubernetes#131877\n\ngithub.com/kubernetes/enhancements/issues/${numbers[0]}\n` : "";
    const state = STATES[i % STATES.length]!;
    pulls.push({
      number: row.number,
      headSha: `w${row.number}`,
      files: [],
      title,
      body,
      base: "dev-1.38",
      author: "docs-writer",
      ...state,
    });
    for (const n of numbers) {
      const word = WORDS[i % STATES.length]!;
      const before = expected.get(n);
      expected.set(n, before && WORDS.indexOf(before) < WORDS.indexOf(word) ? before : word);
    }
  }
  for (let i = 0; i < 150; i++)
    pulls.push({ number: 60000 + i, headSha: `f${i}`, files: [], title: `Update page ${i}`, base: "dev-1.38", state: "OPEN" });
  const website: FakeRepo = {
    owner: "kubernetes",
    name: "website",
    defaultBranch: "main",
    headSha: "w0",
    files: new Map(),
    issues: [],
    pulls,
  };
  return { website, expected, blogs };
}

async function sweep(fake: FakeGitHub, cacheDir: string, now = NOW) {
  const io = bufferIo();
  const env = { GITHUB_TOKEN: "test-token", GITHUB_API_URL: fake.url, KEP_TRACKER_THROTTLE: "off" };
  const status = await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", now, "--cache-dir", cacheDir], io, env);
  return { status, out: io.out(), err: io.err() };
}

const statusComment = (repo: SyntheticRepo, n: number) =>
  repo.issues.find((i) => i.number === n)!.comments.find((c) => c.author === VIEWER && c.body.startsWith(STATUS_MARKER))?.body ?? "";

describe("a sweep judges every tracked KEP's docs as the Docs team's handbook does", { timeout: 180_000 }, () => {
  let fake: FakeGitHub | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it("finds the real title cases, none of the blog PRs, in ceil(P/100) reads, and a second sweep writes nothing", async () => {
    const repo = v138(40);
    const { website, expected, blogs } = seedWebsite(repo);
    const seed = seedOf(repo);
    fake = await startFakeGitHub({ ...seed, repos: [...seed.repos, website] });
    const cacheDir = tempCacheDir();
    const first = await sweep(fake, cacheDir);
    expect(first.err).not.toMatch(/error|warn/i);
    expect(first.status).toBe(0);
    expect(fake.stats().unexpected).toEqual([]);
    const listed = website.pulls.filter((p) => p.base === "dev-1.38").length;
    expect(fake.stats().byKind["graphql WebsitePrs"]).toBe(Math.ceil(listed / 100));

    for (const n of repo.inScope) {
      const body = statusComment(repo, n);
      const docsLine = body.split("\n").find((l) => l.startsWith("**Docs**"));
      expect(docsLine, `#${n} has a Docs section`).toBeDefined();
      expect(docsLine).toContain(`: ${expected.get(n) ?? "No PR"}`);
      for (const blog of blogs) expect(body).not.toContain(`/pull/${blog}`);
      if (!expected.has(n)) {
        expect(body).toContain("- [ ] A docs PR is open in kubernetes/website: open a draft placeholder PR against `dev-1.38`");
        expect(body).toContain("**Status: At risk for docs freeze**");
      } else {
        expect(body).toContain("(found by its title; add it to the description)");
        expect(body).toMatch(/- \[ \] The docs PRs are listed in the issue description: add #\d+/);
      }
      if (expected.get(n) === "Draft") expect(body).toMatch(/- \[ \] The docs PR is ready for review \(out of draft\): mark #\d+ ready/);
    }

    fake.reset();
    const second = await sweep(fake, cacheDir);
    expect(second.status).toBe(0);
    expect(fake.stats().writes).toBe(0);
    expect(fake.stats().byKind["graphql WebsitePrs"]).toBe(Math.ceil(listed / 100));
  });

  it("keeps each item's Docs Status in step, fills an empty Docs Required?, keeps a person's, and a second sweep writes nothing", async () => {
    const repo = v138(40, `${CONFIG}board:\n  owner: kubernetes\n  number: 269\n`);
    const { website, expected } = seedWebsite(repo);
    const board = releaseBoard();
    const [chosen, none] = [...repo.inScope].sort().filter((n) => expected.has(n));
    const content = (number: number) => ({ owner: OWNER, repo: REPO, number });
    setValue(board, addItem(board, content(chosen!)), "Docs Required?", "Has Docs");
    setValue(board, addItem(board, content(none!)), "Docs Required?", "None Required");
    const seed = seedOf(repo);
    fake = await startFakeGitHub({ ...seed, repos: [...seed.repos, website], projects: [board] });
    const cacheDir = tempCacheDir();
    const first = await sweep(fake, cacheDir);
    expect(first.err).not.toMatch(/error|warn/i);
    expect(first.status).toBe(0);
    const status = { Draft: "Draft(PR)", "Ready for review": "PR Ready to Review", "lgtm/approved": "PR Ready to Review" };
    for (const n of repo.inScope) {
      const it = itemFor(board, content(n))!;
      const word = expected.get(n) ?? "No PR";
      const docs = fieldValueOf(board, it, "Docs Status");
      if (n === none) expect(docs, `#${n}`).toBe("No Docs Needed");
      else expect(docs, `#${n}`).toBe(word === "Merged" ? "Complete (Merged PR)" : (status[word as keyof typeof status] ?? word));
      const required = n === chosen ? "Has Docs" : n === none ? "None Required" : "Need docs";
      expect(fieldValueOf(board, it, "Docs Required?"), `#${n}`).toBe(required);
    }
    expect(statusComment(repo, none!)).toContain('No docs needed: the release board\'s "Docs Required?" says "None Required"');

    fake.reset();
    const second = await sweep(fake, cacheDir);
    expect(second.status).toBe(0);
    expect(fake.stats().writes).toBe(0);
  });

  it("reminds the owners and the docs PR's author before the ready-for-review deadline, once per offset, unchanged issues too", async () => {
    // The deadline at 06:00 UTC, so that the two-day moment is not also a day of the Docs Freeze countdown.
    const repo = v138(40, CONFIG.replace('"Tuesday 24th November 2026"', '"2026-11-25T06:00:00Z"'));
    const { website, expected } = seedWebsite(repo);
    const seed = seedOf(repo);
    fake = await startFakeGitHub({ ...seed, repos: [...seed.repos, website] });
    const cacheDir = tempCacheDir();
    const reminders = (n: number, days: number) =>
      repo.issues
        .find((i) => i.number === n)!
        .comments.filter((c) => c.author === VIEWER && c.body.startsWith(`<!-- kep-tracker:reminder v1.38 docs-ready ${days} -->`));
    // Seven days before the deadline, after code freeze.
    expect((await sweep(fake, cacheDir, "2026-11-20T09:00:00Z")).status).toBe(0);
    // A KEP that missed code freeze is the release team's call: no docs reminder, as no freeze reminder.
    const missed = (n: number) => statusComment(repo, n).includes("`missed-freeze`");
    const atRisk = [...repo.inScope].filter((n) => ["No PR", "Draft"].includes(expected.get(n) ?? "No PR") && !missed(n));
    expect(atRisk.length).toBeGreaterThan(0);
    expect([...repo.inScope].filter(missed).length).toBeGreaterThan(3);
    fake.reset();
    expect((await sweep(fake, cacheDir, "2026-11-23T05:00:00Z")).status).toBe(0);
    for (const n of repo.inScope) expect(reminders(n, 7), `#${n}`).toHaveLength(atRisk.includes(n) ? 1 : 0);
    const body = reminders(atRisk[0]!, 7)[0]!.body;
    expect(body).toContain("docs are **at risk for the docs ready-for-review deadline** in v1.38");
    if (expected.has(atRisk[0]!)) expect(body).toContain("@docs-writer");
    else expect(body).toContain("- [ ] A docs PR is open in kubernetes/website: open a draft placeholder PR against `dev-1.38`");

    // Two days before: the issues are unchanged, yet each at-risk one gets its second reminder, and only that.
    fake.reset();
    fake.reset();
    expect((await sweep(fake, cacheDir, "2026-11-23T07:00:00Z")).status).toBe(0);
    for (const n of repo.inScope) expect(reminders(n, 2), `#${n}`).toHaveLength(atRisk.includes(n) ? 1 : 0);
    expect(fake.stats().writes).toBe(atRisk.length);

    fake.reset();
    expect((await sweep(fake, cacheDir, "2026-11-23T08:00:00Z")).status).toBe(0);
    expect(fake.stats().writes).toBe(0);
  });

  it("report shows the docs of each KEP and, within a week of the next docs deadline, its health line", async () => {
    const repo = v138(40);
    const { website, expected } = seedWebsite(repo);
    const seed = seedOf(repo);
    fake = await startFakeGitHub({ ...seed, repos: [...seed.repos, website] });
    const report = async (now: string, format: string) => {
      const io = bufferIo();
      const env = { GITHUB_TOKEN: "test-token", GITHUB_API_URL: fake!.url, KEP_TRACKER_THROTTLE: "off" };
      const args = ["report", "--repo", `${OWNER}/${REPO}`, "--now", now, "--format", format, "--cache-dir", tempCacheDir()];
      expect(await main(args, io, env)).toBe(0);
      return io.out();
    };
    // Four days before the ready-for-review deadline: the KEPs whose docs PR is out of draft meet it.
    const md = await report("2026-11-20T09:00:00Z", "md");
    const inScope = [...repo.inScope];
    const meeting = inScope.filter((n) => !["No PR", "Draft"].includes(expected.get(n) ?? "No PR")).length;
    const share = Math.round((100 * meeting) / inScope.length);
    const light = share >= 90 ? "🟢" : share >= 60 ? "🟡" : "🔴";
    expect(md).toContain(
      `${light} **The docs ready-for-review deadline** (Wednesday 25 November 2026, 12:00 UTC): ` +
        `${meeting} of ${inScope.length} KEPs needing docs meet it (${share}%).`,
    );
    expect(md).toContain("| Issue | Title | SIG | Stage | PRR approver | Owners | Docs | Problems |");
    const draft = inScope.find((n) => expected.get(n) === "Draft")!;
    expect(md).toMatch(new RegExp(`\\| \\[#${draft}\\][^\\n]*\\| Draft \\[#\\d+\\]\\(https://github.com/kubernetes/website/pull/\\d+\\)`));
    const csv = await report("2026-11-20T09:00:00Z", "csv");
    expect(csv.split("\r\n")[0]).toBe("issue,url,title,sig,stage,status,prr_approver,owners,problems,missing,docs,docs_prs");
    // More than a week before Docs Freeze, after the ready-for-review deadline: no health line yet.
    expect(await report("2026-11-26T09:00:00Z", "md")).not.toMatch(/KEPs needing docs meet it/);
  });
});
