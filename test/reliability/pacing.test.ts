import { describe, expect, it } from "vitest";
import { type Clock, CreationPacer, codeSearchKey, GITHUB_CREATION_LIMITS, spaceReplies, waitBefore } from "../../src/github/pacing.js";

/** A clock that only moves when someone sleeps. */
function fakeClock(start = 0): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
}

describe("pacing new comments within GitHub's content-creation limits", () => {
  it("lets 80 comments go in the first minute, and the 81st waits until the first leaves the minute", async () => {
    const clock = fakeClock();
    const pacer = new CreationPacer(GITHUB_CREATION_LIMITS, clock);
    for (let i = 0; i < 80; i++) await pacer.take("kubernetes");
    expect(clock.slept).toEqual([]);
    await pacer.take("kubernetes");
    expect(clock.slept).toEqual([60_000]);
  });

  it("paces code search at its own 10 a minute, apart from new comments", async () => {
    const clock = fakeClock();
    const pacer = new CreationPacer(GITHUB_CREATION_LIMITS, clock);
    for (let i = 0; i < 10; i++) await pacer.take(codeSearchKey("kubernetes"));
    for (let i = 0; i < 20; i++) await pacer.take("kubernetes");
    expect(clock.slept).toEqual([]);
    await pacer.take(codeSearchKey("kubernetes"));
    expect(clock.slept).toEqual([60_000]);
  });

  it("posts no more than 500 in any hour, however they are spread", async () => {
    const clock = fakeClock();
    const pacer = new CreationPacer(GITHUB_CREATION_LIMITS, clock);
    const times: number[] = [];
    for (let i = 0; i < 1200; i++) {
      await pacer.take("kubernetes");
      times.push(clock.now());
    }
    for (let i = 0; i + 500 < times.length; i++) expect(times[i + 500]! - times[i]!).toBeGreaterThanOrEqual(3_600_000);
    for (let i = 0; i + 80 < times.length; i++) expect(times[i + 80]! - times[i]!).toBeGreaterThanOrEqual(60_000);
    // And no slower than that: the 501st goes exactly when the first leaves the hour.
    expect(times[500]).toBe(3_600_000);
  });

  it("counts each account on its own", async () => {
    const clock = fakeClock();
    const pacer = new CreationPacer([{ count: 1, perMs: 1000 }], clock);
    await pacer.take("kubernetes");
    await pacer.take("someone-else");
    expect(clock.slept).toEqual([]);
  });

  it("says how long to wait from the past creations alone", () => {
    expect(waitBefore([], 0, GITHUB_CREATION_LIMITS)).toBe(0);
    expect(waitBefore([0, 10, 20], 30, [{ count: 3, perMs: 100 }])).toBe(70);
    expect(waitBefore([0, 10, 20], 95, [{ count: 3, perMs: 100 }])).toBe(5);
    expect(waitBefore([0, 10, 20], 100, [{ count: 3, perMs: 100 }])).toBe(0);
  });
});

describe("replies to commands in a lane of their own", () => {
  it("fill at most 60 of a minute's 80 creations, and a status update still goes at once", async () => {
    const clock = fakeClock();
    const pacer = new CreationPacer(GITHUB_CREATION_LIMITS, clock);
    for (let i = 0; i < 60; i++) await pacer.take("kubernetes", "reply");
    expect(clock.slept).toEqual([]);
    for (let i = 0; i < 20; i++) await pacer.take("kubernetes", "status");
    expect(clock.slept).toEqual([]);
    // Both lanes count: the 61st reply and the 81st creation wait for the minute to pass.
    await pacer.take("kubernetes", "reply");
    expect(clock.slept).toEqual([60_000]);
  });

  it("go one at a time, 3 s apart, while status updates pass straight through", async () => {
    const clock = fakeClock();
    const order: string[] = [];
    const spaced = spaceReplies({ take: async (_key, lane) => void order.push(`${lane}@${clock.now()}`) }, 3_000, clock);
    await Promise.all([spaced.take("k", "reply"), spaced.take("k", "reply"), spaced.take("k", "status"), spaced.take("k", "reply")]);
    expect(order).toEqual(["status@0", "reply@0", "reply@3000", "reply@6000"]);
  });
});
