import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bombCheckout } from "../../bench/yaml-bomb.js";
import { main } from "../../src/cli/main.js";
import { exampleCheckout, KEP } from "../helpers/checkout.js";
import { ENHANCEMENTS, ROOT, TIMELINES } from "../helpers/fixtures.js";
import { bufferIo } from "../helpers/io.js";

async function run(...args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** A small checkout on disk: the example KEP, a KEP missing its PRR file, a half-done one, and the real approvers and SIGs. */
function brokenCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), "kep-audit-"));
  const files: Record<string, string> = {
    ...exampleCheckout(),
    "keps/sig-apps/4242-no-prr/kep.yaml": KEP.replace("9999", "4242").replace("sig-node", "sig-apps"),
    "keps/sig-apps/5151-half-done/README.md": "# Half done\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  cpSync(join(ENHANCEMENTS, "OWNERS_ALIASES"), join(dir, "OWNERS_ALIASES"));
  cpSync(join(ENHANCEMENTS, "community-sigs.yaml"), join(dir, "community-sigs.yaml"));
  return dir;
}

describe("kep-tracker audit", () => {
  it("prints one JSON document for the fixture corpus and exits 0", async () => {
    const { code, out, err } = await run("audit", ENHANCEMENTS, "--format", "json");
    expect(code).toBe(0);
    expect(err).toBe("");
    const doc = JSON.parse(out);
    expect(doc.summary).toEqual({ keps: 656, errors: 0, warnings: 37 });
    expect(doc.keps).toHaveLength(656);
    const kep = doc.keps.find((k: { number: string }) => k.number === "4639");
    expect(Object.keys(kep)).toEqual(["number", "path", "title", "status", "stage", "latestMilestone", "owningSig", "findings"]);
    expect(kep.path).toMatch(/^keps\/sig-node\/4639-[^/]+\/kep\.yaml$/);
  });

  it("groups text output by KEP and ends with a summary", async () => {
    const { code, out } = await run("audit", ENHANCEMENTS);
    expect(code).toBe(0);
    expect(out).toContain(
      "keps/sig-node/2625-cpumanager-policies-thread-placement/kep.yaml (KEP 2625: SMT aware cpumanager policy)\n  warning status-invalid",
    );
    expect(out.trimEnd().split("\n").at(-1)).toBe("656 KEPs checked: 0 errors, 37 warnings in 30 entries.");
  });

  it("exits 1 on errors, lists KEPs with errors first, and shows directory findings", async () => {
    const dir = brokenCheckout();
    const text = await run("audit", dir);
    expect(text.code).toBe(1);
    const headings = text.out.split("\n").filter((l) => l.startsWith("keps/"));
    expect(headings).toEqual(["keps/sig-apps/4242-no-prr/kep.yaml (KEP 4242: Example feature)", "keps/sig-apps/5151-half-done"]);
    expect(text.out).toContain("error   prr-file-missing  keps/prod-readiness/sig-apps/4242.yaml");

    const json = JSON.parse((await run("audit", dir, "--format", "json")).out);
    expect(json.summary).toEqual({ keps: 2, errors: 2, warnings: 0 });
    expect(json.keps.at(-1)).toEqual({
      number: null,
      path: "keps/sig-apps/5151-half-done",
      title: null,
      status: null,
      stage: null,
      latestMilestone: null,
      owningSig: null,
      findings: [
        expect.objectContaining({ rule: "kep-metadata-missing", severity: "error", path: "keps/sig-apps/5151-half-done", line: null }),
      ],
    });
  });

  it("exits 2, naming the file and the flag, when the PRR approvers cannot be read", async () => {
    const dir = brokenCheckout();
    const { code, out, err } = await run("audit", dir, "--owners-aliases", join(dir, "nope"));
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(`cannot read the PRR approvers file ${join(dir, "nope")}: name it with --owners-aliases <file>`);
  });

  it("skips only the SIG warnings, saying so once, when the SIG list is missing", async () => {
    const { code, out, err } = await run("audit", ENHANCEMENTS, "--sigs", "/nonexistent/sigs.yaml", "--format", "json");
    expect(code).toBe(0);
    expect(err.match(/SIG names are not checked/g)).toHaveLength(1);
    const rules = JSON.parse(out).keps.flatMap((k: { findings: { rule: string }[] }) => k.findings.map((f) => f.rule));
    expect(rules.filter((r: string) => r.includes("sig-unknown"))).toEqual([]);
    expect(rules).toContain("status-invalid");
  });

  it.each([
    [["audit"], "exactly one directory"],
    [["audit", "/nonexistent/checkout"], "does not exist: give the root of a kubernetes/enhancements checkout"],
    [["audit", ENHANCEMENTS, "--format", "xml"], "--format must be text or json"],
    [["audit", ENHANCEMENTS, "--colour"], "Unknown option"],
    [["frobnicate"], 'unknown command "frobnicate"'],
  ])("exits 2 with a message for %j", async (args, message) => {
    const { code, out, err } = await run(...(args as string[]));
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(message);
  });

  it("adds readiness for the release to the KEPs that target it, judged for the coming freeze", async () => {
    const schedule = join(TIMELINES, "release-1.37-timeline.md");
    const { code, out } = await run(
      "audit",
      ENHANCEMENTS,
      "--format",
      "json",
      "--release",
      "v1.37",
      "--schedule",
      schedule,
      "--now",
      "2026-06-12T00:00:00Z",
    );
    expect(code).toBe(0);
    const keps = JSON.parse(out).keps as Array<{
      number: string;
      latestMilestone: string | null;
      readiness?: { freeze: string; status: string; checklist: { id: string; done: boolean; fix: string | null }[] };
    }>;
    const judged = keps.filter((k) => k.readiness);
    expect(judged).toHaveLength(94);
    expect(judged.every((k) => k.latestMilestone?.includes("1.37"))).toBe(true);
    const provisional = judged.find((k) => k.number === "5343")!.readiness!;
    expect(provisional).toMatchObject({ freeze: "enhancements-freeze", status: "At risk for enhancements freeze" });
    expect(provisional.checklist.filter((i) => !i.done)).toEqual([
      { id: "kep-status", done: false, fix: "set `status: implementable` in keps/sig-network/5343-nftables-to-default/kep.yaml" },
    ]);
    expect(judged.find((k) => k.number === "3541")!.readiness!.status).toBe("Tracked for enhancements freeze");

    const text = await run("audit", ENHANCEMENTS, "--release", "v1.37", "--schedule", schedule, "--now", "2026-06-12T00:00:00Z");
    // 88: KEP 5040 (stage: disabled, latest-milestone v1.37) needs no milestone.disabled entry.
    expect(text.out).toContain("Readiness for v1.37 (next: enhancements-freeze): 88 tracked, 6 at risk, from the files alone.");
  });

  it("judges readiness against the enhancements freeze when no schedule is given, and rejects a bad --now", async () => {
    const json = JSON.parse((await run("audit", ENHANCEMENTS, "--format", "json", "--release", "1.37")).out);
    expect(json.keps.find((k: { number: string }) => k.number === "3541").readiness.freeze).toBe("enhancements-freeze");
    const bad = await run("audit", ENHANCEMENTS, "--release", "v1.37", "--now", "yesterday");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--now must be an ISO 8601 instant");
  });

  it("prints help for the CLI and for the command", async () => {
    expect((await run("--help")).out).toContain("audit      validate every KEP");
    const help = await run("audit", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("--owners-aliases <file>");
  });

  it("works as the installed binary (bin/kep-tracker.js)", { timeout: 60_000 }, () => {
    const bin = join(ROOT, "bin/kep-tracker.js");
    const clean = spawnSync(process.execPath, [bin, "audit", ENHANCEMENTS, "--format", "json"], { encoding: "utf8" });
    expect(JSON.parse(clean.stdout).summary.errors).toBe(0);
    // Nothing on stderr: not even the engine's word on the optimizer budget the binary sets.
    expect(clean.stderr).toBe("");
    const broken = spawnSync(process.execPath, [bin, "audit", brokenCheckout()], { encoding: "utf8" });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain("error   prr-file-missing");
  });

  it("exits 1 with yaml-invalid, too many aliases, on a kep.yaml that is a YAML alias bomb", { timeout: 60_000 }, () => {
    const dir = bombCheckout(join(ENHANCEMENTS, "OWNERS_ALIASES"), mkdtempSync(join(tmpdir(), "kep-bomb-")));
    const bin = join(ROOT, "bin/kep-tracker.js");
    const result = spawnSync(process.execPath, [bin, "audit", dir, "--format", "json"], { encoding: "utf8", timeout: 50_000 });
    expect(result.status).toBe(1);
    const findings = JSON.parse(result.stdout).keps.flatMap((k: { findings: Array<{ rule: string; message: string }> }) => k.findings);
    expect(findings.map((f: { rule: string; message: string }) => [f.rule, f.message.split(":")[0]])).toEqual([
      ["yaml-invalid", "too many aliases"],
    ]);
  });

  it("judges SIG Node's actively-alpha rule against --release, and without it as upstream does offline (release 999)", async () => {
    const dir = brokenCheckout();
    const kep = KEP.replace("stage: beta", "stage: alpha")
      .replace('latest-milestone: "v1.36"', 'latest-milestone: "v1.37"')
      .replace(/ {2}- "@mrunalp".*\n/, '  - "@tallclair" # sig-node-assigned-approver\n');
    writeFileSync(join(dir, "keps/sig-node/9999-example-feature/kep.yaml"), kep);
    writeFileSync(join(dir, "keps/sig-node/9999-example-feature/OWNERS"), "approvers:\n  - tallclair\n");
    writeFileSync(join(dir, "keps/prod-readiness/sig-node/9999.yaml"), 'kep-number: 9999\nalpha:\n  approver: "@johnbelamaric"\n');
    const rulesOf = (out: string) =>
      JSON.parse(out).keps.flatMap((k: { findings: Array<{ rule: string; line: number }> }) =>
        k.findings.filter((f) => f.rule.startsWith("sig-node-")).map((f) => `${f.rule}:${f.line}`),
      );
    expect(rulesOf((await run("audit", dir, "--format", "json")).out)).toEqual([]);
    const upcoming = await run("audit", dir, "--format", "json", "--release", "v1.37");
    expect(rulesOf(upcoming.out).sort()).toEqual(["sig-node-alpha-marker:12", "sig-node-alpha-needs-tech-lead:11"]);
    expect(upcoming.code).toBe(1);
  });

  it("reports an OWNERS_ALIASES without sig-node-tech-leads once, as the file upstream's node check fails on", async () => {
    const dir = brokenCheckout();
    writeFileSync(join(dir, "OWNERS_ALIASES"), "aliases:\n  prod-readiness-approvers:\n    - johnbelamaric\n");
    const json = JSON.parse((await run("audit", dir, "--format", "json")).out);
    const node = json.keps
      .flatMap((k: { findings: Array<{ rule: string; path: string; message: string }> }) => k.findings)
      .filter((f: { rule: string }) => f.rule.startsWith("sig-node-"));
    expect(node).toEqual([expect.objectContaining({ rule: "sig-node-file-invalid", path: join(dir, "OWNERS_ALIASES") })]);
    expect(node[0].message).toContain('alias "sig-node-tech-leads" not found');
  });

  it("fails a kep.yaml saved as Latin-1 with yaml-invalid at its line, where Node's own decoding would hide it", async () => {
    const dir = brokenCheckout();
    const file = join(dir, "keps/sig-node/9999-example-feature/kep.yaml");
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(KEP.replace("title: Example feature\n", "")),
        Buffer.from("editor: Jos"),
        Buffer.from([0xe9]),
        Buffer.from("\n"),
      ]),
    );
    const json = JSON.parse((await run("audit", dir, "--format", "json")).out);
    const kep = json.keps.find((k: { path: string }) => k.path === "keps/sig-node/9999-example-feature/kep.yaml");
    expect(kep.findings.map((f: { rule: string; line: number }) => `${f.rule}:${f.line}`)).toEqual([
      `yaml-invalid:${KEP.split("\n").length - 1}`,
    ]);
    expect(kep.findings[0].message).toMatch(/^yaml: incomplete UTF-8 octet sequence at byte offset \d+ \(line \d+\)/);
  });
});

