import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** The files of an enhancements checkout on disk, as paths relative to its root. */
export type CheckoutFiles = {
  paths: string[];
  read: (path: string) => string | undefined;
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
  return {
    paths,
    read: (path) => (known.has(path) ? readFileSync(join(dir, path), "utf8") : undefined),
  };
}
