import { errorMessage } from "../../util/narrow.js";
import type { NODE_RULES } from "../rules.js";
import { type NodeKep, type Owners, readNodeKep, readOwners, TECH_LEADS_ALIAS } from "./files.js";

/**
 * SIG Node's approver rules, as upstream CI checks them
 * (`hack/verify-node-approvers.sh`, package `pkg/nodeapprovers`):
 *
 * 1. Markers: a reviewer or approver of a kep.yaml marked with the inline
 *    comment `# sig-node-assigned-reviewer` / `# sig-node-assigned-approver`
 *    must be listed under the same key in the OWNERS file beside it, and every
 *    entry of that OWNERS file must be marked in kep.yaml. Every kep.yaml under
 *    keps/ is checked, whatever its SIG.
 * 2. Tech leads, for kep.yaml under keps/sig-node/ with latest-milestone v1.36
 *    or later (withdrawn, rejected and replaced KEPs skipped): an alpha KEP of
 *    the upcoming release or later lists a `sig-node-tech-leads` member and
 *    no marker; any other lists a tech lead or a marked approver.
 *
 * Pure functions of the files' texts; the reasons are upstream's, word for word.
 */

export const REVIEWER_MARKER = "sig-node-assigned-reviewer";
export const APPROVER_MARKER = "sig-node-assigned-approver";
/** latest-milestone minors below this are not held to the tech-lead rules. */
export const MIN_ENFORCED_MINOR = 36;
/** Upstream's upcoming release when it cannot ask GitHub: every alpha KEP counts as active. */
export const OFFLINE_UPCOMING_MINOR = 999;

export type NodeRule = (typeof NODE_RULES)[number];

export type Role = "reviewer" | "approver";

/** One of upstream's violations, with where to fix it. */
export type NodeViolation = {
  rule: NodeRule;
  role: Role;
  /** Normalised login (lowercase, no "@"); empty for a file-level violation. */
  user: string;
  /** Upstream's reason, verbatim. */
  reason: string;
  /** The file to change (kep.yaml or OWNERS) and the line there. */
  path: string;
  line: number | null;
};

type Where = { kepPath: string; ownersPath: string };

const violation = (rule: NodeRule, role: Role, user: string, reason: string, path: string, line: number | null): NodeViolation => ({
  rule,
  role,
  user,
  reason,
  path,
  line,
});

/** The markers of one kep.yaml against the OWNERS beside it (undefined: no OWNERS file). */
export function checkMarkers(kep: NodeKep, owners: Owners | undefined, where: Where): NodeViolation[] {
  const reviewers = kep.reviewers.filter((e) => e.marker === REVIEWER_MARKER);
  const approvers = kep.approvers.filter((e) => e.marker === APPROVER_MARKER);
  if (!owners) {
    return [
      ...reviewers.map((e) => violation("sig-node-owners-missing", "reviewer", e.user, "OWNERS file not found", where.kepPath, e.line)),
      ...approvers.map((e) => violation("sig-node-owners-missing", "approver", e.user, "OWNERS file not found", where.kepPath, e.line)),
    ];
  }
  const out: NodeViolation[] = [];
  const listed = (list: Array<{ user: string }>, user: string) => list.some((x) => x.user === user);
  for (const e of reviewers) {
    if (!listed(owners.reviewers, e.user))
      out.push(
        violation("sig-node-reviewer-not-in-owners", "reviewer", e.user, "not listed under reviewers in OWNERS", where.kepPath, e.line),
      );
  }
  for (const e of approvers) {
    if (!listed(owners.approvers, e.user))
      out.push(
        violation("sig-node-approver-not-in-owners", "approver", e.user, "not listed under approvers in OWNERS", where.kepPath, e.line),
      );
  }
  // The reverse: every OWNERS entry needs its marker in kep.yaml.
  for (const o of owners.reviewers) {
    if (!listed(reviewers, o.user)) {
      out.push(
        violation(
          "sig-node-reviewer-not-marked",
          "reviewer",
          o.user,
          `listed in OWNERS but not annotated as ${REVIEWER_MARKER} in kep.yaml`,
          where.ownersPath,
          o.line,
        ),
      );
    }
  }
  for (const o of owners.approvers) {
    if (!listed(approvers, o.user)) {
      out.push(
        violation(
          "sig-node-approver-not-marked",
          "approver",
          o.user,
          `listed in OWNERS but not annotated as ${APPROVER_MARKER} in kep.yaml`,
          where.ownersPath,
          o.line,
        ),
      );
    }
  }
  return out;
}

