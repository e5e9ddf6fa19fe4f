import { describe, expect, it } from "vitest";
import { parseKepFile } from "../../src/kep/kep-file.js";
import { parsePrrFile } from "../../src/kep/prr-file.js";
import { decodeUtf8 } from "../../src/kep/utf8.js";
import { validateKep } from "../../src/kep/validate.js";
import { auditFiles, brief, contextFor, exampleCheckout, KEP, KEP_PATH, PRR, PRR_PATH, withField } from "../helpers/checkout.js";

const rulesOf = (files: Record<string, string>) => auditFiles(files).map((f) => f.rule);
const audit = (kep: string, prr: string | null = PRR) => auditFiles(exampleCheckout(kep, prr));

describe("the example KEP", () => {
  it("passes with no finding at all", () => {
    expect(audit(KEP)).toEqual([]);
  });
});

describe("scalars stay text", () => {
  it("keeps 1.25, 2019-01-01 and 0752 exactly as written", () => {
    const kep = withField("latest-milestone", "1.25", withField("creation-date", "2019-01-01", withField("kep-number", "0752")));
    const parsed = parseKepFile(KEP_PATH, kep);
    expect(parsed.metadata.latestMilestone).toBe("1.25");
    expect(parsed.metadata.number).toBe("0752");
    expect(parsed.findings).toEqual([]);
  });

  it("does not turn latest-milestone 1.30 into 1.3", () => {
    expect(parseKepFile(KEP_PATH, withField("latest-milestone", "1.30")).metadata.latestMilestone).toBe("1.30");
  });
});

describe("kep-metadata-missing and no-keps", () => {
  it("reports a KEP directory with a README.md but no kep.yaml, by directory", () => {
    const files = { ...exampleCheckout(), "keps/sig-apps/1234-half-done/README.md": "# Half done\n" };
    const findings = auditFiles(files);
    expect(brief(findings)).toEqual(["kep-metadata-missing keps/sig-apps/1234-half-done"]);
    expect(findings[0]!.message).toContain("add kep.yaml");
  });

  it("ignores keps/README.md, prod-readiness and a KEP's own sub-directories", () => {
    const files = {
      ...exampleCheckout(),
      "keps/README.md": "# KEPs\n",
      "keps/prod-readiness/README.md": "# PRR\n",
      "keps/sig-node/9999-example-feature/zz-notes/README.md": "# skipped after kep.yaml, as upstream does\n",
    };
    expect(rulesOf(files)).toEqual([]);
  });

  it("finds a KEP one level deeper (keps/sig-x/subproject/N-slug/)", () => {
    const deep = KEP_PATH.replace("sig-node/", "sig-node/kubelet/");
    const result = auditFiles({ [deep]: KEP, [PRR_PATH]: PRR });
    expect(result).toEqual([]);
  });

  it("says so when there is no kep.yaml at all", () => {
    expect(brief(auditFiles({ "keps/README.md": "# nothing\n" }))).toEqual(["no-keps keps"]);
  });
});

describe("yaml-invalid", () => {
  it("reports a syntax error with its line", () => {
    const findings = audit(KEP.replace('  - "@mrunalp"', '  - "@mrunalp'));
    expect(findings.map((f) => f.rule)).toEqual(["yaml-invalid"]);
    expect(findings[0]!.line).toBeGreaterThanOrEqual(12);
  });

  it("reports a duplicate key, as upstream's strict decoder does", () => {
    const findings = audit(`${KEP}stage: alpha\n`);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([["yaml-invalid", 27]]);
    expect(findings[0]!.message).toMatch(/duplicat/);
  });

  it("reads only what follows a leading --- line, like upstream", () => {
    expect(audit(`---\n${KEP}`)).toEqual([]);
  });

  it("explains a stray --- line that hides the fields above it from upstream", () => {
    const kep = KEP.replace("status: implementable", "---\nstatus: implementable");
    const findings = audit(kep);
    expect(findings.map((f) => f.message.split(" ")[0])).toEqual(['"title"', '"kep-number"', '"owning-sig"', '"authors"']);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(["required-field"]));
    expect(findings.find((f) => f.message.startsWith('"title"'))!.message).toContain('line 8 contains "---"');
  });
});

