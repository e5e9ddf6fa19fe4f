import { isMap, isNode, isScalar, isSeq } from "yaml";
import { isRecord } from "../../util/narrow.js";
import { PlainBoolean, type RawTree, readYamlDocument, readYamlText, type YamlDocument } from "../yaml-read.js";
import { locate } from "../yaml-text.js";

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
const scalarText = (n: unknown): string | null => (isScalar(n) ? String(n.value ?? "") : null);

/** The inline comment after a node on its own line, as yaml.v3's LineComment, trimmed of "#" as upstream's markerOf does. */
function lineMarker(text: string, end: number): string {
  const rest = text.slice(end, text.indexOf("\n", end) === -1 ? text.length : text.indexOf("\n", end));
  const m = /^[ \t]*#(.*)$/.exec(rest.replace(/\r$/, ""));
  return m ? m[1]!.trim() : "";
}

function mappingValue(read: YamlDocument, node: unknown, key: string): { value: unknown; keyLine: number | null } | null {
  if (!isMap(node)) return null;
  const pair = node.items.find((p) => scalarText(p.key) === key);
  if (!pair) return null;
  const start = isNode(pair.key) ? pair.key.range?.[0] : undefined;
  return { value: pair.value, keyLine: start === undefined ? null : read.lines.linePos(start).line };
}

function entriesOf(read: YamlDocument, text: string, seq: unknown): Entry[] {
  if (!isSeq(seq)) return [];
  const out: Entry[] = [];
  for (const item of seq.items) {
    if (!isScalar(item) || !item.range) continue;
    out.push({
      user: normalizeUser(String(item.value ?? "")),
      marker: lineMarker(text, item.range[1]),
      line: read.lines.linePos(item.range[0]).line,
    });
  }
  return out;
}

/** What the check reads of kep.yaml: the first YAML document, as upstream's yaml.Unmarshal into a node. */
export function readNodeKep(text: string): { kep: NodeKep } | { problem: string } {
  const parsed = readYamlDocument(text, { failsafe: true, firstDocument: true, value: false });
  if (!parsed.ok) return { problem: parsed.problems.map((p) => `${p.line ? `line ${p.line}: ` : ""}${p.message}`).join("; ") };
  const read = parsed.read;
  const root = read.doc.contents;
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

/** One list of an OWNERS file, as yaml.v3 decodes it into []string (null is no list, a null entry ""). */
function ownersList(text: string, raw: Record<string, RawTree>, key: string): OwnersEntry[] {
  const value = raw[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`"${key}" is not a list`);
  return value.map((item, i) => {
    if (item !== null && typeof item === "object" && !(item instanceof PlainBoolean))
      throw new Error(`an entry of "${key}" is not a login`);
    const login = item === null ? "" : item instanceof PlainBoolean ? item.text : item;
    return { user: normalizeUser(login), line: locate(text, [key, i]) };
  });
}

/**
 * The reviewers and approvers of an OWNERS file, as upstream reads them
 * (non-strict: other keys ignored; duplicate keys refused); throws upstream's
 * kind of reason. Read as text: no marker matters here.
 */
export function readOwners(text: string): Owners {
  const { raw, problem } = readYamlText(text);
  if (problem) throw new Error(`${problem.line ? `line ${problem.line}: ` : ""}${problem.message}`);
  if (raw === undefined || raw === null) return { reviewers: [], approvers: [] };
  if (typeof raw !== "object" || Array.isArray(raw) || raw instanceof PlainBoolean) throw new Error("it is not a mapping");
  return { reviewers: ownersList(text, raw, "reviewers"), approvers: ownersList(text, raw, "approvers") };
}

/** The sig-node-tech-leads members from OWNERS_ALIASES; throws when the alias is absent or empty, as upstream does. */
export function readTechLeads(text: string): Set<string> {
  const parsed = readYamlDocument(text, { failsafe: true, firstDocument: true, uniqueKeys: true });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.line ? `line ${p.line}: ` : ""}${p.message}`).join("; "));
  const value = parsed.read.value;
  const aliases = isRecord(value) ? value.aliases : undefined;
  const members = isRecord(aliases) ? aliases[TECH_LEADS_ALIAS] : undefined;
  if (members === undefined) throw new Error(`alias "${TECH_LEADS_ALIAS}" not found`);
  if (members !== null && members !== "" && !Array.isArray(members)) throw new Error(`alias "${TECH_LEADS_ALIAS}" is not a list`);
  const leads = new Set((Array.isArray(members) ? members : []).filter((m) => typeof m === "string").map(normalizeUser));
  if (leads.size === 0) throw new Error(`alias "${TECH_LEADS_ALIAS}" has no members`);
  return leads;
}
