import type { Stage } from "../kep/kep-file.js";
import type { ValidatedKep } from "../kep/validate.js";
import { type KepMark, markerLines } from "../reading/markers.js";
import { changeFactsOf, changeKind } from "../release/change-kind.js";
import { formatDayTime } from "../release/dates.js";
import type { ReleaseWords } from "../release/release-words.js";
import { freezeTitle } from "../release/schedule.js";
import type { Deadline } from "../release/timeline.js";
import { GITHUB_BODY_LIMIT, greet, inlineSafe, neutraliseUserText } from "../util/user-text.js";
import { describeException, type ExceptionState } from "../verdict/exceptions.js";
import { spokenFreezeTitle, spokenStatus } from "../verdict/status-words.js";
import type { ChecklistItem, Verdict } from "../verdict/types.js";
import { docsSection } from "./docs-section.js";
import { unlistedSection } from "./unlisted-section.js";

export const EXCEPTIONS_URL = "https://github.com/kubernetes/sig-release/blob/master/releases/EXCEPTIONS.md";

type RenderContext = {
  kep: ValidatedKep | null;
  repository?: { owner: string; repo: string; branch: string } | undefined;
  untrackReason: string | null;
  /** The digest of what the comment was computed from (see kep-inputs.ts), kept hidden in it. */
  inputs?: string | null | undefined;
  /** The release's words (spoken.ts); the evaluation's own words when absent. */
  words?: ReleaseWords | undefined;
  /** The board's exception for the KEP, told in a line of its own. */
  exception?: ExceptionState | undefined;
  /** What the sweep read of the KEP's docs PRs (verdict/docs-input.ts), kept hidden for the webhook path. */
  docsMark?: string | null | undefined;
  /** The reason given to `/kep-docs none`, kept in its marker whatever the phase. */
  docsNone?: string | null | undefined;
};

/** The freeze as a heading, in the release's words when given. */
const titleOf = (d: Deadline, ctx: RenderContext) => (ctx.words ? spokenFreezeTitle(d, ctx.words) : freezeTitle(d));

/** The exception's line and a blank one after it; nothing without an exception. */
function exceptionLines(ctx: RenderContext): string[] {
  const text = ctx.exception && ctx.words ? describeException(ctx.exception, ctx.words) : null;
  return text ? [text, ""] : [];
}

/**
 * "Wednesday 17 June 2026, 12:00 UTC (in 5 days)", and for an approved exception's end "until Saturday
 * 20 June 2026, 12:00 UTC (exception, in 2 days)": the date people act on, said as what it is.
 */
export function formatDeadline(d: NonNullable<Verdict["deadline"]>): string {
  const when = formatDayTime(d.at);
  const aoe = d.approximate ? "; the schedule gives only the day, this is its end Anywhere on Earth" : "";
  return d.exception ? `until ${when} (exception, ${d.left}${aoe})` : `${when} (${d.left}${aoe})`;
}

function kepLink(v: Verdict, ctx: RenderContext): string {
  if (!v.kepPath) return v.kepPr ? `in open PR [#${v.kepPr.number}](${v.kepPr.url})` : "no KEP found";
  const dir = v.kepPath.replace(/\/kep\.yaml$/, "/");
  const r = ctx.repository;
  return r ? `[\`${dir}\`](https://github.com/${r.owner}/${r.repo}/tree/${r.branch}/${dir})` : `\`${dir}\``;
}

function line(i: ChecklistItem, current: Deadline | null, words?: ReleaseWords): string {
  if (i.done) return `- [x] ${inlineSafe(i.label)}`;
  const since = words ? words.freezes[i.freeze].title : `${freezeTitle(i.freeze).replace(/ freeze$/, "")} freeze`;
  const late = i.freeze !== current ? ` _(needed since ${since})_` : "";
  return `- [ ] ${inlineSafe(i.label)}: ${inlineSafe(i.fix ?? "")}${late}`;
}

