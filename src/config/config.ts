import { z } from "zod";
import { formatPath as formatKeyPath } from "../kep/shape.js";
import { boundsProblem, lineAtPath, readYamlDocument } from "../kep/yaml-read.js";
import { parseRelease } from "../release/names.js";
import { DEADLINES, type Deadline, type DocsRowKey, type ParsedDeadline, parseDeadlineText } from "../release/timeline.js";
import { fromKeys, isRecord, keysOf } from "../util/narrow.js";
import { closest } from "../util/spelling.js";
import { BOARD_KNOWN_KEYS, BoardConfigSchema, WordsSchema } from "./board-settings.js";
import { MirrorsSchema } from "./mirrors.js";

/**
 * `.github/kep-tracker.yml`: which release is tracked, its schedule, who may
 * /track, when to remind, and the label names. Every problem of a bad file is
 * reported at once, each with its path in the file and what is expected.
 */

const nonEmpty = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, `must be ${what}, not empty`);

/** GitHub's limit on a label's name. */
const LABEL_MAX = 50;
const labelName = nonEmpty("a label name").pipe(
  z.string().max(LABEL_MAX, `must be at most ${LABEL_MAX} characters (GitHub's limit for a label)`),
);
// A refused /track reads each team's membership and names the teams in its reply: both stay small.
const TEAMS_MAX = 20;
const USERS_MAX = 200;

const releaseField = z.unknown().transform((value, ctx) => {
  if (typeof value === "number") {
    ctx.addIssue({
      code: "custom",
      message: `is a number (${value}): write it as text, e.g. release: "v1.37" (YAML reads a bare 1.30 as 1.3)`,
    });
    return z.NEVER;
  }
  // Kubernetes releases are v1.NN; a name of another major version is a typo here.
  const release = typeof value === "string" ? parseRelease(value) : null;
  if (!release?.startsWith("v1.")) {
    ctx.addIssue({
      code: "custom",
      message: `must be a release such as "v1.37"${value === undefined || value === null ? "" : `, not ${JSON.stringify(value)}`}`,
    });
    return z.NEVER;
  }
  return release;
});

const deadlineField = z.unknown().transform((value, ctx): ParsedDeadline => {
  const parsed = typeof value === "string" ? parseDeadlineText(value) : null;
  if (!parsed) {
    ctx.addIssue({
      code: "custom",
      message:
        'must be a date: an ISO 8601 instant such as "2026-06-17T12:00:00Z", or the sig-release Timeline\'s wording such as ' +
        `"Tuesday 16th June 2026 (AoE) / Wednesday 17th June 2026, 12:00 UTC"${value === null ? "" : `; got ${JSON.stringify(value)}`}`,
    });
    return z.NEVER;
  }
  return parsed;
});

const DOCS_ROWS: readonly DocsRowKey[] = ["docs-placeholder", "docs-ready"];

const LABEL_DEFAULTS = {
  "lead-opted-in": "lead-opted-in",
  "tracked-yes": "tracked/yes",
  "tracked-no": "tracked/no",
  "tracked-out-of-tree": "tracked/out-of-tree",
  "stage-prefix": "stage/",
  "sig-prefix": "sig/",
} as const;

const scheduleSchema = z
  .strictObject({
    source: z
      .literal("sig-release", { error: 'must be "sig-release" (read the schedule from kubernetes/sig-release), or left out' })
      .optional(),
    ...fromKeys(DEADLINES, () => deadlineField.optional()),
    // The Docs team's deadlines before Docs Freeze (release/docs-deadlines.ts); the Timeline's rows when left out.
    ...fromKeys(DOCS_ROWS, () => deadlineField.optional()),
  })
  .superRefine((schedule, ctx) => {
    // Deadlines come in cycle order; a swapped pair is a typo worth catching before it sends reminders.
    const given = DEADLINES.filter((d) => schedule[d]);
    for (let i = 1; i < given.length; i++) {
      const [a, b] = [given[i - 1]!, given[i]!];
      if (schedule[a]!.at.getTime() >= schedule[b]!.at.getTime())
        ctx.addIssue({ code: "custom", path: [b], message: `must come after ${a}` });
    }
    const missing = DEADLINES.filter((d) => !schedule[d]);
    if (!schedule.source && missing.length) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `needs ${missing.join(", ")} (or source: sig-release to read them from kubernetes/sig-release)`,
      });
    }
  });

/**
 * The App removes every label that starts with the stage prefix but is not the KEP's stage: a prefix
 * that another configured label starts with (sig/, tracked) would remove that label on every refresh.
 */
