import { describe, expect, it } from "vitest";
import { yamlBomb } from "../../bench/yaml-bomb.js";
import { formatProblems, parseConfig, parseConfigText } from "../../src/config/config.js";
import { parseKepFile } from "../../src/kep/kep-file.js";
import { lineAtPath, readYamlDocument, readYamlText, YAML_MAX_BYTES, YAML_MAX_DEPTH } from "../../src/kep/yaml-read.js";

describe("the bounded YAML reader", () => {
  it("refuses a 600-byte alias bomb as too many aliases, without expanding it", () => {
    const bomb = yamlBomb();
    expect(bomb.length).toBeLessThan(700);
    expect(readYamlText(bomb).problem?.message).toMatch(/too many aliases/);
    const doc = readYamlDocument(bomb);
    expect(doc.ok ? null : doc.problems[0]!.message).toMatch(/too many aliases/);
  });

  it("reads a file that uses an anchor or two as people do", () => {
    const text = 'defaults: &d {approver: "@alice"}\nalpha: *d\nbeta: *d\n';
    expect(readYamlText(text).problem).toBeNull();
    expect(readYamlDocument(text).ok).toBe(true);
  });

  it("refuses nesting deeper than the bound, in both parsers", () => {
    const deep = `${"[".repeat(YAML_MAX_DEPTH + 5) + "]".repeat(YAML_MAX_DEPTH + 5)}\n`;
    expect(readYamlText(deep).problem?.message).toMatch(/nested/);
    const doc = readYamlDocument(deep);
    expect(doc.ok ? null : doc.problems[0]!.message).toMatch(/nested/);
  });

  it("refuses deep block nesting as well as deep flow nesting", () => {
    const block = `${Array.from({ length: YAML_MAX_DEPTH + 5 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} x\n`;
    expect(readYamlText(block).problem?.message).toBe(`it is nested deeper than ${YAML_MAX_DEPTH} levels`);
    const doc = readYamlDocument(block);
    expect(doc.ok ? null : doc.problems[0]!.message).toBe(`it is nested deeper than ${YAML_MAX_DEPTH} levels`);
    const fine = `${Array.from({ length: YAML_MAX_DEPTH - 2 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} x\n`;
    expect(readYamlText(fine).problem).toBeNull();
  });

  it("survives nesting deep enough to overflow a recursive parser, with a problem instead of a crash", () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    expect(readYamlText(deep).problem).not.toBeNull();
    expect(readYamlDocument(deep).ok).toBe(false);
  });

  it("reports a file over 1 MiB without parsing it", () => {
    const big = `title: x\nnote: "${"a".repeat(YAML_MAX_BYTES)}"\n`;
    expect(readYamlText(big).problem?.message).toMatch(/over the 1048576-byte \(1 MiB\) limit/);
  });

  it("places a path through an alias on the anchored value's line", () => {
    const doc = readYamlDocument("base: &b\n  approver: x\nbeta: *b\n");
    expect(doc.ok && lineAtPath(doc.read, ["beta", "approver"])).toBe(2);
  });
});

describe("alias bombs where YAML comes in", () => {
  it("makes a kep.yaml bomb one yaml-invalid finding saying too many aliases", () => {
    const kep = parseKepFile("keps/sig-node/1-x/kep.yaml", yamlBomb());
    expect(kep.findings.map((f) => [f.rule, f.message.split(":")[0]])).toEqual([["yaml-invalid", "too many aliases"]]);
  });

  it("makes a config bomb one clear report, not a stack", () => {
    const result = parseConfigText(yamlBomb());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatProblems(result.problems)).toMatch(/^\.github\/kep-tracker\.yml: \(file\): is not valid YAML: too many aliases/);
  });

  it("measures a config Probot already parsed (aliases as shared objects) before validating it", () => {
    let value: unknown = ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"];
    for (let i = 0; i < 9; i++) value = Array(9).fill(value);
    const result = parseConfig({ release: "v1.37", teams: value });
    expect(result.ok ? "" : result.problems[0]!.message).toMatch(/too many aliases/);
  });
});

describe("a config file's YAML problems", () => {
  it("gives the problems with their lines when the file is wrong", () => {
    const result = parseConfigText("release: v1.37\nschedule:\n  source: sig-release\nreminders:\n  days-before: soon\n");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.path, p.line])).toStrictEqual([["reminders.days-before", 5]]);
  });

  it("reports a duplicated key at its line", () => {
    const result = parseConfigText("release: v1.37\nrelease: v1.38\n");
    expect(!result.ok && result.problems[0]).toMatchObject({ path: "(file)", line: 2 });
  });
});
