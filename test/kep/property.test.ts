import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { KEP_FILE_SCHEMA } from "../../src/kep/kep-file.js";
import { FindingSchema } from "../../src/kep/report-schema.js";
import { validateKep } from "../../src/kep/validate.js";
import { contextFor, KEP, KEP_PATH, PRR, PRR_PATH } from "../helpers/checkout.js";

const ctx = contextFor({ [PRR_PATH]: PRR });
// Fixed seed in CI so a run is repeatable; a new one on each local run to keep exploring.
const seed = process.env.CI ? { seed: 20261122 } : {};

/** Either a KEP that upstream would accept (required fields all there) or findings that say why not. */
function assertParsedOrExplained(source: string) {
  const { report, metadata } = validateKep(KEP_PATH, source, ctx);
  for (const f of report.findings) expect(FindingSchema.parse(f)).toEqual(f);
  const errors = report.findings.filter((f) => f.severity === "error");
  if (errors.length === 0) {
    expect(metadata.title ?? "").not.toBe("");
    expect(metadata.number ?? "").not.toBe("");
    expect(metadata.owningSig ?? "").not.toBe("");
    expect(metadata.status ?? "").not.toBe("");
  }
}

const lines = KEP.split("\n");
const mutation = fc.oneof(
  // drop a line
  fc.nat(lines.length - 1).map((i) => lines.filter((_, j) => j !== i).join("\n")),
  // repeat a line (often a duplicate key)
  fc.nat(lines.length - 1).map((i) => [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)].join("\n")),
  // insert text somewhere
  fc.tuple(fc.nat(KEP.length), fc.string({ maxLength: 12 })).map(([at, s]) => KEP.slice(0, at) + s + KEP.slice(at)),
  // insert YAML punctuation somewhere
  fc
    .tuple(fc.nat(KEP.length), fc.constantFrom("---", ":", "- ", "[", "]", "{", "'", '"', "&a ", "*a", "!!int ", "\t", "\n  ", "#"))
    .map(([at, s]) => KEP.slice(0, at) + s + KEP.slice(at)),
  // cut the file short
  fc.nat(KEP.length).map((n) => KEP.slice(0, n)),
  // re-indent a line
  fc
    .tuple(fc.nat(lines.length - 1), fc.nat(6))
    .map(([i, n]) => lines.map((l, j) => (j === i ? " ".repeat(n) + l.trimStart() : l)).join("\n")),
);

describe("kep.yaml parsing never throws", () => {
  it("on mutations of a valid KEP", () => {
    fc.assert(
      fc.property(mutation, (source) => assertParsedOrExplained(source)),
      { numRuns: 1500, ...seed },
    );
  });

  it("on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (source) => assertParsedOrExplained(source)),
      { numRuns: 800, ...seed },
    );
  });

  it("on arbitrary YAML documents", () => {
    const doc = fc.anything({ maxDepth: 3, withNullPrototype: false, withMap: false, withSet: false, withBigInt: false, withDate: true });
    fc.assert(
      fc.property(doc, (value) => assertParsedOrExplained(stringify(value) ?? "")),
      { numRuns: 500, ...seed },
    );
  });

  it("on KEP-shaped documents with random values", () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
    );
    const kep = fc.record({
      title: value,
      "kep-number": value,
      authors: value,
      "owning-sig": value,
      status: value,
      stage: value,
      "latest-milestone": value,
      approvers: value,
      milestone: value,
    });
    fc.assert(
      fc.property(kep, (k) => assertParsedOrExplained(stringify(k))),
      { numRuns: 500, ...seed },
    );
  });
});

describe("the kep.yaml shape", () => {
  it("accepts a real KEP's fields and refuses a key the template does not have", () => {
    const real = {
      title: "x",
      authors: ["@a"],
      milestone: { alpha: "v1.37" },
      "feature-gates": [{ name: "G", components: ["kubelet"] }],
      "disable-supported": "true",
    };
    expect(KEP_FILE_SCHEMA.safeParse(real).success).toBe(true);
    expect(KEP_FILE_SCHEMA.safeParse({ ...real, milestone: { gamma: "v1" } }).success).toBe(false);
  });
});
