import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Stage } from "../../src/kep/kep-file.js";
import { normaliseMilestone } from "../../src/reading/body-values.js";
import { type IssueBody, IssueBodySchema, parseIssueBody, type StageEntry, stripHtmlComments } from "../../src/reading/issue-body.js";
import { extractPrRefs } from "../../src/reading/pr-refs.js";
import type { PrRef } from "../../src/reading/pull-requests.js";
import { EMPTY_BODY } from "../helpers/issue-body.js";

const SAMPLES = ["current-template", "old-template", "partial", "free-form", "empty"] as const;
type Sample = (typeof SAMPLES)[number];
const sample = (name: Sample): string => readFileSync(new URL(`./bodies/${name}.md`, import.meta.url), "utf8");

/** `owner/repo#N` for compact expectations. */
const refs = (list: readonly PrRef[]): string[] => list.map((r) => `${r.owner}/${r.repo}#${r.number}`);

function stageOf(body: IssueBody, stage: Stage): StageEntry {
  const found = body.stages.filter((s) => s.stage === stage);
  expect(found).toHaveLength(1);
  return found[0]!;
}

// Fixed seed in CI so a run is repeatable; a new one on each local run to keep exploring.
const seed = process.env.CI ? { seed: 20261122 } : {};

describe("the current template (KEP 4639 style)", () => {
  const body = parseIssueBody(sample("current-template"));

  it("reads the one-line description as written, inline code included", () => {
    expect(body.description).toBe(
      "Pods can mount the content of an OCI image or artifact as a read-only volume (the `image` volume source).",
    );
  });

  it("reads the KEP and discussion links", () => {
    expect(body.kepLink).toBe("https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/4639-oci-volume-source");
    expect(body.discussionLink).toBe("https://github.com/kubernetes/kubernetes/issues/831");
  });

  it("a ticked alpha stage carries its milestone and its KEP, code and docs PRs", () => {
    const alpha = stageOf(body, "alpha");
    expect(alpha.milestone).toBe("v1.31");
    expect(alpha.checked).toBe(true);
    expect(refs(alpha.prs.kep)).toEqual(["kubernetes/enhancements#4642"]);
    expect(refs(alpha.prs.code)).toEqual([
      "kubernetes/kubernetes#125659",
      "kubernetes/kubernetes#125660",
      "kubernetes/kubernetes#125663",
      "kubernetes/kubernetes#126220", // under a nested "Nice to have:", still listed under Code
    ]);
    expect(refs(alpha.prs.docs)).toEqual(["kubernetes/website#46946"]);
  });

  it("k/k PRs listed under Code are found for the beta stage, shorthand and duplicates included", () => {
    const beta = stageOf(body, "beta");
    expect(beta.milestone).toBe("v1.33");
    expect(beta.checked).toBe(false);
    expect(refs(beta.prs.code)).toEqual(["kubernetes/kubernetes#130135", "kubernetes/kubernetes#130282"]);
    expect(beta.prs.code.map((r) => r.url)).toEqual([
      "https://github.com/kubernetes/kubernetes/pull/130135",
      "https://github.com/kubernetes/kubernetes/pull/130282",
    ]);
  });

  it("a KEP PR given on the label's own line is found", () => {
    expect(refs(stageOf(body, "beta").prs.kep)).toEqual(["kubernetes/enhancements#4897"]);
  });

  it("docs listed under 'Docs (k/website) update(s)' (no 'PR' in the label) are found", () => {
    expect(refs(stageOf(body, "beta").prs.docs)).toEqual(["kubernetes/website#49875"]);
  });

  it("out-of-tree PRs are kept apart from k/k code PRs", () => {
    expect(refs(stageOf(body, "beta").prs.other)).toEqual(["cri-o/cri-o#8317", "kubernetes-sigs/cri-tools#1464"]);
  });

  it("a stage left in an HTML comment is not reported, nor are its PRs", () => {
    expect(body.stages.map((s) => s.stage)).toEqual(["alpha", "beta"]);
    expect(refs(body.allPrs)).not.toContain("kubernetes/kubernetes#133000");
    expect(body.unclosedHtmlComment).toBe(false);
  });

  it("allPrs lists every visible PR once, in order", () => {
    expect(refs(body.allPrs)).toEqual([
      "kubernetes/enhancements#4642",
      "kubernetes/kubernetes#125659",
      "kubernetes/kubernetes#125660",
      "kubernetes/kubernetes#125663",
      "kubernetes/kubernetes#126220",
      "kubernetes/website#46946",
      "kubernetes/enhancements#4897",
      "kubernetes/kubernetes#130135",
      "kubernetes/kubernetes#130282",
      "kubernetes/website#49875",
      "cri-o/cri-o#8317",
      "kubernetes-sigs/cri-tools#1464",
    ]);
  });
});

