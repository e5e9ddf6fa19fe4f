import type { Stage } from "../kep/kep-file.js";
import { type PrRef, type PullRequestState, prKey } from "../reading/pull-requests.js";
import { DEPRECATION_STAGES } from "../release/change-kind.js";
import { DEADLINES, type Deadline } from "../release/timeline.js";
import type { DocsVerdict } from "./docs.js";
import type { KepFacts } from "./kep-facts.js";
import type { TemplateCheck } from "./readme-template.js";
import type { ChecklistItem } from "./types.js";

/** Everything the checklist looks at, already gathered. */
export type ChecklistInput = {
  release: string;
  stage: Stage | null;
  optedIn: boolean;
  milestoneSet: boolean;
  leadOptedInLabel: string;
  outOfTree: boolean;
  /** The KEP as merged on the default branch; null if not found. */
  merged: KepFacts | null;
  /** The KEP as in each open pull request that changes it. */
  pending: Array<{ number: number; facts: KepFacts | null; touchesKep: boolean }>;
  /** README.md of the KEP; undefined when not read (the CLI's fixtures have none). */
  readme: string | null | undefined;
  /** The README against the KEP template of the same commit; absent or null (no template), the two headings of old. */
  readmeCheck?: TemplateCheck | null;
  codePrs: PrRef[];
  docsPrs: PrRef[];
  pullRequests: Record<string, PullRequestState>;
  /** The Docs team's verdict (docs.ts): its items replace the listed-and-ready pair. */
  docs?: DocsVerdict | undefined;
};

type Item = Omit<ChecklistItem, "freeze">;
const item = (id: string, label: string, done: boolean, fix: string): Item => ({ id, label, done, fix: done ? null : fix });

function optIn(input: ChecklistInput): Item[] {
  return [
    item(
      "lead-opted-in",
      "A SIG lead opted the KEP in",
      input.optedIn,
      `a lead of the owning SIG adds the \`${input.leadOptedInLabel}\` label`,
    ),
    item(
      "milestone",
      `The issue is in milestone ${input.release}`,
      input.milestoneSet,
      `a milestone maintainer comments \`/milestone ${input.release}\``,
    ),
  ];
}

/** kep.yaml and PRR items, judged on the merged files or, with `openPrCounts`, on an open PR too. */
function kepItems(input: ChecklistInput, openPrCounts: boolean, approved: boolean): Item[] {
  const { release, stage } = input;
  const versions = [input.merged, ...(openPrCounts ? input.pending.map((p) => p.facts) : [])].filter((f): f is KepFacts => f !== null);
  const any = (test: (f: KepFacts) => boolean) => versions.some(test);
  const where = input.merged?.path ?? "the KEP's kep.yaml";
  const prr = input.merged?.prrPath ?? "keps/prod-readiness/<owning-sig>/<number>.yaml";
  const via = openPrCounts ? " (merged or in an open PR)" : " (merged)";
  const s = stage ?? "<stage>";
  const items = [
    item(
      "kep-stage",
      `kep.yaml names the target stage${stage ? ` (${stage})` : ""}${via}`,
      any((f) => f.namesStage),
      `set \`stage: ${s}\` in ${where}`,
    ),
    item(
      "kep-latest-milestone",
      `kep.yaml has latest-milestone ${release}${via}`,
      any((f) => f.targetsRelease),
      `set \`latest-milestone: "${release}"\` in ${where}`,
    ),
    item(
      "kep-milestone-map",
      `kep.yaml's milestone map gives ${s} a release no later than ${release}${via}`,
      any((f) => f.milestoneMapped),
      `set \`milestone.${s}: "${release}"\` in ${where}`,
    ),
  ];
  if (!openPrCounts) {
    items.unshift(
      item(
        "kep-status",
        "kep.yaml status is implementable (merged)",
        any((f) => f.statusReady),
        `set \`status: implementable\` in ${where}` +
          (stage && DEPRECATION_STAGES.includes(stage) ? " (or withdrawn for a deprecation)" : ""),
      ),
    );
  }
  items.push(
    approved
      ? item(
          "prr-approved",
          `PRR approved for ${s} by a PRR approver (merged)`,
          any((f) => f.prrApproved),
          `get a PRR approver to approve the ${s} block of ${prr} and merge it`,
        )
      : item(
          "prr-approver",
          `The PRR file names an approver for ${s}${via}`,
          any((f) => f.prrNamed),
          `name your PRR approver under \`${s}:\` in ${prr}`,
        ),
  );
  return items;
}

