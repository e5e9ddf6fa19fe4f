import { type Finding, finding } from "../findings.js";
import {
  APPROVER_MARKER,
  milestoneMinor,
  type NodeApproverInputs,
  type NodeViolation,
  OFFLINE_UPCOMING_MINOR,
  ownersPathOf,
  REVIEWER_MARKER,
  verifyNodeApprovers,
} from "./approvers.js";
import { readTechLeads, TECH_LEADS_ALIAS } from "./files.js";

/** What the validator needs for SIG Node's approver check. */
export type NodeApproverContext = {
  /** sig-node-tech-leads from OWNERS_ALIASES, or why it could not be read (reported once, by auditCheckout). */
  techLeads: ReadonlySet<string> | Error;
  /** The upcoming release's minor (37 for v1.37); upstream's offline fallback is 999. */
  upcomingMinor: number;
  /** Where the tech leads were read from, for the finding when they could not be. */
  aliasesPath: string;
};

/**
 * The context from OWNERS_ALIASES' text (undefined: it could not be read) and
 * the upcoming release ("v1.37"; null: unknown, upstream's offline fallback).
 */
export function nodeApproverContext(
  aliasesText: string | undefined,
  release: string | null,
  aliasesPath = "OWNERS_ALIASES",
): NodeApproverContext {
  let techLeads: ReadonlySet<string> | Error;
  try {
    techLeads = aliasesText === undefined ? new Error("the file could not be read") : readTechLeads(aliasesText);
  } catch (e) {
    techLeads = e instanceof Error ? e : new Error(String(e));
  }
  const minor = release ? milestoneMinor(release) : 0;
  return { techLeads, upcomingMinor: minor > 0 ? minor : OFFLINE_UPCOMING_MINOR, aliasesPath };
}

/** What to change, per rule, after upstream's own words. */
function fixFor(v: NodeViolation, ownersPath: string): string {
  switch (v.rule) {
    case "sig-node-owners-missing":
      return `add ${ownersPath} listing "${v.user}" under ${v.role}s, or remove the # sig-node-assigned-${v.role} marker`;
    case "sig-node-reviewer-not-in-owners":
    case "sig-node-approver-not-in-owners":
      return `add "${v.user}" under ${v.role}s: in ${ownersPath}, or remove the marker`;
    case "sig-node-reviewer-not-marked":
      return `mark "@${v.user}" in kep.yaml's reviewers with # ${REVIEWER_MARKER}, or remove them from OWNERS`;
    case "sig-node-approver-not-marked":
      return `mark "@${v.user}" in kep.yaml's approvers with # ${APPROVER_MARKER}, or remove them from OWNERS`;
    case "sig-node-no-approvers":
    case "sig-node-alpha-needs-tech-lead":
      return `list a member of ${TECH_LEADS_ALIAS} (OWNERS_ALIASES) under approvers, by login (the alias itself does not count)`;
    case "sig-node-alpha-marker":
      return `remove the # ${APPROVER_MARKER} marker: an alpha KEP is approved by a tech lead`;
    case "sig-node-needs-tech-lead-or-marker":
      return (
        `list a member of ${TECH_LEADS_ALIAS} under approvers, ` +
        `or mark the SIG Node approver with # ${APPROVER_MARKER} (and list them in ${ownersPath})`
      );
    case "sig-node-file-invalid":
      return "fix the YAML";
  }
}

/** A violation as upstream prints it (without the path), then what to do. */
export function nodeFinding(v: NodeViolation, kepPath: string): Finding {
  const upstream = v.user
    ? `assigned ${v.role} "${v.user}" ${v.reason}`
    : v.reason.startsWith("parsing ")
      ? v.reason
      : `${v.role} ${v.reason}`;
  return finding(v.rule, v.path, v.line, `${upstream} (upstream's verify-node-approvers.sh): ${fixFor(v, ownersPathOf(kepPath))}.`);
}

/** SIG Node's approver findings for one kep.yaml of a checkout, its OWNERS read through `read`. */
export function nodeApproverFindings(
  kepPath: string,
  kepText: string,
  read: (path: string) => string | undefined,
  ctx: NodeApproverContext,
  known?: NodeApproverInputs["known"],
): Finding[] {
  const violations = verifyNodeApprovers({
    kepPath,
    kepText,
    ownersText: read(ownersPathOf(kepPath)),
    techLeads: ctx.techLeads,
    upcomingMinor: ctx.upcomingMinor,
    known,
  });
  return violations.map((v) => nodeFinding(v, kepPath));
}