/**
 * The minor of a milestone as upstream's parseMilestoneMinor reads it ("v1.36"
 * is 36); 0 when it cannot (Go's Atoi: an optional sign, decimal digits, 64 bits).
 */
export function milestoneMinor(milestone: string): number {
  const text = milestone
    .replace(/^"+|"+$/g, "")
    .trim()
    .replace(/^v/, "");
  const parts = text.split(".");
  if (parts.length < 2) return 0;
  const minor = parts[1]!;
  if (!/^[+-]?\d+$/.test(minor)) return 0;
  const n = BigInt(minor);
  return n > 9223372036854775807n || n < -9223372036854775808n ? 0 : Number(n);
}

const INACTIVE = new Set(["withdrawn", "rejected", "replaced"]);

/** The tech-lead rules for one kep.yaml under keps/sig-node/; `upcomingMinor` is the upcoming release's minor. */
export function checkTechLeads(kep: NodeKep, techLeads: ReadonlySet<string>, upcomingMinor: number, kepPath: string): NodeViolation[] {
  if (INACTIVE.has(kep.status)) return [];
  // A missing or unreadable milestone (minor 0) predates the policy, as upstream decides.
  const minor = milestoneMinor(kep.latestMilestone);
  if (minor < MIN_ENFORCED_MINOR) return [];
  const at = kep.approversLine;
  if (kep.approvers.length === 0) return [violation("sig-node-no-approvers", "approver", "", "no approvers listed", kepPath, at)];
  const hasTechLead = kep.approvers.some((e) => techLeads.has(e.user));
  const marked = kep.approvers.filter((e) => e.marker === APPROVER_MARKER);
  if (kep.stage === "alpha" && minor >= upcomingMinor) {
    const out: NodeViolation[] = [];
    if (!hasTechLead)
      out.push(
        violation(
          "sig-node-alpha-needs-tech-lead",
          "approver",
          "",
          `alpha-stage KEP must list at least one ${TECH_LEADS_ALIAS} member as approver`,
          kepPath,
          at,
        ),
      );
    for (const e of marked)
      out.push(
        violation("sig-node-alpha-marker", "approver", e.user, `alpha-stage KEP must not use # ${APPROVER_MARKER} marker`, kepPath, e.line),
      );
    return out;
  }
  if (hasTechLead || marked.length) return [];
  return [
    violation(
      "sig-node-needs-tech-lead-or-marker",
      "approver",
      "",
      `non-alpha KEP must list a ${TECH_LEADS_ALIAS} member or an approver marked # ${APPROVER_MARKER}`,
      kepPath,
      at,
    ),
  ];
}

/** Whether upstream's tech-lead check looks at this kep.yaml: it walks keps/sig-node/, whatever owning-sig says. */
export const inSigNodeTree = (kepPath: string): boolean => kepPath.startsWith("keps/sig-node/");

/** The OWNERS file upstream reads for a kep.yaml: the one in the same directory. */
export const ownersPathOf = (kepPath: string): string => kepPath.replace(/[^/]*$/, "OWNERS");

const unreadable = (path: string, why: string): NodeViolation =>
  violation("sig-node-file-invalid", "approver", "", `parsing ${path}: ${why}`, path, null);

type ReadKep = ReturnType<typeof readNodeKep>;