describe("the older template (2019–2021)", () => {
  const body = parseIssueBody(sample("old-template"));

  it("an old-template body yields its alpha, beta and stable targets, unticked and without PRs", () => {
    expect(body.stages.map((s) => [s.stage, s.milestone, s.checked])).toEqual([
      ["alpha", "v1.17", false],
      ["beta", "v1.19", false],
      ["stable", "v1.21", false],
    ]);
    for (const s of body.stages) expect(Object.values(s.prs).flat()).toEqual([]);
  });

  it("reads the primary contacts as logins without @", () => {
    expect(body.contacts).toEqual(["tallclair", "liggitt"]);
  });

  it("reads the responsible SIGs, normalised to sig-<name>", () => {
    expect(body.sigs).toEqual(["sig-auth", "sig-node"]);
  });

  it("a free-form PR list lands in allPrs, deduplicated, and in no stage", () => {
    expect(refs(body.allPrs)).toEqual(["kubernetes/kubernetes#84346", "kubernetes/kubernetes#91234", "kubernetes/website#17298"]);
  });
});

describe("a partially filled hybrid body (bold labels, * bullets, TBD)", () => {
  const body = parseIssueBody(sample("partial"));

  it("bold labels and * bullets read like plain ones", () => {
    expect(body.description).toBe("DaemonSets can surge new pods during a rolling update (`maxSurge`).");
    expect(body.sigs).toEqual(["sig-apps"]);
  });

  it("a KEP link given as #N is kept as written", () => {
    expect(body.kepLink).toBe("#1591");
  });

  it("a discussion link of N/A reads as none", () => {
    expect(body.discussionLink).toBeNull();
  });

  it("names, email addresses and TBD in the contact line are not taken for logins", () => {
    expect(body.contacts).toEqual(["someone-at-apps"]);
  });

  it("the alpha target and the 'Alpha: 1.20' checklist item are one stage", () => {
    const alpha = stageOf(body, "alpha");
    expect(alpha.milestone).toBe("v1.20");
    expect(alpha.checked).toBe(true);
    expect(refs(alpha.prs.code)).toEqual(["kubernetes/kubernetes#96375", "kubernetes/kubernetes#96441"]);
  });

  it("#N under the KEP label is a kubernetes/enhancements PR", () => {
    expect(refs(stageOf(body, "alpha").prs.kep)).toEqual(["kubernetes/enhancements#1592"]);
  });

  it("a TBD beta target gives no milestone, and an empty stable target no stage", () => {
    expect(stageOf(body, "beta").milestone).toBeNull();
    expect(body.stages.map((s) => s.stage)).toEqual(["alpha", "beta"]);
  });
});

describe("a free-form body", () => {
  const body = parseIssueBody(sample("free-form"));

  it("has no stages and no template fields, but its KEP link", () => {
    expect(body.stages).toEqual([]);
    expect(body.description).toBeNull();
    expect(body.kepLink).toBe("https://github.com/kubernetes/enhancements/pull/1491");
  });

  it("still gives code-freeze checks every PR, and no issue links", () => {
    expect(refs(body.allPrs)).toEqual([
      "kubernetes/enhancements#1491",
      "kubernetes/kubernetes#98546",
      "kubernetes/kubernetes#102000",
      "kubernetes/website#28000",
    ]);
  });

  it("a team mention is not a contact", () => {
    expect(body.contacts).toEqual([]);
    expect(body.sigs).toEqual([]);
  });
});

describe("an unfilled template", () => {
  const body = parseIssueBody(sample("empty"));

  it("reports nothing it was not told: no description, links, PRs, or milestone", () => {
    expect(body).toEqual({
      description: null,
      kepLink: null,
      discussionLink: null,
      contacts: [],
      sigs: [],
      stages: [{ stage: "alpha", milestone: null, checked: false, prs: { kep: [], code: [], docs: [], other: [] } }],
      allPrs: [],
      unclosedHtmlComment: false,
    });
  });
});

