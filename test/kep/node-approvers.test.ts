import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { type NodeViolation, verifyMarkers, verifyTechLeads } from "../../src/kep/sig-node/approvers.js";
import { readNodeKep, readTechLeads } from "../../src/kep/sig-node/files.js";
import { auditCheckout } from "../../src/kep/validate.js";
import { contextFor } from "../helpers/checkout.js";
import { FIXTURES } from "../helpers/fixtures.js";

// Upstream's own cases (kubernetes/enhancements pkg/nodeapprovers/verify_test.go),
// run against the copied testdata; each expectation is the Go test's, as
// (role, user, reason), compared as a set like require.ElementsMatch.
const TESTDATA = join(FIXTURES, "upstream-tests/nodeapprovers/testdata");
const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : undefined);

type Want = [role: string, user: string, reason: string];
const shape = (vs: NodeViolation[]): Want[] => vs.map((v) => [v.role, v.user, v.reason] as Want).sort();
const sorted = (ws: Want[]) => [...ws].sort();

/** Upstream's VerifyKEP on testdata/<dir>/kep.yaml. */
function verifyKep(dir: string): NodeViolation[] {
  const kep = join(TESTDATA, dir, "kep.yaml");
  return verifyMarkers(kep, read(kep)!, read(join(TESTDATA, dir, "OWNERS")));
}

/** Every kep.yaml under a directory, as filepath.WalkDir finds them. */
function kepFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true, encoding: "utf8" }) as string[])
    .filter((p) => p === "kep.yaml" || p.endsWith("/kep.yaml"))
    .map((p) => join(root, p));
}

const TECH_LEADS = new Set(["dchen1107", "mrunalp"]);
const techLeadsOf = (dir: string) => {
  const kep = join(TESTDATA, "techleads", dir, "kep.yaml");
  return verifyTechLeads(kep, read(kep)!, TECH_LEADS, 37);
};

const NOT_REVIEWER = "not listed under reviewers in OWNERS";
const NOT_APPROVER = "not listed under approvers in OWNERS";
const UNMARKED_REVIEWER = "listed in OWNERS but not annotated as sig-node-assigned-reviewer in kep.yaml";
const UNMARKED_APPROVER = "listed in OWNERS but not annotated as sig-node-assigned-approver in kep.yaml";
const NO_OWNERS = "OWNERS file not found";
const ALPHA_NEEDS_LEAD = "alpha-stage KEP must list at least one sig-node-tech-leads member as approver";
const ALPHA_MARKER = "alpha-stage KEP must not use # sig-node-assigned-approver marker";
const NEEDS_LEAD_OR_MARKER = "non-alpha KEP must list a sig-node-tech-leads member or an approver marked # sig-node-assigned-approver";

const MARKER_CASES: Array<[name: string, dir: string, want: Want[]]> = [
  ["valid", "valid", []],
  ["mixed case normalizes", "mixed-case", []],
  [
    "missing reviewer",
    "missing-reviewer",
    [
      ["reviewer", "someoneelse", NOT_REVIEWER],
      ["reviewer", "tallclair", UNMARKED_REVIEWER],
    ],
  ],
  [
    "missing approver",
    "missing-approver",
    [
      ["approver", "someoneelse", NOT_APPROVER],
      ["approver", "tallclair", UNMARKED_APPROVER],
    ],
  ],
  [
    "no owners",
    "no-owners",
    [
      ["reviewer", "tallclair", NO_OWNERS],
      ["approver", "dchen1107", NO_OWNERS],
    ],
  ],
  [
    "no markers but OWNERS exists",
    "no-markers",
    [
      ["reviewer", "tallclair", UNMARKED_REVIEWER],
      ["approver", "dchen1107", UNMARKED_APPROVER],
    ],
  ],
  [
    "extra in owners",
    "extra-in-owners",
    [
      ["reviewer", "mrunalp", UNMARKED_REVIEWER],
      ["approver", "derekwaynecarr", UNMARKED_APPROVER],
    ],
  ],
];

