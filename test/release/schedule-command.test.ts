import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/io.js";
import { scheduleCommand } from "../../src/cli/schedule.js";
import { DEADLINES } from "../../src/release/timeline.js";
import { TIMELINES } from "../helpers/fixtures.js";

function bufferIo() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

async function runSchedule(...args: string[]) {
  const { out, io } = bufferIo();
  const status = await scheduleCommand.run(args, io);
  return { status, ...out };
}

const tmp = mkdtempSync(join(tmpdir(), "kep-tracker-schedule-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("kep-tracker schedule", () => {
  it("prints all five deadlines as JSON and exits 0", async () => {
    const { status, stdout, stderr } = await runSchedule(`${TIMELINES}/release-1.37-timeline.md`);
    expect(status).toBe(0);
    expect(stderr).toBe("");
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([...DEADLINES]);
    expect(json).toEqual({
      "prr-freeze": { at: "2026-06-10T12:00:00.000Z", approximate: false },
      "enhancements-freeze": { at: "2026-06-17T12:00:00.000Z", approximate: false },
      "code-freeze": { at: "2026-07-23T12:00:00.000Z", approximate: false },
      "docs-freeze": { at: "2026-08-06T12:00:00.000Z", approximate: false },
      release: { at: "2026-08-27T12:00:00.000Z", approximate: true },
    });
  });

  it("indents by two spaces and ends with a newline", async () => {
    const { stdout } = await runSchedule(`${TIMELINES}/release-1.32-timeline.md`);
    expect(stdout.startsWith('{\n  "prr-freeze": {\n    "at": "2024-10-04T12:00:00.000Z",\n    "approximate": true\n  },')).toBe(true);
    expect(stdout.endsWith("}\n")).toBe(true);
  });

  it("prints what it found and exits 1 naming the missing rows", async () => {
    const file = join(tmp, "partial.md");
    writeFileSync(
      file,
      [
        "| **What** | **Who** | **When** |",
        "|---|---|---|",
        "| **Begin [Production Readiness Freeze]** | Enhancements Lead | Tuesday 9th June 2026 (AoE) / Wednesday 10th June 2026, 12:00 UTC |",
        "| **Begin [Enhancements Freeze]** | Enhancements Lead | Tuesday 16th June 2026 (AoE) / Wednesday 17th June 2026, 12:00 UTC |",
        "| **Begin [Code Freeze] and [Test Freeze]** | Branch Manager | Wednesday 22nd July 2026 (AoE) / Thursday 23rd July 2026, 12:00 UTC |",
        "| Docs deadline — PRs ready for review | Docs Lead | Tuesday 28th July 2026 |",
        "",
      ].join("\n"),
    );
    const { status, stdout, stderr } = await runSchedule(file);
    expect(status).toBe(1);
    expect(Object.keys(JSON.parse(stdout) as object)).toEqual(["prr-freeze", "enhancements-freeze", "code-freeze"]);
    expect(stderr).toContain("docs-freeze, release");
    expect(stderr).toContain(file);
  });

  it.each(["--help", "-h"])("prints the usage for %s and exits 0", async (flag) => {
    const { status, stdout } = await runSchedule(flag);
    expect(status).toBe(0);
    expect(stdout).toBe(`${scheduleCommand.usage}\n`);
    expect(stdout).toContain("Usage: kep-tracker schedule <file>");
  });

  // main() turns a UsageError into exit status 2 with the usage on stderr.
  it.each([
    ["no file", []],
    ["two files", ["a.md", "b.md"]],
    ["an unreadable file", [join(tmp, "does-not-exist.md")]],
    ["a directory", [tmp]],
  ])("throws a UsageError (exit 2) for %s", async (_what, args) => {
    await expect(runSchedule(...args)).rejects.toBeInstanceOf(UsageError);
  });

  it("lets parseArgs reject an unknown option (exit 2 in main)", async () => {
    await expect(runSchedule("--nope", "x.md")).rejects.toMatchObject({ code: "ERR_PARSE_ARGS_UNKNOWN_OPTION" });
  });

  it("names itself for registration in main", () => {
    expect(scheduleCommand.name).toBe("schedule");
    expect(scheduleCommand.summary).not.toBe("");
  });
});
