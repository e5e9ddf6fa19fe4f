import { formatProblems, parseConfigText } from "../config/config.js";
import type { OctokitLike } from "../github/client.js";
import { ReadFailed, readConfigText } from "../github/config-file.js";
import { type PluginHelp, pluginHelp, type RepoHelp } from "../render/plugin-help.js";

/**
 * The Prow plugin's help for the repositories hook says it is enabled for: each one's configuration
 * read with the plugin's token (to say which release it tracks and who may /track there), then rendered.
 */

/** A repository hook names (Repo empty: the whole organisation). */
export type OrgRepo = { org: string; repo: string };

/** At most this many repositories' configurations are read for one answer. */
const MAX_READ = 50;

/** What one enabled repository (or organisation) is set up as. */
async function describe(octokit: OctokitLike, { org, repo }: OrgRepo, index: number): Promise<RepoHelp> {
  const name = repo ? `${org}/${repo}` : org;
  if (!repo) return { repo: name, problem: "enabled for the whole organisation: each repository's own file says more" };
  if (index >= MAX_READ) return { repo: name, problem: `not read (only the first ${MAX_READ} repositories are)` };
  const text = await readConfigText(octokit, { owner: org, repo });
  if (text instanceof ReadFailed) return { repo: name, problem: `GitHub did not give it (${text.status ?? "no answer"})` };
  if (text === null) return { repo: name, problem: "there is none, so kep-tracker does nothing here" };
  const parsed = parseConfigText(text);
  return parsed.ok ? { repo: name, config: parsed.config } : { repo: name, problem: formatProblems(parsed.problems).split("\n")[0]! };
}

export async function helpFor(octokit: OctokitLike, repos: readonly OrgRepo[]): Promise<PluginHelp> {
  return pluginHelp(await Promise.all(repos.map((r, i) => describe(octokit, r, i))));
}
