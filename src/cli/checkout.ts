import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { decodeUtf8, type Utf8Problem } from "../kep/utf8.js";

/** The files of an enhancements checkout on disk, as paths relative to its root. */
export type CheckoutFiles = {
  paths: string[];
  read: (path: string) => string | undefined;
  /** Where a file read so far is not valid UTF-8, if it is not. */
  utf8Problem: (path: string) => Utf8Problem | null;
};

/** Whether `path` is a folder; false, not ENOTDIR, when a part of it is a file. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}
const ROOT = "the root of a kubernetes/enhancements checkout, the folder that holds keps/";

/** Why `dir` is not an enhancements checkout, naming the folder to give where it can; null when it is one. */
function notACheckout(dir: string): string | null {
  if (isDirectory(join(dir, "keps"))) return null;
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) return `${dir} does not exist: give ${ROOT}`;
  const parent = dirname(dir.replace(/(.)\/+$/, "$1"));
  if (!stat.isDirectory()) {
    const root = isDirectory(join(parent, "keps")) ? parent : null;
    return `${dir} is a file: give ${ROOT}${root ? ` (here: ${root})` : ""}`;
  }
  if (basename(resolve(dir)) === "keps") return `${dir} is the keps/ folder itself: give the folder above it, ${parent}`;
  return `${dir} has no keps/ folder: give ${ROOT}`;
}

/** Lists `<dir>/keps/**` once and reads files on demand. Throws if `<dir>/keps` is not a directory. */
export function readCheckout(dir: string): CheckoutFiles {
  const keps = join(dir, "keps");
  const problem = notACheckout(dir);
  if (problem) throw new Error(problem);
  const paths = readdirSync(keps, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `keps/${relative(keps, e.parentPath).split(sep).join("/")}/${e.name}`.replace("keps//", "keps/"));
  const known = new Set(paths);
  const problems = new Map<string, Utf8Problem>();
  const read = (path: string) => {
    if (!known.has(path)) return undefined;
    const { text, problem } = decodeUtf8(readFileSync(join(dir, path)));
    if (problem) problems.set(path, problem);
    return text;
  };
  return { paths, read, utf8Problem: (path) => problems.get(path) ?? null };
}
