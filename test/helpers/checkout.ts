import { readFileSync } from "node:fs";
import { parsePrrApprovers, parseSigDirs } from "../../src/kep/approvers.js";
import type { Finding } from "../../src/kep/findings.js";
import { auditCheckout, type ValidationContext } from "../../src/kep/validate.js";
import { ENHANCEMENTS } from "./fixtures.js";

/** The real PRR approvers and SIG list from the fixtures. */
export const approvers = parsePrrApprovers(readFileSync(`${ENHANCEMENTS}/OWNERS_ALIASES`, "utf8"));
export const sigs = parseSigDirs(readFileSync(`${ENHANCEMENTS}/community-sigs.yaml`, "utf8"));

/** A checkout held in memory: relative path → file text. */
export function contextFor(files: Record<string, string>): ValidationContext {
  return { approvers, sigs, read: (path) => files[path] };
}

/** Audits an in-memory checkout and returns every finding, flattened. */
export function auditFiles(files: Record<string, string>): Finding[] {
  const result = auditCheckout(Object.keys(files), contextFor(files));
  return [...result.keps.flatMap((k) => k.report.findings), ...result.directories.flatMap((d) => d.findings)];
}

/** (rule, path:line) pairs, the shortest way to assert what a user is told. */
export const brief = (findings: Finding[]) => findings.map((f) => `${f.rule} ${f.path}${f.line ? `:${f.line}` : ""}`);

/** A valid implementable beta KEP, written as KEP authors write them. */
export const KEP = `title: Example feature
kep-number: 9999
authors:
  - "@alice"
owning-sig: sig-node
participating-sigs:
  - sig-apps
status: implementable
creation-date: 2025-01-01
reviewers: []
approvers:
  - "@mrunalp" # a SIG Node tech lead, as upstream asks of a sig-node KEP from v1.36 on
see-also: []
replaces: []
stage: beta
latest-milestone: "v1.36"
milestone:
  alpha: "v1.35"
  beta: "v1.36"
feature-gates:
  - name: ExampleFeature
    components:
      - kubelet
disable-supported: true
metrics:
  - example_total
`;

export const PRR = `kep-number: 9999
alpha:
  approver: "@johnbelamaric"
beta:
  approver: "@johnbelamaric"
`;

export const KEP_PATH = "keps/sig-node/9999-example-feature/kep.yaml";
export const PRR_PATH = "keps/prod-readiness/sig-node/9999.yaml";

/** The example KEP with its PRR file, optionally changed. */
export function exampleCheckout(kep: string = KEP, prr: string | null = PRR): Record<string, string> {
  const files: Record<string, string> = { [KEP_PATH]: kep, "keps/sig-node/9999-example-feature/README.md": "# Example\n" };
  if (prr !== null) files[PRR_PATH] = prr;
  return files;
}

/** Replaces one `key: value` line of the example KEP (or removes it with null). */
export function withField(key: string, value: string | null, kep: string = KEP): string {
  const re = new RegExp(`^${key}:.*\\n(?:[ -].*\\n)*`, "m");
  if (!re.test(kep)) return value === null ? kep : `${kep}${key}: ${value}\n`;
  return kep.replace(re, value === null ? "" : `${key}: ${value}\n`);
}