// The two sections, as /^#+\s*graduation criteria/im would find them, tried only where a line starts with "#".
export const GRADUATION_CRITERIA = /#+\s*graduation criteria/iy;
export const TEST_PLAN = /#+\s*test plan/iy;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * Whether a line of the text starts with the heading: a README is 10 KB or
 * more, and a multiline regular expression tries every position of it.
 */
export function hasHeading(text: string, heading: RegExp): boolean {
  for (let at = text.indexOf("#"); at !== -1; at = text.indexOf("#", at + 1)) {
    if (at > 0 && !LINE_BREAK.test(text.charAt(at - 1))) continue;
    heading.lastIndex = at;
    if (heading.test(text)) return true;
  }
  return false;
}

const readmePath = (input: ChecklistInput) => (input.merged ? input.merged.path.replace(/kep\.yaml$/, "README.md") : "README.md");
const sections = (names: string[]) => `${names.join(" and ")} section${names.length > 1 ? "s" : ""}`;

/** The README against the template of the same commit or, without one, the two headings of old. */
function templateItem(input: ChecklistInput): Item | null {
  const text = input.readme;
  if (typeof text !== "string") return null;
  const readme = readmePath(input);
  if (!input.readmeCheck) {
    const missing = [
      hasHeading(text, GRADUATION_CRITERIA) ? null : "Graduation Criteria",
      hasHeading(text, TEST_PLAN) ? null : "Test Plan",
    ].filter((s): s is string => s !== null);
    const fix = `add the ${sections(missing)} of the current KEP template to ${readme}`;
    return item("readme-template", "README.md follows the current template", missing.length === 0, fix);
  }
  const { missing, unfilled } = input.readmeCheck;
  const stage = input.stage ? ` for ${input.stage}` : "";
  const fixes = [
    missing.length ? `add the ${sections(missing)} of the current KEP template to ${readme}` : null,
    unfilled.length ? `fill in the ${sections(unfilled)}${stage} in ${readme}: it still has only the template's text` : null,
  ].filter((s): s is string => s !== null);
  return item("readme-template", "README.md follows the current template", fixes.length === 0, fixes.join("; "));
}

/**
 * The team's first PRR-freeze item: the questionnaire's sections the template asks for at the
 * stage, answered. Once a PRR approver has approved the stage, the answers were theirs to judge:
 * the team does not reopen them (real deprecations leave a section's question unanswered).
 */
function questionnaireItem(input: ChecklistInput): Item[] {
  const text = input.readme;
  if (typeof text !== "string" || !input.readmeCheck) return [];
  const s = input.stage ?? "<stage>";
  const { prrUnanswered } = input.readmeCheck;
  const approved = [input.merged, ...input.pending.map((p) => p.facts)].some((f) => f?.prrApproved);
  const fix = `answer the ${sections(prrUnanswered)} of the Production Readiness Review Questionnaire in ${readmePath(input)}`;
  return [item("prr-questionnaire", `PRR questionnaire answered for ${s}`, approved || prrUnanswered.length === 0, fix)];
}

function enhancementsItems(input: ChecklistInput): Item[] {
  const items = kepItems(input, false, true);
  items.push(
    item(
      "kep-valid",
      "kep.yaml passes upstream CI",
      input.merged !== null && input.merged.errors.length === 0,
      `fix the errors listed below in ${input.merged?.path ?? "kep.yaml"}`,
    ),
  );
  const template = templateItem(input);
  if (template) items.push(template);
  const open = input.pending.filter((p) => p.touchesKep).map((p) => `#${p.number}`);
  items.push(
    item(
      "no-open-kep-pr",
      "No other open PR changes the KEP's README or kep.yaml",
      open.length === 0,
      `merge or close ${open.join(", ")} before the freeze`,
    ),
  );
  return items;
}

