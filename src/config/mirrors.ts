import { z } from "zod";

/**
 * The `mirrors:` setting of `.github/kep-tracker.yml`: other boards (a SIG's own) that each sweep
 * keeps in step with what it writes to the release board, for the KEPs the filter picks.
 *
 * ```yaml
 * mirrors:
 *   - board: { owner: kubernetes, number: 300 }   # SIG Node's board
 *     fields:                                     # release board field: the mirror's field
 *       Status: Release Status
 *       Stage: Stage
 *     filter: { sig: sig-node }                   # kep.yaml's owning SIG (else the sig/* label)
 * ```
 *
 * Only the fields named are written, with the release board's rules: differences only, people's
 * fields never, items added and never removed.
 */

const MAX_MIRRORS = 10;

const text = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, `must be ${what}, not empty`)
    .max(100, `must be ${what} (at most 100 characters)`);

const MirrorFileSchema = z.strictObject({
  board: z.strictObject({
    owner: text("the organisation or user that owns the board"),
    number: z.number({ error: "must be the board's number" }).int("must be a whole number").min(1, "must be at least 1"),
  }),
  fields: z
    .strictObject({
      Status: text("a field name").optional(),
      Stage: text("a field name").optional(),
      SIG: text("a field name").optional(),
      "Enhancement Type": text("a field name").optional(),
      "Issue Number": text("a field name").optional(),
    })
    .refine((f) => Object.keys(f).length > 0, "must name at least one field to copy"),
  filter: z.strictObject({ sig: text("a SIG such as sig-node").optional() }).default({}),
});

export const MirrorsSchema = z
  .array(MirrorFileSchema)
  .max(MAX_MIRRORS, `must list at most ${MAX_MIRRORS} boards`)
  .default([])
  .transform((list) =>
    list.map((m) => ({
      owner: m.board.owner,
      number: m.board.number,
      // The mirror's name for each release board field it copies; a field left out is not written.
      fields: {
        status: m.fields.Status,
        stage: m.fields.Stage,
        sig: m.fields.SIG,
        enhancementType: m.fields["Enhancement Type"],
        issueNumber: m.fields["Issue Number"],
      },
      sig: m.filter.sig ?? null,
    })),
  );
export type MirrorConfig = z.output<typeof MirrorsSchema>[number];