describe("nothing at all", () => {
  it("a null, empty or blank body reads as empty", () => {
    expect(parseIssueBody(null)).toEqual(EMPTY_BODY);
    expect(parseIssueBody("")).toEqual(EMPTY_BODY);
    expect(parseIssueBody(" \n\t\r\n ")).toEqual(EMPTY_BODY);
  });

  it("a non-string body from an untyped payload reads as empty", () => {
    expect(parseIssueBody(42 as unknown as string)).toEqual(EMPTY_BODY);
    expect(parseIssueBody(undefined)).toEqual(EMPTY_BODY);
  });
});

describe("HTML comments", () => {
  it("an unclosed comment hides the rest of the body, and says so", () => {
    const body = parseIssueBody(
      [
        "- [x] Alpha - v1.34",
        "  - [x] Code (`k/k`) update PR(s): https://github.com/kubernetes/kubernetes/pull/1",
        "<!-- Uncomment these as you prepare the enhancement for the next stage",
        "- [ ] Beta - v1.35",
        "  - [ ] Code (`k/k`) update PR(s): https://github.com/kubernetes/kubernetes/pull/2",
      ].join("\n"),
    );
    expect(body.unclosedHtmlComment).toBe(true);
    expect(body.stages.map((s) => s.stage)).toEqual(["alpha"]);
    expect(refs(body.allPrs)).toEqual(["kubernetes/kubernetes#1"]);
  });

  it("an inline comment after a label leaves the value empty", () => {
    const body = parseIssueBody("- Kubernetes Enhancement Proposal: <!-- https://example.com/not-this --> https://kep.k8s.io/4639");
    expect(body.kepLink).toBe("https://kep.k8s.io/4639");
  });

  it("stripHtmlComments removes several comments, including multi-line ones", () => {
    expect(stripHtmlComments("a<!-- x -->b<!--\ny\n-->c")).toEqual({ visible: "abc", unclosed: false });
    expect(stripHtmlComments("a<!-- x")).toEqual({ visible: "a", unclosed: true });
    expect(stripHtmlComments("a --> b")).toEqual({ visible: "a --> b", unclosed: false });
    expect(stripHtmlComments("a<!-->b<!--->c")).toEqual({ visible: "abc", unclosed: false });
  });
});

