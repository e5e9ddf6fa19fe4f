import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/reading/commands.js";
import { combinedReply, unknownCommandReason } from "../../src/render/replies.js";
import { hostileText, KNOWN_WORST } from "../helpers/hostile-text.js";

/**
 * Issue 9: whatever a comment says, the one reply to it greets its author and nobody else,
 * and carries no HTML comment (so no marker of the App's).
 */

/** The reply the App would give if every command of the comment were refused. */
function replyToAll(body: string): string {
  const refusals = parseCommands(body).map((c) => ({
    reason: c.name === "unknown" ? unknownCommandReason(c) : `only members of release-team-enhancements may use /${c.name}`,
    raw: c.raw,
  }));
  return combinedReply("passer-by", refusals);
}

// "@" right before a name notifies that name; the App's inert "@" is followed by a zero-width joiner.
const mentions = (text: string) => [...text.matchAll(/@[A-Za-z0-9]/g)].length;

describe("the one reply to a comment", () => {
  it("mentions only its author and holds no HTML comment, for any comment", () => {
    const check = (body: string) => {
      const reply = replyToAll(body);
      expect(reply.startsWith("@passer-by: ")).toBe(true);
      expect(mentions(reply)).toBe(1);
      expect(reply).not.toContain("<!--");
    };
    for (const body of KNOWN_WORST) check(body);
    const pieces = fc.constantFrom(
      "/track ",
      "/trak ",
      "/untrack ",
      "/kep-status ",
      "/kep-x ",
      "@kubernetes/sig-node-leads ",
      "@alice ",
      "<!-- kep-tracker:reminder v1.37 prr-freeze 0 --> ",
      "`<!-- kep-tracker:status -->` ",
      "\n",
      "**Status: Tracked** ",
    );
    const commentBody = fc.oneof(
      hostileText,
      fc.array(pieces, { maxLength: 30 }).map((ps) => ps.join("")),
    );
    fc.assert(
      fc.property(commentBody, (body) => check(body)),
      { numRuns: 150 },
    );
  });
});
