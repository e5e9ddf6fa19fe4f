import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRepo, type SyntheticRepo, seedOf, VIEWER } from "../../bench/synthetic.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { tempCacheDir } from "../helpers/sweep.js";
import { sweepBinary as sweep } from "../helpers/sweep-binary.js";

describe("kep-tracker sweep, the built binary over HTTP", () => {
  let repo: SyntheticRepo;
  let server: FakeGitHub;
  beforeAll(async () => {
    repo = buildRepo(60);
    server = await startFakeGitHub(seedOf(repo));
  });
  afterAll(() => server.close());

  it("leaves every issue in the release with one status comment and each at-risk KEP with at most one reminder, and a second run changes nothing", async () => {
    const cacheDir = tempCacheDir();
    const first = await sweep(server, cacheDir);
    expect(first.stderr).not.toMatch(/error|warning/);
    expect(first.status).toBe(0);
    expect(server.stats().unexpected).toEqual([]);
    const own = (n: number) => repo.issues.find((i) => i.number === n)!.comments.filter((c) => c.author === VIEWER);
    for (const issue of repo.issues) {
      const status = own(issue.number).filter((c) => c.body.startsWith(STATUS_MARKER));
      expect(status.length, `status comments on #${issue.number}`).toBe(repo.inScope.has(issue.number) ? 1 : 0);
      expect(own(issue.number).filter((c) => c.body.startsWith("<!-- kep-tracker:reminder")).length).toBeLessThanOrEqual(1);
    }
    const reminded = repo.issues.filter((i) => own(i.number).some((c) => c.body.startsWith("<!-- kep-tracker:reminder")));
    expect(reminded.length).toBeGreaterThan(0);
    expect(reminded.every((i) => repo.risks.get(i.number))).toBe(true);
    expect(first.stdout).toMatch(new RegExp(`^Issues: 60 open, ${repo.inScope.size} in the release's scope$`, "m"));

    server.reset();
    const second = await sweep(server, cacheDir);
    expect(second.status).toBe(0);
    expect(server.stats()).toMatchObject({ reads: 2, writes: 0 });
    expect(second.stdout).toContain("Writes: 0 made (0 reminders)");
    expect(second.stdout).toContain(`in the release's scope (${repo.inScope.size} unchanged since their status comment)`);
  }, 60_000);

  it("with DRY_RUN=true in its environment, plans its writes, says so and makes none", async () => {
    const small = buildRepo(5);
    const fake = await startFakeGitHub(seedOf(small));
    try {
      const run = await sweep(fake, tempCacheDir(), { env: { DRY_RUN: "true" } });
      expect(run.status).toBe(0);
      expect(run.stderr).toContain(", dry run");
      expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
      expect(run.stdout).toMatch(/^#\d+: /m);
    } finally {
      await fake.close();
    }
  }, 60_000);

  it("acts as the App with APP_ID and PRIVATE_KEY, as the CronJob runs it: the CLI loads the App's auth and writes as kep-tracker[bot]", async () => {
    const small = buildRepo(5);
    const fake = await startFakeGitHub(seedOf(small));
    try {
      const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
      const run = await sweep(fake, tempCacheDir(), { env: { GITHUB_TOKEN: "", APP_ID: "1", PRIVATE_KEY: privateKey } });
      expect(run.stderr).toContain("as the App kep-tracker (installation 2)");
      expect(run.status).toBe(0);
      expect(fake.stats().unexpected).toEqual([]);
      const authors = small.issues.flatMap((i) => i.comments.filter((c) => c.body.startsWith(STATUS_MARKER)).map((c) => c.author));
      expect(authors.length).toBe(small.inScope.size);
      expect(new Set(authors)).toEqual(new Set(["kep-tracker[bot]"]));
    } finally {
      await fake.close();
    }
  }, 60_000);

  it("reads on with a smaller page when GitHub answers a page of issues with 502, and finishes the sweep", async () => {
    const small = buildRepo(150);
    const fake = await startFakeGitHub(seedOf(small));
    try {
      fake.inject({ when: "graphql SweepPage", fault: { status: 502 } });
      const run = await sweep(fake, tempCacheDir());
      expect(run.status).toBe(0);
      expect(fake.stats().unexpected).toEqual([]);
      // The refused page, the same page halved (50 issues), then the other 100.
      expect(fake.stats().byKind["graphql SweepPage"]).toBe(3);
      expect(run.stdout).toMatch(new RegExp(`^Issues: 150 open, ${small.inScope.size} in the release's scope$`, "m"));
    } finally {
      await fake.close();
    }
  }, 60_000);
});
