import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The rooms of the code and what each may use, as docs/contributing.md's table says: a room
 * uses only the rooms listed for it (and itself). Lower rooms never know the higher ones: the
 * core (kep to plan) is pure, board says what a board should hold, github talks to GitHub, and
 * app, sweep, cli and server wire them together. util/ holds generic helpers and uses nothing of ours.
 */
const CORE = ["util", "kep", "release", "config", "reading", "inputs", "verdict", "render", "plan"];
const MAY_USE: Record<string, readonly string[]> = {
  util: [],
  kep: ["util"],
  release: ["util", "kep"],
  config: ["util", "kep", "release"],
  reading: ["util", "kep", "release"],
  inputs: ["util", "kep", "release", "config", "reading"],
  verdict: ["util", "kep", "release", "config", "reading", "inputs"],
  render: ["util", "kep", "release", "config", "reading", "inputs", "verdict"],
  plan: ["util", "kep", "release", "config", "reading", "inputs", "verdict", "render"],
  board: [...CORE],
  github: [...CORE, "board"],
  app: [...CORE, "board", "github"],
  sweep: [...CORE, "board", "github"],
  cli: [...CORE, "board", "github", "sweep"],
  server: ["util", "config", "github", "app"],
};

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The relative imports of a module ("import … from", "export … from", "import(…)"), as paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["'](\.[^"']+)["']|\bimport\(\s*["'](\.[^"']+)["']\s*\)/g)) {
    const spec = (m[1] ?? m[2])!;
    found.push(relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, ".ts"))));
  }
  return found;
}

const room = (path: string) => (path.includes("/") ? path.split("/")[0]! : "entry");

const graph = new Map(sourceFiles(SRC).map((f) => [relative(SRC, f), importsOf(f)]));

/** A cycle written from its first module in sorting order, so that it reads the same whichever module the search met first. */
function rotated(cycle: string[]): string[] {
  const first = cycle.indexOf([...cycle].sort()[0]!);
  const path = [...cycle.slice(first), ...cycle.slice(0, first)];
  return [...path, path[0]!];
}

/** Every cycle's path, found by depth-first search. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") found.push(rotated(stack.slice(stack.indexOf(next))));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

describe("the shape of the code", () => {
  it("finds every module it was told about", () => {
    expect(graph.size).toBeGreaterThan(30);
    for (const [from, targets] of graph)
      for (const to of targets) expect(graph.has(to), `${from} imports ${to}, which does not exist`).toBe(true);
  });

  it("has no import cycle", () => {
    expect([...new Set(cycles().map((c) => c.join(" -> ")))]).toEqual([]);
  });

  it("has each room use only the rooms the table allows", () => {
    const unexpected: string[] = [];
    for (const [from, targets] of graph) {
      const a = room(from);
      if (a === "entry") continue;
      for (const to of targets) {
        const b = room(to);
        if (a !== b && !MAY_USE[a]?.includes(b)) unexpected.push(`${from} -> ${to}`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it("knows every room of src/", () => {
    const rooms = new Set([...graph.keys()].map(room).filter((r) => r !== "entry"));
    expect([...rooms].filter((r) => !(r in MAY_USE))).toEqual([]);
  });

  it("keeps the entry point thin", () => {
    const entry = graph.get("index.ts") ?? [];
    expect(entry.every((to) => room(to) === "app")).toBe(true);
  });
});
