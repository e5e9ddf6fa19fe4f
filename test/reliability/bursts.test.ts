import { describe, expect, it } from "vitest";
import { issuesEvent, sendWebhook } from "../../fake-github/webhooks.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { BURST, burstIssue } from "../helpers/burst.js";
import { appOnFake } from "../helpers/fake.js";

const TRIALS = 50;

describe("a burst of events for one issue, delivered at once to the App's webhook server", { timeout: 120_000 }, () => {
  const issue = burstIssue();
  const served = appOnFake([issue]);

  it(`leaves exactly one status comment, in ${TRIALS} of ${TRIALS} trials of eight concurrent deliveries`, async () => {
    const { fake, app } = served;
    const repo = fake.world.repos[0]!;
    const counts: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      issue.comments.length = 0;
      const answers = await Promise.all(
        BURST.map(([action, extra]) =>
          sendWebhook(app.url, "test-secret", "issues", issuesEvent(fake.world, repo, issue, action, "sig-apps-lead", extra)),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(BURST.map(() => 200));
      counts.push(issue.comments.filter((c) => c.author === "kep-tracker[bot]" && c.body.startsWith(STATUS_MARKER)).length);
    }
    expect(counts).toEqual(counts.map(() => 1));
    // One posted per trial, none posted and then deleted as a duplicate.
    expect(fake.stats().byKind["POST comments"]).toBe(TRIALS);
    expect(fake.stats().byKind["DELETE comment"]).toBeUndefined();
    expect(fake.stats().unexpected).toEqual([]);
  });
});
