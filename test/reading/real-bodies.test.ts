import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type IssueBody, IssueBodySchema, parseIssueBody } from "../../src/reading/issue-body.js";
import type { PrRef } from "../../src/reading/pull-requests.js";
import { EMPTY_BODY } from "../helpers/issue-body.js";

/**
 * Issue 10, section 3: the sixteen real tracking-issue bodies in test/fixtures/issue-bodies,
 * each read for every field a person reads from it. The expectations were written from the
 * bodies themselves (see that folder's README for the hard ones), not from the parser's output.
 */

const body = (issue: number): IssueBody =>
  IssueBodySchema.parse(
    parseIssueBody(readFileSync(new URL(`../fixtures/issue-bodies/enhancements-${issue}.md`, import.meta.url), "utf8")),
  );

const K = (n: number) => `kubernetes/kubernetes#${n}`;
const E = (n: number) => `kubernetes/enhancements#${n}`;
const W = (n: number) => `kubernetes/website#${n}`;
const refs = (list: readonly PrRef[]): string[] => list.map((r) => `${r.owner}/${r.repo}#${r.number}`);

type StageView = {
  stage: string;
  milestone: string | null;
  checked: boolean;
  round?: number;
  kep?: string[];
  code?: string[];
  docs?: string[];
  other?: string[];
};

/** What a person reads: the fields, and per stage row its target, tick and PRs by kind (empty kinds left out). */
function read(parsed: IssueBody) {
  return {
    description: parsed.description,
    kepLink: parsed.kepLink,
    discussionLink: parsed.discussionLink,
    contacts: parsed.contacts,
    sigs: parsed.sigs,
    stages: parsed.stages.map((s) => {
      const view: StageView = { stage: s.stage, milestone: s.milestone, checked: s.checked };
      if (s.round !== undefined) view.round = s.round;
      for (const kind of ["kep", "code", "docs", "other"] as const) if (s.prs[kind].length > 0) view[kind] = refs(s.prs[kind]);
      return view;
    }),
    allPrs: refs(parsed.allPrs),
    unclosedHtmlComment: parsed.unclosedHtmlComment,
  };
}

const KEPS = "https://github.com/kubernetes/enhancements";

