import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { TIMELINES } from "../helpers/fixtures.js";
import { bufferIo } from "../helpers/io.js";

const dir = mkdtempSync(join(tmpdir(), "kep-tracker-config-"));

describe("kep-tracker config", () => {
  it("check names every problem with its line, as the App's check run does, and exits 1", async () => {
    const file = join(dir, "bad.yml");
    writeFileSync(file, "release: v1.37\nschedule:\n  source: sig-release\nreminders:\n  days-before: [7, 0]\n");
    const io = bufferIo();
    expect(await main(["config", "check", file], io, {})).toBe(1);
    expect(io.out()).toContain(`${file} has 1 problem\n${file}:5: reminders.days-before[1]: must be at least 1 day\n`);
  });

  it("init writes the release's dates from a given README, and refuses another release's schedule", async () => {
    const io = bufferIo();
    expect(await main(["config", "init", "--release", "v1.36", "--schedule", `${TIMELINES}/release-1.36-timeline.md`], io, {})).toBe(0);
    expect(io.out()).toContain('code-freeze: "Wednesday 18th March 2026 (AoE) / Thursday 19th March 2026, 12:00 UTC"');
    const written = join(dir, "v136.yml");
    writeFileSync(written, io.out());
    const check = bufferIo();
    expect(await main(["config", "check", written], check, {})).toBe(0);

    const other = bufferIo();
    expect(await main(["config", "init", "--release", "v1.37", "--schedule", `${TIMELINES}/release-1.36-timeline.md`], other, {})).toBe(2);
    expect(other.err()).toContain("release-1.36-timeline.md is the schedule of v1.36, not v1.37");
  });
});
