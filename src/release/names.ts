import { parseVersion } from "../kep/validate.js";

/** A Kubernetes release as milestones, configs and commands name it: "v1.37" (no leading zeros, no patch). */
export const RELEASE_NAME = /^v(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

export const isReleaseName = (text: string): boolean => RELEASE_NAME.test(text);

/** The release after this one: "v1.38" after "v1.37"; null for a name that is not a release's. */
export function nextRelease(release: string): string | null {
  if (!isReleaseName(release)) return null;
  const [major, minor] = release.slice(1).split(".").map(Number);
  return `v${major}.${minor! + 1}`;
}

/** "v1.37", "1.37", "v1.37.0" → "v1.37"; null when it is no release. */
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