describe("real tracking-issue bodies of kubernetes/enhancements read as a person reads them", () => {
  it("#3521: PRs in task-list blocks under # Alpha / # Beta / # Stable, #N being this repository's", () => {
    expect(read(body(3521))).toEqual({
      description: "Add a `schedulingGates` field to the Pod spec that marks a Pod's scheduling readiness.",
      kepLink: `${KEPS}/blob/master/keps/sig-scheduling/3521-pod-scheduling-readiness/README.md`,
      discussionLink: "https://docs.google.com/document/d/1cPxF3wIbGRw_inv4CCG6z6qC4WjHAPR5GLT__dRBx7I/edit#",
      contacts: ["Huang-Wei"],
      sigs: ["sig-scheduling"],
      stages: [
        {
          stage: "alpha",
          milestone: "v1.26",
          checked: false,
          kep: [E(3522)],
          code: [K(113274), K(113275), K(113442), K(113946)],
          docs: [W(37675)],
        },
        // kubernetes/kubernetes/issues/113608 is an issue, not a PR.
        { stage: "beta", milestone: "v1.27", checked: false, kep: [E(3739)], docs: [W(39773)] },
        { stage: "stable", milestone: "v1.30", checked: false, kep: [E(4455)], code: [K(123575)] },
      ],
      allPrs: [E(3522), K(113274), K(113275), K(113442), K(113946), W(37675), E(3739), W(39773), E(4455), K(123575)],
      unclosedHtmlComment: false,
    });
  });

  it("#1287: a description on the line after its label, an Alpha(v1.27~v1.29) row, releases written before the URLs", () => {
    expect(read(body(1287))).toEqual({
      description: "This issue tracks a list of KEP review conversations that need resolving before we GA the feature.",
      kepLink: `${KEPS}/tree/master/keps/sig-node/1287-in-place-update-pod-resources`,
      discussionLink: null,
      contacts: ["tallclair", "natasha41575"],
      sigs: ["sig-node", "sig-autoscaling"],
      // "Beta release target (past 1.33?)" and "Stable release target (past )" name no release.
      stages: [
        {
          stage: "alpha",
          milestone: "v1.27",
          checked: true,
          kep: [E(4433), E(3944), E(4078), E(686)],
          code: [K(111645), K(102884), K(116119), K(116271)],
        },
      ],
      allPrs: [E(4433), E(3944), E(4078), E(686), K(111645), K(102884), K(116119), K(116271)],
      unclosedHtmlComment: false,
    });
  });

  it("#2837: SIG as `sig/node`, a struck-through docs PR that no longer counts, an Alpha2 row with its own target", () => {
    expect(read(body(2837))).toEqual({
      description: "Allow setting of resource requests  & limits at Pod level",
      kepLink: `${KEPS}/blob/master/keps/sig-node/2837-pod-level-resource-spec/README.md`,
      discussionLink: "https://www.youtube.com/watch?v=3cU56ZiUZ8w&list=PL69nYSiGNLP1wJPj5DYWXjiArF-MJ5fNG&index=100&ab_channel=DerekCarr",
      contacts: ["ndixita"],
      sigs: ["sig-node"],
      stages: [
        { stage: "alpha", milestone: "v1.32", checked: true, kep: [E(1592), E(4678), E(4915)], code: [K(128407)], docs: [W(48471)] },
        { stage: "alpha", round: 2, milestone: "v1.33", checked: true, kep: [E(5145)] },
      ],
      allPrs: [E(1592), E(4678), E(4915), K(128407), W(48471), E(5145)],
      unclosedHtmlComment: false,
    });
  });

  it("#617: the 2018 template, its feature description, KEP link(s) and /sig on the next line", () => {
    expect(read(body(617))).toEqual({
      description: "A standardized process for describing / presenting / delivering enhancements to the Kubernetes ecosystem",
      // Two markdown links: the first written is the KEP link.
      kepLink: `${KEPS}/blob/master/keps/0001a-meta-kep-implementation.md`,
      discussionLink: null,
      // Reviewers and approvers are not the primary contact.
      contacts: ["justaugustus"],
      sigs: ["sig-architecture"],
      stages: [
        { stage: "beta", milestone: "v1.13", checked: false },
        { stage: "stable", milestone: "v1.14", checked: false },
      ],
      allPrs: [],
      unclosedHtmlComment: false,
    });
  });

  it("#1544: an unlabelled first line in the description's place, a KEP that is a pull request, no target", () => {
    expect(read(body(1544))).toEqual({
      description: "KEP artifacts are difficult to navigate, but a few targeted changes can incrementally improve that.",
      kepLink: `${KEPS}/pull/1545`,
      discussionLink: null,
      contacts: ["thockin"],
      sigs: ["sig-architecture"],
      stages: [],
      allPrs: [E(1545)],
      unclosedHtmlComment: false,
    });
  });

  it("#1970: an unfilled template says nothing", () => {
    expect(read(body(1970))).toEqual(EMPTY_BODY);
  });

  it("#3104: the current template with 'PRs by stage and milestone', and no SIG line", () => {
    expect(read(body(3104))).toEqual({
      description: "Implement a .kuberc file to separate user preferences from cluster configs.",
      kepLink: `${KEPS}/blob/master/keps/sig-cli/3104-introduce-kuberc/README.md`,
      discussionLink: "https://groups.google.com/g/kubernetes-dev/c/y4Q20V3dyOk/m/ozSUR3dJDQAJ",
      contacts: ["ardaguclu", "soltysh"],
      sigs: [],
      stages: [
        {
          stage: "alpha",
          milestone: "v1.33",
          checked: true,
          kep: [E(3392), E(4705), E(4860), E(4925)],
          code: [K(125230)],
          docs: [W(49722)],
        },
        { stage: "beta", milestone: "v1.34", checked: true, kep: [E(5300)], code: [K(131586), K(131668)] },
      ],
      allPrs: [E(3392), E(4705), E(4860), E(4925), K(125230), W(49722), E(5300), K(131586), K(131668)],
      unclosedHtmlComment: false,
    });
  });

  it("#3221: code PRs nested under the k/k issues they fix, the issues themselves not PRs", () => {
    expect(read(body(3221))).toEqual({
      description: "Adds ability to structure configuring authorizers and add multiple webhooks to the kube-apiserver authorization chain",
      kepLink: `${KEPS}/tree/master/keps/sig-auth/3221-structured-authorization-configuration`,
      discussionLink: "https://github.com/kubernetes/kubernetes/issues/101762",
      contacts: ["palnabarun", "ritazh"],
      sigs: ["sig-auth"],
      stages: [
        { stage: "alpha", milestone: "v1.29", checked: true, kep: [E(3376), E(4161), E(4248)], code: [K(119099), K(120154), K(121223)] },
        { stage: "beta", milestone: "v1.30", checked: false },
        { stage: "stable", milestone: "v1.32", checked: false },
      ],
      allPrs: [E(3376), E(4161), E(4248), K(119099), K(120154), K(121223)],
      unclosedHtmlComment: false,
    });
  });

  it("#3284: values right after the colon, an alpha stage with no target and no PRs yet", () => {
    expect(read(body(3284))).toEqual({
      description: "Prior Sidecar KEP's prerequisite has been satisfied and should move forward.",
      kepLink: `${KEPS}/tree/master/keps/sig-node/753-sidecar-containers`,
      discussionLink: "https://github.com/kubernetes/community/pull/2148",
      contacts: [],
      sigs: ["sig-node"],
      stages: [{ stage: "alpha", milestone: null, checked: false }],
      allPrs: ["kubernetes/community#2148"],
      unclosedHtmlComment: false,
    });
  });

  it("#3317: a discussion link at the end of a sentence, an alpha target and an empty checklist", () => {
    expect(read(body(3317))).toEqual({
      description: "Add support for user namespaces in pods",
      kepLink: `${KEPS}/blob/master/keps/sig-node/127-user-namespaces/README.md`,
      discussionLink: `${KEPS}/pull/2101`,
      contacts: ["rata", "giuseppe"],
      sigs: ["sig-node"],
      stages: [{ stage: "alpha", milestone: "v1.25", checked: false }],
      allPrs: [E(2101)],
      unclosedHtmlComment: false,
    });
  });

  it("#3331: a KEP link in markdown, discussion links on nested lines, three targets", () => {
    expect(read(body(3331))).toEqual({
      description: "Structured Authentication Config",
      kepLink: `${KEPS}/tree/master/keps/sig-auth/3331-structured-authentication-configuration`,
      discussionLink: "https://kubernetes.slack.com/archives/C0EN96KUY/p1638208007167400",
      contacts: ["aramase", "enj", "nabokihms"],
      sigs: ["sig-auth"],
      stages: [
        {
          stage: "alpha",
          milestone: "v1.29",
          checked: true,
          kep: [E(3332)],
          code: [K(118984), K(119142), K(120183), K(121078), K(121709)],
          docs: [W(43397)],
        },
        { stage: "beta", milestone: "v1.30", checked: false },
        { stage: "stable", milestone: "v1.34", checked: false },
      ],
      allPrs: [E(3332), K(118984), K(119142), K(120183), K(121078), K(121709), W(43397)],
      unclosedHtmlComment: false,
    });
  });

  it("#3838: a SIG written as a bare name, a login without @, a beta-only KEP", () => {
    expect(read(body(3838))).toEqual({
      description: "Allow mutating pod scheduling directives for pods with scheduling gates applied",
      kepLink: `${KEPS}/tree/master/keps/sig-scheduling/3838-pod-mutable-scheduling-directives`,
      discussionLink: "https://github.com/kubernetes/kubernetes/issues/115513",
      contacts: ["ahg-g"],
      sigs: ["sig-scheduling"],
      stages: [{ stage: "beta", milestone: "v1.27", checked: true, kep: [E(3840)], code: [K(116161)], docs: [W(40000)] }],
      allPrs: [E(3840), K(116161), W(40000)],
      unclosedHtmlComment: false,
    });
  });

  it("#3998: beta KEP PRs written as #N", () => {
    expect(read(body(3998))).toEqual({
      description: "An API to define when a Job can be declared as succeeded based on the number of succeeded pods.",
      kepLink: `${KEPS}/tree/master/keps/sig-apps/3998-job-success-completion-policy`,
      discussionLink: "https://github.com/kubernetes/kubernetes/issues/117600",
      contacts: ["tenzen-y"],
      sigs: ["sig-apps"],
      stages: [
        {
          stage: "alpha",
          milestone: "v1.30",
          checked: true,
          kep: [E(4062), E(4537)],
          code: [K(123412), K(123826)],
          docs: [W(45135), W(45677)],
        },
        { stage: "beta", milestone: "v1.31", checked: true, kep: [E(4702), E(4775)] },
        { stage: "stable", milestone: "v1.33", checked: false },
      ],
      allPrs: [E(4062), E(4537), K(123412), K(123826), W(45135), W(45677), E(4702), E(4775)],
      unclosedHtmlComment: false,
    });
  });

  it("#4008: SIG 'api-machinery', a markdown discussion link, an 'Alpha 2' row of its own", () => {
    expect(read(body(4008))).toEqual({
      description: "Allows CRs to with failing validations to pass if the a patch did not alter any of the invalid fields.",
      kepLink: `${KEPS}/blob/master/keps/sig-api-machinery/4008-crd-ratcheting/`,
      discussionLink: "https://youtu.be/48vCOO-FB3c?t=2492",
      contacts: ["alexzielenski"],
      sigs: ["sig-api-machinery"],
      stages: [
        { stage: "alpha", milestone: "v1.28", checked: true, kep: [E(4013)], code: [K(118990)], docs: [W(41737)] },
        { stage: "alpha", round: 2, milestone: null, checked: true, kep: [E(4246)], code: [K(121096), K(121118), K(121016)] },
      ],
      allPrs: [E(4013), K(118990), W(41737), E(4246), K(121096), K(121118), K(121016)],
      unclosedHtmlComment: false,
    });
  });

  it("#4960: code PRs grouped by project under Code, container runtimes included, docs under sub-headings", () => {
    expect(read(body(4960))).toEqual({
      description: "Add support to configure custom stop signals for containers",
      kepLink: `${KEPS}/blob/master/keps/sig-node/4960-container-stop-signals/README.md`,
      discussionLink: "https://github.com/kubernetes/kubernetes/issues/30051",
      contacts: ["sreeram-venkitesh"],
      sigs: ["sig-node"],
      stages: [
        {
          stage: "alpha",
          milestone: "v1.33",
          checked: true,
          kep: [E(5122)],
          code: [K(130556), "cri-o/cri-o#9086", "containerd/containerd#11774"],
          docs: [W(49857), W(49967)],
        },
      ],
      allPrs: [E(5122), K(130556), "cri-o/cri-o#9086", "containerd/containerd#11774", W(49857), W(49967)],
      unclosedHtmlComment: false,
    });
  });

  it("#5554: a description on a nested line, ticked-box targets, KEP PRs after '--' and '—' bullets", () => {
    expect(read(body(5554))).toEqual({
      description: "Support In place update pod resources alongside static cpu manager policy",
      kepLink: `${KEPS}/blob/30670fe8c858fc1273b39f5869595835cef592b4/keps/sig-node/5554-in-place-update-pod-resources-alongside-static-cpu-manager-policy/`,
      discussionLink: "https://kubernetes.slack.com/archives/C06FSK01BGU/p1758450429061659?thread_ts=1745239989.236019&cid=C06FSK01BGU",
      contacts: ["esotsal"],
      sigs: ["sig-node"],
      stages: [
        { stage: "alpha", milestone: "v1.38", checked: false, kep: [E(5555), E(6170), E(6330)] },
        { stage: "beta", milestone: "v1.39", checked: false },
        { stage: "stable", milestone: "v1.40", checked: false },
      ],
      allPrs: [E(5555), E(6170), E(6330)],
      unclosedHtmlComment: false,
    });
  });
});

