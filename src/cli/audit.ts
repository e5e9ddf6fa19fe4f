import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parsePrrApprovers, parseSigDirs } from "../kep/approvers.js";
import { compareFindings, type Finding } from "../kep/findings.js";
import { TEMPLATE_README } from "../kep/readme-sections.js";
import { nodeApproverContext } from "../kep/sig-node/findings.js";
import { auditCheckout, type KepReport } from "../kep/validate.js";
import type { Deadline } from "../release/timeline.js";
import { errorMessage, fromKeys } from "../util/narrow.js";
import type { Readiness } from "../verdict/freeze-readiness.js";
import { readCheckout } from "./checkout.js";
import { type Command, type Io, UsageError } from "./io.js";

const usage = `Usage: kep-tracker audit <dir> [options]

Validates every KEP of a kubernetes/enhancements checkout as upstream CI does
(errors) and as kepctl does (warnings).

Options:
  --format text|json        output format (default: text)
  --owners-aliases <file>   OWNERS_ALIASES with the PRR approvers (default: <dir>/OWNERS_ALIASES)
  --sigs <file>             kubernetes/community sigs.yaml (default: <dir>/community-sigs.yaml)
  --release v1.NN           the upcoming release: SIG Node's "actively alpha" rule compares with it
                            (without it, upstream's offline fallback: no alpha KEP counts as active);
                            also judges each KEP whose latest-milestone is this release against
                            the coming freeze, from the files alone ("readiness")
  --schedule <file>         the release's sig-release README (or its Timeline table), to know
                            which freeze comes next; without it, enhancements freeze
  --now <ISO instant>       judge as of this time (default: now)
  -h, --help                show this help

Exit status: 0 no errors, 1 at least one error, 2 bad usage or unreadable input.`;

