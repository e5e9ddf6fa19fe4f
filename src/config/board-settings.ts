import { z } from "zod";
import { STATUS_KEYS, type WordsOverrides } from "../release/release-words.js";
import { DEADLINES } from "../release/timeline.js";
import { fromKeys, keysOf } from "../util/narrow.js";

/**
 * The `board:` and `words:` settings of `.github/kep-tracker.yml`.
 *
 * ```yaml
 * board:                        # the release's GitHub Projects board; leave out for none
 *   owner: kubernetes           # an organisation or a user
 *   number: 269                 # "v1.38 Release Tracking"
 *   fields:                     # only when the board names a field otherwise
 *     status: Status
 *     stage: Stage
 *     sig: SIG
 *     enhancement-type: Enhancement Type
 *     issue-number: Issue Number
 *     exception-request-type: Exception Request Type
 *     exception-status: Exception Status
 *     additional-time: Additional Time
 *     exception-request-date: Exception Request Date
 *     enhancements-contact: Enhancements Contact
 *     docs-status: Docs Status
 *     docs-required: Docs Required?
 * words:                        # the release's words; v1.38 and later say "KEP readiness"
 *   freezes:
 *     prr-freeze: KEP readiness deadline
 *   statuses:
 *     tracked-prr-freeze: Tracked for KEP readiness
 * ```
 *
 * The App writes the first five fields and Docs Status, fills an empty Docs Required?, and reads
 * the four exception fields and Docs Required?; every other field of the board (Enhancements
 * Contact, Note, PRR Status, Docs Assignee) is people's. The Enhancements Contact is read, never
 * written, for `kep-tracker worklist --contact`.
 */

/** The board fields kep-tracker knows, by config key, with the names the release boards use. */
export const BOARD_FIELD_DEFAULTS = {
  status: "Status",
  stage: "Stage",
  sig: "SIG",
  "enhancement-type": "Enhancement Type",
  "issue-number": "Issue Number",
  "exception-request-type": "Exception Request Type",
  "exception-status": "Exception Status",
  "additional-time": "Additional Time",
  "exception-request-date": "Exception Request Date",
  "enhancements-contact": "Enhancements Contact",
  "docs-status": "Docs Status",
  "docs-required": "Docs Required?",
} as const;

const fieldName = (fallback: string) =>
  z.string({ error: "must be a field name" }).trim().min(1, "must be a field name, not empty").default(fallback);

const fieldsSchema = z
  .strictObject(fromKeys(keysOf(BOARD_FIELD_DEFAULTS), (k) => fieldName(BOARD_FIELD_DEFAULTS[k])))
  .default(BOARD_FIELD_DEFAULTS)
  .refine(
    (fields) => new Set(Object.values(fields).map((f) => f.toLowerCase())).size === Object.keys(fields).length,
    "must name a different field for each setting",
  );

export const BoardFileSchema = z.strictObject({
  owner: z
    .string({ error: "must be the organisation or user that owns the board" })
    .trim()
    .min(1, "must be the organisation or user that owns the board, not empty"),
  number: z
    .number({ error: "must be the board's number, e.g. 269 for github.com/orgs/kubernetes/projects/269" })
    .int("must be a whole number")
    .min(1, "must be at least 1"),
  fields: fieldsSchema,
});

/** The board as the rest of the App reads it: field names in camelCase keys. */
export const BoardConfigSchema = BoardFileSchema.transform((b) => ({
  owner: b.owner,
  number: b.number,
  fields: {
    status: b.fields.status,
    stage: b.fields.stage,
    sig: b.fields.sig,
    enhancementType: b.fields["enhancement-type"],
    issueNumber: b.fields["issue-number"],
    exceptionRequestType: b.fields["exception-request-type"],
    exceptionStatus: b.fields["exception-status"],
    additionalTime: b.fields["additional-time"],
    exceptionRequestDate: b.fields["exception-request-date"],
    enhancementsContact: b.fields["enhancements-contact"],
    docsStatus: b.fields["docs-status"],
    docsRequired: b.fields["docs-required"],
  },
}));
export type BoardConfig = z.output<typeof BoardConfigSchema>;
export type BoardFieldNames = BoardConfig["fields"];

// A word is said in every status comment, report row and reminder: a long one would swell each of them.
const word = z.string({ error: "must be text" }).trim().min(1, "must be text, not empty").max(100, "must be at most 100 characters");

export const WordsSchema = z
  .strictObject({
    freezes: z.strictObject(fromKeys(DEADLINES, () => word.optional())).optional(),
    statuses: z.strictObject(fromKeys(STATUS_KEYS, () => word.optional())).optional(),
  })
  .default({})
  .transform((w): WordsOverrides => ({ freezes: w.freezes ?? {}, statuses: w.statuses ?? {} }));

/** The keys each part accepts, for "did you mean" in the config check. */
export const BOARD_KNOWN_KEYS: Record<string, readonly string[]> = {
  board: ["owner", "number", "fields"],
  "board.fields": Object.keys(BOARD_FIELD_DEFAULTS),
  words: ["freezes", "statuses"],
  "words.freezes": DEADLINES,
  "words.statuses": STATUS_KEYS,
};
