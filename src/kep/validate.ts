import { compareFindings, type Finding, finding } from "./findings.js";
import { isStage, type KepMetadata, parseKepFile, STAGES, unreadableKep } from "./kep-file.js";
import { findKeps } from "./layout.js";
import { type PrrApproval, parsePrrFile, prrPath } from "./prr-file.js";
import type { AuditSummary, KepReport } from "./report-schema.js";
import { compareVersions, parseTolerant, type Version } from "./semver.js";
import { type NodeApproverContext, nodeApproverFindings } from "./sig-node/findings.js";
import type { Utf8Problem } from "./utf8.js";

export type ValidationContext = {
  /** PRR approvers (logins without "@"), from OWNERS_ALIASES. */
  approvers: ReadonlySet<string>;
  /** SIG directory names; null skips the SIG warnings. */
  sigs: ReadonlySet<string> | null;
  /** Reads a file of the checkout by its relative path; undefined if absent. */
  read: (path: string) => string | undefined;
  /**
   * SIG Node's approver check (upstream's verify-node-approvers.sh). Only when
   * given: it needs each KEP's neighbouring OWNERS through `read`, which a
   * reader that fetches only kep.yaml and PRR files cannot give.
   */
  nodeApprovers?: NodeApproverContext;
  /** Where a file just read is not valid UTF-8 (upstream's YAML reader refuses it); absent when the reader cannot tell. */
  utf8Problem?: (path: string) => Utf8Problem | null;
};

export type { KepReport } from "./report-schema.js";

export type ValidatedKep = {
  report: KepReport;
  metadata: KepMetadata;
  /** The PRR approval file, when the KEP's status called for one and it could be read. */
  prr: PrrApproval | null;
};

/** A release version as upstream reads it (blang/semver's ParseTolerant): "v1.37", "1.37", "v1.37.0", "v1.37.0-alpha". */
export function parseVersion(text: string): Version | null {
  return parseTolerant(text);
}

const utf8Message = (p: Utf8Problem) => `yaml: ${p.message} at byte offset ${p.offset} (line ${p.line})`;

const PRR_REQUIRED_FROM = parseTolerant("v1.21.0")!;

function checkPrr(kep: ReturnType<typeof parseKepFile>, ctx: ValidationContext): { findings: Finding[]; prr: PrrApproval | null } {
  const { metadata: m, path, lineOf } = kep;
  const findings: Finding[] = [];
  const none = { findings, prr: null };
  if (m.status !== "implementable" && m.status !== "implemented") return none;

  const why = `status is ${m.status}, so upstream CI checks production readiness review`;
  if (!m.latestMilestone) {
    findings.push(
      finding(
        "prr-latest-milestone-missing",
        path,
        lineOf("latest-milestone"),
        `"latest-milestone" is empty but ${why}: set it to the release you target, e.g. "v1.37".`,
      ),
    );
  }
  if (!m.stage) {
    findings.push(
      finding(
        "prr-stage-missing",
        path,
        lineOf("stage"),
        `"stage" is empty but ${why}: set it to the stage you target (${STAGES.join(", ")}).`,
      ),
    );
  }
  if (findings.length) return none;

  const version = parseVersion(m.latestMilestone!);
  if (!version) {
    findings.push(
      finding(
        "prr-latest-milestone-invalid",
        path,
        lineOf("latest-milestone"),
        `"latest-milestone" is "${m.latestMilestone}", not a release version: write it as "v1.NN".`,
      ),
    );
    return none;
  }
  // A pre-release sorts before its release: v1.21.0-alpha needs no PRR file.
  if (compareVersions(version, PRR_REQUIRED_FROM) < 0) return none;
  // Without these the PRR path is unknown; required-field already says so.
  if (!m.owningSig || !m.number) return none;

  const file = prrPath(m.owningSig, m.number);
  const source = ctx.read(file);
  if (source === undefined) {
    findings.push(
      finding(
        "prr-file-missing",
        file,
        null,
        `${why}, but ${file} does not exist: ` +
          `add it (from keps/prod-readiness/template/nnnn.yaml) with a ${m.stage} block naming your PRR approver.`,
      ),
    );
    return none;
  }
  const notUtf8 = ctx.utf8Problem?.(file);
  if (notUtf8) {
    findings.push(
      finding("prr-file-invalid", file, notUtf8.line, `${utf8Message(notUtf8)}: upstream CI cannot read the PRR file; save it as UTF-8.`),
    );
    return none;
  }
  const parsed = parsePrrFile(file, source, m.stage);
  findings.push(...parsed.findings);
  const prr = parsed.approval;
  if (!prr) return { findings, prr };
  findings.push(...checkPrrBlock(kep, file, prr, ctx));
  return { findings, prr };
}

