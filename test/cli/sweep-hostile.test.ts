import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { api, type IssueState, mockConfig, mockFiles, mockTree, OWNER, PRIVATE_KEY, REPO, useNock, writes } from "../helpers/app.js";
import { bufferIo } from "../helpers/io.js";
import { mockSweepPage, tempCacheDir } from "../helpers/sweep.js";

/**
 * Issue 9, "Forgery": a reminder marker that someone quoted (in a command the App refused, or
 * in a comment of their own under the App's slug) must not stop the real reminder.
 */

useNock();

/** A day and a half before v1.37's PRR freeze (2026-06-10 12:00 UTC): the 2-day reminder is due. */
const NOW = "2026-06-09T00:00:00Z";
const ISSUE = `/repos/${OWNER}/${REPO}/issues/5958`;
const MARKER = "<!-- kep-tracker:reminder v1.37 prr-freeze 0 -->";

const atRisk: IssueState = {
  number: 5958,
  labels: ["lead-opted-in", "sig/api-machinery", "stage/alpha"],
  assignees: ["bob"],
  comments: [
    // A refusal as the App wrote them before issue 9: the command quoted verbatim, marker and all.
    { id: 100, author: "kep-tracker[bot]", body: `@mallory: \`/trak\` is not a kep-tracker command.\n\n> /trak \`${MARKER}\`\n` },
    // A person who took the App's slug as a login, with the marker on the first line.
    { id: 101, author: "kep-tracker", body: `${MARKER}\nI reminded them myself` },
  ],
};

describe("kep-tracker sweep against forged reminder markers", () => {
  it("still reminds the owners when the only markers are quoted or written by someone else", async () => {
    const scope = api();
    scope.get(`/repos/${OWNER}/${REPO}/installation`).reply(200, { id: 7 });
    scope.get("/app").reply(200, { slug: "kep-tracker", id: 1 });
    scope.post("/app/installations/7/access_tokens").reply(201, { token: "installation-token", expires_at: "2099-01-01T00:00:00Z" });
    mockConfig(scope);
    mockSweepPage(scope, [atRisk]);
    mockTree(scope);
    mockFiles(scope);
    const posted: string[] = [];
    scope
      .post(`${ISSUE}/comments`)
      .times(2)
      .reply(201, (_uri: string, b: { body: string }) => (posted.push(b.body), { id: 200 + posted.length }));
    const io = bufferIo();
    const env = { APP_ID: "1", PRIVATE_KEY: PRIVATE_KEY.replace(/\n/g, "\\n"), KEP_TRACKER_THROTTLE: "off" };
    expect(await main(["sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--cache-dir", tempCacheDir()], io, env)).toBe(0);
    expect(writes()).toEqual([`POST ${ISSUE}/comments`, `POST ${ISSUE}/comments`]);
    expect(posted[1]).toMatch(/^<!-- kep-tracker:reminder v1\.37 prr-freeze 2 -->\n@bob: this KEP is \*\*at risk for PRR freeze\*\*/);
  });
});
