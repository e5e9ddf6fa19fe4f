import { isStage, type Stage } from "../kep/kep-file.js";
import { prrPath } from "../kep/prr-file.js";
import { parseVersion, type ValidatedKep } from "../kep/validate.js";

/** "v1.37", "1.37", "v1.37.0" → "v1.37"; null when it is no release. */
export function releaseOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const v = parseVersion(text);
  return v ? `v${v.major}.${v.minor}` : null;
}

/** Whether release `a` is set and comes no later than `b` (both "v1.NN"). */
function notLater(a: string | null, b: string): boolean {
  const [va, vb] = [a ? parseVersion(a) : null, parseVersion(b)];
  return !!va && !!vb && (va.major < vb.major || (va.major === vb.major && va.minor <= vb.minor));
}

export const DEPRECATION_STAGES: readonly Stage[] = ["deprecated", "disabled", "removed"];

/** What a release does to a KEP, as the release board's Enhancement Type says it (board/desired.ts names each). */
export const CHANGE_KINDS = ["netNew", "graduating", "deprecation"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const isChangeKind = (s: string | null): s is ChangeKind => CHANGE_KINDS.some((k) => k === s);

export type ChangeFacts = {
  /** "v1.38". */
  release: string;
  /** The stage the KEP targets in this release. */
  stage: Stage | null;
  /** kep.yaml's `status`. */
  kepStatus: string | null;
  /** kep.yaml's `milestone` map: the release of each stage. */
  milestone: Partial<Record<Stage, string | null>>;
};

/** The change facts of the stage a verdict found and the KEP's kep.yaml (none known without one). */
export const changeFactsOf = (release: string, stage: Stage | null, kep: ValidatedKep | null): ChangeFacts => ({
  release,
  stage,
  kepStatus: kep?.metadata.status ?? null,
  milestone: kep?.metadata.milestone ?? {},
});

const GRADUATIONS: readonly Stage[] = ["beta", "stable"];

/**
 * netNew for a KEP first targeting alpha in this release, graduating for a move to beta or
 * stable in this release, deprecation for a withdrawn KEP or one moving to deprecated, disabled
 * or removed in this release; otherwise null (a KEP staying in beta for another release is no
 * stage change, and a "Major Change" is for people to say).
 */
export function changeKind(f: ChangeFacts): ChangeKind | null {
  if (f.kepStatus === "withdrawn") return "deprecation";
  const stage = f.stage;
  if (!stage) return null;
  const thisRelease = (s: Stage) => {
    const at = f.milestone[s];
    return at === undefined || at === null ? null : releaseOf(at) === f.release;
  };
  if (stage === "alpha") {
    // Set to this release, or not yet written down: either way alpha starts now.
    const earlierStages = GRADUATIONS.some((s) => f.milestone[s]);
    return thisRelease("alpha") !== false && !earlierStages ? "netNew" : null;
  }
  if (GRADUATIONS.includes(stage)) return thisRelease(stage) !== false ? "graduating" : null;
  return DEPRECATION_STAGES.includes(stage) && thisRelease(stage) !== false ? "deprecation" : null;
}

/** What the release checklist needs to know about one version of a KEP's files. */
export type KepFacts = {
  path: string;
  prrPath: string | null;
  stage: Stage | null;
  /** kep.yaml's own stage is that stage. */
  namesStage: boolean;
  /** latest-milestone is the release. */
  targetsRelease: boolean;
  /** milestone.<stage> is set, to this release or an earlier one (a KEP may stay in beta for several). */
  milestoneMapped: boolean;
  status: string | null;
  /** implementable (or already implemented), or withdrawn for a deprecation (domain guide, section 3). */
  statusReady: boolean;
  /** The PRR file names someone for the stage. */
  prrNamed: boolean;
  /** ...and upstream CI accepts that approval. */
  prrApproved: boolean;
  errors: string[];
};

/**
 * The facts of one version of a KEP for `release`. PRR approval and the
 * milestone map are judged for `target` (the stage the KEP is heading for in
 * this release) when known, else for the stage this version names.
 */
export function kepFacts(kep: ValidatedKep, release: string, target: Stage | null = null): KepFacts {
  return Object.freeze(factsOf(kep, release, target));
}

function factsOf(kep: ValidatedKep, release: string, target: Stage | null): KepFacts {
  const m = kep.metadata;
  const own = isStage(m.stage) ? m.stage : null;
  const stage = target ?? own;
  const errors = kep.report.findings.filter((f) => f.severity === "error");
  const prrNamed = !!stage && !!kep.prr?.stages[stage]?.approver;
  // Upstream checks the approver only for kep.yaml's own stage; for another target stage a named
  // approver is taken as given until kep.yaml moves to it and upstream CI checks the name.
  const prrOk = own !== stage || !errors.some((f) => f.rule.startsWith("prr-"));
  return {
    path: kep.report.path,
    namesStage: own !== null && own === stage,
    prrPath: m.owningSig && m.number ? prrPath(m.owningSig, m.number) : null,
    stage,
    targetsRelease: releaseOf(m.latestMilestone) === release,
    milestoneMapped: !!stage && notLater(releaseOf(m.milestone[stage]), release),
    status: m.status,
    statusReady:
      m.status === "implementable" ||
      m.status === "implemented" ||
      (m.status === "withdrawn" && !!stage && DEPRECATION_STAGES.includes(stage)),
    prrNamed,
    prrApproved: prrNamed && prrOk,
    errors: errors.map((f) => `${f.rule} ${f.path}${f.line ? `:${f.line}` : ""}: ${f.message}`),
  };
}
