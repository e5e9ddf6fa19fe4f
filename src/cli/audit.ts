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
import { type Command, InputError, type Io, UsageError } from "./io.js";

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

/** The release whose readiness is judged, checked against what the KEPs target: a typo (v1.370) is refused with a guess. */
async function releaseFlag(text: string | undefined, newest: string | null): Promise<string | null> {
  if (text === undefined) return null;
  const { compareReleases, parseRelease, releaseOf } = await import("../release/names.js");
  const release = releaseOf(text) ?? parseRelease(text);
  if (!release) throw new UsageError(`--release must be a release such as v1.37, not "${text}"`);
  // No KEP targets a release more than two ahead of the newest any of them names.
  if (newest && compareReleases(release, newest) > 2) {
    const guess = release.slice(0, -1);
    const hint = compareReleases(guess, newest) <= 2 ? `; did you mean ${guess}?` : "";
    throw new UsageError(`--release ${text} is past every KEP's latest-milestone (the newest is ${newest})${hint}`);
  }
  return release;
}

/** The newest latest-milestone of the checkout's kep.yaml files, as a release (a line scan: the audit proper comes later). */
async function newestTarget(checkout: ReturnType<typeof readCheckout>): Promise<string | null> {
  const { compareReleases, releaseOf } = await import("../release/names.js");
  let newest: string | null = null;
  for (const path of checkout.paths.filter((p) => p.endsWith("/kep.yaml"))) {
    const r = releaseOf(/^latest-milestone:\s*["']?([^"'\s#]+)/m.exec(checkout.read(path) ?? "")?.[1]);
    if (r && (!newest || compareReleases(r, newest) > 0)) newest = r;
  }
  return newest;
}

/**
 * The freeze that comes next per the schedule file at `now` (enhancements freeze without a file),
 * or "released" when the schedule says the release is out: no freeze is left to judge against.
 */
async function nextFreeze(
  release: string,
  scheduleFile: string | undefined,
  nowText: string | undefined,
): Promise<Deadline | { released: Date } | null> {
  const [{ phaseAt }, { DEADLINES, parseTimeline }, { releaseOfSchedule }] = await Promise.all([
    import("../release/schedule.js"),
    import("../release/timeline.js"),
    import("../release/names.js"),
  ]);
  const now = nowText === undefined ? new Date() : new Date(nowText);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 instant such as 2026-06-01T00:00:00Z, not "${nowText}"`);
  if (scheduleFile === undefined) return "enhancements-freeze";
  const markdown = readText(scheduleFile);
  if (markdown === undefined) throw new UsageError(`cannot read the schedule ${scheduleFile}`);
  const named = releaseOfSchedule(markdown);
  if (named && named !== release) throw new UsageError(`${scheduleFile} is the schedule of ${named}, not of --release ${release}`);
  const timeline = parseTimeline(markdown);
  if (timeline.missing.length) throw new UsageError(`${scheduleFile} gives no date for ${timeline.missing.join(", ")}`);
  const instants = fromKeys(DEADLINES, (d) => timeline.deadlines[d]!.at);
  const { next } = phaseAt(instants, now);
  return next ?? { released: instants.release };
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
  if (values.schedule !== undefined && values.release === undefined)
    throw new UsageError("--schedule gives the dates of the release judged: it needs --release v1.NN too");
  const dir = positionals[0]!;
  let checkout: ReturnType<typeof readCheckout>;
  try {
    checkout = readCheckout(dir);
  } catch (e) {
    throw new InputError(errorMessage(e));
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

  // The newest target is read from the KEPs' own files: a release far past it is a typo.
  const release = await releaseFlag(values.release, await newestTarget(checkout));
  const freeze = release ? await nextFreeze(release, values.schedule, values.now) : null;

  const sigsFile = values.sigs ?? join(dir, "community-sigs.yaml");
  const sigsText = readText(sigsFile);
  const sigs = sigsText === undefined ? null : parseSigDirs(sigsText);
  if (sigs === null)
    io.stderr(`kep-tracker: cannot read the SIG list ${sigsFile}; SIG names are not checked (name it with --sigs <file>).\n`);

  const nodeApprovers = nodeApproverContext(aliasesText, release, aliasesFile);
  const audit = auditCheckout(checkout.paths, { approvers, sigs, read: checkout.read, nodeApprovers, utf8Problem: checkout.utf8Problem });
  const keps = await withReadiness(audit.keps, release, freeze, checkout, io);
  const result: AuditJson = { summary: audit.summary, keps: [...keps, ...audit.directories] };
  io.stdout(values.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatText(result));
  return audit.summary.errors > 0 ? 1 : 0;
}

/** Each KEP's report, with its readiness for `release` when it targets it and a freeze is still ahead. */
async function withReadiness(
  validated: ReturnType<typeof auditCheckout>["keps"],
  release: string | null,
  freeze: Deadline | { released: Date } | null,
  checkout: ReturnType<typeof readCheckout>,
  io: Io,
): Promise<AuditJson["keps"]> {
  if (!release) return validated.map((k) => k.report);
  if (freeze !== null && typeof freeze === "object") {
    const day = freeze.released.toISOString().slice(0, 10);
    io.stderr(
      `kep-tracker audit: ${release} was released by ${day} (its schedule): no freeze is left, so readiness was not judged; ` +
        "the KEPs were validated as upstream CI does\n",
    );
    return validated.map((k) => k.report);
  }
  // Readiness needs the tracking modules; a plain audit does without loading them.
  const [{ readinessOf }, { parseTemplate }] = await Promise.all([
    import("../verdict/freeze-readiness.js"),
    import("../verdict/readme-template.js"),
  ]);
  // Parsed once for the whole checkout: every KEP's README is judged against the same template.
  const text = checkout.read(TEMPLATE_README);
  const template = text === undefined ? undefined : parseTemplate(text);
  return validated.map((k) => {
    const readiness = readinessOf(k, release, freeze, checkout.read(k.report.path.replace(/kep\.yaml$/, "README.md")), template);
    return readiness ? { ...k.report, readiness } : k.report;
  });
}

export const auditCommand: Command = { name: "audit", summary: "validate every KEP of an enhancements checkout", usage, run };