describe("hand-edited drift", () => {
  it("a ### heading per stage with plain, unbulleted lists is read", () => {
    const body = parseIssueBody(
      [
        "### Beta - v1.35",
        "Code PRs:",
        "https://github.com/kubernetes/kubernetes/pull/130001",
        "k/k#130002",
        "",
        "### Notes",
        "Unrelated: https://github.com/kubernetes/kubernetes/pull/999",
      ].join("\n"),
    );
    const beta = stageOf(body, "beta");
    expect(refs(beta.prs.code)).toEqual(["kubernetes/kubernetes#130001", "kubernetes/kubernetes#130002"]);
    expect(refs(body.allPrs)).toContain("kubernetes/kubernetes#999");
  });

  it("'Alpha: 1.34', '**Beta** - `v1.35`' and 'GA (v1.36)' all give stages with v-prefixed milestones", () => {
    const body = parseIssueBody(["- [x] Alpha: 1.34", "- [ ] **Beta** - `v1.35`", "* [ ] GA (v1.36.0)"].join("\n"));
    expect(body.stages.map((s) => [s.stage, s.milestone, s.checked])).toEqual([
      ["alpha", "v1.34", true],
      ["beta", "v1.35", false],
      ["stable", "v1.36", false],
    ]);
  });

  it("case, spacing and CRLF line endings do not matter", () => {
    const body = parseIssueBody(
      "-   [X]   ALPHA   -   V1.34\r\n    -   [ ] code (K/K) UPDATE pr(s) :   kubernetes/kubernetes#5\r\n-  ONE-LINE enhancement description:   Hello  \r\n",
    );
    const alpha = stageOf(body, "alpha");
    expect(alpha.milestone).toBe("v1.34");
    expect(alpha.checked).toBe(true);
    expect(refs(alpha.prs.code)).toEqual(["kubernetes/kubernetes#5"]);
    expect(body.description).toBe("Hello");
  });

  it("'Beta release target (x.y): 1.35' alone is a beta target", () => {
    expect(parseIssueBody("Beta release target (x.y): 1.35").stages).toEqual([
      { stage: "beta", milestone: "v1.35", checked: false, prs: { kep: [], code: [], docs: [], other: [] } },
    ]);
  });

  it("a target range reads as its first milestone", () => {
    expect(stageOf(parseIssueBody("  - Beta release target (x.y): 1.33-1.34"), "beta").milestone).toBe("v1.33");
  });

  it("TBD, N/A and template placeholders are never milestones", () => {
    const body = parseIssueBody(["- [ ] Alpha - TBD", "- [ ] Beta - N/A", "- [ ] Stable - v1.xx"].join("\n"));
    expect(body.stages.map((s) => [s.stage, s.milestone])).toEqual([
      ["alpha", null],
      ["beta", null],
      ["stable", null],
    ]);
  });

  it("a stage retargeted to a new release keeps both entries", () => {
    const body = parseIssueBody(
      ["- [ ] Beta - v1.32", "  - Code (k/k) update PR(s): k/k#1", "- [x] Beta - v1.33", "  - Code (k/k) update PR(s): k/k#2"].join("\n"),
    );
    expect(body.stages.map((s) => [s.stage, s.milestone, refs(s.prs.code)])).toEqual([
      ["beta", "v1.32", ["kubernetes/kubernetes#1"]],
      ["beta", "v1.33", ["kubernetes/kubernetes#2"]],
    ]);
  });

  it("PRs written on the stage line itself are placed by repository", () => {
    const beta = stageOf(parseIssueBody("- [x] Beta - v1.33 k/k#10, k/website#11, k/enhancements#12, etcd-io/etcd#13"), "beta");
    expect(refs(beta.prs.code)).toEqual(["kubernetes/kubernetes#10"]);
    expect(refs(beta.prs.docs)).toEqual(["kubernetes/website#11"]);
    expect(refs(beta.prs.kep)).toEqual(["kubernetes/enhancements#12"]);
    expect(refs(beta.prs.other)).toEqual(["etcd-io/etcd#13"]);
  });

  it("a sentence that starts with a stage word is not a stage", () => {
    expect(parseIssueBody("Beta graduation is blocked on kubernetes/kubernetes#1\nStable API review pending").stages).toEqual([]);
  });

  it("prose after the stage lists closes the last stage: its PRs are not the stage's", () => {
    const body = parseIssueBody(
      ["- [ ] Beta - v1.35", "  - [ ] Code (k/k) update PR(s): k/k#1", "", "Related work elsewhere:", "- k/k#2"].join("\n"),
    );
    expect(refs(stageOf(body, "beta").prs.code)).toEqual(["kubernetes/kubernetes#1"]);
    expect(refs(body.allPrs)).toEqual(["kubernetes/kubernetes#1", "kubernetes/kubernetes#2"]);
  });

  it("a PR item with a colon in its note is not taken for a label", () => {
    const beta = stageOf(
      parseIssueBody(["- [ ] Beta - v1.35", "  - Docs (k/website) update PR(s):", "    - k/k#9 (note: API docs live in k/k)"].join("\n")),
      "beta",
    );
    expect(refs(beta.prs.docs)).toEqual(["kubernetes/kubernetes#9"]);
    expect(beta.prs.code).toEqual([]);
  });

  it("contacts and SIGs given on nested lines are read", () => {
    const body = parseIssueBody(
      [
        "- Primary contact (assignee):",
        "  - @alice",
        "  - @bob-smith",
        "- Responsible SIGs:",
        "  - @kubernetes/sig-storage-feature-requests",
        "  - SIG Node (participating)",
      ].join("\n"),
    );
    expect(body.contacts).toEqual(["alice", "bob-smith"]);
    expect(body.sigs).toEqual(["sig-storage", "sig-node"]);
  });

  it("a markdown link as the KEP link gives its target", () => {
    expect(parseIssueBody("- **Kubernetes Enhancement Proposal:** [KEP-4639](https://kep.k8s.io/4639)").kepLink).toBe(
      "https://kep.k8s.io/4639",
    );
  });
});

