import { parseVersion } from "../kep/validate.js";

/**
 * The one reader of release names. A Kubernetes release as milestones, configs and commands name
 * it: "v1.37" (no leading zeros, no patch; three digits a part at most, so that no name is a
 * number a date or a comparison cannot hold).
 */
export const RELEASE_NAME = /^v(?:0|[1-9]\d{0,2})\.(?:0|[1-9]\d{0,2})$/;

export const isReleaseName = (text: string): boolean => RELEASE_NAME.test(text);

const WRITTEN_RELEASE = /^v?((?:0|[1-9]\d{0,2})\.(?:0|[1-9]\d{0,2}))(?:\.0)?$/;

/**
 * A release as people write it: "v1.37", "1.37" and "v1.37.0" name v1.37; anything else (a patch
 * release, "next", "v1.37-rc.1") is none, and null.
 */
export function parseRelease(text: string | null | undefined): string | null {
  const m = typeof text === "string" ? WRITTEN_RELEASE.exec(text.trim()) : null;
  return m ? `v${m[1]}` : null;
}

/** Releases in their order: negative when `a` comes first; NaN when either is no release. */
export function compareReleases(a: string | null | undefined, b: string | null | undefined): number {
  const [pa, pb] = [parseRelease(a), parseRelease(b)];
  if (!pa || !pb) return Number.NaN;
  const [ma, na] = pa.slice(1).split(".").map(Number);
  const [mb, nb] = pb.slice(1).split(".").map(Number);
  return ma! - mb! || na! - nb!;
}

/** The release after this one: "v1.38" after "v1.37"; null for a name that is not a release's. */
export function nextRelease(release: string): string | null {
  if (!isReleaseName(release)) return null;
  const [major, minor] = release.slice(1).split(".").map(Number);
  return `v${major}.${minor! + 1}`;
}

/** The release of a kep.yaml milestone, read as upstream CI reads it (semver): "v1.37.2" is in v1.37; null when none. */
export function releaseOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const v = parseVersion(text);
  return v ? `v${v.major}.${v.minor}` : null;
}

/** Whether release `a` is set and comes no later than `b` (both "v1.NN"). */
export function notLater(a: string | null, b: string): boolean {
  const [va, vb] = [a ? parseVersion(a) : null, parseVersion(b)];
  return !!va && !!vb && (va.major < vb.major || (va.major === vb.major && va.minor <= vb.minor));
}

/**
 * The release a sig-release README (or its Timeline table) is about: the one its rows name most
 * ("v1.37.0-rc.0 released", "release-1.37 branch created"); null when it names none.
 */
export function releaseOfSchedule(markdown: string): string | null {
  const counts = new Map<string, number>();
  for (const m of markdown.matchAll(/\b(?:v|release-|Kubernetes )(1\.\d{1,3})(?![\d])/g)) {
    const release = `v${m[1]}`;
    counts.set(release, (counts.get(release) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best ? best[0] : null;
}