/** The PRR file's block for the KEP's stage: present, with an approver from prod-readiness-approvers. */
function checkPrrBlock(kep: ReturnType<typeof parseKepFile>, file: string, prr: PrrApproval, ctx: ValidationContext): Finding[] {
  const { metadata: m, path, lineOf } = kep;
  const findings: Finding[] = [];
  if (!isStage(m.stage)) {
    findings.push(
      finding(
        "prr-stage-invalid",
        path,
        lineOf("stage"),
        `stage "${m.stage}" is not one of ${STAGES.join(", ")}, so no PRR approval can match it: set one of those.`,
      ),
    );
    return findings;
  }
  const blocks = Object.keys(prr.stages);
  if (blocks.length === 0) {
    findings.push(
      finding(
        "prr-no-stages",
        file,
        null,
        `${file} has no stage block: add "${m.stage}:" with "approver: \\"@login\\"" of your PRR approver.`,
      ),
    );
    return findings;
  }
  const block = prr.stages[m.stage];
  if (!block) {
    findings.push(
      finding(
        "prr-stage-not-approved",
        file,
        null,
        `the KEP targets ${m.stage} but ${file} approves only ${blocks.join(", ")}: add a ${m.stage} block naming your PRR approver.`,
      ),
    );
    return findings;
  }
  const login = block.approver.replace(/^@/, "");
  if (!login) {
    findings.push(
      finding(
        "prr-approver-invalid",
        file,
        prr.approverLine(m.stage),
        `the ${m.stage} approver is empty: name a PRR approver from OWNERS_ALIASES prod-readiness-approvers.`,
      ),
    );
  } else if (!ctx.approvers.has(login)) {
    findings.push(
      finding(
        "prr-approver-invalid",
        file,
        prr.approverLine(m.stage),
        `"${block.approver}" is not a PRR approver (OWNERS_ALIASES prod-readiness-approvers): name one of them for the ${m.stage} stage.`,
      ),
    );
  }
  return findings;
}

function checkSigs(kep: ReturnType<typeof parseKepFile>, sigs: ReadonlySet<string>): Finding[] {
  const { metadata: m, path, lineOf } = kep;
  const out: Finding[] = [];
  if (m.owningSig && !sigs.has(m.owningSig)) {
    out.push(
      finding(
        "owning-sig-unknown",
        path,
        lineOf("owning-sig"),
        `owning-sig "${m.owningSig}" is not a group in kubernetes/community sigs.yaml.`,
      ),
    );
  }
  for (const [i, sig] of m.participatingSigs.entries()) {
    if (!sigs.has(sig)) {
      out.push(
        finding(
          "participating-sig-unknown",
          path,
          lineOf("participating-sigs", i),
          `participating SIG "${sig}" is not a group in kubernetes/community sigs.yaml.`,
        ),
      );
    }
  }
  return out;
}

function readPrrQuietly(m: KepMetadata, ctx: ValidationContext): PrrApproval | null {
  if (!m.owningSig || !m.number) return null;
  const file = prrPath(m.owningSig, m.number);
  const source = ctx.read(file);
  return source === undefined ? null : parsePrrFile(file, source, m.stage).approval;
}

