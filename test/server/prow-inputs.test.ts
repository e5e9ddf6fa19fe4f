import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parsePluginFlags } from "../../src/server/prow/flags.js";
import { enabledRepos } from "../../src/server/prow/help-route.js";
import { parseHmacSecrets, secretsFor, signedWithAny } from "../../src/server/prow/hmac.js";

const sign = (body: string, secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("the hmac secret file, read as Prow reads it", () => {
  it("is one secret when it is a single line, its newline dropped", () => {
    const secrets = parseHmacSecrets("s3cr3t\n");
    expect(secretsFor(secrets, "kubernetes/enhancements")).toEqual(["s3cr3t"]);
    expect(signedWithAny("{}", sign("{}", "s3cr3t"), secretsFor(secrets, "kubernetes/enhancements"))).toBe(true);
  });

  it("names secrets per repository, organisation and '*', the most specific level that exists counting alone", () => {
    const text = `
'*':
- value: global
  created_at: 2024-01-01T00:00:00Z
kubernetes:
- value: org-old
  created_at: 2024-01-01T00:00:00Z
- value: org-new
  created_at: 2025-01-01T00:00:00Z
kubernetes/enhancements:
- value: repo
  created_at: 2025-01-01T00:00:00Z
`;
    const secrets = parseHmacSecrets(text);
    expect(secretsFor(secrets, "kubernetes/enhancements")).toEqual(["repo"]);
    expect(secretsFor(secrets, "kubernetes/kubernetes")).toEqual(["org-old", "org-new"]);
    expect(secretsFor(secrets, "kubernetes-sigs/prow")).toEqual(["global"]);
    // While a secret is rotated, both are accepted; the repository's own does not fall back to the organisation's.
    expect(signedWithAny("{}", sign("{}", "org-old"), secretsFor(secrets, "kubernetes/kubernetes"))).toBe(true);
    expect(signedWithAny("{}", sign("{}", "org-new"), secretsFor(secrets, "kubernetes/enhancements"))).toBe(false);
  });

  it("refuses a signature that is not sha256=<64 hex digits>", () => {
    expect(signedWithAny("{}", "sha1=abc", ["s"])).toBe(false);
    expect(signedWithAny("{}", sign("{}", "s").slice(0, -2), ["s"])).toBe(false);
  });
});

describe("kep-tracker plugin's flags, spelt as Prow's plugins take them", () => {
  it("reads the Deployment's flags: Go's --flag=value, a repeated --github-endpoint (the first used), --dry-run=false", () => {
    const flags = parsePluginFlags([
      "--dry-run=false",
      "--github-endpoint=http://ghproxy",
      "--github-endpoint=https://api.github.com",
      "--github-token-path=/etc/github/oauth",
      "-hmac-secret-file=/etc/webhook/hmac",
      "--github-graphql-endpoint=http://ghproxy/graphql/",
      "--port=8888",
    ]);
    expect(flags).toEqual({
      hmacSecretFile: "/etc/webhook/hmac",
      githubTokenPath: "/etc/github/oauth",
      githubEndpoint: "http://ghproxy",
      graphqlEndpoint: "http://ghproxy/graphql",
      port: 8888,
      dryRun: false,
      help: false,
    });
    expect(parsePluginFlags(["--dry-run"]).dryRun).toBe(true);
    expect(parsePluginFlags(["--dry-run=true"]).dryRun).toBe(true);
  });

  it("says plainly what is wrong", () => {
    expect(() => parsePluginFlags(["--port=eighty"])).toThrow(/--port must be a port number/);
    expect(() => parsePluginFlags(["--github-endpoint=ghproxy"])).toThrow(/not an http\(s\) URL/);
    expect(() => parsePluginFlags(["--unknown"])).toThrow(/Unknown option/);
  });
});

describe("the body hook posts to /help", () => {
  it("is the list of enabled repositories as Go writes config.OrgRepo", () => {
    expect(enabledRepos('[{"Org":"kubernetes","Repo":"enhancements"},{"Org":"kubernetes-sigs","Repo":""}]')).toEqual([
      { org: "kubernetes", repo: "enhancements" },
      { org: "kubernetes-sigs", repo: "" },
    ]);
    expect(enabledRepos('["kubernetes/enhancements"]')).toBeNull();
    expect(enabledRepos("{}")).toBeNull();
  });
});
