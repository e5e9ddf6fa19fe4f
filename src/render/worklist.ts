/**
 * One person's worklist: the KEPs they follow (by the board's Enhancements Contact, by SIG, or
 * their own), grouped by what to do next and by when, each with its link, status, what is
 * missing and the draft of the comment they would post. Text for a terminal, Markdown to paste,
 * JSON for tools. Pure; it posts nothing, the person does.
 */
import type { ReleaseWords } from "../release/release-words.js";
import type { Deadline } from "../release/timeline.js";
import { inlineSafe, neutraliseUserText } from "../util/user-text.js";
import type { Verdict } from "../verdict/types.js";
import { formatDeadline } from "./status-comment.js";
import { inTheRelease, keps, missedFreeze, type ViewEntry } from "./views.js";
import { draftMessage, NEXT_STEPS, type NextStep, STEP_TITLES } from "./worklist-messages.js";

export type WorklistSelector = { kind: "contact" | "mine"; login: string } | { kind: "sig"; sig: string };

export type WorkItem = {
  issue: number;
  url: string;
  title: string;
  status: string;
  stage: string | null;
  sig: string | null;
  contact: string | null;
  missing: string[];
  problems: string[];
  /** The comment to review and post; null when the step is not one for the owners. */
  draft: string | null;
};

export type WorkGroup = {
  step: NextStep;
  title: string;
  /** The freeze to act before, and its instant; null for "now" (a freeze already passed, an issue to fix). */
  before: { freeze: Deadline; name: string; at: string; when: string } | null;
  items: WorkItem[];
};

export type Worklist = { repository: string; release: string; at: string; selection: string; groups: WorkGroup[] };

/** What the KEP's follower does next, from its verdict alone. */
export function nextStep(v: Verdict): NextStep {
  if (!inTheRelease(v)) return "nothing";
  if (missedFreeze(v)) return "missed-freeze";
  if (v.status?.startsWith("At risk")) return "chase";
  if (v.status === "Exception pending") return "exception";
  if (v.problems.length) return "fix-issue";
  return "check-in";
}

/** "sig-node", "SIG Node" and "node" are one SIG. */
const sigKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .replace(/^sig-/, "");

/** A contact as people write it on the board: "jenshu", "@jenshu", "Jen Shu (jenshu)". */
const isContact = (value: string | null, login: string) => {
  const want = login.replace(/^@/, "").toLowerCase();
  return !!value && value.split(/[\s(),@]+/).some((word) => word.toLowerCase() === want);
};

/** The entries one selector picks; a SIG matches kep.yaml, a sig/* label or the board's SIG field, as they disagree at times. */
export function selectEntries(entries: readonly ViewEntry[], sel: WorklistSelector): ViewEntry[] {
  if (sel.kind !== "sig") return entries.filter((e) => isContact(e.contact, sel.login));
  const want = sigKey(sel.sig);
  return entries.filter((e) => [e.row.sig, e.boardSig, ...e.sigLabels].some((s) => s !== null && sigKey(s) === want));
}

export const describeSelector = (sel: WorklistSelector): string =>
  sel.kind === "sig" ? `SIG ${sel.sig}` : sel.kind === "mine" ? `${sel.login} (you)` : `Enhancements Contact ${sel.login}`;

function workItem(e: ViewEntry, step: NextStep, words: ReleaseWords): WorkItem {
  const r = e.row;
  return {
    issue: r.issue,
    url: r.url,
    title: r.title,
    status: r.status,
    stage: r.stage,
    sig: r.sig,
    contact: e.contact,
    missing: r.missing,
    problems: e.verdict.problems.map((p) => p.message),
    draft: draftMessage(e, step, words),
  };
}

/** The deadline a step is acted on before: the coming freeze's, except for what is due now. */
function beforeOf(v: Verdict, step: NextStep, words: ReleaseWords): WorkGroup["before"] {
  if (step === "missed-freeze" || step === "fix-issue" || step === "nothing" || !v.freeze || !v.deadline) return null;
  return { freeze: v.freeze, name: words.freezes[v.freeze].name, at: v.deadline.at, when: formatDeadline(v.deadline) };
}

