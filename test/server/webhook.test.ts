import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  api,
  mockAppSlug,
  mockConfig,
  mockRefreshReads,
  mockToken,
  OWNER,
  payload,
  REPO,
  requests,
  useNock,
  writes,
} from "../helpers/app.js";
import { type RunningServer, sign, startAppServer, WEBHOOK_PATH } from "../helpers/server.js";

// Through the App's real HTTP server (as `npm start` runs it), on loopback, as GitHub delivers: signed with the webhook secret.
let server: RunningServer;

function post(body: string, headers: Record<string, string>) {
  return fetch(`${server.url}${WEBHOOK_PATH}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "e2e-1", ...headers },
  });
}

const body = JSON.stringify(
  payload("issues", "labeled", (p) => {
    p.issue.number = 3541;
    p.issue.labels = [{ name: "lead-opted-in" }];
  }),
);

useNock();
beforeEach(async () => {
  server = await startAppServer();
});
afterEach(() => server.close());

describe("the webhook endpoint", () => {
  it("handles a correctly signed delivery", { timeout: 60_000 }, async () => {
    const scope = api();
    mockToken(scope);
    mockConfig(scope);
    mockAppSlug(scope);
    mockRefreshReads(scope, { number: 3541, labels: ["lead-opted-in", "sig/apps", "stage/alpha"], comments: [] });
    scope.post(`/repos/${OWNER}/${REPO}/issues/3541/comments`).reply(201, { id: 1 });
    const res = await post(body, { "x-hub-signature-256": sign(body) });
    expect(res.status).toBe(200);
    expect(writes()).toEqual([`POST /repos/${OWNER}/${REPO}/issues/3541/comments`]);
  });

  it.each([
    ["a wrong signature", { "x-hub-signature-256": sign(body, "not-the-secret") }],
    ["no signature", {}],
  ])("answers %s with 400 and asks GitHub nothing", { timeout: 60_000 }, async (_, headers) => {
    const res = await post(body, headers as Record<string, string>);
    expect(res.status).toBe(400);
    expect(requests).toEqual([]);
  });

  it("answers 404 to a GET of the webhook path and to unknown paths", { timeout: 60_000 }, async () => {
    expect((await fetch(`${server.url}${WEBHOOK_PATH}`)).status).toBe(404);
    expect((await fetch(`${server.url}/nothing-here`)).status).toBe(404);
  });
});
