import { describe, expect, it } from "vitest";
import { issuesEvent } from "../../fake-github/webhooks.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { BURST, burstIssue } from "../helpers/burst.js";
import { appOnFake } from "../helpers/fake.js";
import { deliverIn, MODES, ownLogin } from "../helpers/modes.js";

const TRIALS = 50;

describe.each(MODES)("a burst of events for one issue, delivered at once to kep-tracker as the %s", { timeout: 120_000 }, (mode) => {
  const issue = burstIssue();
  const served = appOnFake([issue], mode);

  it(`leaves exactly one status comment, in ${TRIALS} of ${TRIALS} trials of eight concurrent deliveries`, async () => {
    const { fake, app } = served;
    const repo = fake.world.repos[0]!;
    const counts: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      issue.comments.length = 0;
      const answers = await Promise.all(
        BURST.map(([action, extra]) =>
          deliverIn(mode, app.url, "issues", issuesEvent(fake.world, repo, issue, action, "sig-apps-lead", extra)),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(BURST.map(() => 200));
      counts.push(issue.comments.filter((c) => c.author === ownLogin(mode, fake) && c.body.startsWith(STATUS_MARKER)).length);
    }
    expect(counts).toEqual(counts.map(() => 1));
    // One posted per trial, none posted and then deleted as a duplicate.
    expect(fake.stats().byKind["POST comments"]).toBe(TRIALS);
    expect(fake.stats().byKind["DELETE comment"]).toBeUndefined();
    expect(fake.stats().unexpected).toEqual([]);
  });
});
