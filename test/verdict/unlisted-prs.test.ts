import { describe, expect, it } from "vitest";
import { mentioningPrs } from "../../src/github/pull-requests/cross-references.js";
import { MAX_MENTION_FILE_READS, mentionFileReads } from "../../src/inputs/mention-reads.js";
import { parseIssueBody } from "../../src/reading/issue-body.js";
import type { MentioningPr } from "../../src/reading/mentions.js";
import { MAX_UNLISTED } from "../../src/reading/mentions.js";
import { stateWords, unlistedSection } from "../../src/render/unlisted-section.js";
import { touchesKep, unlistedPrs } from "../../src/verdict/unlisted-prs.js";

const REPO = { owner: "kubernetes", repo: "enhancements" };
const pr = (repo: string, number: number, state: MentioningPr["state"] = "open", labels: string[] = []): MentioningPr => {
  const [owner, name] = repo.split("/");
  return { owner: owner!, repo: name!, number, state, labels };
};

const BODY = `### Enhancement Description
- One-line enhancement description: Something
- Kubernetes Enhancement Proposal: https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/2033-kubelet-in-userns-aka-rootless
- [ ] Beta - v1.37
  - KEP (k/enhancements) update PR(s): https://github.com/kubernetes/enhancements/pull/5000
  - Code (k/k) update PR(s): https://github.com/kubernetes/kubernetes/pull/130001
  - Docs (k/website) update PR(s): https://github.com/kubernetes/website/pull/50001
`;

describe("PRs that mention a tracking issue but are not in its description", () => {
  it("lists k/k, k/website and KEP PRs the body lacks, and none it lists already, whatever the case of the repository", () => {
    const mentions = [
      pr("kubernetes/kubernetes", 130001, "merged"),
      pr("Kubernetes/Kubernetes", 130002, "open", ["lgtm"]),
      pr("kubernetes/website", 50001),
      pr("kubernetes/website", 50002, "closed"),
      pr("kubernetes/enhancements", 5000),
      pr("kubernetes/enhancements", 5001),
    ];
    const got = unlistedPrs({ mentions, body: parseIssueBody(BODY), repository: REPO, kepPrs: new Set([5000, 5001]) });
    expect(got.map((p) => `${p.kind} ${p.url} ${stateWords(p)}`)).toEqual([
      "kep https://github.com/kubernetes/enhancements/pull/5001 open, needs lgtm and approved",
      "code https://github.com/Kubernetes/Kubernetes/pull/130002 open, lgtm, needs approved",
      "docs https://github.com/kubernetes/website/pull/50002 closed without merging",
    ]);
  });

  it("leaves out enhancements PRs that do not change the KEP's directory or PRR file, and PRs of other repositories", () => {
    const mentions = [
      pr("kubernetes/enhancements", 6000),
      pr("kubernetes/test-infra", 1),
      pr("someone/kubernetes", 2),
      pr("kubernetes/kubernetes", 3, "open", ["lgtm", "approved"]),
    ];
    const got = unlistedPrs({ mentions, body: parseIssueBody(""), repository: REPO, kepPrs: new Set([7000]) });
    expect(got.map((p) => `${p.kind} #${p.number} ${stateWords(p)}`)).toEqual(["code #3 open, lgtm, approved"]);
  });

  it("lists a PR mentioned twice once, and at most twenty", () => {
    const mentions = [
      pr("kubernetes/kubernetes", 1),
      pr("kubernetes/kubernetes", 1),
      ...Array.from({ length: 40 }, (_, i) => pr("kubernetes/kubernetes", 100 + i)),
    ];
    const got = unlistedPrs({ mentions, body: parseIssueBody(null), repository: REPO, kepPrs: new Set() });
    expect(got).toHaveLength(MAX_UNLISTED);
    expect(got.filter((p) => p.number === 1)).toHaveLength(1);
  });

  it("renders a section the owners can act on, and nothing when every mentioning PR is listed", () => {
    const got = unlistedPrs({
      mentions: [pr("kubernetes/kubernetes", 7, "merged")],
      body: parseIssueBody(""),
      repository: REPO,
      kepPrs: new Set(),
    });
    expect(unlistedSection(got)).toEqual([
      "**PRs that mention this issue but are not in its description** (add the ones that belong to this KEP under its stage, or ignore the rest):",
      "- Code (k/k): https://github.com/kubernetes/kubernetes/pull/7 (merged)",
      "",
    ]);
    expect(unlistedSection([])).toEqual([]);
  });

  it("reads cross-references from the timeline leniently: issues, nulls and malformed nodes are skipped", () => {
    const source = (s: unknown) => ({ source: s });
    const got = mentioningPrs({
      nodes: [
        source({ __typename: "Issue" }),
        null,
        {},
        source({
          __typename: "PullRequest",
          number: 9,
          state: "MERGED",
          merged: true,
          repository: { nameWithOwner: "kubernetes/kubernetes" },
          labels: { nodes: [{ name: "lgtm" }, null] },
        }),
        source({ __typename: "PullRequest", number: "x", state: "OPEN", repository: { nameWithOwner: "kubernetes/kubernetes" } }),
        source({
          __typename: "PullRequest",
          number: 10,
          state: "CLOSED",
          merged: false,
          repository: { nameWithOwner: "kubernetes/website" },
          labels: null,
        }),
      ],
    });
    expect(got).toEqual([
      { owner: "kubernetes", repo: "kubernetes", number: 9, state: "merged", labels: ["lgtm"] },
      { owner: "kubernetes", repo: "website", number: 10, state: "closed", labels: [] },
    ]);
    expect(mentioningPrs(undefined)).toEqual([]);
  });

  it("reads the files only of merged or closed PRs of the tracked repository that the body does not list, at most ten", () => {
    const mentions = [
      pr("kubernetes/enhancements", 5000, "merged"),
      pr("kubernetes/enhancements", 5001, "open"),
      pr("kubernetes/enhancements", 5002, "closed"),
      pr("kubernetes/kubernetes", 5003, "merged"),
      ...Array.from({ length: 20 }, (_, i) => pr("kubernetes/enhancements", 6000 + i, "merged")),
    ];
    const reads = mentionFileReads(mentions, parseIssueBody(BODY), REPO);
    expect(reads).toHaveLength(MAX_MENTION_FILE_READS);
    expect(reads[0]).toEqual({
      key: "files:kubernetes/enhancements#5002",
      owner: "kubernetes",
      repo: "enhancements",
      number: 5002,
      withFiles: true,
    });
    expect(reads.map((r) => r.number)).not.toContain(5000);
  });

  it("counts a PR as the KEP's when it changes the KEP's directory or its PRR file, not a directory whose name only starts the same", () => {
    const dir = "keps/sig-node/2033-kubelet-in-userns-aka-rootless";
    expect(touchesKep([`${dir}/README.md`], dir, 2033)).toBe(true);
    expect(touchesKep(["keps/prod-readiness/sig-node/2033.yaml"], dir, 2033)).toBe(true);
    expect(touchesKep([`${dir}-v2/README.md`, "keps/prod-readiness/sig-node/20330.yaml"], dir, 2033)).toBe(false);
  });
});
