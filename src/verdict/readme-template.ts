import type { Stage } from "../kep/kep-file.js";
import { keysOf, readmeSections, type Section, sectionText } from "../kep/readme-sections.js";

/**
 * "Uses the latest template", as the Enhancements team reads it: the KEP
 * template of the same commit is the reference, so the check follows the
 * template when upstream changes it. Headings match by meaning, a section
 * counts as present when only its subsections are, and the sections the team
 * asks about must say more than the template's own placeholder text.
 */

type TemplateSection = {
  /** As the template names it, without "(Optional)". */
  name: string;
  key: string;
  level: number;
  optional: boolean;
  /** The keys of its subsections, at any depth. */
  below: string[];
  /** The template's own lines in it (subsections included), as placeholderFree compares them. */
  placeholder: Set<string>;
  /** "This section must be completed when targeting <stage> to a release." */
  completedFor: "alpha" | "beta" | null;
};

export type KepTemplate = { sections: TemplateSection[] };

/** The sections the team asks about at the freezes: each must be there, with more than the template's text. */
// Found in the template by their words, so that "Testing Plan" or "PRR Questionnaire" upstream is still found.
const TEST_PLAN = /\btest(?:ing)? plan\b/;
const GRADUATION = /\bgraduation\b/;
const PRR = /\b(?:production readiness|prr)\b/;
const ASKED = [TEST_PLAN, GRADUATION, PRR];

