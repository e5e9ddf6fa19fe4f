import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
const MAX_FILE_LINES = 400;
const MAX_LINE = 140;
const MAX_ROOM_FILES = 15;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

const files = sourceFiles(SRC).map((f) => ({ path: relative(SRC, f), lines: readFileSync(f, "utf8").split("\n") }));

describe("files a newcomer can read", () => {
  it(`has no file in src/ over ${MAX_FILE_LINES} lines`, () => {
    expect(files.filter((f) => f.lines.length > MAX_FILE_LINES).map((f) => `${f.path} (${f.lines.length} lines)`)).toEqual([]);
  });

  it(`has no line in src/ over ${MAX_LINE} characters (the 80-line rule is not met by packing code sideways)`, () => {
    const long = files.flatMap((f) => f.lines.flatMap((l, i) => (l.length > MAX_LINE ? [`${f.path}:${i + 1} (${l.length})`] : [])));
    expect(long).toEqual([]);
  });

  it(`has no room (folder) in src/ with more than ${MAX_ROOM_FILES} files`, () => {
    const count = new Map<string, number>();
    for (const f of files) count.set(dirname(f.path), (count.get(dirname(f.path)) ?? 0) + 1);
    expect([...count].filter(([, n]) => n > MAX_ROOM_FILES).map(([room, n]) => `${room} (${n})`)).toEqual([]);
  });

  it("keeps no state in a module (no top-level let or var): what a run caches lives in the run's context", () => {
    const state = files.flatMap((f) => f.lines.flatMap((l, i) => (/^(?:export )?(?:let|var) /.test(l) ? [`${f.path}:${i + 1}`] : [])));
    expect(state).toEqual([]);
  });
});