describe("yaml-invalid, as upstream's readers fail", () => {
  it("fails a line of 64 KiB or more as upstream's line scanner (bufio.Scanner) does, at its line", () => {
    const longLine = (bytes: number) => `${KEP}# ${"x".repeat(bytes - 2)}\n`;
    expect(audit(longLine(65_535))).toEqual([]);
    const findings = audit(longLine(65_536));
    expect(brief(findings)).toEqual([`yaml-invalid ${KEP_PATH}:${KEP.split("\n").length}`]);
    expect(findings[0]!.message).toMatch(/^bufio\.Scanner: token too long/);
  });

  it("fails a kep.yaml that is not UTF-8, with the byte offset and the line", () => {
    // "Café" saved as Latin-1: the lone 0xE9 announces three bytes, and the newline is not one of them.
    const at = KEP.indexOf("Example feature");
    const bytes = Buffer.concat([
      Buffer.from(`${KEP.slice(0, at)}Caf`),
      Buffer.from([0xe9]),
      Buffer.from(KEP.slice(at + "Example feature".length)),
    ]);
    const { text, problem } = decodeUtf8(bytes);
    const offset = at + 4;
    expect(problem).toEqual({ offset, line: 1, message: "invalid trailing UTF-8 octet" });
    const files = { ...exampleCheckout(), [KEP_PATH]: text };
    const result = validateKep(KEP_PATH, text, { ...contextFor(files), utf8Problem: (p) => (p === KEP_PATH ? problem : null) });
    expect(result.report.findings.map((f) => `${f.rule}:${f.line} ${f.message.split(":")[0]}:${f.message.split(":")[1]}`)).toEqual([
      `yaml-invalid:1 yaml: invalid trailing UTF-8 octet at byte offset ${offset} (line 1)`,
    ]);
  });

  it("names each kind of bad UTF-8 as yaml.v3 does", () => {
    const kind = (bytes: number[]) => decodeUtf8(Uint8Array.from(bytes)).problem?.message;
    expect(kind([0x61, 0xff])).toBe("invalid leading UTF-8 octet");
    expect(kind([0x61, 0xe2, 0x82])).toBe("incomplete UTF-8 octet sequence");
    expect(kind([0xc0, 0x80])).toBe("invalid leading UTF-8 octet");
    expect(kind([0xed, 0xa0, 0x80])).toBe("invalid length of a UTF-8 sequence");
    expect(decodeUtf8(Buffer.from("ünïcödé ✓\n")).problem).toBeNull();
  });
});

describe("unknown-field", () => {
  it("reports a misspelt top-level key at its line, with the likely spelling", () => {
    const findings = audit(KEP.replace("latest-milestone:", "latest-milstone:"));
    expect(brief(findings)).toContain(`unknown-field ${KEP_PATH}:16`);
    expect(findings.find((f) => f.rule === "unknown-field")!.message).toContain('did you mean "latest-milestone"');
  });

  it("reports unknown keys inside milestone and feature-gates[]", () => {
    const kep = KEP.replace('  beta: "v1.36"', '  beta: "v1.36"\n  gamma: "v1.40"').replace(
      "      - kubelet",
      "      - kubelet\n    default: true",
    );
    expect(brief(audit(kep)).filter((b) => b.startsWith("unknown-field"))).toEqual([
      `unknown-field ${KEP_PATH}:20`,
      `unknown-field ${KEP_PATH}:25`,
    ]);
  });

  it("accepts id, prnumber, name and path, which upstream accepts by accident", () => {
    expect(audit(`${KEP}id: x\nprnumber: "123"\nname: example\npath: keps/sig-node/9999\n`)).toEqual([]);
  });
});

describe("wrong-type", () => {
  it("reports a single value where a list is expected", () => {
    const findings = audit(withField("authors", '"@alice"'));
    expect(findings.map((f) => f.rule)).toEqual(["wrong-type"]);
    expect(findings[0]!.message).toContain('"authors" must be a list, not a single value');
  });

  it("reports a list where a mapping is expected", () => {
    expect(rulesOf(exampleCheckout(withField("milestone", '["v1.35"]')))).toEqual(["wrong-type"]);
  });

  it.each(["true", "false", "True", "FALSE", "yes", "No", "ON", "off", "y", '"yes"', "~", ""])(
    "accepts disable-supported: %s (YAML 1.1 boolean as yaml.v3 reads it)",
    (value) => {
      expect(audit(withField("disable-supported", value))).toEqual([]);
    },
  );

  it.each(["maybe", "1", '"true"', "yEs"])("rejects disable-supported: %s", (value) => {
    const findings = audit(withField("disable-supported", value));
    expect(findings.map((f) => f.rule)).toEqual(["wrong-type"]);
    expect(findings[0]!.message).toContain("write true or false");
  });
});

