import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ReadCache } from "../github/repo-reader.js";
import { errorMessage } from "../util/narrow.js";
import type { Env } from "./github.js";

/**
 * The CLI's read cache on disk: one file per key (a commit's tree listing,
 * a code search at a commit), so it never holds anything stale and losing it
 * costs only requests. Several runs may share it: files are written whole.
 */
export function defaultCacheDir(env: Env): string {
  if (env.KEP_TRACKER_CACHE_DIR) return env.KEP_TRACKER_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "kep-tracker");
}

export function diskCache(dir: string, warn: (message: string) => void): ReadCache {
  let broken = false;
  const file = (key: string) => {
    const h = createHash("sha256").update(key).digest("hex");
    return { dir: join(dir, h.slice(0, 2)), path: join(dir, h.slice(0, 2), h.slice(2)) };
  };
  return {
    get(key) {
      if (broken) return undefined;
      try {
        return readFileSync(file(key).path, "utf8");
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      if (broken) return;
      const f = file(key);
      try {
        mkdirSync(f.dir, { recursive: true });
        const tmp = `${f.path}.${process.pid}.tmp`;
        writeFileSync(tmp, value);
        renameSync(tmp, f.path);
      } catch (e) {
        broken = true;
        warn(`cannot write the cache in ${dir} (${errorMessage(e)}); going on without it`);
      }
    },
  };
}
