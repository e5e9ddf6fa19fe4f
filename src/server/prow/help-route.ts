import type { IncomingMessage, ServerResponse } from "node:http";
import { helpFor, type OrgRepo } from "../../app/plugin-help.js";
import type { OctokitLike } from "../../github/client.js";
import { isRecord } from "../../util/narrow.js";
import { BodyBudget } from "../body-budget.js";
import { readBody } from "../request-body.js";
import type { Handler } from "../routes.js";

/**
 * POST /help, as Prow's `pluginhelp/externalplugins` serves it: hook posts the JSON list of the
 * repositories the plugin is enabled for (`[{"Org": "kubernetes", "Repo": "enhancements"}]`, Repo
 * empty for a whole organisation) and gets `pluginhelp.PluginHelp` back. Other methods get 405.
 * Each repository's configuration is read with the plugin's token to say who may /track there (app/plugin-help.ts).
 */

export const HELP_PATH = "/help";
/** A list of a few thousand repositories; nothing longer is hook's. */
const MAX_BODY_BYTES = 256 * 1024;
/** Deck asks through hook every few minutes: the same question is answered from memory for this long. */
const KEEP_MS = 5 * 60_000;

/** The list hook sends, or null when the body is not one. */
export function enabledRepos(body: string): OrgRepo[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const repos: OrgRepo[] = [];
  for (const item of parsed) {
    if (!isRecord(item) || typeof item.Org !== "string" || (item.Repo !== undefined && typeof item.Repo !== "string")) return null;
    repos.push({ org: item.Org, repo: typeof item.Repo === "string" ? item.Repo : "" });
  }
  return repos;
}

function answer(res: ServerResponse, status: number, body: string, type = "text/plain"): true {
  res.writeHead(status, { "content-type": type, "cache-control": "no-cache", ...(status === 405 ? { allow: "POST" } : {}) });
  res.end(body);
  return true;
}

export function helpRoute(octokit: () => Promise<OctokitLike>): Handler {
  const budget = new BodyBudget(4 * MAX_BODY_BYTES, () => {});
  const kept = new Map<string, { at: number; json: string }>();
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname !== HELP_PATH) return false;
    if (req.method !== "POST") return answer(res, 405, "405 Method not allowed\n");
    const reservation = budget.open();
    try {
      const read = await readBody(req, MAX_BODY_BYTES, reservation);
      if (!read.ok) return answer(res, read.why === "busy" ? 503 : 413, `${read.why}\n`);
      const repos = enabledRepos(read.body);
      if (!repos) return answer(res, 400, 'the body must be the JSON list of enabled repositories: [{"Org": "...", "Repo": "..."}]\n');
      const key = JSON.stringify(repos);
      const hit = kept.get(key);
      if (hit && Date.now() - hit.at < KEEP_MS) return answer(res, 200, hit.json, "application/json");
      const json = JSON.stringify(await helpFor(await octokit(), repos));
      if (kept.size > 100) kept.clear();
      kept.set(key, { at: Date.now(), json });
      return answer(res, 200, json, "application/json");
    } finally {
      reservation.release();
    }
  };
}
