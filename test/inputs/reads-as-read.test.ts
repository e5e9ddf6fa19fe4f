import { describe, expect, it } from "vitest";
import { type KepReads, missesReads, readsAsRead } from "../../src/inputs/kep-reads.js";

/** What an evaluation's digest records of the files: only what was actually read. */

const reads: KepReads = {
  number: 7,
  headSha: "h",
  kepFile: "keps/sig-x/7-a/kep.yaml",
  files: [
    { key: "h:keps/sig-x/7-a/kep.yaml", expression: "h:keps/sig-x/7-a/kep.yaml", oid: "k1", size: 10 },
    { key: "h:keps/sig-x/7-a/README.md", expression: "h:keps/sig-x/7-a/README.md", oid: "r1", size: 10 },
  ],
  prs: [{ key: "kubernetes/kubernetes#5", owner: "kubernetes", repo: "kubernetes", number: 5 }],
  touching: [],
};

describe("the digest's record of what was read", () => {
  it("keeps no blob id for a file the tree lists but whose text was not read, so the next sweep reads it again", () => {
    const asRead = readsAsRead(reads, { "h:keps/sig-x/7-a/kep.yaml": "title: x" });
    expect(asRead.files).toEqual([reads.files[0], { key: "h:keps/sig-x/7-a/README.md", expression: "h:keps/sig-x/7-a/README.md" }]);
  });

  it("says an issue misses reads when any of its files, OWNERS_ALIASES or its linked PRs went unanswered", () => {
    const aliases = { key: "h:OWNERS_ALIASES", expression: "h:OWNERS_ALIASES" };
    expect(missesReads(reads, aliases, new Set())).toBe(false);
    expect(missesReads(reads, aliases, new Set(["h:other"]))).toBe(false);
    expect(missesReads(reads, aliases, new Set(["h:keps/sig-x/7-a/README.md"]))).toBe(true);
    expect(missesReads(reads, aliases, new Set(["h:OWNERS_ALIASES"]))).toBe(true);
    expect(missesReads(reads, null, new Set(["h:OWNERS_ALIASES"]))).toBe(false);
    expect(missesReads(reads, null, new Set(["kubernetes/kubernetes#5"]))).toBe(true);
  });
});
