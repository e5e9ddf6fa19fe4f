/** A Kubernetes release as milestones, configs and commands name it: "v1.37" (no leading zeros, no patch). */
export const RELEASE_NAME = /^v(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

export const isReleaseName = (text: string): boolean => RELEASE_NAME.test(text);