const TECH_LEAD_CASES: Array<[name: string, dir: string, want: Want[]]> = [
  ["alpha with tech lead is valid", "alpha-valid", []],
  ["alpha missing tech lead", "alpha-missing-techlead", [["approver", "", ALPHA_NEEDS_LEAD]]],
  ["alpha with disallowed marker", "alpha-marker-not-allowed", [["approver", "tallclair", ALPHA_MARKER]]],
  ["alpha listing the sig-node-tech-leads alias is not valid", "alpha-alias-invalid", [["approver", "", ALPHA_NEEDS_LEAD]]],
  ["beta listing the sig-node-tech-leads alias is not valid", "beta-alias-invalid", [["approver", "", NEEDS_LEAD_OR_MARKER]]],
  ["beta with tech lead is valid", "beta-techlead-valid", []],
  ["beta with marked approver is valid", "beta-marker-valid", []],
  ["beta with neither", "beta-missing", [["approver", "", NEEDS_LEAD_OR_MARKER]]],
  ["missing stage is treated as non-alpha", "no-stage", [["approver", "", NEEDS_LEAD_OR_MARKER]]],
  ["no approvers", "no-approvers", [["approver", "", "no approvers listed"]]],
];

describe("SIG Node markers, upstream's TestVerifyKEP cases", () => {
  for (const [name, dir, want] of MARKER_CASES) {
    it(`decides "${name}" as upstream does`, () => {
      expect(shape(verifyKep(dir))).toEqual(sorted(want));
    });
  }

  it("finds the same ten violations over the whole testdata tree as upstream's TestVerifyAll", () => {
    const all = kepFiles(TESTDATA).flatMap((kep) => verifyMarkers(kep, read(kep)!, read(join(kep, "../OWNERS"))));
    const byDir = all.map((v) => `${relative(TESTDATA, join(v.path, "..")).replace(/\/?$/, "")} ${v.role} ${v.user} ${v.reason}`).sort();
    const want = MARKER_CASES.flatMap(([, dir, ws]) => ws.map(([role, user, reason]) => `${dir} ${role} ${user} ${reason}`)).sort();
    expect(byDir).toEqual(want);
  });

  it("points at the marked kep.yaml line, or at the OWNERS entry that lacks its marker", () => {
    expect(
      verifyKep("missing-reviewer")
        .map((v) => `${v.rule} ${relative(TESTDATA, v.path)}:${v.line}`)
        .sort(),
    ).toEqual(["sig-node-reviewer-not-in-owners missing-reviewer/kep.yaml:6", "sig-node-reviewer-not-marked missing-reviewer/OWNERS:4"]);
  });
});

describe("SIG Node tech leads, upstream's TestVerifyTechLeadApprovers cases (upcoming release v1.37)", () => {
  for (const [name, dir, want] of TECH_LEAD_CASES) {
    it(`decides "${name}" as upstream does`, () => {
      expect(shape(techLeadsOf(dir))).toEqual(sorted(want));
    });
  }

  it("finds the same seven violations over testdata/techleads as upstream's TestVerifyAllTechLeadApprovers", () => {
    const root = join(TESTDATA, "techleads");
    const leads = readTechLeads(read(join(root, "OWNERS_ALIASES"))!);
    const all = kepFiles(root).flatMap((kep) => verifyTechLeads(kep, read(kep)!, leads, 37));
    expect(all).toHaveLength(7);
    expect(shape(all)).toEqual(sorted(TECH_LEAD_CASES.flatMap(([, , ws]) => ws)));
  });

  it("marks the line of the approvers key, or of the marked approver", () => {
    expect(techLeadsOf("alpha-marker-not-allowed").map((v) => v.line)).toEqual([7]);
    expect(techLeadsOf("beta-missing").map((v) => v.line)).toEqual([5]);
  });
});