/** kep.yaml's owning SIG for the `kep` marker; a value no SIG name comes near (people write kep.yaml) is not kept. */
const markedSig = (kep: ValidatedKep | null): string | null => {
  const sig = kep?.metadata.owningSig ?? null;
  return sig !== null && sig.length <= 100 ? sig : null;
};

/** The `kep` marker: what the release board's Stage, SIG and Enhancement Type should say for this verdict. */
const kepMark = (v: Verdict, kep: ValidatedKep | null): KepMark => ({
  stage: v.stage,
  sig: markedSig(kep),
  change: changeKind(changeFactsOf(v.release, v.stage, kep)),
  ...(v.docs ? { docs: v.docs.required ? v.docs.word : "none" } : {}),
});

/** A disabled or removed stage is what the release team counts as a deprecation (the board's Enhancement Type). */
const teamCalls = (stage: Stage): string =>
  stage === "disabled" || stage === "removed" ? " (a deprecation, as the release team counts it)" : "";

/** The longest /untrack reason kept (in the marker) and shown: a reason, not an essay. */
export const UNTRACK_REASON_MAX = 500;

/**
 * The owners greeted on purpose: each a real mention only when it is a GitHub login
 * (a kep.yaml author of "alice\n**Status: Tracked…**\n\n<!--" forges nothing).
 */
export const greeting = (owners: readonly string[]): string => owners.map(greet).join(" ");

/** The /untrack reason as the comment shows it: someone's words, inert, ending with a period. */
function shownReason(reason: string): string {
  const said = neutraliseUserText(reason, UNTRACK_REASON_MAX);
  return /[.!?…]$/.test(said) ? said : `${said}.`;
}

/**
 * The status comment, as the Enhancements team writes it by hand: who it is
 * for, the status, the freeze and its deadline, what is done and what to fix,
 * and how to ask for an exception. Same verdict, same bytes.
 */
export function renderComment(v: Verdict, ctx: RenderContext): string {
  const removed = v.status === "Removed from milestone";
  const reason = removed ? ctx.untrackReason?.trim().slice(0, UNTRACK_REASON_MAX) || null : null;
  const out = markerLines({
    inputs: ctx.inputs ?? null,
    untrackReason: reason,
    kep: kepMark(v, ctx.kep),
    release: v.release,
    status: v.status,
    docs: ctx.docsMark ?? null,
    docsNone: ctx.docsNone?.trim().slice(0, UNTRACK_REASON_MAX) || null,
  });
  out.push(
    v.owners.length
      ? `Hello ${greeting(v.owners)} 👋, ${v.release} Enhancements team here.`
      : `Hello 👋, ${v.release} Enhancements team here.`,
    "",
  );

  if (removed) {
    out.push(
      `**Status: ${spokenStatus("Removed from milestone", ctx.words)}** ${v.release}.${reason ? ` Reason: ${shownReason(reason)}` : ""}`,
      "",
    );
    out.push(...exceptionLines(ctx));
    out.push(...problemLines(v));
    out.push(`To bring this KEP back into ${v.release}, file an exception: ${EXCEPTIONS_URL}`);
    return finish(out);
  }
  if (v.status === "Deferred") {
    out.push(
      `**Status: ${spokenStatus("Deferred", ctx.words)}**: kep.yaml says \`status: deferred\`, ` +
        `so this KEP is not worked on in ${v.release}.`,
      "",
      ...problemLines(v),
    );
    return finish(out);
  }

  const stage = v.stage
    ? `stage **${v.stage}**${v.stageSource && v.stageSource !== "kep.yaml" ? ` (from the ${v.stageSource})` : ""}${teamCalls(v.stage)}`
    : "stage **unknown**";
  out.push(`**Status: ${spokenStatus(v.status ?? "", ctx.words)}** · ${stage} · KEP ${kepLink(v, ctx)}`);
  // Before PRR freeze, the team's second verdict: where the KEP stands for enhancements freeze.
  if (v.ahead) out.push(`Currently **${spokenStatus(v.ahead.status, ctx.words)}**.`);
  out.push("");
  out.push(...exceptionLines(ctx));
  if (v.freeze && v.deadline) out.push(`**${titleOf(v.freeze, ctx)}:** ${formatDeadline(v.deadline)}`, "");
  else out.push(`${v.release} has been released.`, "");

  const todo = v.checklist.filter((i) => !i.done);
  out.push(...checklistLines(v, ctx));
  // A website PR the Docs section shows (with how it was found) is not listed twice.
  const inDocs = new Set((v.docs?.prs ?? []).map((p) => p.number));
  out.push(...unlistedSection((v.unlisted ?? []).filter((p) => p.kind !== "docs" || !inDocs.has(p.number))));
  out.push(...docsSection(v.docs));

  out.push(...problemLines(v));
  const errors = ctx.kep?.report.findings.filter((f) => f.severity === "error") ?? [];
  if (errors.length) {
    out.push(
      "**kep.yaml fails upstream CI:**",
      ...errors.map((f) => `- \`${f.rule}\` ${inlineSafe(f.path)}${f.line ? `:${f.line}` : ""}: ${inlineSafe(f.message)}`),
      "",
    );
  }
  // After release day there is no freeze left to miss, and no exception to ask for.
  if ((todo.length || v.problems.length) && v.phase !== "released")
    out.push(`If you cannot make it in time, ask for an exception: ${EXCEPTIONS_URL}`, "");
  return finish(out);
}

