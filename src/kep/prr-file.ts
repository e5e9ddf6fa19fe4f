import { fromKeys } from "../util/narrow.js";
import { type Finding, finding } from "./findings.js";
import { STAGES, type Stage } from "./kep-file.js";
import { checkShape, type Spec, schemaOf } from "./shape.js";
import { locate, parseYaml, toText } from "./yaml-text.js";

/** The PRR approval file as upstream's strict decoder accepts it. */
export const PRR_FILE_SPEC = {
  "kep-number": "text",
  ...fromKeys(STAGES, () => ({ approver: "text" }) as const),
} as const satisfies Spec;
const PRR_FILE_SCHEMA = schemaOf(PRR_FILE_SPEC);

export type PrrApproval = {
  path: string;
  /** Stage blocks present in the file; the approver as written (may be empty). */
  stages: Partial<Record<Stage, { approver: string }>>;
  /** The line of a stage's approver, worked out only when a message needs it. */
  approverLine: (stage: Stage) => number | null;
};

export type ParsedPrr = {
  /** Null when the file cannot be read as a PRR file at all. */
  approval: PrrApproval | null;
  findings: Finding[];
};

/** Where PRR approval files live: one per KEP, under its owning SIG. */
export const PRR_DIR = "keps/prod-readiness/";

export const prrPath = (owningSig: string, kepNumber: string): string => `${PRR_DIR}${owningSig}/${kepNumber}.yaml`;

const PRR_FILE = /^keps\/prod-readiness\/[^/]+\/(\d+)\.yaml$/;

/** The KEP number a PRR file is for ("keps/prod-readiness/sig-node/1234.yaml": 1234); null for any other path. */
export function prrNumberOf(path: string): number | null {
  const m = PRR_FILE.exec(path);
  return m ? Number(m[1]) : null;
}

/**
 * Parses a PRR approval file. Any problem upstream's strict decoding would
 * fail on is `prr-file-invalid`, except an empty approver in the block of the
 * KEP's own stage, which `prr-approver-invalid` reports more precisely.
 */
export function parsePrrFile(path: string, source: string, kepStage: string | null): ParsedPrr {
  const findings: Finding[] = [];
  const invalid = (line: number | null, msg: string) =>
    findings.push(
      finding(
        "prr-file-invalid",
        path,
        line,
        `${msg}: upstream CI cannot read the PRR file; fix it to match keps/prod-readiness/template/nnnn.yaml.`,
      ),
    );

  const { raw, problem } = parseYaml(source);
  if (problem) {
    invalid(problem.line, problem.message);
    return { approval: null, findings };
  }
  const tree = toText(raw);
  if (tree === null || typeof tree !== "object" || Array.isArray(tree)) {
    invalid(1, "the file is not a mapping with kep-number and stage blocks");
    return { approval: null, findings };
  }
  const shape = checkShape(source, tree, PRR_FILE_SCHEMA);
  for (const p of shape.problems) invalid(p.line, p.message);
  if (!shape.value) return { approval: null, findings };

  const file = shape.value;
  if (!file["kep-number"]) invalid(locate(source, ["kep-number"], { key: true }), '"kep-number" is missing or empty');

  const stages: PrrApproval["stages"] = {};
  for (const s of STAGES) {
    const block = file[s];
    if (!block) continue;
    const approver = block.approver ?? "";
    stages[s] = { approver };
    if (approver === "" && s !== kepStage) invalid(locate(source, [s, "approver"]), `the ${s} block has no approver`);
  }
  return { approval: { path, stages, approverLine: (s) => locate(source, [s, "approver"]) }, findings };
}
