import { describe, expect, it } from "vitest";
import { aliasesRead, assembleKep, type DigestParts, indexOpenPrs, indexTree, inputsDigest, kepReads } from "../../src/inputs/kep-reads.js";
import { mentionForDigest } from "../../src/inputs/mention-reads.js";
import { V137 } from "../helpers/tracking.js";

const HEAD = "h".repeat(40);
const tree = [
  { path: "keps/sig-node/0042-pod-thing/kep.yaml", sha: "k1", size: 900 },
  { path: "keps/sig-node/0042-pod-thing/README.md", sha: "r1", size: 30_000 },
  { path: "keps/prod-readiness/sig-node/42.yaml", sha: "p1", size: 60 },
  { path: "keps/sig-apps/group/77-nested/kep.yaml", sha: "k2", size: 800 },
  { path: "OWNERS_ALIASES", sha: "o1", size: 4000 },
];
const pr = (number: number, files: string[]) => ({ number, url: `u${number}`, headSha: `s${number}`, files });

describe("what an issue's evaluation reads", () => {
  it("finds the KEP by number (leading zeros, one level deeper) and its PRR file in the indexed listing", () => {
    const index = indexTree(tree);
    expect(index.kepByNumber.get(42)).toBe("keps/sig-node/0042-pod-thing/kep.yaml");
    expect(index.kepByNumber.get(77)).toBe("keps/sig-apps/group/77-nested/kep.yaml");
    expect(index.prrByNumber.get(42)).toEqual(["keps/prod-readiness/sig-node/42.yaml"]);
  });

  it("lists the open PRs touching a KEP's directory or its PRR file, by number, whatever order they came in", () => {
    const prs = [
      pr(9, ["keps/sig-node/0042-pod-thing/README.md"]),
      pr(3, ["keps/prod-readiness/sig-node/42.yaml"]),
      pr(5, ["keps/sig-node/0043-other/kep.yaml"]),
    ];
    expect(
      indexOpenPrs(prs)
        .touching("keps/sig-node/0042-pod-thing", 42)
        .map((p) => p.number),
    ).toEqual([3, 9]);
    expect(
      indexOpenPrs([...prs].reverse())
        .touching("keps/sig-node/0042-pod-thing", 42)
        .map((p) => p.number),
    ).toEqual([3, 9]);
  });

  it("reads the KEP's OWNERS file for SIG Node's check at the head when the listing has it, and at an open PR's head when the PR changes it", () => {
    const dir = "keps/sig-node/0042-pod-thing";
    const withOwners = indexTree([...tree, { path: `${dir}/OWNERS`, sha: "w1", size: 200 }]);
    const prs = indexOpenPrs([pr(9, [`${dir}/OWNERS`]), pr(10, [`${dir}/README.md`])]);
    const reads = kepReads({ number: 42, headSha: HEAD, index: withOwners, kepFile: `${dir}/kep.yaml`, openPrs: prs, body: "" });
    const keys = reads.files.map((f) => f.key);
    expect(reads.files.find((f) => f.key === `${HEAD}:${dir}/OWNERS`)).toMatchObject({ oid: "w1", size: 200 });
    expect(keys).toContain(`s9:${dir}/OWNERS`);
    expect(keys).not.toContain(`s10:${dir}/OWNERS`);
    const without = kepReads({
      number: 42,
      headSha: HEAD,
      index: indexTree(tree),
      kepFile: `${dir}/kep.yaml`,
      openPrs: indexOpenPrs([]),
      body: "",
    });
    expect(without.files.map((f) => f.key)).not.toContain(`${HEAD}:${dir}/OWNERS`);
  });
});

describe("the KEP template, read from the same commit as the KEP", () => {
  const dir = "keps/sig-node/0042-pod-thing";
  const template = { path: "keps/NNNN-kep-template/README.md", sha: "t1", size: 32_582 };
  const readsWith = (t: typeof tree) =>
    kepReads({ number: 42, headSha: HEAD, index: indexTree(t), kepFile: `${dir}/kep.yaml`, openPrs: indexOpenPrs([]), body: "" });

  it("is one of the batched reads when the listing has it, with its blob id so that the digest follows upstream's changes", () => {
    expect(readsWith([...tree, template]).files.find((f) => f.key === `${HEAD}:${template.path}`)).toMatchObject({ oid: "t1" });
    expect(readsWith(tree).files.map((f) => f.key)).not.toContain(`${HEAD}:${template.path}`);
  });

  it("comes back with the README from the files read", () => {
    const reads = readsWith([...tree, template]);
    const files = { [`${HEAD}:${dir}/README.md`]: "# KEP", [`${HEAD}:${template.path}`]: "# KEP-NNNN" };
    expect(assembleKep(reads, files, new Set())).toMatchObject({ readme: "# KEP", template: "# KEP-NNNN" });
    expect(assembleKep(readsWith(tree), { [`${HEAD}:${dir}/README.md`]: "# KEP" }, new Set())).not.toHaveProperty("template");
  });
});

describe("the digest of an issue's inputs", () => {
  const parts = (over: Partial<DigestParts> = {}, t = tree): DigestParts => {
    const idx = indexTree(t);
    return {
      issue: { number: 42, title: "Pod thing", state: "open", milestone: "v1.37", assignees: ["alice"], body: "" },
      reads: kepReads({
        number: 42,
        headSha: HEAD,
        index: idx,
        kepFile: "keps/sig-node/0042-pod-thing/kep.yaml",
        openPrs: indexOpenPrs([]),
        body: "",
      }),
      aliases: aliasesRead(HEAD, idx),
      prStates: null,
      settings: { release: "v1.37", labels: { stagePrefix: "stage/" } },
      deadlines: V137,
      now: new Date("2026-06-01T09:00:00Z"),
      branch: "master",
      untrackReason: null,
      ...over,
    };
  };
  const digest = (p: DigestParts, labels = ["lead-opted-in", "stage/alpha"]) => inputsDigest(p, labels);

  it("is the same for the same inputs, whatever the labels' order", () => {
    expect(digest(parts())).toBe(digest(parts(), ["stage/alpha", "lead-opted-in"]));
  });

  it("changes with a KEP file's blob id, a label, the body, or a new day of the countdown", () => {
    const base = digest(parts());
    const edited = tree.map((f) => (f.path.endsWith("README.md") ? { ...f, sha: "r2" } : f));
    expect(digest(parts({}, edited))).not.toBe(base);
    expect(digest(parts(), ["lead-opted-in", "stage/beta"])).not.toBe(base);
    expect(digest(parts({ issue: { ...parts().issue, body: "edited" } }))).not.toBe(base);
    expect(digest(parts({ now: new Date("2026-06-02T09:00:00Z") }))).not.toBe(base);
    // Within the same day of the countdown it holds.
    expect(digest(parts({ now: new Date("2026-06-01T10:00:00Z") }))).toBe(base);
  });

  it("changes with a PR that mentions the issue or its lgtm and approved labels, but not with its other labels", () => {
    const k = (labels: string[], number = 1) =>
      mentionForDigest({ owner: "kubernetes", repo: "kubernetes", number, state: "open", labels });
    const base = digest(parts({ mentions: [k(["kind/feature"])] }));
    expect(digest(parts({ mentions: [k(["kind/feature", "size/L"])] }))).toBe(base);
    expect(digest(parts({ mentions: [k(["kind/feature", "lgtm"])] }))).not.toBe(base);
    expect(digest(parts({ mentions: [k([]), k([], 2)] }))).not.toBe(base);
    expect(digest(parts({ mentions: null }))).not.toBe(base);
  });
});