/** The worklist of `selection` from the views' entries, most urgent group first, issues in number order within one. */
export function buildWorklist(
  meta: { repository: string; release: string; at: string },
  entries: readonly ViewEntry[],
  sel: WorklistSelector,
  words: ReleaseWords,
): Worklist {
  const groups = new Map<string, WorkGroup>();
  for (const e of [...selectEntries(entries, sel)].sort((a, b) => a.row.issue - b.row.issue)) {
    const step = nextStep(e.verdict);
    const before = beforeOf(e.verdict, step, words);
    const key = `${step} ${before?.at ?? ""}`;
    const group = groups.get(key) ?? { step, title: STEP_TITLES[step], before, items: [] };
    group.items.push(workItem(e, step, words));
    groups.set(key, group);
  }
  const order = (g: WorkGroup) => NEXT_STEPS.indexOf(g.step);
  const sorted = [...groups.values()].sort((a, b) => order(a) - order(b) || (a.before?.at ?? "").localeCompare(b.before?.at ?? ""));
  return { ...meta, selection: describeSelector(sel), groups: sorted };
}

const whenText = (g: WorkGroup) => (g.before ? `before ${g.before.name}, ${g.before.when}` : g.step === "nothing" ? "" : "now");
const count = (w: Worklist) => keps(w.groups.reduce((n, g) => n + g.items.length, 0));
const NOTHING_POSTED = "Nothing was posted: each draft is for you to review, edit and post.";

/** Someone's words on a terminal: no escape sequence or line break of theirs reaches it. */
const terminalSafe = (text: string) => text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ");

export function worklistText(w: Worklist): string {
  const out = [
    `Worklist of ${terminalSafe(w.selection)}: ${w.release}, ${w.repository}, as at ${w.at.slice(0, 16).replace("T", " ")} UTC.`,
  ];
  out.push(`${count(w)}. ${NOTHING_POSTED}`, "");
  if (!w.groups.length) out.push("No KEP matches.", "");
  for (const g of w.groups) {
    const when = whenText(g);
    out.push(`== ${g.title}${when ? ` (${when})` : ""}: ${keps(g.items.length)}`, "");
    for (const i of g.items) {
      out.push(
        `#${i.issue} ${terminalSafe(i.title)}`,
        `  ${i.url}`,
        `  ${[i.status, i.stage ? `stage ${i.stage}` : null, i.sig].filter(Boolean).join(" · ")}`,
      );
      if (i.missing.length) out.push(`  Missing: ${terminalSafe(i.missing.join("; "))}`);
      for (const p of i.problems) out.push(`  Problem: ${terminalSafe(p)}`);
      if (i.draft)
        out.push(
          "  Draft:",
          ...i.draft
            .trimEnd()
            .split("\n")
            .map((l) => `    | ${terminalSafe(l)}`.trimEnd()),
        );
      out.push("");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** A fence longer than any run of backticks in `text`, so the draft shows as it is, mentions inert. */
const fenceFor = (text: string) => "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));

export function worklistMarkdown(w: Worklist): string {
  const out = [`## Worklist of ${neutraliseUserText(w.selection, 200)}: ${w.release}`, ""];
  out.push(`${w.repository}, as at ${w.at.slice(0, 16).replace("T", " ")} UTC: ${count(w)}. ${NOTHING_POSTED}`, "");
  for (const g of w.groups) {
    const when = whenText(g);
    out.push(`### ${g.title}${when ? ` (${when})` : ""}: ${keps(g.items.length)}`, "");
    for (const i of g.items) {
      const facts = [`**${i.status}**`, i.stage ? `stage ${i.stage}` : null, i.sig ? neutraliseUserText(i.sig, 100) : null];
      out.push(`#### [#${i.issue}](${i.url}) ${neutraliseUserText(i.title, 300)}`, "", facts.filter(Boolean).join(" · "), "");
      if (i.missing.length) out.push("Missing:", ...i.missing.map((m) => `- ${inlineSafe(m, 300)}`), "");
      if (i.problems.length) out.push("Problems:", ...i.problems.map((p) => `- ${inlineSafe(p, 500)}`), "");
      if (i.draft) {
        const fence = fenceFor(i.draft);
        out.push("<details><summary>Draft comment</summary>", "", `${fence}markdown`, i.draft.trimEnd(), fence, "", "</details>", "");
      }
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

export const worklistJson = (w: Worklist): string => `${JSON.stringify(w, null, 2)}\n`;