function stagePrefixApart(labels: Record<keyof typeof LABEL_DEFAULTS, string>, ctx: z.RefinementCtx): void {
  const prefix = labels["stage-prefix"];
  for (const key of keysOf(LABEL_DEFAULTS)) {
    if (key === "stage-prefix") continue;
    const other = labels[key];
    if (key === "sig-prefix" && (other.startsWith(prefix) || prefix.startsWith(other)))
      ctx.addIssue({
        code: "custom",
        path: ["stage-prefix"],
        message:
          `must not start the same way as labels.sig-prefix (${JSON.stringify(other)}): ` +
          `the App would remove ${other} labels as stale stages`,
      });
    else if (key !== "sig-prefix" && other.startsWith(prefix))
      ctx.addIssue({
        code: "custom",
        path: ["stage-prefix"],
        message: `must not start the same way as labels.${key} (${JSON.stringify(other)}): the App would remove it as a stale stage`,
      });
  }
}

export const ConfigFileSchema = z.strictObject({
  release: releaseField,
  schedule: scheduleSchema.default({}),
  teams: z
    .strictObject({
      trackers: z
        .array(nonEmpty("a team slug").pipe(z.string().max(100, "must be a team slug (at most 100 characters)")))
        .max(TEAMS_MAX, `must list at most ${TEAMS_MAX} teams`)
        .default(["release-team-enhancements", "release-team-leads"]),
      users: z
        .array(nonEmpty("a GitHub login").transform((u) => u.replace(/^@/, "")))
        .max(USERS_MAX, `must list at most ${USERS_MAX} users`)
        .default([]),
    })
    .default({ trackers: ["release-team-enhancements", "release-team-leads"], users: [] }),
  reminders: z
    .strictObject({
      "days-before": z
        .array(
          z
            .number({ error: "must be a whole number of days" })
            .int("must be a whole number of days")
            .min(1, "must be at least 1 day")
            .max(60, "must be at most 60 days"),
        )
        .refine((days) => new Set(days).size === days.length, "must not list a day twice")
        .default([7, 2]),
    })
    .default({ "days-before": [7, 2] }),
  labels: z
    .strictObject(fromKeys(keysOf(LABEL_DEFAULTS), (k) => labelName.default(LABEL_DEFAULTS[k])))
    .default(LABEL_DEFAULTS)
    .superRefine(stagePrefixApart),
  sweep: z
    .strictObject({
      // GitHub allows about 500 content-creating requests an hour; a sweep every few hours stays well below.
      "max-writes": z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").default(300),
    })
    .default({ "max-writes": 300 }),
  "dry-run": z.boolean({ error: "must be true or false" }).default(false),
  board: BoardConfigSchema.optional(),
  words: WordsSchema,
  mirrors: MirrorsSchema,
});

/** The deadlines a file's schedule gives, in DEADLINES order; those it leaves out are absent. */
function givenDeadlines(
  schedule: Partial<Record<Deadline | DocsRowKey, ParsedDeadline>>,
): Partial<Record<Deadline | DocsRowKey, ParsedDeadline>> {
  const given: Partial<Record<Deadline | DocsRowKey, ParsedDeadline>> = {};
  for (const d of [...DEADLINES, ...DOCS_ROWS]) if (schedule[d]) given[d] = schedule[d];
  return given;
}

const hasEveryDeadline = (d: Partial<Record<Deadline, ParsedDeadline>>): d is Record<Deadline, ParsedDeadline> =>
  DEADLINES.every((k) => d[k]);

export const ConfigSchema = ConfigFileSchema.transform((file) => ({
  release: file.release,
  schedule: {
    source: file.schedule.source ?? null,
    deadlines: givenDeadlines(file.schedule),
  },
  teams: file.teams,
  reminders: { daysBefore: [...file.reminders["days-before"]].sort((a, b) => b - a) },
  labels: {
    leadOptedIn: file.labels["lead-opted-in"],
    trackedYes: file.labels["tracked-yes"],
    trackedNo: file.labels["tracked-no"],
    trackedOutOfTree: file.labels["tracked-out-of-tree"],
    stagePrefix: file.labels["stage-prefix"],
    sigPrefix: file.labels["sig-prefix"],
  },
  sweep: { maxWrites: file.sweep["max-writes"] },
  dryRun: file["dry-run"],
  board: file.board ?? null,
  words: file.words,
  mirrors: file.mirrors,
}));
export type Config = z.output<typeof ConfigSchema>;

export type ConfigProblem = { path: string; line: number | null; message: string };
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

const formatPath = (path: readonly PropertyKey[]): string => formatKeyPath(path) || "(file)";

const KNOWN_KEYS: Record<string, readonly string[]> = {
  "": Object.keys(ConfigFileSchema.shape),
  schedule: ["source", ...DEADLINES, ...DOCS_ROWS],
  teams: ["trackers", "users"],
  reminders: ["days-before"],
  labels: Object.keys(LABEL_DEFAULTS),
  sweep: ["max-writes"],
  ...BOARD_KNOWN_KEYS,
};

