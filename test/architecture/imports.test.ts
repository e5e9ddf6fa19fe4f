import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The rooms of the code and what each may use (the design's table): an
 * import may go to the same room or to one of lower rank, never up. Same
 * rank but another room (app and sweep; cli and server) is not allowed either.
 * util/ holds generic helpers (edit distance) below every room: it uses nothing of ours.
 */
const RANK: Record<string, number> = {
  util: -1,
  kep: 0,
  release: 1,
  tracking: 2,
  board: 3,
  github: 4,
  app: 5,
  sweep: 5,
  cli: 6,
  server: 6,
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

  it("has no import that climbs back up the table of rooms", () => {
    const climbing: string[] = [];
    for (const [from, targets] of graph) {
      const a = room(from);
      if (a === "entry") continue;
      for (const to of targets) {
        const b = room(to);
        if (a === b) continue;
        const [ra, rb] = [RANK[a], RANK[b]];
        if (ra === undefined || rb === undefined || rb >= ra) climbing.push(`${from} -> ${to}`);
      }
    }
    expect(climbing).toEqual([]);
  });

  it("keeps the CLI off the App: it runs the sweep and the GitHub client, never Probot's wiring", () => {
    const intoApp = [...graph].flatMap(([from, targets]) =>
      room(from) === "cli" ? targets.filter((to) => room(to) === "app").map((to) => `${from} -> ${to}`) : [],
    );
    expect(intoApp).toEqual([]);
  });

  it("keeps the entry point thin", () => {
    const entry = graph.get("index.ts") ?? [];
    expect(entry.every((to) => room(to) === "app")).toBe(true);
  });
});
