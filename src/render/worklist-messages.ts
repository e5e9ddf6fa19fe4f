/**
 * The drafts of the comments an Enhancements Contact posts by hand, in the team's check-in wording:
 * "Hello @owner 👋, v1.NN Enhancements team here. Just checking in as we approach …". A person reads,
 * edits and posts each one; kep-tracker never does. Pure: the same entry gives the same draft.
 */
import type { ReleaseWords } from "../release/release-words.js";
import { inlineSafe } from "../util/user-text.js";
import { spokenStatus } from "../verdict/status-words.js";
import type { ChecklistItem } from "../verdict/types.js";
import { EXCEPTIONS_URL, formatDeadline, greeting } from "./status-comment.js";
import { freezeMissed, type ViewEntry } from "./views.js";

/** What the person following a KEP does next, most urgent first. */
export const NEXT_STEPS = ["missed-freeze", "chase", "exception", "fix-issue", "check-in", "nothing"] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export const STEP_TITLES: Record<NextStep, string> = {
  "missed-freeze": "Missed a freeze: tell the owners; without an exception request the KEP leaves the milestone",
  chase: "At risk: check in with the owners on what is missing",
  exception: "Exception pending: follow the request with the release leads",
  "fix-issue": "Fix the tracking issue: its labels, milestone or KEP link disagree",
  "check-in": "Tracked: confirm the stage with the owners before the freeze",
  nothing: "Nothing to do: not in the release",
};

/** The team's sentences; `{…}` parts are filled in by the functions. */
export const CHECK_IN = {
  hello: (owners: string, release: string) => `Hello ${owners ? `${owners} ` : ""}👋, ${release} Enhancements team here.`,
  approaching: (freeze: string, when: string) => `Just checking in as we approach ${freeze} on ${when}.`,
  stage: (stage: string, release: string) => `This enhancement is targeting stage \`${stage}\` for ${release} (correct me, if otherwise).`,
  standing: "Here's where this enhancement currently stands:",
  update: "For this KEP, we would just need to update the following:",
  ahead: (freeze: string) => `${freeze} will also need:`,
  alsoFix: "Also, on this issue:",
  status: (status: string) => `The status of this enhancement is marked as \`${status}\`.`,
  descriptionUpToDate: "Please keep the issue description up-to-date with appropriate stages as well.",
  inAdvance: (freeze: string) =>
    `If you anticipate missing ${freeze}, you can file an exception request in advance: ${EXCEPTIONS_URL}. Thank you!`,
  allDone: (status: string) => `With all the requirements fulfilled this enhancement is now marked as \`${status}\` 🚀`,
  missed: (freeze: string, release: string) => `Unfortunately, this enhancement did not meet the requirements for ${freeze} in ${release}.`,
  stillWish: (release: string) =>
    `If you still wish to progress this enhancement in ${release}, please file an exception request as soon as possible: ` +
    `${EXCEPTIONS_URL}. Thanks!`,
} as const;

const box = (i: ChecklistItem) => `- [${i.done ? "x" : " "}] ${inlineSafe(i.label)}`;
const fixLine = (i: ChecklistItem) => `- ${inlineSafe(i.fix ?? i.label)}`;

/** The checklist part: where the KEP stands, what to update, what the next freeze will also need. */
function standing(e: ViewEntry, words: ReleaseWords): string[] {
  const v = e.verdict;
  const out = [CHECK_IN.standing, "", ...v.checklist.map(box), ""];
  const todo = v.checklist.filter((i) => !i.done);
  if (todo.length) out.push(CHECK_IN.update, ...todo.map(fixLine), "");
  const ahead = v.ahead?.checklist.filter((i) => !i.done) ?? [];
  if (v.ahead && ahead.length) out.push(CHECK_IN.ahead(words.freezes[v.ahead.freeze].title), ...ahead.map(fixLine), "");
  const problems = v.problems.filter((p) => p.id !== "missed-freeze");
  if (problems.length) out.push(CHECK_IN.alsoFix, ...problems.map((p) => `- ${inlineSafe(p.message)}`), "");
  return out;
}

/** The draft for a KEP at risk or tracked: the team's check-in before the coming freeze. */
function checkIn(e: ViewEntry, step: NextStep, words: ReleaseWords): string[] {
  const v = e.verdict;
  const out: string[] = [];
  if (v.freeze && v.deadline) out.push(CHECK_IN.approaching(words.freezes[v.freeze].name, formatDeadline(v.deadline)), "");
  if (v.stage) out.push(CHECK_IN.stage(v.stage, v.release), "");
  out.push(...standing(e, words));
  const status = spokenStatus(v.status ?? "", words);
  if (step === "check-in" && !v.problems.length) out.push(CHECK_IN.allDone(status));
  else {
    out.push(`${CHECK_IN.status(status)} ${CHECK_IN.descriptionUpToDate}`, "");
    if (v.freeze && v.freeze !== "release") out.push(CHECK_IN.inAdvance(words.freezes[v.freeze].name));
  }
  return out;
}

/** The draft for a KEP past a freeze with its items unmet. */
function missed(e: ViewEntry, words: ReleaseWords): string[] {
  const v = e.verdict;
  const freeze = freezeMissed(v) ?? v.freeze;
  return [
    CHECK_IN.missed(freeze ? words.freezes[freeze].name : "the last freeze", v.release),
    "",
    ...standing(e, words),
    CHECK_IN.stillWish(v.release),
  ];
}

/** The comment a person would post on the issue for this step; null when the step is not the owners' to hear. */
export function draftMessage(e: ViewEntry, step: NextStep, words: ReleaseWords): string | null {
  if (step === "exception" || step === "fix-issue" || step === "nothing") return null;
  const v = e.verdict;
  const body = step === "missed-freeze" ? missed(e, words) : checkIn(e, step, words);
  const lines = [CHECK_IN.hello(greeting(v.owners), v.release), "", ...body];
  while (lines.at(-1) === "") lines.pop();
  return `${lines.join("\n")}\n`;
}
