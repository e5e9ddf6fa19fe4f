import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { decodeUtf8, type Utf8Problem } from "../kep/utf8.js";

/** The files of an enhancements checkout on disk, as paths relative to its root. */
export type CheckoutFiles = {
  paths: string[];
  read: (path: string) => string | undefined;
  /** Where a file read so far is not valid UTF-8, if it is not. */
  utf8Problem: (path: string) => Utf8Problem | null;
};

/** Lists `<dir>/keps/**` once and reads files on demand. Throws if `<dir>/keps` is not a directory. */
export function readCheckout(dir: string): CheckoutFiles {
  const keps = join(dir, "keps");
  if (!statSync(keps, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${keps} is not a directory: give the root of a kubernetes/enhancements checkout`);
  }
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