describe("SIG names in every spelling become the sigs.yaml name", () => {
  it("sig-node, sig/node, `sig/node`, /sig node, node, Node, SIG Node and team mentions all read sig-node", () => {
    for (const written of [
      "sig-node",
      "sig/node",
      "`sig/node`",
      "/sig node",
      "node",
      "Node",
      "SIG Node",
      "@kubernetes/sig-node-feature-requests",
    ]) {
      expect(parseIssueBody(`- Responsible SIGs: ${written}`).sigs, written).toEqual(["sig-node"]);
    }
  });

  it("two-word names and working groups keep their kind", () => {
    expect(parseIssueBody("- Responsible SIGs: API Machinery, wg-batch, WG Device Management").sigs).toEqual([
      "sig-api-machinery",
      "wg-batch",
      "wg-device-management",
    ]);
  });

  it("a sentence is kept as written rather than made into a SIG", () => {
    expect(parseIssueBody("- Responsible SIGs: not sure yet").sigs).toEqual(["not sure yet"]);
  });
});

describe("every group of sigs.yaml, in every spelling", () => {
  const groups = readFileSync(new URL("../fixtures/enhancements/valid-groups.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((g) => g !== "");
  const title = (words: string) =>
    words
      .split("-")
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(" ");

  it("reads back as its sigs.yaml name", () => {
    for (const group of groups) {
      const [kind, ...rest] = group.split("-");
      const name = rest.join("-");
      const spellings = [
        group,
        `${kind}/${name}`,
        `\`${kind}/${name}\``,
        `/${kind} ${name}`,
        `${kind?.toUpperCase()} ${title(name)}`,
        `@kubernetes/${group}-leads`,
      ];
      // A bare name ("node", "Node", "API Machinery") is a SIG's: working groups and committees say what they are.
      if (kind === "sig") spellings.push(name, title(name));
      for (const written of spellings) expect(parseIssueBody(`- Responsible SIGs: ${written}`).sigs, written).toEqual([group]);
    }
  });
});

describe("SIG kinds without a name", () => {
  it("'sig-' alone is kept as written, not read as a SIG called sig-", () => {
    expect(parseIssueBody("- Responsible SIGs: sig-").sigs).toEqual(["sig-"]);
  });
});
