import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { OctokitLike } from "../../src/github/client.js";
import { appIdentity, credentialsFromEnv, IdentityError, tokenIdentity } from "../../src/github/identity.js";

/** An Octokit that answers GET /app and the viewer query, counting what it was asked. */
function answering(asked: string[]): () => Promise<OctokitLike> {
  const octokit = {
    request: async (route: string) => {
      asked.push(route);
      return { data: { slug: "kep-tracker" } };
    },
    graphql: async (query: string) => {
      asked.push(query.includes("viewer") ? "viewer" : query);
      return { viewer: { login: "k8s-ci-robot" } };
    },
  };
  return async () => octokit as unknown as OctokitLike;
}

describe("who kep-tracker acts as", () => {
  it("as the App: '<slug>[bot]', asked once; a person named like the App is not it; its own label changes are echoes", async () => {
    const asked: string[] = [];
    const app = appIdentity(answering(asked));
    expect(await app.login()).toBe("kep-tracker[bot]");
    expect(await app.login()).toBe("kep-tracker[bot]");
    expect(asked).toEqual(["GET /app"]);
    expect(await app.isSelf("kep-tracker[bot]")).toBe(true);
    expect(await app.isSelf("kep-tracker")).toBe(false);
    expect(await app.aloneAs({ login: "kep-tracker[bot]", type: "Bot" })).toBe(true);
    expect(await app.aloneAs({ login: "kep-tracker", type: "User" })).toBe(false);
    expect(app.eventNeeds).toEqual(["installation"]);
  });

  it("as a robot's token: the token's user, whose changes may be Prow's and so are never taken for echoes", async () => {
    const asked: string[] = [];
    const robot = tokenIdentity(answering(asked));
    expect(await robot.login()).toBe("k8s-ci-robot");
    expect(await robot.describe()).toBe("the token of @k8s-ci-robot");
    expect(asked).toEqual(["viewer"]);
    expect(await robot.isSelf("K8s-CI-Robot")).toBe(true);
    expect(await robot.isSelf("k8s-ci-robot[bot]")).toBe(false);
    expect(await robot.aloneAs({ login: "k8s-ci-robot", type: "User" })).toBe(false);
    expect(robot.eventNeeds).toEqual([]);
  });

  it("reads credentials from the environment: the App's first, then GITHUB_TOKEN, then GITHUB_TOKEN_PATH's file (trimmed)", () => {
    const dir = mkdtempSync(join(tmpdir(), "identity-"));
    writeFileSync(join(dir, "token"), "ghp_fromfile\n");
    expect(credentialsFromEnv({ GITHUB_TOKEN_PATH: join(dir, "token") })).toEqual({ kind: "token", token: "ghp_fromfile" });
    expect(credentialsFromEnv({ GITHUB_TOKEN: "ghp_env", GITHUB_TOKEN_PATH: join(dir, "token") })).toEqual({
      kind: "token",
      token: "ghp_env",
    });
    expect(credentialsFromEnv({ APP_ID: "1", PRIVATE_KEY: "pem", GITHUB_TOKEN: "t" })).toMatchObject({ kind: "app", appId: 1 });
    expect(credentialsFromEnv({})).toBeNull();
    expect(() => credentialsFromEnv({ GITHUB_TOKEN_PATH: join(dir, "missing") })).toThrow(IdentityError);
  });
});
