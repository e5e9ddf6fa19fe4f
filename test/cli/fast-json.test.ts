import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fastJson } from "../../src/cli/fast-json.js";

const API = "https://api.github.com";
const Fast = Octokit.plugin(fastJson, throttling, retry);
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const fast = () => new Fast({ auth: "t", retry: { enabled: false }, throttle: { enabled: false }, log: quiet });
const plain = () => new Octokit({ auth: "t", log: quiet });

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, "every mocked request was made").toEqual([]);
});

/** The same answer given to the CLI's Octokit and to a plain one: both must read it alike. */
async function bothRead(body: string, contentType = "application/json; charset=utf-8"): Promise<[unknown, unknown]> {
  nock(API).post("/graphql").times(2).reply(200, body, { "content-type": contentType });
  const query = "query { viewer { login } }";
  const a = await fast().request("POST /graphql", { query });
  const b = await plain().request("POST /graphql", { query });
  return [a.data, b.data];
}

describe("the CLI's reading of GitHub's JSON answers", () => {
  it("reads an ordinary answer exactly as Octokit does", async () => {
    const body = JSON.stringify({
      data: { issue: { id: "I_1", databaseId: 3_000_000_123, body: "ids 12345678901234567 in text", tags: [1, 2.5, -3e2, null, true] } },
    });
    const [a, b] = await bothRead(body);
    expect(a).toEqual(b);
    expect(a).toEqual(JSON.parse(body));
  });

  it("keeps an integer past 2^53 whole, as Octokit does (a BigInt)", async () => {
    const body = '{"data":{"big":123456789012345678901,"list":[ 9007199254740993 ]}}';
    const [a, b] = await bothRead(body);
    expect(a).toEqual(b);
    expect((a as { data: { big: unknown } }).data.big).toBe(123456789012345678901n);
  });

  it("gives the text of an answer that is not JSON, as Octokit does", async () => {
    const [a, b] = await bothRead("<html>bad gateway</html>", "text/html");
    expect(a).toBe(b);
    const [c, d] = await bothRead("{not json", "application/json");
    expect(c).toBe(d);
    const [e, f] = await bothRead("\u00ff\u0000 bytes", "application/octet-stream");
    expect(e).toBeInstanceOf(ArrayBuffer);
    expect(Buffer.from(e as ArrayBuffer)).toEqual(Buffer.from(f as ArrayBuffer));
  });

  it("leaves errors to Octokit: a 502 is still a RequestError with its status", async () => {
    nock(API).post("/graphql").reply(502, { message: "Server Error" });
    await expect(fast().request("POST /graphql", { query: "query { viewer { login } }" })).rejects.toMatchObject({ status: 502 });
  });
});
