/**
 * Where the KEPs are in a checkout, worked out from a flat list of file paths
 * (a directory walk or one git tree listing) exactly as upstream's walk does:
 * directories in byte order; a directory with a kep.yaml is one KEP and
 * nothing after kep.yaml in it is looked at; `prod-readiness` is skipped; a
 * README.md in a directory without kep.yaml (other than keps/) is a KEP
 * whose metadata is missing.
 */
export type KepLayout = {
  /** kep.yaml paths, in walk order. */
  kepFiles: string[];
  /** Directories holding README.md but no kep.yaml. */
  missingMetadata: string[];
};

export const KEPS_DIR = "keps";
export const PRR_DIR_NAME = "prod-readiness";

type Dir = { files: Set<string>; dirs: Set<string> };

function index(paths: Iterable<string>): Map<string, Dir> {
  const dirs = new Map<string, Dir>();
  const dirOf = (p: string) => {
    const known = dirs.get(p);
    if (known) return known;
    const d: Dir = { files: new Set(), dirs: new Set() };
    dirs.set(p, d);
    return d;
  };
  for (const path of paths) {
    if (!path.startsWith(`${KEPS_DIR}/`)) continue;
    const parts = path.split("/");
    for (let i = 1; i < parts.length - 1; i++) dirOf(parts.slice(0, i).join("/")).dirs.add(parts[i]!);
    dirOf(parts.slice(0, -1).join("/")).files.add(parts[parts.length - 1]!);
  }
  return dirs;
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function findKeps(paths: Iterable<string>): KepLayout {
  const dirs = index(paths);
  const layout: KepLayout = { kepFiles: [], missingMetadata: [] };
  const walk = (path: string) => {
    const dir = dirs.get(path);
    if (!dir) return;
    const hasKep = dir.files.has("kep.yaml");
    const entries = [
      ...[...dir.files].map((name) => ({ name, isDir: false })),
      ...[...dir.dirs].map((name) => ({ name, isDir: true })),
    ].sort((a, b) => byteOrder(a.name, b.name));
    for (const { name, isDir } of entries) {
      if (isDir) {
        if (name !== PRR_DIR_NAME) walk(`${path}/${name}`);
      } else if (hasKep && name === "kep.yaml") {
        layout.kepFiles.push(`${path}/kep.yaml`);
        return;
      } else if (!hasKep && name === "README.md" && path !== KEPS_DIR) {
        layout.missingMetadata.push(path);
      }
    }
  };
  walk(KEPS_DIR);
  return layout;
}
