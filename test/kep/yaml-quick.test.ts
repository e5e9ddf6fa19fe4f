import { describe, expect, it } from "vitest";
import { CONFIG as BENCH_CONFIG } from "../../bench/synthetic.js";
import { yamlBomb } from "../../bench/yaml-bomb.js";
import { parseConfigText } from "../../src/config/config.js";
import { readYamlDocument, readYamlValueQuickly } from "../../src/kep/yaml-read.js";
import { CONFIG as APP_CONFIG } from "../helpers/app.js";

/**
 * The config is read by js-yaml first and by the positional `yaml` parser only
 * when something is wrong. Whatever the fast reader accepts must read exactly
 * as the positional parser reads it; whatever it cannot vouch for it leaves.
 */
const slowValue = (text: string): unknown => {
  const parsed = readYamlDocument(text, { uniqueKeys: true });
  return parsed.ok ? parsed.read.value : "(refused)";
};

const SCALARS = [
  "~",
  "null",
  "Null",
  "NULL",
  "nUll",
  "",
  "true",
  "True",
  "TRUE",
  "tRue",
  "false",
  "yes",
  "no",
  "on",
  "off",
  "y",
  "n",
  "0",
  "-0",
  "+5",
  "007",
  "0o17",
  "0o8",
  "0x1F",
  "0X1F",
  "0b101",
  "1_000",
  "1e3",
  "1E-3",
  ".5",
  "5.",
  "-.5e+2",
  "1.30",
  "1.3.0",
  ".inf",
  "-.Inf",
  "+.INF",
  ".nan",
  ".NaN",
  "NaN",
  "inf",
  "2026-06-17",
  "2026-06-17T12:00:00Z",
  "12:30",
  "v1.37",
  "<<",
  "'quoted'",
  '"double \\t quoted"',
  "'1.30'",
  '"true"',
  "!!str 5",
  "!!int 5",
  "!!float 5",
  "!!bool true",
  "!!null ''",
  "!!timestamp 2026-01-01",
  "!custom x",
  "|\n  block\n  text\n",
  ">-\n  folded\n  text\n",
  "[a, 1, true]",
  "{a: 1, b: [2]}",
  "&a x",
  "*a",
];

describe("the fast YAML reader agrees with the positional one", () => {
  it.each(SCALARS)("reads the scalar %j as the positional parser does, or leaves it", (scalar) => {
    const text = `key: ${scalar}\nother: 1\n`;
    const quick = readYamlValueQuickly(text);
    if (quick) expect(quick.value).toStrictEqual(slowValue(text));
  });

  it.each([
    ["the benchmark's config", BENCH_CONFIG],
    ["the App tests' config", APP_CONFIG],
    ["anchors and aliases", "base: &b {days-before: 3}\nreminders: *b\nlist: [*b, *b]\n"],
    ["a merge key, a plain key in YAML 1.2", "base: &b {a: 1}\nm:\n  <<: *b\n  c: 2\n"],
    ["comments and a document marker", "---\n# settings\nrelease: v1.37 # trailing\n...\n"],
    ["an empty file", ""],
    ["only a comment", "# nothing here\n"],
  ])("reads %s as the positional parser does", (_, text) => {
    const quick = readYamlValueQuickly(text);
    expect(quick).not.toBeNull();
    // An empty document is no value to either (js-yaml says null where yaml may say undefined).
    expect(quick!.value ?? null).toStrictEqual(slowValue(text) ?? null);
  });

  it.each([
    ["a duplicated key", "release: v1.37\nrelease: v1.38\n"],
    ["two documents", "release: v1.37\n---\nrelease: v1.38\n"],
    ["a %YAML 1.1 directive, where yes means true", "%YAML 1.1\n---\nflag: yes\n"],
    ["a tag it does not know", "release: !vault v1.37\n"],
    ["bad indentation", "release: v1.37\n  bad: [\n"],
    ["an alias bomb", yamlBomb(9)],
  ])("leaves %s to the positional parser", (_, text) => {
    expect(readYamlValueQuickly(text)).toBeNull();
  });
});

describe("a config file read on the fast path", () => {
  it("gives the same problems, with their lines, as before when the file is wrong", () => {
    const result = parseConfigText("release: v1.37\nschedule:\n  source: sig-release\nreminders:\n  days-before: soon\n");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.path, p.line])).toStrictEqual([["reminders.days-before", 5]]);
  });

  it("still reports a duplicated key at its line", () => {
    const result = parseConfigText("release: v1.37\nrelease: v1.38\n");
    expect(!result.ok && result.problems[0]).toMatchObject({ path: "(file)", line: 2 });
  });
});
