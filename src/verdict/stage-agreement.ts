import type { Stage } from "../kep/kep-file.js";
import type { IssueBody } from "../reading/issue-body.js";
import type { Problem } from "./types.js";

/**
 * Where the issue description's target for this release names another stage than kep.yaml: the
 * checklist follows kep.yaml (upstream CI checks it), and the owners are asked, once, to align the
 * two, as the Enhancements team does. A stage label is not judged here: the plan corrects it.
 */
export function stageAgreement(body: IssueBody, stage: Stage | null, fromKepYaml: boolean, release: string): Problem[] {
  if (!stage || !fromKepYaml) return [];
  const targets = [...new Set(body.stages.filter((s) => s.milestone === release).map((s) => s.stage))];
  if (!targets.length || targets.includes(stage)) return [];
  return [
    {
      id: "stage-target-mismatch",
      message:
        `The issue description targets ${targets.join(" and ")} in ${release} but kep.yaml says stage ${stage}: ` +
        "the checklist follows kep.yaml, which upstream CI checks; the KEP's owners align the two.",
    },
  ];
}
