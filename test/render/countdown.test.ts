import { describe, expect, it } from "vitest";
import { timeLeft } from "../../src/release/schedule.js";
import { formatDeadline } from "../../src/render/status-comment.js";
import { deadlinesWithException, exceptionEnds } from "../../src/verdict/exception-effect.js";
import type { ExceptionState } from "../../src/verdict/exceptions.js";

const FREEZE = new Date("2026-06-17T12:00:00Z");
const hoursBefore = (hours: number) => new Date(FREEZE.getTime() - hours * 3_600_000);

describe("the countdown to a deadline", () => {
  it("says the whole days left, never rounded up, and the hours in the last two days", () => {
    expect(timeLeft(FREEZE, hoursBefore(2 * 24 + 3))).toBe("in 2 days");
    expect(timeLeft(FREEZE, hoursBefore(6 * 24 + 23))).toBe("in 6 days");
    expect(timeLeft(FREEZE, hoursBefore(47))).toBe("in 47 hours");
    expect(timeLeft(FREEZE, hoursBefore(1))).toBe("in 1 hour");
    expect(timeLeft(FREEZE, hoursBefore(0.5))).toBe("in under an hour");
    expect(timeLeft(FREEZE, hoursBefore(-1))).toBe("now");
  });

  it("labels an approved exception's end as the exception's, not as the freeze", () => {
    const until = new Date("2026-06-20T12:00:00Z");
    const e: ExceptionState = { state: "approved", freeze: "enhancements-freeze", late: false, until, expired: false };
    expect(exceptionEnds(e, until)).toBe(true);
    expect(exceptionEnds(e, FREEZE)).toBe(false);
    const deadline = { at: FREEZE, approximate: false };
    const schedule = {
      "prr-freeze": deadline,
      "enhancements-freeze": deadline,
      "code-freeze": deadline,
      "docs-freeze": deadline,
      release: deadline,
    };
    const at = deadlinesWithException(schedule, e)["enhancements-freeze"].at;
    const line = formatDeadline({
      at: at.toISOString(),
      approximate: false,
      daysLeft: 3,
      left: timeLeft(at, hoursBefore(-24)),
      exception: true,
    });
    expect(line).toBe("until Saturday 20 June 2026, 12:00 UTC (exception, in 2 days)");
  });
});
