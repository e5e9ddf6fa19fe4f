import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { bufferIo } from "../helpers/io.js";

describe("kep-tracker cleanup's command line", () => {
  it("is listed next to sweep and report", async () => {
    const io = bufferIo();
    expect(await main(["--help"], io, {})).toBe(0);
    expect(io.out()).toMatch(/^ {2}cleanup +the end-of-cycle cleanup/m);
  });

  it("asks for --release before reading anything", async () => {
    const io = bufferIo();
    expect(await main(["cleanup", "--repo", "kubernetes/enhancements"], io, {})).toBe(2);
    expect(io.err()).toContain("--release vX.Y is required");
  });

  it("refuses a next release that is not a release name, or the same release", async () => {
    for (const next of ["1.38", "v1.37"]) {
      const io = bufferIo();
      expect(await main(["cleanup", "--repo", "kubernetes/enhancements", "--release", "v1.37", "--next", next], io, {})).toBe(2);
      expect(io.err()).toContain(`--next must be another release such as v1.38, not "${next}"`);
    }
  });
});
