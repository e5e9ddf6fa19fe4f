/**
 * Rule ids, as named in the domain guide. Errors are what upstream CI
 * (`hack/verify-kep-metadata.sh`, `hack/verify-node-approvers.sh`) fails a
 * KEP for; warnings are what only `kepctl create`, or nobody, checks, so
 * merged KEPs may carry them. Their own module, so that the findings and the
 * report's schema both depend on it and not on each other.
 */

/** SIG Node's approver rules (node-approvers.ts), one per kind of upstream violation. */
export const NODE_RULES = [
  "sig-node-owners-missing",
  "sig-node-reviewer-not-in-owners",
  "sig-node-approver-not-in-owners",
  "sig-node-reviewer-not-marked",
  "sig-node-approver-not-marked",
  "sig-node-no-approvers",
  "sig-node-alpha-needs-tech-lead",
  "sig-node-alpha-marker",
  "sig-node-needs-tech-lead-or-marker",
  "sig-node-file-invalid",
] as const;

export const ERROR_RULES = [
  "kep-metadata-missing",
  "no-keps",
  "yaml-invalid",
  "unknown-field",
  "wrong-type",
  "required-field",
  "prr-latest-milestone-missing",
  "prr-stage-missing",
  "prr-latest-milestone-invalid",
  "prr-file-missing",
  "prr-file-invalid",
  "prr-stage-invalid",
  "prr-no-stages",
  "prr-stage-not-approved",
  "prr-approver-invalid",
  ...NODE_RULES,
] as const;

export const WARNING_RULES = [
  "status-invalid",
  "stage-invalid",
  "owning-sig-unknown",
  "participating-sig-unknown",
  "implemented-not-stable",
] as const;