describe("required-field", () => {
  it.each(["title", "kep-number", "owning-sig", "status", "authors", "approvers"])("reports %s when absent", (key) => {
    const findings = auditFiles({ [KEP_PATH]: withField(key, null) });
    expect(findings.filter((f) => f.rule === "required-field").map((f) => f.message.split(" ")[0])).toEqual([`"${key}"`]);
  });

  it("reports an empty title at its line", () => {
    expect(brief(audit(withField("title", '""')))).toEqual([`required-field ${KEP_PATH}:1`]);
  });

  it("accepts approvers: [] (an empty list passes upstream)", () => {
    expect(audit(withField("approvers", "[]"))).toEqual([]);
  });
});

describe("PRR rules", () => {
  it("needs latest-milestone and stage when status is implementable", () => {
    const kep = withField("latest-milestone", '""', withField("stage", null));
    expect(rulesOf(exampleCheckout(kep)).sort()).toEqual(["prr-latest-milestone-missing", "prr-stage-missing"]);
  });

  it("does not look at PRR for a provisional KEP", () => {
    expect(audit(withField("status", "provisional", withField("stage", null)), null)).toEqual([]);
  });

  it("rejects latest-milestone TBD and accepts v1.37, 1.37 and v1.37.0", () => {
    expect(rulesOf(exampleCheckout(withField("latest-milestone", "TBD")))).toEqual(["prr-latest-milestone-invalid"]);
    for (const v of ['"v1.37"', "1.37", "v1.37.0"]) expect(audit(withField("latest-milestone", v))).toEqual([]);
  });

  it("needs no PRR file below v1.21", () => {
    expect(audit(withField("latest-milestone", '"v1.20"'), null)).toEqual([]);
    expect(rulesOf(exampleCheckout(withField("latest-milestone", '"v1.21"'), null))).toEqual(["prr-file-missing"]);
  });

  // Upstream parses latest-milestone with blang/semver's ParseTolerant.
  it("rejects v1.21-rc, v1.21+build, 1.30-rc.1 and v1.30.0+ as blang/semver's ParseTolerant does", () => {
    for (const v of ['"v1.21-rc"', '"v1.21+build"', '"1.30-rc.1"', '"v1.30.0+"']) {
      expect(rulesOf(exampleCheckout(withField("latest-milestone", v))), v).toEqual(["prr-latest-milestone-invalid"]);
    }
  });

  it("accepts the full forms ParseTolerant accepts: pre-release, build, leading zeros", () => {
    for (const v of ['"v1.37.0-rc.1"', '"v1.37.0+build.5"', '"v01.037"']) expect(audit(withField("latest-milestone", v)), v).toEqual([]);
  });

  it("needs no PRR file for v1.21.0-alpha: a pre-release sorts before its release", () => {
    expect(audit(withField("latest-milestone", '"v1.21.0-alpha"'), null)).toEqual([]);
    expect(rulesOf(exampleCheckout(withField("latest-milestone", '"v1.21.0"'), null))).toEqual(["prr-file-missing"]);
  });

  // Upstream compares the decoded text as it is: quoting keeps the spaces.
  it('does not take status "implementable " (quoted, with a space) as implementable', () => {
    expect(rulesOf(exampleCheckout(withField("status", '"implementable "'), null))).toEqual(["status-invalid"]);
  });

  it('does not take stage "beta " as a stage, so no PRR block can approve it', () => {
    expect(rulesOf(exampleCheckout(withField("stage", '"beta "'))).sort()).toEqual(["prr-stage-invalid", "stage-invalid"]);
  });

  it('looks for the PRR file of owning-sig "sig-node " in a directory of that name, which does not exist', () => {
    const findings = audit(withField("owning-sig", '"sig-node "'));
    expect(findings.filter((f) => f.rule === "prr-file-missing").map((f) => f.path)).toEqual(["keps/prod-readiness/sig-node /9999.yaml"]);
  });

  it("names the PRR file it expected when it is missing", () => {
    const findings = audit(KEP, null);
    expect(brief(findings)).toEqual([`prr-file-missing ${PRR_PATH}`]);
    expect(findings[0]!.message).toContain("with a beta block naming your PRR approver");
  });

  it("takes the PRR path from owning-sig, not from the KEP's directory", () => {
    const files = { [KEP_PATH.replace("sig-node", "sig-apps")]: KEP, [PRR_PATH]: PRR };
    expect(auditFiles(files)).toEqual([]);
    const wrong = { [KEP_PATH]: KEP, "keps/prod-readiness/sig-apps/9999.yaml": PRR };
    expect(brief(auditFiles(wrong))).toEqual([`prr-file-missing ${PRR_PATH}`]);
  });

  it("does not cross-check the PRR file's own kep-number (0752 for KEP 752)", () => {
    expect(audit(KEP, PRR.replace("kep-number: 9999", "kep-number: 0752"))).toEqual([]);
  });

  it.each([
    ["an unknown key", `${PRR}gamma:\n  approver: "@jpbetz"\n`, 6],
    ["a missing kep-number", PRR.replace("kep-number: 9999\n", ""), null],
    ["a stage block without approver", PRR.replace('alpha:\n  approver: "@johnbelamaric"', "alpha:\n  reviewer: x"), 3],
    ["broken YAML", "kep-number: [9999\n", 2],
  ])("reports prr-file-invalid for %s", (_, prr, line) => {
    const findings = audit(KEP, prr as string);
    expect(findings.map((f) => f.rule)).toContain("prr-file-invalid");
    const f = findings.find((x) => x.rule === "prr-file-invalid")!;
    expect(f.path).toBe(PRR_PATH);
    if (line) expect(f.line).toBe(line);
  });

  it("reports a stage no PRR block can match", () => {
    expect(rulesOf(exampleCheckout(withField("stage", "gamma"))).sort()).toEqual(["prr-stage-invalid", "stage-invalid"]);
  });

  it("reports a PRR file with no stage block", () => {
    expect(rulesOf(exampleCheckout(KEP, "kep-number: 9999\n"))).toEqual(["prr-no-stages"]);
  });

  it("reports a stage the PRR file does not approve", () => {
    const findings = audit(withField("stage", "stable"));
    expect(findings.map((f) => f.rule)).toEqual(["prr-stage-not-approved"]);
    expect(findings[0]!.message).toContain("approves only alpha, beta");
  });

  it("accepts current and emeritus approvers, with or without @, case-sensitively", () => {
    expect(audit(KEP, PRR.replaceAll("@johnbelamaric", "ehashman"))).toEqual([]);
    const findings = audit(KEP, PRR.replaceAll("@johnbelamaric", "@JohnBelamaric"));
    expect(brief(findings)).toEqual([`prr-approver-invalid ${PRR_PATH}:5`]);
    expect(findings[0]!.message).toContain('"@JohnBelamaric" is not a PRR approver');
  });

  it("reports an empty approver for the KEP's stage as prr-approver-invalid", () => {
    expect(rulesOf(exampleCheckout(KEP, PRR.replace('beta:\n  approver: "@johnbelamaric"', 'beta:\n  approver: ""')))).toEqual([
      "prr-approver-invalid",
    ]);
  });

  it("reads the real KEP 752, whose PRR file says kep-number 0752", () => {
    const ctx = contextFor({ "keps/prod-readiness/sig-network/752.yaml": 'kep-number: 0752\nstable:\n  approver: "@wojtek-t"\n' });
    const kep = KEP.replace("kep-number: 9999", "kep-number: 752")
      .replace("owning-sig: sig-node", "owning-sig: sig-network")
      .replace("stage: beta", "stage: stable");
    expect(validateKep("keps/sig-network/0752-endpointslices/kep.yaml", kep, ctx).report.findings).toEqual([]);
  });
});

