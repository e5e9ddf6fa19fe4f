import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diskCache } from "../../src/cli/disk-cache.js";

// The built module (npm test builds first), in a process of its own: a hang must not take the test runner with it.
const MODULE = new URL("../../dist/src/cli/disk-cache.js", import.meta.url).pathname;

describe("the CLI's read cache on disk", () => {
  it("gives back what it was given, under its own key only", () => {
    const dir = mkdtempSync(join(tmpdir(), "kep-cache-"));
    const cache = diskCache(dir, () => {});
    cache.set("tree:a/b@1", '[{"path":"keps/x","sha":"s","size":1}]');
    expect(cache.get("tree:a/b@1")).toBe('[{"path":"keps/x","sha":"s","size":1}]');
    expect(cache.get("tree:a/b@2")).toBeUndefined();
  });

  it("ignores a file that parses but was not written for its key (`[]` put there by hand or by another version)", () => {
    const dir = mkdtempSync(join(tmpdir(), "kep-cache-"));
    const cache = diskCache(dir, () => {});
    cache.set("tree:a/b@1", '[{"path":"keps/x","sha":"s","size":1}]');
    const [sub] = readdirSync(dir);
    const [name] = readdirSync(join(dir, sub!));
    writeFileSync(join(dir, sub!, name!), "[]");
    expect(cache.get("tree:a/b@1")).toBeUndefined();
  });

  it("under /proc, where a directory cannot be made, says so within seconds and goes on without a cache", () => {
    const script = `
      const { diskCache } = await import(${JSON.stringify(MODULE)});
      const cache = diskCache("/proc/kep-tracker-cache", (m) => console.log("warn: " + m));
      cache.set("tree:a/b@1", "[]");
      console.log("got: " + cache.get("tree:a/b@1"));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain("warn: cannot write the cache in /proc/kep-tracker-cache");
    expect(run.stdout).toContain("got: undefined");
  }, 30_000);
});
