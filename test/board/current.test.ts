import { describe, expect, it } from "vitest";
import { itemCurrent } from "../../src/board/current.js";
import { releaseWords } from "../../src/release/release-words.js";
import { board, item, NAMES, pick } from "./fixtures.js";

const filled = item(3157, {
  status: pick("status", "Tracked For Docs Freeze"),
  stage: pick("stage", "Beta"),
  sig: pick("sig", "SIG Node"),
  type: pick("type", "Graduating"),
  number: { kind: "text", text: "3157" },
});
const facts = (kep: Parameters<typeof itemCurrent>[3]["kep"], docsJudged = true) => ({
  issue: 3157,
  release: "v1.38",
  status: "Tracked for docs freeze",
  kep,
  docsJudged,
});
const current = (values: typeof filled.values, f: ReturnType<typeof facts>) =>
  itemCurrent(board([{ ...filled, values }]), NAMES, { ...filled, values }, f, releaseWords("v1.38"));

describe("whether an unchanged issue's item already says what its comment implies", () => {
  it("holds Docs Status to the comment's docs word, and an empty Docs Required? is not current", () => {
    const kep = { stage: "beta", sig: "sig-node", change: "graduating" as const, docs: "Draft" };
    const docsDone = { ...filled.values, docs: pick("docs", "Draft(PR)"), docsreq: pick("docsreq", "Need Docs") };
    expect(current(docsDone, facts(kep))).toBe(true);
    expect(current({ ...docsDone, docs: pick("docs", "No PR") }, facts(kep))).toBe(false);
    const { docsreq: _, ...noRequired } = docsDone;
    expect(current(noRequired, facts(kep))).toBe(false);
    // A person's "None Required" stays: only an empty field is filled.
    expect(current({ ...docsDone, docsreq: pick("docsreq", "None Required") }, facts(kep))).toBe(true);
  });

  it("evaluates once a comment whose marker predates the docs word, from when docs are judged", () => {
    const old = { stage: "beta", sig: "sig-node", change: "graduating" as const };
    expect(current(filled.values, facts(old, false))).toBe(true);
    expect(current(filled.values, facts(old, true))).toBe(false);
  });
});
