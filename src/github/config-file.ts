import { type ConfigProblem, parseConfigText } from "../config/config.js";
import { CONFIG_FILE } from "../config/file.js";
import { errorMessage } from "../util/narrow.js";
import { boardProblems } from "./board/problems.js";
import type { GraphqlClient } from "./board/reader.js";
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

/** What the configuration check says of a file's text: the App's check run after a push, and `kep-tracker config check`. */
export type ConfigCheck =
  | { ok: true; title: string; summary: string; boardLines: string[] }
  | { ok: false; title: string; summary: string; problems: ConfigProblem[] };

/**
 * Checks the file's text as the App does after a push: every problem with its line, or, for a valid
 * file, what it tracks and (with a client that can read the board) what the release board lacks.
 */
export async function checkConfigText(text: string, board: GraphqlClient | null): Promise<ConfigCheck> {
  const result = parseConfigText(text);
  if (!result.ok) {
    const n = result.problems.length;
    return {
      ok: false,
      title: `${CONFIG_FILE} has ${n} problem${n === 1 ? "" : "s"}`,
      summary: "kep-tracker writes nothing in this repository until the file is fixed.",
      problems: result.problems,
    };
  }
  const boardLines = board ? await boardProblems(board, result.config) : [];
  const lacks = boardLines.length ? `; the release board needs ${boardLines.length} change${boardLines.length === 1 ? "" : "s"}` : "";
  const summary = [`kep-tracker tracks ${result.config.release}.`, ...boardLines.map((l) => `- ${l}`)].join("\n");
  return { ok: true, title: `${CONFIG_FILE} is valid${lacks}`, summary, boardLines };
}