/** A line as compared with the template's: no list or checkbox marks, spacing or case. */
const comparable = (line: string) =>
  line
    .replace(/^\s*(?:[-*+]\s+)?(?:\[[ xX]?\]\s*)?/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();

export function parseTemplate(markdown: string): KepTemplate {
  const all = readmeSections(markdown);
  const sections = all.map((s, i): TemplateSection => {
    const below: string[] = [];
    for (let j = i + 1; j < all.length && all[j]!.level > s.level; j++) below.push(all[j]!.key);
    const m = /must be completed when targeting (alpha|beta)\b|for (alpha|beta), this section is required/i.exec(s.notes);
    const marked = (m?.[1] ?? m?.[2])?.toLowerCase();
    return {
      name: s.title.replace(/\s*\(optional\)\s*/i, "").trim(),
      key: s.key,
      level: s.level,
      optional: /\(optional\)/i.test(s.title),
      below,
      placeholder: new Set(sectionText(all, i).map(comparable)),
      completedFor: marked === "alpha" || marked === "beta" ? marked : null,
    };
  });
  return { sections };
}

/**
 * A reader of templates for one run: a sweep judges hundreds of READMEs against the same
 * template, so the run keeps the last one it parsed (its context owns the reader, not this module).
 */
export function templateReader(): (text: string) => KepTemplate {
  let last: { text: string; template: KepTemplate } | null = null;
  return (text) => {
    if (last?.text !== text) last = { text, template: parseTemplate(text) };
    return last.template;
  };
}

/** Where the README has the template section: its own heading, or else the first of its subsections'. */
function findSection(readme: readonly Section[], wanted: TemplateSection): number {
  const at = readme.findIndex((s) => keysOf(s.title).includes(wanted.key));
  if (at !== -1) return at;
  return readme.findIndex((s) => keysOf(s.title).some((k) => wanted.below.includes(k)));
}

/** Whether the README's section says something the template's does not: at least `least` words of its own. */
function placeholderFree(readme: readonly Section[], at: number, wanted: TemplateSection, least: number): boolean {
  const own = readme[at]!;
  // Present only as subsections: the text under each of them counts.
  const lines =
    own.key === wanted.key || keysOf(own.title).includes(wanted.key)
      ? sectionText(readme, at)
      : readme.filter((s) => keysOf(s.title).some((k) => wanted.below.includes(k))).flatMap((s) => s.lines);
  const words = lines
    .filter((l) => !/^\s*#/.test(l))
    .map(comparable)
    .filter((l) => l && !wanted.placeholder.has(l))
    .join(" ")
    .match(/[a-z0-9]+/gi);
  return (words?.length ?? 0) >= least;
}

/** The words an author uses for a stage in graduation criteria. */
const STAGE_WORDS: Record<Stage, RegExp> = {
  alpha: /\balpha\b/i,
  beta: /\bbeta\b/i,
  stable: /\b(?:ga|stable|general availability)\b/i,
  deprecated: /\bdeprecat|\bremov|\bdisabl/i,
  disabled: /\bdeprecat|\bremov|\bdisabl/i,
  removed: /\bdeprecat|\bremov|\bdisabl/i,
};

/**
 * Graduation criteria written per stage name the target stage; criteria of a
 * change made in one release ("no feature gate, one release") name none.
 */
const forStage = (text: string, stage: Stage) => STAGE_WORDS[stage].test(text) || !ANY_STAGE.test(text);
const ANY_STAGE = /\b(?:alpha|beta|ga|stable)\b/i;

/** The graduation criteria with the stages written at its own level after it ("### Beta", "### GA"), as a reader takes them. */
function graduationText(readme: readonly Section[], at: number): string {
  const lines = sectionText(readme, at);
  const level = readme[at]!.level;
  for (let i = at + 1; i < readme.length && readme[i]!.level >= level; i++) {
    if (readme[i]!.level === level && !STAGE_HEADING.test(readme[i]!.key)) break;
    lines.push(readme[i]!.title, ...readme[i]!.lines);
  }
  return lines.join("\n");
}
const STAGE_HEADING = /^(?:alpha|beta|ga|stable|deprecation|removal)\b/;

export type TemplateCheck = {
  /** Template sections the README lacks, as the template names them. */
  missing: string[];
  /** Sections present but saying no more than the template does (or, for graduation criteria, nothing of the stage). */
  unfilled: string[];
  /** PRR questionnaire sections the stage needs that are missing or left as the template has them. */
  prrUnanswered: string[];
};

const byKey = (template: KepTemplate, key: RegExp) => template.sections.find((s) => key.test(s.key));

/** The README against the template for a KEP heading for `stage`. */
export function checkTemplate(readmeText: string, template: KepTemplate, stage: Stage | null): TemplateCheck {
  const readme = readmeSections(readmeText);
  // The sections the team asks about; authors drop the parts they have nothing for (prerequisite testing updates).
  const required = ASKED.map((k) => byKey(template, k)).filter((s): s is TemplateSection => s !== undefined);
  const missing = required.filter((s) => findSection(readme, s) === -1).map((s) => s.name);
  const unfilled: string[] = [];
  for (const key of [TEST_PLAN, GRADUATION]) {
    const wanted = byKey(template, key);
    const at = wanted ? findSection(readme, wanted) : -1;
    if (!wanted || at === -1) continue;
    const filled = placeholderFree(readme, at, wanted, 3);
    const ofStage = key !== GRADUATION || !stage || forStage(graduationText(readme, at), stage);
    if (!filled || !ofStage) unfilled.push(wanted.name);
  }
  return { missing, unfilled, prrUnanswered: prrUnanswered(readme, template, stage) };
}

/** The questionnaire's sections the template says must be completed for the stage: alpha's, and from beta on beta's too. */
function prrUnanswered(readme: readonly Section[], template: KepTemplate, stage: Stage | null): string[] {
  const questionnaire = byKey(template, PRR);
  if (!questionnaire) return [];
  const wanted = template.sections.filter(
    (s) => questionnaire.below.includes(s.key) && (s.completedFor === "alpha" || (s.completedFor === "beta" && stage !== "alpha")),
  );
  // A template without the marks: the questionnaire as a whole.
  const asked = wanted.length ? wanted : [questionnaire];
  return asked
    .filter((s) => {
      const at = findSection(readme, s);
      return at === -1 || !placeholderFree(readme, at, s, 1);
    })
    .map((s) => s.name);
}