// Probot's `_extends` (settings from another repository) is not followed: the App reads one file, with bounds.
const EXTENDS_UNSUPPORTED = "is not supported: kep-tracker reads only this repository's own file; copy the settings you need into it";

/** How a problem names the kind of value a setting wants. */
const EXPECTED_WORDS: Partial<Record<string, string>> = {
  array: "a list",
  object: "a mapping",
  string: "text",
  number: "a number",
  boolean: "true or false",
};

function problemsOf(error: z.ZodError, lineOf: (path: readonly PropertyKey[], key?: boolean) => number | null): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const known = KNOWN_KEYS[issue.path.join(".")] ?? [];
      for (const key of issue.keys) {
        const near = closest(key, known);
        const path = [...issue.path, key];
        if (key === "_extends" && issue.path.length === 0) {
          problems.push({ path: formatPath(path), line: lineOf(path, true), message: EXTENDS_UNSUPPORTED });
          continue;
        }
        problems.push({
          path: formatPath(path),
          line: lineOf(path, true),
          message: `is not a setting${near ? `; did you mean "${near}"?` : known.length ? ` (known here: ${known.join(", ")})` : ""}`,
        });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === "invalid_type") {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      message = issue.message.startsWith("must") ? issue.message : `must be ${expected}`;
    }
    problems.push({ path: formatPath(issue.path), line: lineOf(issue.path), message });
  }
  return problems;
}

const byLine = (problems: ConfigProblem[]) => [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

/**
 * Zod skips the schedule's own check when one of its values is bad; absent
 * deadlines are still worth saying in the same report.
 */
function missingDeadlines(
  value: unknown,
  problems: ConfigProblem[],
  lineOf: (path: readonly PropertyKey[]) => number | null,
): ConfigProblem[] {
  const schedule = isRecord(value) ? value.schedule : undefined;
  if (problems.some((p) => p.path === "schedule")) return problems;
  const given = isRecord(schedule) ? schedule : {};
  const missing = DEADLINES.filter((d) => given[d] === undefined || given[d] === null);
  if (given.source === "sig-release" || !missing.length) return problems;
  return [
    ...problems,
    {
      path: "schedule",
      line: lineOf(["schedule"]),
      message: `needs ${missing.join(", ")} (or source: sig-release to read them from kubernetes/sig-release)`,
    },
  ];
}

/** Validates an already-parsed file (Probot's `context.config` gives one); problems carry no line. */
export function parseConfig(value: unknown): ConfigResult {
  // Probot's parse keeps aliases shared, as ours does: measure before zod walks it. The text's
  // size is unknown here; a real config is under 2 KB, so 64 KB of text is a generous stand-in.
  const unbounded = boundsProblem(value, 64 * 1024);
  if (unbounded) return { ok: false, problems: [{ path: "(file)", line: null, message: `is not valid YAML: ${unbounded.message}` }] };
  const result = ConfigSchema.safeParse(value ?? {});
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: byLine(
      missingDeadlines(
        value,
        problemsOf(result.error, () => null),
        () => null,
      ),
    ),
  };
}

/** Parses and validates the file's text; every problem carries its line. */
export function parseConfigText(text: string): ConfigResult {
  const parsed = readYamlDocument(text, { uniqueKeys: true });
  if (!parsed.ok)
    return {
      ok: false,
      problems: parsed.problems.map((p) => ({ path: "(file)", line: p.line, message: `is not valid YAML: ${p.message}` })),
    };
  const lineOf = (path: readonly PropertyKey[], key = false): number | null => lineAtPath(parsed.read, path, key);
  const value = parsed.read.value ?? {};
  const result = ConfigSchema.safeParse(value);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: byLine(missingDeadlines(value, problemsOf(result.error, lineOf), (path) => lineOf(path, true))) };
}

/** The five deadlines: explicit values in the file over those read from sig-release. */
export function resolveSchedule(
  config: Config,
  parsed: Partial<Record<Deadline, ParsedDeadline>> | null,
): { deadlines: Record<Deadline, ParsedDeadline> } | { missing: Deadline[] } {
  const merged: Partial<Record<Deadline, ParsedDeadline>> = { ...(parsed ?? {}), ...config.schedule.deadlines };
  return hasEveryDeadline(merged) ? { deadlines: merged } : { missing: DEADLINES.filter((d) => !merged[d]) };
}

/** One readable report: "file:line: path: message", one line per problem. */
export function formatProblems(problems: ConfigProblem[], file = ".github/kep-tracker.yml"): string {
  return problems.map((p) => `${file}${p.line ? `:${p.line}` : ""}: ${p.path}: ${p.message}`).join("\n");
}