describe("kep-tracker audit, given the wrong thing", () => {
  const V136 = `${TIMELINES}/release-1.36-timeline.md`;

  it("names the folder to give for a file or the keps/ folder itself, in one line", async () => {
    const file = await run("audit", join(ENHANCEMENTS, "OWNERS_ALIASES"));
    expect(file.code).toBe(2);
    expect(file.err).toBe(
      `kep-tracker audit: ${ENHANCEMENTS}/OWNERS_ALIASES is a file: give the root of a kubernetes/enhancements checkout, ` +
        `the folder that holds keps/ (here: ${ENHANCEMENTS})\n`,
    );
    const keps = await run("audit", join(ENHANCEMENTS, "keps"));
    expect(keps.err).toBe(
      `kep-tracker audit: ${ENHANCEMENTS}/keps is the keps/ folder itself: give the folder above it, ${ENHANCEMENTS}\n`,
    );
  });

  it("refuses a release past every KEP's target with a guess, and a schedule without --release or of another release", async () => {
    const typo = await run("audit", ENHANCEMENTS, "--release", "v1.370");
    expect(typo.code).toBe(2);
    expect(typo.err).toContain("--release v1.370 is past every KEP's latest-milestone (the newest is v1.38); did you mean v1.37?");
    const alone = await run("audit", ENHANCEMENTS, "--schedule", V136);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain("--schedule gives the dates of the release judged: it needs --release v1.NN too");
    const other = await run("audit", ENHANCEMENTS, "--release", "v1.37", "--schedule", V136);
    expect(other.code).toBe(2);
    expect(other.err).toContain(`${V136} is the schedule of v1.36, not of --release v1.37`);
  });

  it("says a release already out is over and that only the validation ran", async () => {
    const over = await run(
      "audit",
      ENHANCEMENTS,
      "--release",
      "v1.36",
      "--schedule",
      V136,
      "--now",
      "2026-06-01T00:00:00Z",
      "--format",
      "json",
    );
    expect(over.err).toContain("v1.36 was released by 2026-04-23 (its schedule): no freeze is left, so readiness was not judged");
    expect(JSON.parse(over.out).keps.some((k: { readiness?: unknown }) => k.readiness)).toBe(false);
  });

  it("answers an unknown command with a suggestion, in one line", async () => {
    const typo = await run("reprot");
    expect(typo.code).toBe(2);
    expect(typo.err).toBe(
      'kep-tracker: unknown command "reprot"; did you mean "report"? (the commands: audit, sweep, cleanup, report, worklist, config, schedule)\n',
    );
  });
});
