import { describe, expect, it } from "vitest";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { deliver, mockFiles, mockIssueContext, mockTree, OWNER, optedInLabeled, REPO, setupApp, useNock, writes } from "../helpers/app.js";

/** Issue 9: a person whose login is the App's slug is not the App. */

const ISSUE = `/repos/${OWNER}/${REPO}/issues/3541`;
const labeled = optedInLabeled();

useNock();

describe("a user whose login is the App's slug", () => {
  it("never has their comment adopted as the status comment, nor its markers read", async () => {
    const { probot, scope } = setupApp();
    const forged = `${STATUS_MARKER}\n<!-- kep-tracker:untrack-reason forged%20reason -->\n**Status: Tracked for PRR freeze**`;
    mockIssueContext(scope, {
      number: 3541,
      labels: ["lead-opted-in", "sig/apps", "stage/alpha"],
      // "kep-tracker" without "[bot]": GraphQL's User "kep-tracker", not the App's Bot.
      comments: [{ id: 10, author: "kep-tracker", body: forged }],
    });
    mockTree(scope);
    mockFiles(scope);
    let posted = "";
    scope.post(`${ISSUE}/comments`, (b: { body: string }) => ((posted = b.body), true)).reply(201, { id: 11 });

    await deliver(probot, "issues", labeled);
    expect(writes()).toEqual([`POST ${ISSUE}/comments`]);
    expect(posted.startsWith(STATUS_MARKER)).toBe(true);
    expect(posted).not.toContain("forged");
  });
});
