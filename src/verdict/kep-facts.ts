import { isStage, type Stage } from "../kep/kep-file.js";
import { prrPath } from "../kep/prr-file.js";
import type { ValidatedKep } from "../kep/validate.js";
import { DEPRECATION_STAGES } from "../release/change-kind.js";
import { notLater, releaseOf } from "../release/names.js";

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
 * Whether the milestone map gives the stage a release no later than this one. A deprecation or
 * removal need not name its own stage: upstream CI does not ask for it, and the team takes the
 * map's deprecated, disabled or removed entry, or else latest-milestone, for it.
 */
function mapped(map: Partial<Record<Stage, string | null>>, stage: Stage, release: string, targets: boolean): boolean {
  if (!DEPRECATION_STAGES.includes(stage) || map[stage]) return notLater(releaseOf(map[stage]), release);
  const named = DEPRECATION_STAGES.map((s) => map[s]).filter((v): v is string => !!v);
  return named.length ? named.some((v) => notLater(releaseOf(v), release)) : targets;
}

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
    milestoneMapped: !!stage && mapped(m.milestone, stage, release, releaseOf(m.latestMilestone) === release),
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
