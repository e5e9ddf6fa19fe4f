import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mockRefreshReads, useNock } from "../helpers/app.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api, makeProbot, mockAppSlug, mockConfig, mockToken, OWNER, payload, REPO, requests, writes } from "../helpers/app.js";

// Through the real HTTP server, on loopback, as GitHub delivers: signed with the webhook secret.
let server: Server;
let url: string;

async function listen() {
  const { probot } = makeProbot();
  const middleware = await probot.getNodeMiddleware({ path: "/api/github/webhooks" });
  server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
}

const sign = (body: string, secret = "test-secret") => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

function post(body: string, headers: Record<string, string>) {
  return fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "e2e-1", ...headers } });
}

const body = JSON.stringify(
  payload("issues", "labeled", (p) => {
    p.issue.number = 3541;
    p.issue.labels = [{ name: "lead-opted-in" }];
  }),
);

useNock();
beforeEach(listen);
afterEach(() => new Promise((resolve) => server.close(resolve)));

describe("the webhook endpoint", () => {
  it("handles a correctly signed delivery", async () => {
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
  ])("answers %s with 400 and asks GitHub nothing", async (_, headers) => {
    const res = await post(body, headers as Record<string, string>);
    expect(res.status).toBe(400);
    expect(requests).toEqual([]);
  });
});
