import { describe, expect, it } from "vitest";
import { buildRepo, seedOf, VIEWER } from "../../bench/synthetic.js";
import { startFakeGitHub } from "../../fake-github/server.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { tempCacheDir } from "../helpers/sweep.js";
import { sweepBinary } from "../helpers/sweep-binary.js";

describe("kep-tracker sweep reads each issue again right before writing it", () => {
  it("leaves an issue it cannot read again as it is, says so, and the next run writes it", async () => {
    const repo = buildRepo(5);
    const fake = await startFakeGitHub(seedOf(repo));
    try {
      fake.inject({ when: "graphql SweepIssue", fault: { status: 502 } });
      const cacheDir = tempCacheDir();
      const first = await sweepBinary(fake, cacheDir);
      expect(first.status, first.stderr).toBe(1);
      expect(first.stderr).toMatch(/left as it is: GitHub did not give it again before writing/);
      expect(first.stdout).toMatch(/^Not read: 1 issue left as they are/m);
      const written = (n: number) => repo.issues.find((i) => i.number === n)!.comments.some((c) => c.author === VIEWER);
      const inScope = [...repo.inScope];
      expect(inScope.filter((n) => !written(n))).toHaveLength(1);

      const second = await sweepBinary(fake, cacheDir);
      expect(second.status, second.stderr).toBe(0);
      expect(inScope.filter((n) => !written(n))).toEqual([]);
      for (const n of inScope)
        expect(repo.issues.find((i) => i.number === n)!.comments.filter((c) => c.body.startsWith(STATUS_MARKER))).toHaveLength(1);
      expect(fake.stats().unexpected).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
