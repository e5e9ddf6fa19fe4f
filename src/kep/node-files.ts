import type { Document, Scalar } from "yaml";
import { readYamlDocument, yamlModule, type YamlDocument } from "./yaml-read.js";

/**
 * The three files SIG Node's approver check reads (kep.yaml, the OWNERS beside
 * it, OWNERS_ALIASES), read as upstream's yaml.v3 reads them: the first
 * document, every scalar as text, the inline comment after a list entry.
 */

export const TECH_LEADS_ALIAS = "sig-node-tech-leads";

/** A login as upstream compares them: trimmed, without a leading "@", lowercase. */
export const normalizeUser = (name: string): string => name.trim().replace(/^@/, "").toLowerCase();

export type Entry = { user: string; marker: string; line: number | null };

export type NodeKep = {
  status: string;
  stage: string;
  latestMilestone: string;
  reviewers: Entry[];
  approvers: Entry[];
  approversLine: number | null;
};

/** A scalar's text as yaml.v3 keeps it in a node (failsafe: everything is text). */
const scalarText = (n: unknown): string | null => {
  const Y = yamlModule();
  return Y.isScalar(n) ? String((n as Scalar).value ?? "") : null;
};

/** The inline comment after a node on its own line, as yaml.v3's LineComment, trimmed of "#" as upstream's markerOf does. */
function lineMarker(text: string, end: number): string {
  const rest = text.slice(end, text.indexOf("\n", end) === -1 ? text.length : text.indexOf("\n", end));
  const m = /^[ \t]*#(.*)$/.exec(rest.replace(/\r$/, ""));
  return m ? m[1]!.trim() : "";
}

function mappingValue(read: YamlDocument, node: unknown, key: string): { value: unknown; keyLine: number | null } | null {
  const Y = yamlModule();
  if (!Y.isMap(node)) return null;
  const pair = node.items.find((p) => scalarText(p.key) === key);
  if (!pair) return null;
  const start = (pair.key as { range?: [number] } | null)?.range?.[0];
  return { value: pair.value, keyLine: start === undefined ? null : read.lines.linePos(start).line };
}

function entriesOf(read: YamlDocument, text: string, seq: unknown): Entry[] {
  const Y = yamlModule();
  if (!Y.isSeq(seq)) return [];
  const out: Entry[] = [];
  for (const item of seq.items) {
    if (!Y.isScalar(item) || !item.range) continue;
    out.push({ user: normalizeUser(String(item.value ?? "")), marker: lineMarker(text, item.range[1]), line: read.lines.linePos(item.range[0]).line });
  }
  return out;
}

/** What the check reads of kep.yaml: the first YAML document, as upstream's yaml.Unmarshal into a node. */
export function readNodeKep(text: string): { kep: NodeKep } | { problem: string } {
  const parsed = readYamlDocument(text, { failsafe: true, firstDocument: true, value: false });
  if (!parsed.ok) return { problem: parsed.problems.map((p) => `${p.line ? `line ${p.line}: ` : ""}${p.message}`).join("; ") };
  const read = parsed.read;
  const root = (read.doc as Document).contents;
  const field = (key: string) => scalarText(mappingValue(read, root, key)?.value)?.trim() ?? "";
  const approvers = mappingValue(read, root, "approvers");
  return {
    kep: {
      status: field("status"),
      stage: field("stage"),
      latestMilestone: field("latest-milestone"),
      reviewers: entriesOf(read, text, mappingValue(read, root, "reviewers")?.value),
      approvers: entriesOf(read, text, approvers?.value),
      approversLine: approvers?.keyLine ?? null,
    },
  };
}

export type OwnersEntry = { user: string; line: number | null };
export type Owners = { reviewers: OwnersEntry[]; approvers: OwnersEntry[] };

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);

/** One list of an OWNERS file, as yaml.v3 decodes it into []string (a plain null is no list). */
function ownersList(read: YamlDocument, value: unknown, key: string): OwnersEntry[] {
  const Y = yamlModule();
  if (value === null || value === undefined) return [];
  if (Y.isScalar(value) && value.type === "PLAIN" && NULLS.has(String(value.value))) return [];
  if (!Y.isSeq(value)) throw new Error(`"${key}" is not a list`);
  return value.items.map((item) => {
    const node = Y.isAlias(item) ? item.resolve(read.doc) : item;
    if (!Y.isScalar(node)) throw new Error(`an entry of "${key}" is not a login`);
    const start = (item as { range?: [number] }).range?.[0];
    const text = node.type === "PLAIN" && NULLS.has(String(node.value)) ? "" : String(node.value ?? "");
    return { user: normalizeUser(text), line: start === undefined ? null : read.lines.linePos(start).line };
  });
}

/** The reviewers and approvers of an OWNERS file, as upstream reads them; throws upstream's kind of reason. */
export function readOwners(text: string): Owners {
  const parsed = readYamlDocument(text, { failsafe: true, firstDocument: true, uniqueKeys: true, value: false });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.line ? `line ${p.line}: ` : ""}${p.message}`).join("; "));
  const read = parsed.read;
  const root = (read.doc as Document).contents;
  const Y = yamlModule();
  if (root !== null && !Y.isMap(root) && !(Y.isScalar(root) && NULLS.has(String(root.value)))) throw new Error("it is not a mapping");
  return {
    reviewers: ownersList(read, mappingValue(read, root, "reviewers")?.value, "reviewers"),
    approvers: ownersList(read, mappingValue(read, root, "approvers")?.value, "approvers"),
  };
}

/** The sig-node-tech-leads members from OWNERS_ALIASES; throws when the alias is absent or empty, as upstream does. */
export function readTechLeads(text: string): Set<string> {
  const parsed = readYamlDocument(text, { failsafe: true, firstDocument: true, uniqueKeys: true });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.line ? `line ${p.line}: ` : ""}${p.message}`).join("; "));
  const aliases = (parsed.read.value as { aliases?: unknown } | null)?.aliases;
  const members = aliases && typeof aliases === "object" ? (aliases as Record<string, unknown>)[TECH_LEADS_ALIAS] : undefined;
  if (members === undefined) throw new Error(`alias "${TECH_LEADS_ALIAS}" not found`);
  if (members !== null && members !== "" && !Array.isArray(members)) throw new Error(`alias "${TECH_LEADS_ALIAS}" is not a list`);
  const leads = new Set((Array.isArray(members) ? members : []).filter((m) => typeof m === "string").map(normalizeUser));
  if (leads.size === 0) throw new Error(`alias "${TECH_LEADS_ALIAS}" has no members`);
  return leads;
}