describe("SIG Node tech leads from OWNERS_ALIASES, upstream's TestLoadTechLeads cases", () => {
  it("loads the alias members, matching the set the cases use", () => {
    expect(readTechLeads(read(join(TESTDATA, "techleads/OWNERS_ALIASES"))!)).toEqual(TECH_LEADS);
  });

  it("refuses a file without the alias, with an empty alias, or with tab indentation", () => {
    expect(() => readTechLeads("aliases:\n  some-other-group:\n    - alice\n")).toThrow(/not found/);
    expect(() => readTechLeads("aliases:\n  sig-node-tech-leads: []\n")).toThrow(/no members/);
    expect(() => readTechLeads("aliases:\n\tsig-node-tech-leads:\n")).toThrow();
  });

  it("reads the real OWNERS_ALIASES of the fixture corpus", () => {
    expect(readTechLeads(read(join(FIXTURES, "enhancements/OWNERS_ALIASES"))!).size).toBeGreaterThan(0);
  });

  it.each([
    ["an alias by anchor", "x: &l [Alice, '@bob']\naliases:\n  sig-node-tech-leads: *l\n", ["alice", "bob"]],
    [
      "a null, a boolean and a number among the members, as their text",
      "aliases:\n  sig-node-tech-leads:\n    - ~\n    - true\n    - 123\n    - alice\n",
      ["~", "true", "123", "alice"],
    ],
    ["an empty member", "aliases:\n  sig-node-tech-leads:\n    -\n    - alice\n", ["", "alice"]],
    ["only the first document", "aliases:\n  sig-node-tech-leads: [alice]\n---\naliases: {}\n", ["alice"]],
    ["no alias of that name", "aliases:\n  sig-node-leads: [alice]\n", 'alias "sig-node-tech-leads" not found'],
    ["no aliases at all", "other: 1\n", 'alias "sig-node-tech-leads" not found'],
  ])("reads %s as upstream does", (_, text, expected) => {
    const outcome = () => {
      try {
        return [...readTechLeads(text)];
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    };
    expect(outcome()).toEqual(expected);
  });
});

describe("reading kep.yaml for the SIG Node check", () => {
  it("reads markers after quoted, single-quoted and plain entries, and none inside a quoted value", () => {
    const text =
      "approvers:\n  - \"@a # not a comment\" # sig-node-assigned-approver\n  - '@b''s' #sig-node-assigned-approver\n  - c#x\n  - d # sig-node-assigned-approver extra\n";
    const read = readNodeKep(text);
    expect("kep" in read && read.kep.approvers.map((e) => [e.user, e.marker, e.line])).toEqual([
      ["a # not a comment", "sig-node-assigned-approver", 2],
      ["b's", "sig-node-assigned-approver", 3],
      ["c#x", "", 4],
      ["d", "sig-node-assigned-approver extra", 5],
    ]);
  });

  it("refuses a comment glued to a quoted entry, as the strict parser does", () => {
    expect(readNodeKep('approvers:\n  - "@c"#x\n')).toEqual({
      problem: "line 2: Comments must be separated from other tokens by white space characters",
    });
  });
});

describe("SIG Node's check in a checkout audit", () => {
  const KEP_TEXT =
    'title: T\nkep-number: 1\nowning-sig: sig-node\nstatus: provisional\nauthors: []\napprovers:\n  - "@x" # sig-node-assigned-approver\n';
  const audit = (files: Record<string, string>, techLeads: ReadonlySet<string> | Error = new Set(["mrunalp"])) =>
    auditCheckout(Object.keys(files), {
      ...contextFor(files),
      nodeApprovers: { techLeads, upcomingMinor: 37, aliasesPath: "OWNERS_ALIASES" },
    });

  it("checks a kep.yaml that the metadata walk skips (inside another KEP's directory), as upstream's node walk does", () => {
    const result = audit({ "keps/sig-apps/1-a/kep.yaml": KEP_TEXT, "keps/sig-apps/1-a/zz/kep.yaml": KEP_TEXT });
    const entries = [...result.keps.map((k) => k.report), ...result.directories].filter((r) => r.findings.length);
    expect(entries.map((r) => [r.path, r.findings.map((f) => `${f.rule}:${f.line}`)])).toEqual([
      ["keps/sig-apps/1-a/kep.yaml", ["sig-node-owners-missing:7"]],
      ["keps/sig-apps/1-a/zz/kep.yaml", ["sig-node-owners-missing:7"]],
    ]);
  });

  it("says once that OWNERS_ALIASES has no sig-node-tech-leads, and still checks the markers", () => {
    const result = audit(
      { "keps/sig-node/1-a/kep.yaml": KEP_TEXT, "keps/sig-node/1-a/OWNERS": "approvers:\n  - x\n" },
      new Error('alias "sig-node-tech-leads" not found'),
    );
    expect(result.directories.map((d) => [d.path, d.findings.map((f) => f.rule)])).toEqual([["OWNERS_ALIASES", ["sig-node-file-invalid"]]]);
    expect(result.keps[0]!.report.findings).toEqual([]);
  });
});
