import { CONFIG_FILE } from "../config/file.js";
import { errorMessage } from "../util/narrow.js";
import type { OctokitLike, RepoRef } from "./client.js";
import { rawText, statusOf } from "./responses.js";

/**
 * The text of `.github/kep-tracker.yml` on the default branch, read as text
 * and never parsed here: Probot's `context.config` parses it by its own rules
 * and deep-merges it (and any `_extends`), outside the bounds our reader
 * keeps (size, aliases, depth). The text goes to
 * the bounded reader (parseConfigText) instead, as the push's check does.
 * Only this repository's file counts: no organisation-wide fallback, no `_extends`.
 */

/** A read that failed for another reason than the file's text (5xx, 403, a timeout). */
export class ReadFailed {
  constructor(
    readonly status: number | undefined,
    readonly message: string,
  ) {}
}

/** The file's text, null when there is none, or ReadFailed. */
export async function readConfigText(octokit: OctokitLike, repo: RepoRef): Promise<string | null | ReadFailed> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...repo,
      path: CONFIG_FILE,
      headers: { accept: "application/vnd.github.raw+json" },
    });
    return rawText(data);
  } catch (e) {
    const status = statusOf(e);
    if (status === 404) return null;
    return new ReadFailed(status, errorMessage(e));
  }
}
