import { createHmac, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { isRecord } from "../../util/narrow.js";

/**
 * The hmac secret Prow's hook and its external plugins share (`--hmac-secret-file`), read as Prow
 * reads it: either the whole file (trimmed) is one secret, or it is YAML naming secrets per
 * repository, organisation or `*` (each a list of `{value, created_at}`, several while one is
 * rotated). The most specific key that exists is the one used: a repository's own secrets, else its
 * organisation's, else the global ones. Read on each delivery, so a rotated Secret counts at once.
 */

export type HmacSecrets = { kind: "single"; secret: string } | { kind: "scoped"; scopes: Map<string, string[]> };

/** The secrets the file's text names. */
export function parseHmacSecrets(text: string): HmacSecrets {
  const trimmed = text.trim();
  let parsed: unknown;
  try {
    parsed = parse(trimmed);
  } catch {
    return { kind: "single", secret: trimmed };
  }
  if (!isRecord(parsed)) return { kind: "single", secret: trimmed };
  const scopes = new Map<string, string[]>();
  for (const [key, list] of Object.entries(parsed)) {
    if (!Array.isArray(list)) return { kind: "single", secret: trimmed };
    const values = list.map((t) => (isRecord(t) ? t.value : undefined));
    if (!values.every((v) => typeof v === "string")) return { kind: "single", secret: trimmed };
    scopes.set(
      key,
      values.filter((v): v is string => typeof v === "string" && v.length > 0),
    );
  }
  return { kind: "scoped", scopes };
}

/** The repository (or, for an organisation's event, the organisation) a payload is about, as "org/repo" or "org". */
function scopeOf(payload: unknown): string {
  if (!isRecord(payload)) return "";
  const repo = isRecord(payload.repository) ? payload.repository.full_name : undefined;
  if (typeof repo === "string" && repo) return repo;
  const org = isRecord(payload.organization) ? payload.organization.login : undefined;
  return typeof org === "string" ? org : "";
}

/** The secrets a delivery about `scope` may be signed with: the most specific level configured. */
export function secretsFor(secrets: HmacSecrets, scope: string): string[] {
  if (secrets.kind === "single") return secrets.secret ? [secrets.secret] : [];
  const org = scope.split("/")[0] ?? "";
  return secrets.scopes.get(scope) ?? secrets.scopes.get(org) ?? secrets.scopes.get("*") ?? [];
}

/** Whether `signature` ("sha256=<hex>") is the body's HMAC-SHA256 under any of `secrets`, compared in constant time. */
export function signedWithAny(body: string, signature: string, secrets: readonly string[]): boolean {
  const m = /^sha256=([0-9a-f]{64})$/i.exec(signature);
  if (!m) return false;
  const given = Buffer.from(m[1]!, "hex");
  return secrets.some((secret) => timingSafeEqual(createHmac("sha256", secret).update(body).digest(), given));
}

/** A verifier reading `path` on each delivery: true when the body is signed with a secret hook may have used for it. */
export function hmacVerifier(path: string): (body: string, signature: string) => Promise<boolean> {
  return async (body, signature) => {
    const secrets = parseHmacSecrets(await readFile(path, "utf8"));
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return false;
    }
    return signedWithAny(body, signature, secretsFor(secrets, scopeOf(payload)));
  };
}
