import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parsePrrApprovers, parseSigDirs } from "../kep/approvers.js";
import { compareFindings, type Finding } from "../kep/findings.js";
import { auditCheckout, type KepReport } from "../kep/validate.js";
import { readCheckout } from "./checkout.js";
import { type Command, type Io, UsageError } from "./io.js";

const usage = `Usage: kep-tracker audit <dir> [options]

Validates every KEP of a kubernetes/enhancements checkout as upstream CI does
(errors) and as kepctl does (warnings).

Options:
  --format text|json        output format (default: text)
  --owners-aliases <file>   OWNERS_ALIASES with the PRR approvers (default: <dir>/OWNERS_ALIASES)
  --sigs <file>             kubernetes/community sigs.yaml (default: <dir>/community-sigs.yaml)
  -h, --help                show this help

Exit status: 0 no errors, 1 at least one error, 2 bad usage or unreadable input.`;

type AuditJson = {
  summary: { keps: number; errors: number; warnings: number };
  keps: KepReport[];
};

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function formatText(result: AuditJson): string {
  const withFindings = result.keps.filter((k) => k.findings.length > 0);
  const errorsOf = (k: KepReport) => k.findings.filter((f) => f.severity === "error").length;
  // KEPs with errors first, then the rest, each in path order.
  withFindings.sort((a, b) => Number(errorsOf(b) > 0) - Number(errorsOf(a) > 0) || (a.path < b.path ? -1 : 1));
  const lines: string[] = [];
  const where = (f: Finding) => (f.line ? `${f.path}:${f.line}` : f.path);
  for (const k of withFindings) {
    const name = k.number ? `KEP ${k.number}${k.title ? `: ${k.title}` : ""}` : k.title ?? "";
    lines.push(name ? `${k.path} (${name})` : k.path);
    for (const f of [...k.findings].sort(compareFindings)) {
      lines.push(`  ${f.severity.padEnd(7)} ${f.rule}  ${where(f)}`, `          ${f.message}`);
    }
    lines.push("");
  }
  const { keps, errors, warnings } = result.summary;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  lines.push(`${plural(keps, "KEP")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(withFindings.length, "entry")}.`.replace("entrys", "entries"));
  return lines.join("\n") + "\n";
}

async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      "owners-aliases": { type: "string" },
      sigs: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(usage + "\n");
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("audit takes exactly one directory, the root of an enhancements checkout");
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, not "${values.format}"`);
  const dir = positionals[0]!;
  let checkout;
  try {
    checkout = readCheckout(dir);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  const aliasesFile = values["owners-aliases"] ?? join(dir, "OWNERS_ALIASES");
  const aliasesText = readText(aliasesFile);
  if (aliasesText === undefined) throw new UsageError(`cannot read the PRR approvers file ${aliasesFile}: name it with --owners-aliases <file>`);
  let approvers: Set<string>;
  try {
    approvers = parsePrrApprovers(aliasesText);
  } catch (e) {
    throw new UsageError(`${aliasesFile} gives no PRR approvers (${(e as Error).message}): name the right file with --owners-aliases <file>`);
  }

  const sigsFile = values.sigs ?? join(dir, "community-sigs.yaml");
  const sigsText = readText(sigsFile);
  const sigs = sigsText === undefined ? null : parseSigDirs(sigsText);
  if (sigs === null) io.stderr(`kep-tracker: cannot read the SIG list ${sigsFile}; SIG names are not checked (name it with --sigs <file>).\n`);

  const audit = auditCheckout(checkout.paths, { approvers, sigs, read: checkout.read });
  const result: AuditJson = { summary: audit.summary, keps: [...audit.keps.map((k) => k.report), ...audit.directories] };
  io.stdout(values.format === "json" ? JSON.stringify(result, null, 2) + "\n" : formatText(result));
  return audit.summary.errors > 0 ? 1 : 0;
}

export const auditCommand: Command = { name: "audit", summary: "validate every KEP of an enhancements checkout", usage, run };
