import { isRecord } from "../util/narrow.js";
import { parseYaml } from "./yaml-text.js";

export const PRR_APPROVER_ALIASES = ["prod-readiness-approvers", "prod-readiness-approvers-emeritus"] as const;

/**
 * PRR approvers from an OWNERS_ALIASES file: both aliases, as upstream reads
 * them. Throws with a plain reason when the file has none.
 */
export function parsePrrApprovers(source: string): Set<string> {
  const { raw, problem } = parseYaml(source);
  if (problem) throw new Error(`it is not valid YAML (line ${problem.line ?? "?"}: ${problem.message})`);
  const aliases = isRecord(raw) ? raw.aliases : undefined;
  if (!aliases || typeof aliases !== "object") throw new Error("it has no 'aliases' mapping");
  // A list under `aliases:` names no alias: it falls through to "lists no one", as before.
  const lists = isRecord(aliases) ? aliases : {};
  const approvers = new Set<string>();
  for (const alias of PRR_APPROVER_ALIASES) {
    const list = lists[alias];
    if (Array.isArray(list)) for (const login of list) if (typeof login === "string" && login) approvers.add(login);
  }
  if (approvers.size === 0) throw new Error(`it lists no one under ${PRR_APPROVER_ALIASES.join(" or ")}`);
  return approvers;
}

/** SIG directory names from kubernetes/community sigs.yaml, read as upstream does: every "- dir: x" line. */
export function parseSigDirs(source: string): Set<string> {
  const dirs = new Set<string>();
  for (const m of source.matchAll(/^\s*- dir: (.*)$/gm)) {
    const dir = m[1]!.trim();
    if (dir) dirs.add(dir);
  }
  return dirs;
}
