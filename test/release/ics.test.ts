import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scheduleCommand } from "../../src/cli/schedule.js";
import { foldLine, scheduleIcs } from "../../src/release/ics.js";
import { FIXTURES, TIMELINES } from "../helpers/fixtures.js";
import { bufferIo } from "../helpers/io.js";

/** Content lines after unfolding (RFC 5545 §3.1), each checked to be `NAME[;PARAM=…]:value`. */
function contentLines(ics: string): Array<{ name: string; value: string }> {
  expect(ics.endsWith("\r\n")).toBe(true);
  const physical = ics.slice(0, -2).split("\r\n");
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
  }
  const unfolded = ics
    .slice(0, -2)
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n");
  return unfolded.map((l) => {
    const m = /^([A-Z][A-Z0-9-]*)(;[^:]*)?:(.*)$/.exec(l);
    expect(m, l).not.toBeNull();
    return { name: m![1]!, value: m![3]! };
  });
}

/** The VEVENTs as property maps, checking BEGIN/END nesting and the properties RFC 5545 requires. */
function events(ics: string): Array<Record<string, string>> {
  const lines = contentLines(ics);
  expect(lines[0]).toEqual({ name: "BEGIN", value: "VCALENDAR" });
  expect(lines.at(-1)).toEqual({ name: "END", value: "VCALENDAR" });
  expect(lines.filter((l) => l.name === "VERSION").map((l) => l.value)).toEqual(["2.0"]);
  expect(lines.some((l) => l.name === "PRODID")).toBe(true);
  const out: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const l of lines.slice(1, -1)) {
    if (l.name === "BEGIN") {
      expect(current).toBeNull();
      current = {};
    } else if (l.name === "END") {
      expect(current).not.toBeNull();
      out.push(current!);
      current = null;
    } else if (current) current[l.name] = l.value;
  }
  for (const e of out) expect(Object.keys(e)).toEqual(expect.arrayContaining(["UID", "DTSTAMP", "DTSTART", "SUMMARY"]));
  return out;
}

const instant = (v: string) => new Date(v.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));

describe("kep-tracker schedule --format ics", () => {
  it("gives v1.37's deadlines as events at their exact UTC instants, as sig-release's key dates say", async () => {
    const io = bufferIo();
    const file = `${TIMELINES}/release-1.37-timeline.md`;
    expect(await scheduleCommand.run([file, "--format", "ics", "--now", "2026-05-18T09:00:00Z"], io)).toBe(0);
    const ics = io.out();
    const list = events(ics);
    const keyDates = JSON.parse(readFileSync(`${FIXTURES}enhancements/release-schedules/key-dates.json`, "utf8"))["v1.37"];
    expect(list.map((e) => [e.SUMMARY, e.DTSTART])).toEqual([
      ["Kubernetes v1.37 PRR freeze", "20260610T120000Z"],
      ["Kubernetes v1.37 Enhancements freeze", "20260617T120000Z"],
      ["Kubernetes v1.37 Code freeze", "20260723T120000Z"],
      ["Kubernetes v1.37 Docs freeze", "20260806T120000Z"],
      // The README gives the release a day only: the end of that day Anywhere on Earth, said in the description.
      ["Kubernetes v1.37 release", "20260827T120000Z"],
    ]);
    const utc = [keyDates.prr_freeze.utc, keyDates.enhancements_freeze.utc, keyDates.code_and_test_freeze.utc, keyDates.docs_freeze.utc];
    expect(list.slice(0, 4).map((e) => instant(e.DTSTART!).toISOString())).toEqual(utc.map((u: string) => new Date(u).toISOString()));
    // A calendar in California shows PRR freeze at 05:00 on Wednesday 10 June (PDT), one in Berlin at 14:00.
    const local = (tz: string) =>
      new Intl.DateTimeFormat("en-GB", { timeZone: tz, weekday: "short", hour: "2-digit", minute: "2-digit" }).format(
        instant(list[0]!.DTSTART!),
      );
    expect([local("America/Los_Angeles"), local("Europe/Berlin")]).toEqual(["Wed 05:00", "Wed 14:00"]);
    expect(list[4]!.DESCRIPTION).toContain("The schedule gives only the day");
    expect(new Set(list.map((e) => e.UID)).size).toBe(5);
    expect(list.every((e) => e.DTSTAMP === "20260518T090000Z")).toBe(true);
  });

  it("names v1.38's PRR freeze the KEP Readiness Deadline, and keeps --format json as before", async () => {
    const ics = scheduleIcs({
      release: "v1.38",
      deadlines: { "prr-freeze": { at: new Date("2026-09-30T12:00:00Z"), approximate: false } },
      stamp: new Date(0),
    });
    expect(events(ics)[0]!.SUMMARY).toBe("Kubernetes v1.38 KEP Readiness Deadline");
    const io = bufferIo();
    await scheduleCommand.run([`${TIMELINES}/release-1.37-timeline.md`, "--format", "json"], io);
    expect(JSON.parse(io.out())["prr-freeze"]).toEqual({ at: "2026-06-10T12:00:00.000Z", approximate: false });
  });

  it("folds long lines at 75 octets without cutting a UTF-8 character, and escapes text", () => {
    const line = `DESCRIPTION:${"Übergang ✓ ".repeat(20)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    const ics = scheduleIcs({
      release: null,
      deadlines: { release: { at: new Date("2026-08-27T12:00:00Z"), approximate: false } },
      stamp: new Date(0),
    });
    expect(events(ics)[0]!.DESCRIPTION).toContain(
      "Kubernetes release: 2026-08-27T12:00:00Z.\\nFrom the release's Timeline table in kubernetes/sig-release\\, by kep-tracker.",
    );
  });

  it("refuses an unknown format", async () => {
    const io = bufferIo();
    expect(await scheduleCommand.run([`${TIMELINES}/release-1.37-timeline.md`, "--format", "xml"], io).catch((e: Error) => e.message)).toBe(
      '--format must be json or ics, not "xml"',
    );
  });
});