type AuditJson = {
  summary: { keps: number; errors: number; warnings: number };
  keps: Array<KepReport & { readiness?: Readiness }>;
};

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The freeze that comes next per the schedule file at `now`; enhancements freeze without a file. */
async function nextFreeze(scheduleFile: string | undefined, nowText: string | undefined): Promise<Deadline | null> {
  const [{ phaseAt }, { DEADLINES, parseTimeline }] = await Promise.all([
    import("../release/schedule.js"),
    import("../release/timeline.js"),
  ]);
  const now = nowText === undefined ? new Date() : new Date(nowText);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 instant such as 2026-06-01T00:00:00Z, not "${nowText}"`);
  if (scheduleFile === undefined) return "enhancements-freeze";
  const markdown = readText(scheduleFile);
  if (markdown === undefined) throw new UsageError(`cannot read the schedule ${scheduleFile}`);
  const timeline = parseTimeline(markdown);
  if (timeline.missing.length) throw new UsageError(`${scheduleFile} gives no date for ${timeline.missing.join(", ")}`);
  const instants = fromKeys(DEADLINES, (d) => timeline.deadlines[d]!.at);
  return phaseAt(instants, now).next;
}

function formatReadiness(keps: AuditJson["keps"]): string[] {
  const judged = keps.filter((k) => k.readiness);
  if (!judged.length) return [];
  const r0 = judged[0]!.readiness!;
  const atRisk = judged.filter((k) => k.readiness!.status.startsWith("At risk"));
  const lines = [
    `Readiness for ${r0.release}${r0.freeze ? ` (next: ${r0.freeze})` : ""}: ` +
      `${judged.length - atRisk.length} tracked, ${atRisk.length} at risk, from the files alone.`,
  ];
  for (const k of atRisk) {
    lines.push(`  ${k.path} (KEP ${k.number ?? "?"}, ${k.readiness!.stage ?? "no stage"})`);
    for (const i of k.readiness!.checklist.filter((c) => !c.done)) lines.push(`    - ${i.id}: ${i.fix}`);
  }
  return [...lines, ""];
}

export function formatText(result: AuditJson): string {
  const withFindings = result.keps.filter((k) => k.findings.length > 0);
  const errorsOf = (k: KepReport) => k.findings.filter((f) => f.severity === "error").length;
  // KEPs with errors first, then the rest, each in path order.
  withFindings.sort((a, b) => Number(errorsOf(b) > 0) - Number(errorsOf(a) > 0) || (a.path < b.path ? -1 : 1));
  const lines: string[] = [];
  const where = (f: Finding) => (f.line ? `${f.path}:${f.line}` : f.path);
  for (const k of withFindings) {
    const name = k.number ? `KEP ${k.number}${k.title ? `: ${k.title}` : ""}` : (k.title ?? "");
    lines.push(name ? `${k.path} (${name})` : k.path);
    for (const f of [...k.findings].sort(compareFindings)) {
      lines.push(`  ${f.severity.padEnd(7)} ${f.rule}  ${where(f)}`, `          ${f.message}`);
    }
    lines.push("");
  }
  lines.push(...formatReadiness(result.keps));
  const { keps, errors, warnings } = result.summary;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const entries = withFindings.length === 1 ? "1 entry" : `${withFindings.length} entries`;
  lines.push(`${plural(keps, "KEP")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")} in ${entries}.`);
  return `${lines.join("\n")}\n`;
}

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      "owners-aliases": { type: "string" },
      sigs: { type: "string" },
      release: { type: "string" },
      schedule: { type: "string" },
      now: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("audit takes exactly one directory, the root of an enhancements checkout");
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, not "${values.format}"`);
  const dir = positionals[0]!;
  let checkout: ReturnType<typeof readCheckout>;
  try {
    checkout = readCheckout(dir);
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }

  const aliasesFile = values["owners-aliases"] ?? join(dir, "OWNERS_ALIASES");
  const aliasesText = readText(aliasesFile);
  if (aliasesText === undefined)
    throw new UsageError(`cannot read the PRR approvers file ${aliasesFile}: name it with --owners-aliases <file>`);
  let approvers: Set<string>;
  try {
    approvers = parsePrrApprovers(aliasesText);
  } catch (e) {
    throw new UsageError(`${aliasesFile} gives no PRR approvers (${errorMessage(e)}): name the right file with --owners-aliases <file>`);
  }

  const sigsFile = values.sigs ?? join(dir, "community-sigs.yaml");
  const sigsText = readText(sigsFile);
  const sigs = sigsText === undefined ? null : parseSigDirs(sigsText);
  if (sigs === null)
    io.stderr(`kep-tracker: cannot read the SIG list ${sigsFile}; SIG names are not checked (name it with --sigs <file>).\n`);

  // Readiness needs the tracking modules; a plain audit does without loading them.
  const tracking =
    values.release === undefined
      ? null
      : await Promise.all([
          import("../release/names.js"),
          import("../verdict/freeze-readiness.js"),
          import("../verdict/readme-template.js"),
        ]);
  const freeze = values.release === undefined ? null : await nextFreeze(values.schedule, values.now);
  const release = tracking && values.release !== undefined ? tracking[0].releaseOf(values.release) : null;
  if (values.release !== undefined && !release) throw new UsageError(`--release must be a release such as v1.37, not "${values.release}"`);

  const nodeApprovers = nodeApproverContext(aliasesText, release, aliasesFile);
  const audit = auditCheckout(checkout.paths, { approvers, sigs, read: checkout.read, nodeApprovers, utf8Problem: checkout.utf8Problem });
  const templateText = release ? checkout.read(TEMPLATE_README) : undefined;
  // Parsed once for the whole checkout: every KEP's README is judged against the same template.
  const template = templateText !== undefined && tracking ? tracking[2].parseTemplate(templateText) : undefined;
  const keps = audit.keps.map((k) => {
    const readiness =
      release && tracking
        ? tracking[1].readinessOf(k, release, freeze, checkout.read(k.report.path.replace(/kep\.yaml$/, "README.md")), template)
        : null;
    return readiness ? { ...k.report, readiness } : k.report;
  });
  const result: AuditJson = { summary: audit.summary, keps: [...keps, ...audit.directories] };
  io.stdout(values.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatText(result));
  return audit.summary.errors > 0 ? 1 : 0;
}

export const auditCommand: Command = { name: "audit", summary: "validate every KEP of an enhancements checkout", usage, run };