/** The checklist: what is to do for the coming freeze, what the next one will also need, and what is done. */
function checklistLines(v: Verdict, ctx: RenderContext): string[] {
  const out: string[] = [];
  const todo = v.checklist.filter((i) => !i.done);
  const done = v.checklist.filter((i) => i.done);
  if (todo.length) out.push("**To do:**", ...todo.map((i) => line(i, v.freeze, ctx.words)), "");
  else if (v.checklist.length) out.push("Everything this freeze needs is done.", "");
  if (v.ahead?.checklist.length)
    out.push(
      `**${titleOf(v.ahead.freeze, ctx)} will also need:**`,
      ...v.ahead.checklist.map((i) => line(i, v.ahead!.freeze, ctx.words)),
      "",
    );
  if (done.length)
    out.push(
      `<details><summary>Done (${done.length})</summary>`,
      "",
      ...done.map((i) => line(i, v.freeze, ctx.words)),
      "",
      "</details>",
      "",
    );
  return out;
}

const FOOTER = "<sub>Kept up to date by kep-tracker; comment `/kep-status` to refresh it.</sub>";
/** A line longer than this holds someone's words gone wrong (a configured word, a title): it is cut. */
const LINE_MAX = 2000;
const CUT_NOTE = "_The rest is left out: GitHub takes at most 65,536 characters in a comment._";

/** The verdict's problems, shown in every layout: a conflict between labels, milestone and status must be seen. */
function problemLines(v: Verdict): string[] {
  return v.problems.length ? ["**Problems:**", ...v.problems.map((p) => `- \`${p.id}\`: ${inlineSafe(p.message)}`), ""] : [];
}

function finish(out: string[]): string {
  while (out.at(-1) === "") out.pop();
  const body = (lines: string[]) => `${[...lines, "", FOOTER].join("\n")}\n`;
  const whole = body(out);
  if (whole.length <= GITHUB_BODY_LIMIT) return whole;
  // GitHub refuses a longer body, and a refused status comment leaves the issue with none.
  const lines = out.map((l) => (l.length > LINE_MAX ? `${l.slice(0, LINE_MAX)}…` : l));
  const room = GITHUB_BODY_LIMIT - body([CUT_NOTE]).length;
  let size = 0;
  let kept = 0;
  while (kept < lines.length && size + lines[kept]!.length + 1 <= room) size += lines[kept++]!.length + 1;
  return kept === lines.length ? body(lines) : body([...lines.slice(0, kept), CUT_NOTE]);
}