describe("warnings", () => {
  it("warns on a status upstream does not know, without failing", () => {
    const findings = audit(withField("status", "imlpemented", withField("stage", "stable")), null);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([["status-invalid", "warning"]]);
  });

  it("warns on an unknown stage only when one is given", () => {
    const prov = withField("status", "provisional");
    expect(rulesOf(exampleCheckout(withField("stage", "alpha (deprecated)", prov)))).toEqual(["stage-invalid"]);
    expect(rulesOf(exampleCheckout(withField("stage", null, prov)))).toEqual([]);
  });

  it("warns on SIGs that are not in sigs.yaml, at their line", () => {
    const kep = withField("owning-sig", "sig-nodes", withField("participating-sigs", "[sig-apps, sig-scheduler]"));
    const findings = auditFiles({ [KEP_PATH]: kep, "keps/prod-readiness/sig-nodes/9999.yaml": PRR });
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      ["owning-sig-unknown", 'owning-sig "sig-nodes" is not a group in kubernetes/community sigs.yaml.'],
      ["participating-sig-unknown", 'participating SIG "sig-scheduler" is not a group in kubernetes/community sigs.yaml.'],
    ]);
  });

  it("warns when an implemented KEP is not stable", () => {
    expect(rulesOf(exampleCheckout(withField("status", "implemented")))).toEqual(["implemented-not-stable"]);
  });
});

describe("PRR file parser", () => {
  it("reads the stage blocks and leaves empty ones out", () => {
    const parsed = parsePrrFile(PRR_PATH, "kep-number: 1\nalpha:\nbeta:\n  approver: '@jpbetz'\n", "beta");
    expect(parsed.findings).toEqual([]);
    expect(parsed.approval!.stages).toEqual({ beta: { approver: "@jpbetz" } });
  });
});
