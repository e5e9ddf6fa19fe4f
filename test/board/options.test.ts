import { describe, expect, it } from "vitest";
import { findOption, findSigOption, normaliseOption } from "../../src/board/options.js";

const opts = (...names: string[]) => names.map((name, i) => ({ id: `o${i}`, name }));

describe("board options as people write them", () => {
  it.each([
    ["Tracked For Enhancement Freeze", "Tracked for enhancements freeze"],
    ["At Risk For PRR Freeze", "At risk for PRR freeze"],
    ["Tracked for Code Freeze", "Tracked for code freeze"],
    ["Exception Pending", "Exception pending"],
    ["Removed From Milestone", "Removed from milestone"],
    ["Tracked for KEP Readiness", "Tracked for KEP readiness"],
    ["At-Risk  for docs freezes", "At risk for docs freeze"],
    ["Net New", "net new"],
  ])("the board's %j is the option %j", (onBoard, wanted) => {
    expect(findOption(opts("Deferred", onBoard), wanted)?.name).toBe(onBoard);
  });

  it("tracked and at risk, or two freezes, stay different options", () => {
    const board = opts("Tracked for enhancements freeze", "At risk for enhancements freeze", "Tracked for code freeze");
    expect(findOption(board, "At Risk For Enhancement Freeze")?.name).toBe("At risk for enhancements freeze");
    expect(findOption(board, "Tracked for docs freeze")).toBeNull();
    expect(findOption(board, "Tracked for KEP readiness")).toBeNull();
  });

  it("an exact spelling wins over a loose one when a board has both", () => {
    expect(findOption(opts("Beta ", "Beta"), "Beta")?.id).toBe("o1");
  });

  it("an empty or punctuation-only wish matches nothing", () => {
    expect(findOption(opts("", "-"), "  ")).toBeNull();
    expect(normaliseOption("  Tracked -- For  ENHANCEMENTS   Freeze ")).toBe("tracked for enhancement freeze");
  });

  it.each([
    ["sig-api-machinery", "SIG API Machinery"],
    ["sig-node", "sig-node"],
    ["sig-node", "Node"],
    ["sig-cluster-lifecycle", "SIG Cluster Lifecycle"],
  ])("the owning SIG %j is the SIG option %j", (owningSig, option) => {
    expect(findSigOption(opts("sig-network", option), owningSig)?.name).toBe(option);
  });

  it("a SIG the field lacks is not matched to another SIG", () => {
    expect(findSigOption(opts("SIG Node", "SIG Network"), "sig-storage")).toBeNull();
  });
});
