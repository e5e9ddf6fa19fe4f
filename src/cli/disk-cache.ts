import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve, sep } from "node:path";
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

/**
 * Makes `path` and its parents one level at a time. Node's recursive mkdir loops for ever where a
 * parent exists but refuses children with ENOENT (/proc): here that is an error at once.
 */
function makeDirs(path: string): void {
  const parts = resolve(path).split(sep);
  for (let i = 2; i <= parts.length; i++) {
    try {
      mkdirSync(parts.slice(0, i).join(sep) || sep);
    } catch (e) {
      if (!(e instanceof Error && "code" in e && e.code === "EEXIST")) throw e;
    }
  }
}

/** Each file starts with its key on a line: a file of another key, version or hand is not an answer. */
const HEADER = (key: string) => `kep-tracker cache 1 ${JSON.stringify(key)}\n`;

export function diskCache(dir: string, warn: (message: string) => void): ReadCache {
  let broken = false;
  const file = (key: string) => {
    const h = createHash("sha256").update(key).digest("hex");
    return { dir: join(dir, h.slice(0, 2)), path: join(dir, h.slice(0, 2), h.slice(2)) };
  };
  return {
    get(key) {
      if (broken) return undefined;
      let text: string;
      try {
        text = readFileSync(file(key).path, "utf8");
      } catch {
        return undefined;
      }
      const header = HEADER(key);
      return text.startsWith(header) ? text.slice(header.length) : undefined;
    },
    set(key, value) {
      if (broken) return;
      const f = file(key);
      try {
        makeDirs(f.dir);
        const tmp = `${f.path}.${process.pid}.tmp`;
        writeFileSync(tmp, HEADER(key) + value);
        renameSync(tmp, f.path);
      } catch (e) {
        broken = true;
        warn(`cannot write the cache in ${dir} (${errorMessage(e)}); going on without it`);
      }
    },
  };
}
