import { describe, expect, it } from "vitest";
import { bufferedLines } from "../../src/cli/io.js";

/** An Io that records each write to stdout apart. */
function writesIo() {
  const writes: string[] = [];
  return { io: { stdout: (t: string) => void writes.push(t), stderr: () => {} }, writes };
}

describe("the lines a dry run prints", () => {
  it("reach stdout in order, in one write per flush rather than one per line", () => {
    const { io, writes } = writesIo();
    const out = bufferedLines(io);
    for (let i = 1; i <= 100; i++) out.line(`#${i}: post the status comment`);
    expect(writes).toEqual([]);
    out.flush();
    out.flush();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.split("\n")).toHaveLength(101);
    expect(writes[0]!.startsWith("#1: post the status comment\n#2: ")).toBe(true);
  });

  it("are written as they go once they pass 64 KB, so a long run never holds them all", () => {
    const { io, writes } = writesIo();
    const out = bufferedLines(io);
    const line = "x".repeat(1023);
    for (let i = 0; i < 200; i++) out.line(line);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    out.flush();
    expect(writes.join("")).toBe(`${line}\n`.repeat(200));
  });
});
