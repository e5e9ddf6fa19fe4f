import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import type { Pacer } from "../../src/github/pacing.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { deliver, payload } from "../helpers/app.js";
import { APP_SEED, fixtureRepo, probotOn } from "../helpers/fake.js";

/** An opted-in issue with no status comment yet: an event on it calls for one. */
describe("the App's options, settled when it starts", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  const issue: FakeIssue = {
    number: 3541,
    title: "KEP-3541",
    body: "",
    labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
    milestone: { title: "v1.37", number: 37 },
    assignees: ["alice"],
    comments: [],
  };
  const labeled = () => payload("issues", "labeled", (p) => (p.issue.number = 3541));
  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue])], ...APP_SEED });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    issue.comments.length = 0;
    fake.reset();
  });

  it("with a dry run (DRY_RUN=true at start), an event that calls for a status comment writes nothing", async () => {
    await deliver(probotOn(fake, undefined, { dryRun: true }), "issues", labeled());
    const { byKind, unexpected } = fake.stats();
    // Only the App's installation token is asked for (the fake counts that POST as a write).
    expect(Object.keys(byKind).filter((k) => /^(POST|PATCH|PUT|DELETE) /.test(k))).toEqual(["POST access token"]);
    expect(unexpected).toEqual([]);
    expect(issue.comments).toEqual([]);
    // The same event without it writes the comment.
    await deliver(probotOn(fake), "issues", labeled(), "delivery-2");
    expect(issue.comments.filter((c) => c.body.startsWith(STATUS_MARKER))).toHaveLength(1);
  });

  it("paces its new comments with the pacer it was given, one turn per comment, by the account written to", async () => {
    const turns: string[] = [];
    const pacer: Pacer = { take: async (key) => void turns.push(key) };
    await deliver(probotOn(fake, undefined, { pacer }), "issues", labeled());
    expect(issue.comments).toHaveLength(1);
    expect(turns).toEqual(["kubernetes"]);
  });
});
