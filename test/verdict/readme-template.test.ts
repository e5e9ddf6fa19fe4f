import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { keysOf, readmeSections, sectionKey } from "../../src/kep/readme-sections.js";
import { planIssue } from "../../src/plan/issue-plan.js";
import { checklistFor, GRADUATION_CRITERIA, hasHeading, TEST_PLAN } from "../../src/verdict/checklist.js";
import { checkTemplate, parseTemplate } from "../../src/verdict/readme-template.js";
import { checklistInput, editedKep, input, issue, realKep } from "../helpers/tracking.js";

/** Real READMEs (test/fixtures/readmes/README.md says which and why) against the real template of the same commit. */
const KEPS = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/readmes/keps");
const readme = (dir: string) => readFileSync(join(KEPS, dir, "README.md"), "utf8");
const TEMPLATE_TEXT = readme("NNNN-kep-template");
const template = parseTemplate(TEMPLATE_TEXT);
const oldCheck = (text: string) => hasHeading(text, GRADUATION_CRITERIA) && hasHeading(text, TEST_PLAN);

describe("headings read by meaning", () => {
  it.each([
    ["## Graduation requirements", "graduation criteria"],
    ["### Graduation Requirements", "graduation criteria"],
    ["## 3. Graduation Criteria", "graduation criteria"],
    ["### 4.2 **Test plan**", "test plan"],
    ["#### e2e tests", "e2e test"],
    ["### User Stories (Optional)", "user storie"],
  ])("%s reads as %s", (heading, key) => {
    expect(sectionKey(heading.replace(/^#+\s*/, ""))).toBe(key);
  });

  it('"Migration / Graduation Criteria" answers to graduation criteria, "Upgrade / Downgrade Strategy" stays whole', () => {
    expect(keysOf("Migration / Graduation Criteria")).toContain("graduation criteria");
    expect(keysOf("Upgrade / Downgrade Strategy")[0]).toBe("upgrade downgrade strategy");
  });

  it("headings inside HTML comments and fenced code are not sections", () => {
    const text = "## Real\n<!--\n## Commented\n-->\n```\n## Fenced\n```\n### After\nwords\n";
    expect(readmeSections(text).map((s) => s.title)).toEqual(["Real", "After"]);
  });

  it("the template's sections, read as a browser shows them: graduation stages are inside a comment there", () => {
    const keys = template.sections.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(["test plan", "unit test", "e2e test", "graduation criteria"]));
    expect(keys).not.toContain("alpha");
    const marked = template.sections.filter((s) => s.completedFor).map((s) => [s.name, s.completedFor]);
    expect(marked).toEqual([
      ["Feature Enablement and Rollback", "alpha"],
      ["Rollout, Upgrade and Rollback Planning", "beta"],
      ["Monitoring Requirements", "beta"],
      ["Dependencies", "beta"],
      ["Scalability", "beta"],
      ["Troubleshooting", "beta"],
    ]);
  });
});

describe("uses the latest template, on real READMEs the team accepted", () => {
  it.each([
    ["sig-instrumentation/647-apiserver-tracing", "stable", "## Graduation requirements"],
    ["sig-instrumentation/2831-kubelet-tracing", "stable", "### Graduation Requirements"],
    ["sig-instrumentation/1602-structured-logging", "beta", "### Migration / Graduation Criteria"],
    ["sig-node/3695-pod-resources-for-dra", "stable", "a test plan as unit, integration and e2e subsections"],
    ["sig-network/4444-service-traffic-distribution", "stable", "### Beta and ### GA beside the criteria"],
    ["sig-node/4960-container-stop-signals", "beta", "the template's own headings"],
  ] as const)("%s (%s): %s passes, where the two literal headings did not always", (dir, stage, _) => {
    expect(checkTemplate(readme(dir), template, stage)).toEqual({ missing: [], unfilled: [], prrUnanswered: [] });
  });

  it("the three variants failed the check of the two literal headings", () => {
    for (const dir of [
      "sig-instrumentation/647-apiserver-tracing",
      "sig-instrumentation/2831-kubelet-tracing",
      "sig-node/3695-pod-resources-for-dra",
    ])
      expect(oldCheck(readme(dir))).toBe(false);
  });
});

describe("what the template check finds wanting", () => {
  it("both headings there (the old check passed), but the test plan and graduation criteria are still the template's text", () => {
    const text = readme("sig-multicluster/5339-clusterprofile-plugin-credentials");
    expect(oldCheck(text)).toBe(true);
    expect(checkTemplate(text, template, "alpha")).toMatchObject({ missing: [], unfilled: ["Test Plan", "Graduation Criteria"] });
  });

  it("a README without a test plan and a questionnaire is told their names as the template has them", () => {
    const c = checkTemplate(readme("sig-architecture/5241-beta-featuregate-promotion-requirements"), template, "stable");
    expect(c.missing).toEqual(["Test Plan", "Production Readiness Review Questionnaire"]);
  });

  it("an alpha KEP whose Feature Enablement and Rollback is the template's text has not answered the questionnaire", () => {
    expect(checkTemplate(readme("sig-instrumentation/5905-mixins-migration"), template, "alpha").prrUnanswered).toEqual([
      "Feature Enablement and Rollback",
    ]);
  });

  it("graduation criteria written per stage must name the target stage", () => {
    const text = "### Test Plan\nunit tests for the new field in pkg/api\n### Graduation Criteria\n#### Alpha\n- behind a feature gate\n";
    expect(checkTemplate(text, template, "beta").unfilled).toEqual(["Graduation Criteria"]);
    expect(checkTemplate(text, template, "alpha").unfilled).toEqual([]);
  });

  it("follows the template when upstream renames a section", () => {
    const renamed = parseTemplate(TEMPLATE_TEXT.replace("### Test Plan", "### Testing Plan"));
    const c = checkTemplate("## Graduation Criteria\nalpha: behind a gate, with tests\n", renamed, "alpha");
    expect(c.missing).toEqual(["Testing Plan", "Production Readiness Review Questionnaire"]);
  });
});

describe("the checklist with the template", () => {
  const BEFORE_EF = new Date("2026-06-12T09:00:00Z");
  const PRR_OPEN = new Date("2026-06-01T09:00:00Z");

  it("a removal whose PRR approver approved it is not sent back to the questionnaire (KEP 4004, tracked in v1.33)", () => {
    // Its Dependencies section keeps the template's question with no answer; wojtek-t approved the disabled stage.
    const text = readme("sig-network/4004-deprecate-kube-proxy-version");
    const onRelease = (t: string) =>
      t.replace('latest-milestone: "v1.33"', 'latest-milestone: "v1.37"').replace('disabled: "v1.33"', 'disabled: "v1.37"');
    const approved = editedKep("4004", onRelease);
    const issue4004 = issue(4004, { labels: ["lead-opted-in", "sig/network", "stage/disabled"] });
    const v = planIssue(input({ issue: issue4004, kep: approved, now: PRR_OPEN, readme: text, template }));
    expect(v.checklist.find((i) => i.id === "prr-questionnaire")?.done).toBe(true);
    const prr = "keps/prod-readiness/sig-network/4004.yaml";
    const unapproved = editedKep("4004", onRelease, { [prr]: "kep-number: 4004\n" });
    const w = planIssue(input({ issue: issue4004, kep: unapproved, now: PRR_OPEN, readme: text, template }));
    expect(w.checklist.find((i) => i.id === "prr-questionnaire")).toMatchObject({ done: false });
    expect(w.checklist.find((i) => i.id === "prr-questionnaire")?.fix).toContain("answer the Dependencies section");
  });

  it("the README item names the sections to fill in, for the stage", () => {
    const text = readme("sig-multicluster/5339-clusterprofile-plugin-credentials");
    const v = planIssue(input({ issue: issue(3541), kep: realKep("3541"), now: BEFORE_EF, readme: text, template }));
    const item = v.checklist.find((i) => i.id === "readme-template")!;
    expect(item.done).toBe(false);
    expect(item.fix).toBe(
      "fill in the Test Plan and Graduation Criteria sections for alpha in " +
        "keps/sig-apps/3541-add-recreate-strategy-to-statefulset/README.md: it still has only the template's text",
    );
  });

  it("before PRR freeze the questionnaire is the first item after opt-in: PRR questionnaire answered for alpha", () => {
    const text = readme("sig-instrumentation/5905-mixins-migration");
    // Before a PRR approver has looked: no approver for alpha yet.
    const kep = editedKep("3541", (t) => t, { "keps/prod-readiness/sig-apps/3541.yaml": "kep-number: 3541\n" });
    const v = planIssue(input({ issue: issue(3541), kep, now: PRR_OPEN, readme: text, template }));
    const item = v.checklist.find((i) => i.id === "prr-questionnaire")!;
    expect(item).toMatchObject({ freeze: "prr-freeze", label: "PRR questionnaire answered for alpha", done: false });
    expect(item.fix).toContain("answer the Feature Enablement and Rollback section of the Production Readiness Review Questionnaire");
    expect(v.status).toBe("At risk for PRR freeze");
  });

  it("without the template (not in the listing) the README check is the two headings of old, and no questionnaire item", () => {
    const text = readme("sig-instrumentation/647-apiserver-tracing");
    const v = planIssue(input({ issue: issue(3541), kep: realKep("3541"), now: BEFORE_EF, readme: text }));
    expect(v.checklist.find((i) => i.id === "readme-template")?.done).toBe(false);
    expect(v.checklist.some((i) => i.id === "prr-questionnaire")).toBe(false);
    expect(checklistFor("prr-freeze", checklistInput({ readme: text })).some((i) => i.id === "prr-questionnaire")).toBe(false);
  });
});
