import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { parseConfigText } from "../../src/config/config.js";
import { CONFIG, deliver, payload } from "../helpers/app.js";
import { APP_SEED, fixtureRepo, probotOn } from "../helpers/fake.js";

// Nine levels of nine aliases: 9^9 scalars once expanded, in under half a kilobyte.
const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 8 }, (_, i) => {
    const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
    return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`;
  }),
].join("\n");

describe("the App's configuration, read as text through the bounded reader", { timeout: 60_000 }, () => {
  let fake: FakeGitHub;
  const issue: FakeIssue = {
    number: 3541,
    title: "KEP-3541",
    body: "",
    labels: ["lead-opted-in", "sig/apps"],
    milestone: { title: "v1.37", number: 37 },
    assignees: ["alice"],
    comments: [],
  };
  beforeAll(async () => {
    fake = await startFakeGitHub({ repos: [fixtureRepo([issue], `${CONFIG}${BOMB}\n`)], ...APP_SEED });
  });
  afterAll(() => fake.close());

  it("refuses an alias bomb in .github/kep-tracker.yml at once, writes nothing, and answers the next event too", async () => {
    const probot = probotOn(fake);
    const started = Date.now();
    await deliver(
      probot,
      "issues",
      payload("issues", "labeled", (p) => (p.issue.number = 3541)),
      "a",
    );
    await deliver(
      probot,
      "issues",
      payload("issues", "labeled", (p) => (p.issue.number = 3541)),
      "b",
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    // The App's token, then the file twice: nothing else is read, nothing written.
    expect(fake.stats().byKind).toEqual({ "POST access token": 1, "GET contents": 2 });
    expect(fake.stats().unexpected).toEqual([]);
    expect(issue.comments).toEqual([]);
    expect(parseConfigText(`${CONFIG}${BOMB}\n`)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/too many aliases/) }],
    });
  });

  it("says plainly that _extends is not followed", () => {
    const result = parseConfigText(`_extends: kubernetes/.github\n${CONFIG}`);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: "_extends",
          line: 1,
          message: expect.stringMatching(/^is not supported: kep-tracker reads only this repository's own file/),
        },
      ],
    });
  });
});
