import { readFileSync } from "node:fs";
import { type Config, formatProblems, parseConfigText } from "../config/config.js";
import { CONFIG_FILE } from "../config/file.js";
import type { OctokitLike, RepoRef } from "../github/client.js";
import { errorMessage } from "../util/narrow.js";
import { readConfigText } from "./github.js";
import { InputError } from "./io.js";

/**
 * `--config FILE`: the configuration from a local file instead of the repository's, so that a
 * release-team member can try a live command on a repository where nothing is set up yet
 * (read-only, with a dry run for the sweep). Every live command takes it the same way.
 */
export const CONFIG_OPTION = { config: { type: "string" } } as const;

/** The help line of the option, as each live command's usage lists it. */
export const CONFIG_HELP = `  --config FILE       the configuration from this file instead of the
                      repository's ${CONFIG_FILE} (to try it before setting it up)`;

/** The configuration a live command uses, and where it came from: the file of `--config`, else the repository's. */
export async function commandConfig(
  args: { config?: string | undefined },
  octokit: OctokitLike,
  repo: RepoRef,
): Promise<{ config: Config; source: string }> {
  const name = `${repo.owner}/${repo.repo}`;
  let text: string | null;
  let source: string;
  if (args.config !== undefined) {
    source = args.config;
    try {
      text = readFileSync(args.config, "utf8");
    } catch (e) {
      throw new InputError(`cannot read --config ${args.config}: ${errorMessage(e)}`);
    }
  } else {
    source = `${name}'s ${CONFIG_FILE}`;
    text = await readConfigText(octokit, repo);
    if (text === null)
      throw new InputError(
        `${name} has no ${CONFIG_FILE}: kep-tracker is not set up there. ` +
          "To try it without setting it up, give a local file with --config FILE (kep-tracker config init writes one)",
      );
  }
  const parsed = parseConfigText(text);
  if (!parsed.ok) {
    const file = args.config ?? CONFIG_FILE;
    throw new InputError(`${args.config === undefined ? `${name}: ` : ""}invalid ${file}:\n${formatProblems(parsed.problems, file)}`);
  }
  return { config: parsed.config, source };
}