function prsReady(prs: PrRef[], states: Record<string, PullRequestState>): { done: boolean; fix: string } {
  const notReady: string[] = [];
  for (const pr of prs) {
    const s = states[prKey(pr)];
    if (!s) notReady.push(`${pr.url} (state unknown)`);
    else if (s.state === "closed") notReady.push(`${pr.url} (closed without merging: list its replacement)`);
    else if (s.state === "open") {
      const needs = ["lgtm", "approved"].filter((l) => !s.labels.includes(l));
      if (needs.length) notReady.push(`${pr.url} (needs ${needs.join(" and ")})`);
    }
  }
  return { done: notReady.length === 0, fix: notReady.join("; ") };
}

function codeItems(input: ChecklistInput): Item[] {
  // Out-of-tree work is checked loosely: the k/k PR list does not apply.
  if (input.outOfTree) return [];
  return listedAndReady("code", input.codePrs, input.pullRequests);
}

const PR_KINDS = {
  code: { short: "k/k", repo: "kubernetes/kubernetes", heading: "Code (k/k) update PR(s)" },
  docs: { short: "k/website", repo: "kubernetes/website", heading: "Docs (k/website) update PR(s)" },
};

/** The two items of a kind of PR: the issue lists them, and each is merged or merge-ready. */
function listedAndReady(kind: keyof typeof PR_KINDS, prs: PrRef[], states: Record<string, PullRequestState>): Item[] {
  const { short, repo, heading } = PR_KINDS[kind];
  const ready = prsReady(prs, states);
  return [
    item(
      `${kind}-prs-listed`,
      `The issue lists the ${short} ${kind} PRs`,
      prs.length > 0,
      `list the ${repo} PRs under "${heading}" in the issue description`,
    ),
    item(
      `${kind}-prs-ready`,
      `Every listed ${kind} PR is merged or has lgtm and approved`,
      prs.length > 0 && ready.done,
      ready.fix || "list the PRs first",
    ),
  ];
}

function docsItems(input: ChecklistInput): Item[] {
  const items = input.docs ? input.docs.items.map(({ due: _, ...i }) => i) : listedAndReady("docs", input.docsPrs, input.pullRequests);
  if (input.stage === "stable") {
    const done = input.merged?.status === "implemented" || input.pending.some((p) => p.facts?.status === "implemented");
    items.push(
      item(
        "kep-implemented",
        "kep.yaml status is implemented (stable KEPs, after code freeze)",
        done,
        `set \`status: implemented\` in ${input.merged?.path ?? "kep.yaml"}`,
      ),
    );
  }
  return items;
}

/** The requirements of each freeze, in the order the freezes come. */
export function checklistFor(freeze: Deadline, input: ChecklistInput): ChecklistItem[] {
  const tag = (items: Item[]): ChecklistItem[] => items.map((i) => ({ id: i.id, label: i.label, done: i.done, fix: i.fix, freeze }));
  switch (freeze) {
    case "prr-freeze":
      return tag([...optIn(input), ...questionnaireItem(input), ...kepItems(input, true, false)]);
    case "enhancements-freeze":
      return tag([...optIn(input), ...questionnaireItem(input), ...enhancementsItems(input)]);
    case "code-freeze":
      return tag(codeItems(input));
    case "docs-freeze":
      return tag(docsItems(input));
    case "release":
      return [];
  }
}

/** The items of every freeze up to the next one; requirements pile up: after a freeze, its items must still hold. */
export function checklistUpTo(
  next: Deadline | null,
  checklistInput: ChecklistInput,
): { checklist: ChecklistItem[]; missed: Deadline | null } {
  const nextIndex = next === null ? DEADLINES.length : DEADLINES.indexOf(next);
  const checklist: ChecklistItem[] = [];
  let missed: Deadline | null = null;
  for (const [i, freeze] of DEADLINES.entries()) {
    if (i > nextIndex) break;
    const items = checklistFor(freeze, checklistInput);
    if (i < nextIndex) {
      const unmet = items.filter((it) => !it.done);
      if (unmet.length && !missed) missed = freeze;
      checklist.push(...unmet);
    } else {
      // An item already carried over unmet from a passed freeze is not repeated.
      checklist.push(...items.filter((it) => !checklist.some((c) => c.id === it.id)));
    }
  }
  return { checklist, missed };
}