describe("PR references", () => {
  it("pull URLs with a tail (files, anchors) are one PR, with a canonical url", () => {
    expect(
      extractPrRefs(
        "https://github.com/kubernetes/kubernetes/pull/1/files https://github.com/Kubernetes/Kubernetes/pull/2#discussion_r3 http://www.github.com/a/b.c/pull/4.",
      ),
    ).toEqual([
      { owner: "kubernetes", repo: "kubernetes", number: 1, url: "https://github.com/kubernetes/kubernetes/pull/1" },
      { owner: "Kubernetes", repo: "Kubernetes", number: 2, url: "https://github.com/Kubernetes/Kubernetes/pull/2" },
      { owner: "a", repo: "b.c", number: 4, url: "https://github.com/a/b.c/pull/4" },
    ]);
  });

  it("issue links, commit links and bare #N outside a KEP list are not PRs", () => {
    const body = parseIssueBody(
      "See https://github.com/kubernetes/kubernetes/issues/831, https://github.com/kubernetes/kubernetes/commit/abc and #1234.",
    );
    expect(body.allPrs).toEqual([]);
  });

  it("k/k, k/enhancements and k/website shorthands name the kubernetes repositories", () => {
    expect(refs(extractPrRefs("k/k#1 k/enhancements#2 k/website#3 K/test-infra#4"))).toEqual([
      "kubernetes/kubernetes#1",
      "kubernetes/enhancements#2",
      "kubernetes/website#3",
      "kubernetes/test-infra#4",
    ]);
  });

  it("a PR mentioned twice with different spellings is listed once", () => {
    const body = parseIssueBody("kubernetes/kubernetes#7\nhttps://github.com/Kubernetes/kubernetes/pull/7\nk/k#7");
    expect(refs(body.allPrs)).toEqual(["kubernetes/kubernetes#7"]);
  });
});

describe("milestones", () => {
  it("are normalised to v1.NN", () => {
    expect(normaliseMilestone("1.34")).toBe("v1.34");
    expect(normaliseMilestone("v1.30")).toBe("v1.30");
    expect(normaliseMilestone("V1.35.0")).toBe("v1.35");
    expect(normaliseMilestone("v1.xx")).toBeNull();
    expect(normaliseMilestone("TBD")).toBeNull();
  });
});