/** Validates one kep.yaml with everything around it that upstream CI looks at. */
export function validateKep(path: string, source: string, ctx: ValidationContext): ValidatedKep {
  const notUtf8 = ctx.utf8Problem?.(path);
  const kep = notUtf8
    ? unreadableKep(path, notUtf8.line, `${utf8Message(notUtf8)}: upstream's YAML reader refuses the file; save it as UTF-8.`)
    : parseKepFile(path, source);
  const prr = checkPrr(kep, ctx);
  // The tracker wants the PRR approval even where upstream does not check it (a provisional KEP).
  if (!prr.prr) prr.prr = readPrrQuietly(kep.metadata, ctx);
  // Without a "---" line the metadata parse read the same whole document as upstream's node check does.
  const known = source.includes("---") || kep.findings.some((f) => f.rule === "yaml-invalid") ? undefined : kep.metadata;
  const node = ctx.nodeApprovers && !notUtf8 ? nodeApproverFindings(path, source, ctx.read, ctx.nodeApprovers, known) : [];
  const findings = [...kep.findings, ...prr.findings, ...(ctx.sigs ? checkSigs(kep, ctx.sigs) : []), ...node].sort(compareFindings);
  const m = kep.metadata;
  return {
    metadata: m,
    prr: prr.prr,
    report: {
      number: m.number,
      path,
      title: m.title,
      status: m.status,
      stage: m.stage,
      latestMilestone: m.latestMilestone,
      owningSig: m.owningSig,
      findings,
    },
  };
}

/** A directory-level finding, shown as an entry of its own. */
function directoryEntry(f: Finding): KepReport {
  return { number: null, path: f.path, title: null, status: null, stage: null, latestMilestone: null, owningSig: null, findings: [f] };
}

/**
 * What SIG Node's check finds outside the KEPs validated above: a bad
 * OWNERS_ALIASES (once), and kep.yaml files upstream's metadata walk skips but
 * its node-approvers walk (every kep.yaml under keps/) does not.
 */
function nodeOnlyEntries(
  paths: readonly string[],
  kepFiles: readonly string[],
  ctx: ValidationContext,
  node: NodeApproverContext,
): KepReport[] {
  const out: KepReport[] = [];
  if (node.techLeads instanceof Error) {
    out.push(
      directoryEntry(
        finding(
          "sig-node-file-invalid",
          node.aliasesPath,
          null,
          `${node.aliasesPath}: ${node.techLeads.message} (upstream's verify-node-approvers.sh fails): ` +
            "list the SIG Node tech leads under aliases: sig-node-tech-leads:.",
        ),
      ),
    );
  }
  const validated = new Set(kepFiles);
  for (const path of paths) {
    if (!path.startsWith("keps/") || !path.endsWith("/kep.yaml") || validated.has(path)) continue;
    const findings = nodeApproverFindings(path, ctx.read(path) ?? "", ctx.read, node);
    if (findings.length) out.push({ ...directoryEntry(findings[0]!), path, findings });
  }
  return out;
}

/** Validates every KEP of a checkout, given the list of its file paths. */
export function auditCheckout(
  paths: readonly string[],
  ctx: ValidationContext,
): { summary: AuditSummary; keps: ValidatedKep[]; directories: KepReport[] } {
  const layout = findKeps(paths);
  const directories = layout.missingMetadata.map((dir) =>
    directoryEntry(
      finding(
        "kep-metadata-missing",
        dir,
        null,
        `${dir} has a README.md but no kep.yaml: add kep.yaml (from keps/NNNN-kep-template/kep.yaml).`,
      ),
    ),
  );
  if (layout.kepFiles.length === 0) {
    directories.push(
      directoryEntry(finding("no-keps", "keps", null, "no kep.yaml was found under keps/: is this a kubernetes/enhancements checkout?")),
    );
  }
  const keps = layout.kepFiles.map((path) => validateKep(path, ctx.read(path) ?? "", ctx));
  if (ctx.nodeApprovers) directories.push(...nodeOnlyEntries(paths, layout.kepFiles, ctx, ctx.nodeApprovers));
  let errors = 0;
  let warnings = 0;
  for (const r of [...keps.map((k) => k.report), ...directories]) {
    for (const f of r.findings) f.severity === "error" ? errors++ : warnings++;
  }
  return { summary: { keps: layout.kepFiles.length, errors, warnings }, keps, directories };
}