function markersOf(kepPath: string, kep: ReadKep, ownersText: string | undefined): NodeViolation[] {
  if ("problem" in kep) return [unreadable(kepPath, kep.problem)];
  const ownersPath = ownersPathOf(kepPath);
  let owners: Owners | undefined;
  if (ownersText !== undefined) {
    try {
      owners = readOwners(ownersText);
    } catch (e) {
      return [unreadable(ownersPath, errorMessage(e))];
    }
  }
  return checkMarkers(kep.kep, owners, { kepPath, ownersPath });
}

// A kep.yaml whose text holds neither marker has no marked entry: it is
// decided without parsing it a second time (most are), and without an OWNERS
// file there is nothing to check at all.
const hasMarkers = (kepText: string) => kepText.includes(REVIEWER_MARKER) || kepText.includes(APPROVER_MARKER);
const NO_MARKERS: ReadKep = { kep: { status: "", stage: "", latestMilestone: "", reviewers: [], approvers: [], approversLine: null } };
const needsMarkers = (kepText: string, ownersText: string | undefined) => ownersText !== undefined || hasMarkers(kepText);

/** Upstream's VerifyKEP: the markers of one kep.yaml against the OWNERS text beside it (undefined when there is none). */
export function verifyMarkers(kepPath: string, kepText: string, ownersText: string | undefined): NodeViolation[] {
  if (!needsMarkers(kepText, ownersText)) return [];
  return markersOf(kepPath, hasMarkers(kepText) ? readNodeKep(kepText) : NO_MARKERS, ownersText);
}

/** Upstream's VerifyTechLeadApprovers for one kep.yaml. */
export function verifyTechLeads(kepPath: string, kepText: string, techLeads: ReadonlySet<string>, upcomingMinor: number): NodeViolation[] {
  const kep = readNodeKep(kepText);
  if ("problem" in kep) return [unreadable(kepPath, kep.problem)];
  return checkTechLeads(kep.kep, techLeads, upcomingMinor, kepPath);
}

export type NodeApproverInputs = {
  kepPath: string;
  kepText: string;
  /** The OWNERS file in the kep.yaml's directory; undefined when the directory has none. */
  ownersText: string | undefined;
  /** sig-node-tech-leads from OWNERS_ALIASES (readTechLeads), or why it could not be read. */
  techLeads: ReadonlySet<string> | Error;
  /** The upcoming release's minor (37 for v1.37); OFFLINE_UPCOMING_MINOR when unknown. */
  upcomingMinor: number;
  /**
   * status and latest-milestone from another parse of the same whole document,
   * when the caller has one: a KEP they put out of the tech-lead rules' reach is
   * then decided without parsing it again (most are).
   */
  known?: { status: string | null; latestMilestone: string | null };
};

/** Whether the tech-lead rules can apply at all, judged from fields already read. */
const outOfReach = (known: NodeApproverInputs["known"]): boolean =>
  !!known && (INACTIVE.has(known.status ?? "") || milestoneMinor(known.latestMilestone ?? "") < MIN_ENFORCED_MINOR);

/**
 * Both of upstream's checks for one kep.yaml, from the texts of the files
 * they read: what the App and `audit` call. A bad OWNERS_ALIASES is reported
 * by the caller once, not per KEP.
 */
export function verifyNodeApprovers(input: NodeApproverInputs): NodeViolation[] {
  const { kepPath, kepText, ownersText, techLeads } = input;
  const techLeadCheck = inSigNodeTree(kepPath) && !(techLeads instanceof Error) && !outOfReach(input.known);
  if (!techLeadCheck) return verifyMarkers(kepPath, kepText, ownersText);
  const kep = readNodeKep(kepText);
  if ("problem" in kep) return [unreadable(kepPath, kep.problem)];
  const markers = needsMarkers(kepText, ownersText) ? markersOf(kepPath, kep, ownersText) : [];
  return [...markers, ...checkTechLeads(kep.kep, techLeads, input.upcomingMinor, kepPath)];
}
