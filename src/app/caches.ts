import type { SigReleaseCache } from "../github/sig-release.js";
import type { TreeFile } from "../inputs/kep-reads.js";

/**
 * What one running App remembers between events. All of it can be lost at
 * any time (GitHub is the database); it only saves requests and repeated
 * log lines. One instance per App, so tests and replicas start clean.
 */
export type Caches = {
  /** keps/ listings by "owner/repo@sha": a commit never changes. */
  trees: Map<string, TreeFile[]>;
  /** Positive team-membership answers, by "org/team/login", with when they were given. */
  members: Map<string, number>;
  /**
   * Negative team-membership answers, by "org/team/login", with when they were given: kept
   * briefly, so a repeated refused command asks nothing again.
   */
  nonMembers: Map<string, number>;
  /** sig-release schedules by release, with when they were read. */
  sigRelease: SigReleaseCache;
  /** When the App last answered unknown commands, by "issue/login": such replies are limited per user and issue. */
  unknownReplies: Map<string, number[]>;
  /** Configuration problems already logged. */
  reported: Set<string>;
};

export function createCaches(): Caches {
  return {
    trees: new Map(),
    members: new Map(),
    nonMembers: new Map(),
    unknownReplies: new Map(),
    sigRelease: new Map(),
    reported: new Set(),
  };
}
