import { describe, expect, it } from "vitest";
import { compareVersions, parseTolerant } from "../../src/kep/semver.js";

// blang/semver v4's ParseTolerant, which upstream uses for latest-milestone.
describe("versions as blang/semver's ParseTolerant reads them", () => {
  it("reads v1.37, 1.37, v1.37.0 and 1 as full versions", () => {
    for (const [text, want] of [
      ["v1.37", [1, 37, 0]],
      ["1.37", [1, 37, 0]],
      [" v1.37.0 ", [1, 37, 0]],
      ["1", [1, 0, 0]],
      ["v01.037.00", [1, 37, 0]],
    ] as const) {
      const v = parseTolerant(text)!;
      expect([v.major, v.minor, v.patch], text).toEqual(want);
    }
  });

  it("reads a plainly written version exactly as the same version with spaces and leading zeros around it", () => {
    for (const [plain, padded] of [
      ["v1.37", " v01.37 "],
      ["1.37.0", " 1.037.0"],
      ["v0.0.0", " v0.00.0 "],
      ["v123456789012345.1.2", " 123456789012345.01.2"],
    ] as const) {
      expect(parseTolerant(plain), plain).toEqual(parseTolerant(padded));
      expect(parseTolerant(plain)!.pre, plain).toEqual([]);
    }
  });

  it("refuses a pre-release or build on a short version, and malformed full ones", () => {
    for (const text of [
      "v1.21-rc",
      "v1.21+build",
      "1.30-rc.1",
      "v1.30.0+",
      "v1.30.0-",
      "v1.30.0-rc..1",
      "v1.30.0-01",
      "TBD",
      "",
      "vv1.30",
      "1.30.x",
      "v1.30.0+b_d",
      "99999999999999999999.1",
    ]) {
      expect(parseTolerant(text), text).toBeNull();
    }
  });

  it("sorts a pre-release before its release, and numeric identifiers before alphanumeric ones", () => {
    const order = [
      "v1.21.0-alpha",
      "v1.21.0-alpha.1",
      "v1.21.0-alpha.beta",
      "v1.21.0-beta.2",
      "v1.21.0-beta.11",
      "v1.21.0-rc.1",
      "v1.21.0",
      "v1.21.1",
      "v1.22",
    ];
    const parsed = order.map((t) => parseTolerant(t)!);
    for (let i = 1; i < parsed.length; i++) expect(compareVersions(parsed[i - 1]!, parsed[i]!), order[i]).toBe(-1);
    expect(compareVersions(parseTolerant("v1.21.0+build")!, parseTolerant("v1.21")!)).toBe(0);
  });
});
