import { describe, expect, it } from "vitest";
import { IssueQueue } from "../../src/app/issue-queue.js";

/** A queue whose runs end only when the test says so, recording what each run was asked. */
function controlled() {
  const runs: Array<{ key: string; request: string[]; finish: () => void }> = [];
  const queue = new IssueQueue<string[], string>(
    (key, request) => new Promise<string>((resolve) => runs.push({ key, request, finish: () => resolve(`${key}:${request.join("+")}`) })),
    (older, newer) => [...older, ...newer],
  );
  return { queue, runs };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("one refresh at a time per issue, in one process", () => {
  it("runs the first event at once and folds every event arriving meanwhile into one more run after it", async () => {
    const { queue, runs } = controlled();
    const first = queue.run("#1", ["opened"]);
    const later = ["labeled", "milestoned", "assigned"].map((e) => queue.run("#1", [e]));
    await tick();
    expect(runs.map((r) => r.request)).toEqual([["opened"]]);
    runs[0]!.finish();
    expect(await first).toBe("#1:opened");
    await tick();
    expect(runs.map((r) => r.request)).toEqual([["opened"], ["labeled", "milestoned", "assigned"]]);
    runs[1]!.finish();
    // Each caller gets the outcome of a run that started after its event.
    expect(await Promise.all(later)).toEqual(Array(3).fill("#1:labeled+milestoned+assigned"));
    expect(queue.busy).toBe(0);
  });

  it("lets other issues run meanwhile", async () => {
    const { queue, runs } = controlled();
    void queue.run("#1", ["a"]);
    void queue.run("#2", ["b"]);
    await tick();
    expect(runs.map((r) => r.key)).toEqual(["#1", "#2"]);
  });

  it("goes on after a run that failed", async () => {
    const queue = new IssueQueue<number, number>(
      async (_k, n) => {
        if (n === 1) throw new Error("GitHub answered 502");
        return n;
      },
      (_a, b) => b,
    );
    const failed = queue.run("#1", 1);
    const next = queue.run("#1", 2);
    await expect(failed).rejects.toThrow("502");
    expect(await next).toBe(2);
    expect(queue.busy).toBe(0);
  });
});
