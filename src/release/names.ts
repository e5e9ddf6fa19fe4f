/** A Kubernetes release as milestones, configs and commands name it: "v1.37" (no leading zeros, no patch). */
export const RELEASE_NAME = /^v(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

export const isReleaseName = (text: string): boolean => RELEASE_NAME.test(text);

/** The release after this one: "v1.38" after "v1.37"; null for a name that is not a release's. */
export function nextRelease(release: string): string | null {
  if (!isReleaseName(release)) return null;
  const [major, minor] = release.slice(1).split(".").map(Number);
  return `v${major}.${minor! + 1}`;
}
