import type { Config } from "../config/config.js";
import { CONFIG_FILE } from "../config/file.js";
import { COMMAND_NAMES, type CommandName } from "../reading/commands.js";

/**
 * kep-tracker's entry on Prow's command-help page, as an external plugin serves it at /help: the
 * JSON of Prow's `pluginhelp.PluginHelp` (field names as Go writes them). Pure: the server reads each
 * enabled repository's configuration and hands it here.
 */

export type PluginHelpCommand = { Usage: string; Featured: boolean; Description: string; Examples: string[]; WhoCanUse: string };

export type PluginHelp = {
  Description: string;
  /** By "org/repo", and "" for what holds everywhere. */
  Config: Record<string, string>;
  /** Hook fills these in from plugins.yaml; the plugin names those it acts on. */
  Events: string[];
  Commands: PluginHelpCommand[];
};

/** What the server could read of one enabled repository's configuration. */
export type RepoHelp = { repo: string; config: Config } | { repo: string; problem: string };

/** The events kep-tracker acts on: what plugins.yaml's `external_plugins` entry should forward. */
export const PLUGIN_EVENTS = ["issues", "issue_comment", "pull_request", "push"] as const;

const TRACKERS = "Members of the teams the repository's configuration names under `teams.trackers` (or its `teams.users`)";

const COMMANDS: Record<CommandName, PluginHelpCommand> = {
  track: {
    Usage: "/track [v1.NN]",
    Featured: false,
    Description:
      "Tracks the KEP of this issue for the release: adds `tracked/yes`, removes `tracked/no`, sets the release's milestone " +
      "and refreshes the status comment. Refused on a closed issue, for another release, and after PRR freeze without `lead-opted-in`.",
    Examples: ["/track", "/track v1.37"],
    WhoCanUse: `${TRACKERS}: the teams Prow's \`restricted_labels\` allows to set \`tracked/*\`.`,
  },
  untrack: {
    Usage: "/untrack [reason]",
    Featured: false,
    Description:
      "Removes the KEP from the release: removes `tracked/yes`, adds `tracked/no`, clears the milestone; the status comment " +
      "gives the reason and how to ask for an exception.",
    Examples: ["/untrack", "/untrack missed enhancements freeze"],
    WhoCanUse: `${TRACKERS}.`,
  },
  "kep-status": {
    Usage: "/kep-status",
    Featured: false,
    Description: "Evaluates the issue's KEP again now and refreshes its status comment.",
    Examples: ["/kep-status"],
    WhoCanUse: "Anyone.",
  },
  "kep-docs": {
    Usage: "/kep-docs none <reason> | /kep-docs needed",
    Featured: false,
    Description:
      "Says the KEP needs no docs in kubernetes/website this release (the reason is shown in the status comment and its docs " +
      "items count as done), or takes that back.",
    Examples: ["/kep-docs none only an internal refactor, nothing user-facing", "/kep-docs needed"],
    WhoCanUse: `The issue's author and assignees, and ${TRACKERS.charAt(0).toLowerCase()}${TRACKERS.slice(1)}.`,
  },
};

/** How one repository is set up, in a sentence or two (Prow's page shows it as HTML). */
function repoConfig(r: RepoHelp): string {
  if ("problem" in r) return `No usable ${CONFIG_FILE}: ${r.problem}.`;
  const { release, teams, labels } = r.config;
  const who = [...teams.trackers.map((t) => `team ${t}`), ...teams.users.map((u) => `@${u}`)];
  return (
    `Tracks ${release}. /track and /untrack (which set \`${labels.trackedYes}\` and \`${labels.trackedNo}\`): ` +
    `${who.length ? who.join(", ") : "nobody (no teams are configured)"}. ` +
    `kep-tracker never sets \`${labels.leadOptedIn}\`: a lead of the owning SIG does, as Prow allows.`
  );
}

export function pluginHelp(repos: readonly RepoHelp[]): PluginHelp {
  return {
    Description:
      "kep-tracker tracks Kubernetes Enhancement Proposals through a release: it validates each KEP as upstream CI does, " +
      `keeps one status comment per tracking issue up to date, and answers /track, /untrack, /kep-status and /kep-docs. ` +
      `Each repository is configured by its own ${CONFIG_FILE}.`,
    Config: {
      "": `Set in each repository's ${CONFIG_FILE}; without it kep-tracker does nothing there.`,
      ...Object.fromEntries(repos.map((r) => [r.repo, repoConfig(r)])),
    },
    Events: [...PLUGIN_EVENTS],
    Commands: COMMAND_NAMES.map((name) => COMMANDS[name]),
  };
}
