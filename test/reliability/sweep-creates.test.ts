import { describe, expect, it } from "vitest";
import { buildRepo, seedOf, VIEWER } from "../../bench/synthetic.js";
import { startFakeGitHub } from "../../fake-github/server.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { tempCacheDir } from "../helpers/sweep.js";
import { sweepBinary as sweep } from "../helpers/sweep-binary.js";

describe("kep-tracker sweep when GitHub answers every new comment 502 after saving it", () => {
  it("posts each status comment and reminder once, and a second run finds them all and writes nothing", async () => {
    const repo = buildRepo(40);
    const fake = await startFakeGitHub(seedOf(repo));
    try {
      fake.inject({ when: "POST comments", times: 1000, fault: { status: 502, afterSaving: true } });
      const cacheDir = tempCacheDir();
      const first = await sweep(fake, cacheDir);
      expect(first.status, first.stderr).toBe(0);
      const own = (n: number) => repo.issues.find((i) => i.number === n)!.comments.filter((c) => c.author === VIEWER);
      for (const issue of repo.issues) {
        expect(own(issue.number).filter((c) => c.body.startsWith(STATUS_MARKER)).length, `status comments on #${issue.number}`).toBe(
          repo.inScope.has(issue.number) ? 1 : 0,
        );
        expect(own(issue.number).filter((c) => c.body.startsWith("<!-- kep-tracker:reminder")).length).toBeLessThanOrEqual(1);
      }
      const reminded = repo.issues.filter((i) => own(i.number).some((c) => c.body.startsWith("<!-- kep-tracker:reminder")));
      expect(reminded.length).toBeGreaterThan(0);
      // Every create was looked for once after its 502, and none was posted twice.
      expect(fake.stats().byKind["GET comments"]).toBe(fake.stats().byKind["POST comments"]);

      fake.reset();
      const second = await sweep(fake, cacheDir);
      expect(second.status).toBe(0);
      expect(fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    } finally {
      await fake.close();
    }
  }, 90_000);
});
