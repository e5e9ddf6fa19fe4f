import { describe, expect, it } from "vitest";
import { errorMessage, fromKeys, isOneOf, isRecord, keysOf } from "../../src/util/narrow.js";

describe("narrowing helpers", () => {
  it("reads a thrown value's message whether it is an Error, an object with a message, or anything else", () => {
    expect(errorMessage(new Error("boom"))).toBe("boom");
    expect(errorMessage({ message: "from a plain object" })).toBe("from a plain object");
    expect(errorMessage("a thrown string")).toBe("a thrown string");
    expect(errorMessage(undefined)).toBe("undefined");
  });

  it("takes a mapping as a record, but not a list, null or text", () => {
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord([1])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord("text")).toBe(false);
  });

  it("accepts only the words of a closed list", () => {
    const words = ["track", "untrack"] as const;
    expect(isOneOf(words, "track")).toBe(true);
    expect(isOneOf(words, "trak")).toBe(false);
    expect(isOneOf(words, undefined)).toBe(false);
  });

  it("builds a record with one entry per key, in the keys' order", () => {
    expect(fromKeys(["b", "a"] as const, (k) => k.toUpperCase())).toEqual({ b: "B", a: "A" });
    expect(keysOf({ x: 1, y: 2 })).toEqual(["x", "y"]);
  });
});
