import { parseArgs } from "node:util";
import { SettingsError } from "../settings.js";

/**
 * `kep-tracker plugin`'s flags: the ones Prow's own external plugins take (needs-rebase,
 * cherrypicker), so that its Deployment reads like theirs. Go's flag package also accepts
 * `--flag=value` for booleans and a single dash; both are taken here.
 */

export const PLUGIN_USAGE = `Usage: kep-tracker plugin --hmac-secret-file FILE --github-token-path FILE [options]

Serves kep-tracker as a Prow external plugin: POST / takes the events Prow's hook forwards,
POST /help answers Prow's command-help page, /healthz, /readyz and /metrics as the App's server.

Options:
  --hmac-secret-file FILE         the hmac secret hook signs with (default /etc/webhook/hmac):
                                  one secret, or Prow's YAML of secrets per org/repo
  --github-token-path FILE        the robot account's token (default /etc/github/oauth)
  --github-endpoint URL           GitHub's REST API, usually ghproxy (default https://api.github.com);
                                  repeatable as in Prow's Deployments: the first is used
  --github-graphql-endpoint URL   GitHub's GraphQL API (default: the REST endpoint's /graphql)
  --port N                        the port to listen on (default 8888)
  --dry-run[=true|false]          log every write, make none (default false)
  -h, --help                      show this help

Environment: REDIS_URL (replicas take turns on an issue, new comments paced together), HOST
(default 0.0.0.0), LOG_LEVEL, LOG_FORMAT, and the App server's WEBHOOK_MAX_BYTES, SHUTDOWN_*.`;

export type PluginFlags = {
  hmacSecretFile: string;
  githubTokenPath: string;
  githubEndpoint: string;
  graphqlEndpoint: string | null;
  port: number;
  dryRun: boolean;
  help: boolean;
};

/** Go's spellings brought to node's: `-flag` to `--flag`, `--dry-run=true|false` to `--dry-run` or nothing. */
function normalised(args: readonly string[]): string[] {
  return args.flatMap((a) => {
    const long = /^-[a-z]/.test(a) ? `-${a}` : a;
    const m = /^--dry-run=(true|false)$/i.exec(long);
    if (m) return m[1]!.toLowerCase() === "true" ? ["--dry-run"] : [];
    return [long];
  });
}

const withoutSlash = (url: string) => url.replace(/\/+$/, "");

const OPTIONS = {
  "hmac-secret-file": { type: "string", default: "/etc/webhook/hmac" },
  "github-token-path": { type: "string", default: "/etc/github/oauth" },
  "github-endpoint": { type: "string", multiple: true },
  "github-graphql-endpoint": { type: "string" },
  port: { type: "string", default: "8888" },
  "dry-run": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

function parsed(args: readonly string[]) {
  try {
    return parseArgs({ args: normalised(args), options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new SettingsError(`${e instanceof Error ? e.message : String(e)}\n\n${PLUGIN_USAGE}`);
  }
}

export function parsePluginFlags(args: readonly string[]): PluginFlags {
  const values = parsed(args);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new SettingsError(`--port must be a port number, not "${values.port}"`);
  const endpoint = values["github-endpoint"]?.[0] ?? "https://api.github.com";
  for (const url of [endpoint, values["github-graphql-endpoint"]].filter((u) => u !== undefined)) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new SettingsError(`not an http(s) URL: "${url}"`);
  }
  return {
    hmacSecretFile: values["hmac-secret-file"],
    githubTokenPath: values["github-token-path"],
    githubEndpoint: withoutSlash(endpoint),
    graphqlEndpoint: values["github-graphql-endpoint"] ? withoutSlash(values["github-graphql-endpoint"]) : null,
    port,
    dryRun: values["dry-run"],
    help: values.help,
  };
}