describe("robustness", () => {
  it("a huge body is read quickly", () => {
    const stage = [
      "- [ ] Beta - v1.35",
      "  - [ ] Code (`k/k`) update PR(s):",
      ...Array.from({ length: 2000 }, (_, i) => `    - k/k#${i + 1}`),
    ];
    const huge = [...stage, "x".repeat(200_000), `${"_".repeat(200_000)}a`, " ".repeat(200_000), "[".repeat(50_000)].join("\n");
    const started = performance.now();
    const body = parseIssueBody(huge);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(stageOf(body, "beta").prs.code).toHaveLength(2000);
  });

  it("pathological label values are read quickly", () => {
    const values = ["a.".repeat(100_000), "[".repeat(100_000), `http://${".".repeat(100_000)}x`, "@".repeat(100_000)];
    const started = performance.now();
    for (const v of values) {
      for (const label of [
        "Kubernetes Enhancement Proposal",
        "Discussion Link",
        "Primary contact",
        "Responsible SIGs",
        "One-line enhancement description",
      ]) {
        IssueBodySchema.parse(parseIssueBody(`- ${label}: ${v}`));
      }
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("binary-ish text (NUL, lone surrogates, control characters) does not throw", () => {
    const body = parseIssueBody("\u0000\uD800- [x] Alpha - v1.34\u0007\n\uDFFF  - Code: k/k#1\u0000");
    expect(IssueBodySchema.parse(body)).toEqual(body);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** The documented shape, and nothing invented: every PR and milestone comes from the text. */
function assertShapeAndProvenance(text: string): void {
  const body = parseIssueBody(text);
  expect(IssueBodySchema.parse(body)).toEqual(body);
  const visible = stripHtmlComments(text).visible;
  const all = new Set(body.allPrs.map((r) => r.url.toLowerCase()));
  expect(all.size).toBe(body.allPrs.length);
  for (const ref of body.allPrs) expect(visible).toContain(String(ref.number));
  for (const s of body.stages) {
    for (const ref of [...s.prs.kep, ...s.prs.code, ...s.prs.docs, ...s.prs.other]) expect(all.has(ref.url.toLowerCase())).toBe(true);
    if (s.milestone) expect(visible).toContain(s.milestone.slice(1).split(".")[0]!);
  }
  for (const login of body.contacts) expect(visible).toContain(login);
}

const samples = SAMPLES.map(sample);
const mutation = fc.oneof(
  ...samples.map((text) => {
    const lines = text.split("\n");
    return fc.oneof(
      // drop a line
      fc.nat(lines.length - 1).map((i) => lines.filter((_, j) => j !== i).join("\n")),
      // repeat a line
      fc.nat(lines.length - 1).map((i) => [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)].join("\n")),
      // re-indent a line
      fc
        .tuple(fc.nat(lines.length - 1), fc.nat(8))
        .map(([i, n]) => lines.map((l, j) => (j === i ? " ".repeat(n) + l.trimStart() : l)).join("\n")),
      // cut the body short
      fc.nat(text.length).map((n) => text.slice(0, n)),
      // insert random text somewhere
      fc.tuple(fc.nat(text.length), fc.string({ maxLength: 12, unit: "binary" })).map(([at, s]) => text.slice(0, at) + s + text.slice(at)),
      // insert markdown and template punctuation somewhere
      fc
        .tuple(
          fc.nat(text.length),
          fc.constantFrom(
            "<!--",
            "-->",
            "- [ ] ",
            "[x]",
            "**",
            "`",
            "###",
            "\n",
            "\r\n",
            "\t",
            ":",
            "#",
            "k/k#",
            "/pull/",
            "v1.",
            "Beta - ",
            "@",
            ", ",
            "N/A",
            "(x.y)",
          ),
        )
        .map(([at, s]) => text.slice(0, at) + s + text.slice(at)),
    );
  }),
);

// Lines built from the template's own vocabulary, to reach deep into the line classifier.
const token = fc.constantFrom(
  "- ",
  "* ",
  "  ",
  "    ",
  "1. ",
  "### ",
  "> ",
  "[ ] ",
  "[x] ",
  "**",
  "`",
  "_",
  "Alpha",
  "beta",
  "STABLE",
  "GA",
  "Deprecation",
  "removed",
  "disabled",
  " - ",
  ": ",
  "release target (x.y)",
  "v1.34",
  "1.35",
  "v1.xx",
  "TBD",
  "N/A",
  "1.33-1.34",
  "KEP (k/enhancements) update PR(s):",
  "Code (k/k) update PR(s):",
  "Docs (k/website) update(s):",
  "Out of tree PR(s):",
  "One-line enhancement description:",
  "Kubernetes Enhancement Proposal:",
  "Discussion Link:",
  "Primary contact (assignee):",
  "Responsible SIGs:",
  "Enhancement target (which target equals to which milestone):",
  "PRs by stage and milestone:",
  "https://github.com/kubernetes/kubernetes/pull/123",
  "kubernetes/website#45",
  "k/k#6",
  "#78",
  "@someone",
  "sig-node",
  "<!--",
  "-->",
  "\n",
  "\r\n",
  " ",
  "text",
);
const templateish = fc.array(token, { maxLength: 80 }).map((parts) => parts.join(""));

describe("what real bodies do (issue 10)", () => {
  it("a struck-through PR or link does not count; a lone ~~ changes nothing", () => {
    const body = parseIssueBody(
      "- [x] Beta - v1.35\n  - Docs PR(s):\n    - ~~k/website#1~~\n    - k/website#2 ~~\n- KEP: ~~https://a.example/old~~ https://a.example/new",
    );
    expect(refs(stageOf(body, "beta").prs.docs)).toEqual(["kubernetes/website#2"]);
    expect(body.kepLink).toBe("https://a.example/new");
  });

  it("a task-list block's #N is a PR of the issue's own repository, placed by repository", () => {
    const text = "```[tasklist]\n# Beta\n- [ ] #12\n- [ ] https://github.com/kubernetes/kubernetes/pull/34\n```\n#56 outside";
    const body = parseIssueBody(text);
    expect(refs(stageOf(body, "beta").prs.kep)).toEqual(["kubernetes/enhancements#12"]);
    expect(refs(stageOf(body, "beta").prs.code)).toEqual(["kubernetes/kubernetes#34"]);
    expect(refs(body.allPrs)).toEqual(["kubernetes/enhancements#12", "kubernetes/kubernetes#34"]);
    expect(refs(stageOf(parseIssueBody(text, { owner: "org", repo: "fork" }), "beta").prs.other)).toEqual(["org/fork#12"]);
  });

  it("a value on the next line counts only when it continues the label's paragraph", () => {
    expect(parseIssueBody("- One-line enhancement description:\nDoes a thing.").description).toBe("Does a thing.");
    expect(parseIssueBody("- One-line enhancement description:\n\nDoes a thing.").description).toBeNull();
    expect(parseIssueBody("- One-line enhancement description:\n- Primary contact: @a").description).toBeNull();
    expect(parseIssueBody("- One-line enhancement description:\n> quoted").description).toBeNull();
  });

  it("the link written first on a line is the one read", () => {
    expect(parseIssueBody("- KEP: https://a.example/1 and [KEP](https://b.example/2)").kepLink).toBe("https://a.example/1");
    expect(parseIssueBody("- KEP: [KEP](https://b.example/2) and https://a.example/1").kepLink).toBe("https://b.example/2");
  });

  it("Alpha2 and 'Alpha 2' rows are stages of their own, merged with their own target line", () => {
    const body = parseIssueBody(
      "- Alpha release target (x.y): 1.32\n- Alpha2 release target (x.y): 1.33\n- [x] Alpha 2\n  - KEP PR(s): k/enhancements#9",
    );
    expect(body.stages.map((s) => [s.stage, s.round ?? 1, s.milestone, refs(s.prs.kep)])).toEqual([
      ["alpha", 1, "v1.32", []],
      ["alpha", 2, "v1.33", ["kubernetes/enhancements#9"]],
    ]);
  });
});

describe("stray code marks", () => {
  // Found by the property below with random seeds: a lone backtick joined two words into a login.
  it("separate the words they sit between instead of joining them into a login", () => {
    expect(parseIssueBody("Primary contact (assignee): @someone`Out of tree PR(s):").contacts).toEqual(["someone"]);
    expect(parseIssueBody("* **Primary contact (assignee):** someone`-at-apps").contacts).toEqual([]);
    expect(parseIssueBody("* **Primary contact (assignee):** `@alice`, @bob").contacts).toEqual(["alice", "bob"]);
  });
});

describe("properties: parsing never throws and always returns the documented shape", () => {
  it("on random mutations of the sample bodies", () => {
    fc.assert(fc.property(mutation, assertShapeAndProvenance), { numRuns: 1500, ...seed });
  });

  it("on arbitrary text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: "binary" }), assertShapeAndProvenance), { numRuns: 800, ...seed });
  });

  it("on text made of the template's own pieces", () => {
    fc.assert(fc.property(templateish, assertShapeAndProvenance), { numRuns: 1500, ...seed });
  });

  it("on anything that is not a string", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(IssueBodySchema.parse(parseIssueBody(value as string))).toBeTruthy();
      }),
      { numRuns: 200, ...seed },
    );
  });
});

describe("a label line that still carries the template's hint, with the value on the next line", () => {
  const HINT = "- Kubernetes Enhancement Proposal: (link to kubernetes/enhancements file, if none yet, link to PR)";

  it.each([
    [
      "a URL indented under it",
      `${HINT}\n  https://github.com/kubernetes/enhancements/pull/5678\n- Discussion Link:`,
      "https://github.com/kubernetes/enhancements/pull/5678",
    ],
    ["a bare #N on the next line", `${HINT}\n#5678\n- Discussion Link:`, "#5678"],
    [
      "a directory link",
      `${HINT}\n  https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/5678-x\n`,
      "https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/5678-x",
    ],
  ])("reads the value: %s", (_, body, link) => {
    expect(parseIssueBody(body).kepLink).toBe(link);
  });

  it("a hint with nothing under it is no link, and the next label is not taken for one", () => {
    expect(parseIssueBody(`${HINT}\n- Discussion Link: https://example.com/d`).kepLink).toBeNull();
  });

  it("a value written in parentheses that is a link is still read on its own line", () => {
    expect(parseIssueBody("- Kubernetes Enhancement Proposal: (https://kep.k8s.io/4639)").kepLink).toBe("https://kep.k8s.io/4639");
  });
});
