import { parseArgs } from "node:util";
import { buildWorklist, type WorklistSelector, worklistJson, worklistMarkdown, worklistText } from "../render/worklist.js";
import { buildViews, viewWords } from "../sweep/views.js";
import { CONFIG_HELP } from "./config-option.js";
import type { Env } from "./github.js";
import { parseRepo } from "./github.js";
import { type Command, InputError, type Io, UsageError } from "./io.js";
import { LIVE_OPTIONS, openLive, parseNow, readLive } from "./live.js";

const usage = `Usage: kep-tracker worklist --repo owner/name (--contact LOGIN | --sig sig-x | --mine) [options]

The KEPs one person follows, grouped by what to do next and by when: each with its
issue link, status, what is missing and the draft of the comment to post, in the
Enhancements team's check-in wording. It posts nothing: review each draft and post it
yourself. Reads what "kep-tracker report" reads; a read-only token will do.

Options:
  --repo owner/name   the repository
${CONFIG_HELP}
  --contact LOGIN     the KEPs whose Enhancements Contact on the release board is LOGIN
                      (the board's field, not the issue's assignee)
  --sig sig-x         the KEPs of a SIG (kep.yaml's owning SIG, a sig/* label or the
                      board's SIG field)
  --mine              --contact of the GITHUB_TOKEN's own user
  --format text|md|json  for a terminal (default), Markdown to paste, or JSON
  --cache-dir DIR     where tree listings and code-search answers are kept
  --now ISO           evaluate as at this instant (default: now)
  -h, --help          show this help

Credentials: GITHUB_TOKEN (or GITHUB_TOKEN_PATH, a file holding it), or APP_ID
with PRIVATE_KEY or PRIVATE_KEY_PATH.
Exit status: 0 printed, 1 some issues could not be read (the rest is printed),
2 bad usage, credentials or config.`;

type Selection = { kind: "contact"; login: string } | { kind: "sig"; sig: string } | { kind: "mine" };

function selection(values: { contact?: string | undefined; sig?: string | undefined; mine?: boolean | undefined }): Selection {
  const given = [values.contact !== undefined, values.sig !== undefined, !!values.mine].filter(Boolean).length;
  if (given !== 1) throw new UsageError("give exactly one of --contact LOGIN, --sig sig-x or --mine");
  if (values.mine) return { kind: "mine" };
  if (values.sig !== undefined) {
    if (!/^[\w -]{1,100}$/.test(values.sig)) throw new UsageError(`--sig must be a SIG such as sig-node, not "${values.sig}"`);
    return { kind: "sig", sig: values.sig };
  }
  const login = (values.contact ?? "").replace(/^@/, "");
  if (!/^[\w .()-]{1,100}$/.test(login)) throw new UsageError(`--contact must be a login such as jenshu, not "${values.contact}"`);
  return { kind: "contact", login };
}

async function run(args: string[], io: Io, env: Env = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...LIVE_OPTIONS,
      contact: { type: "string" },
      sig: { type: "string" },
      mine: { type: "boolean" },
      format: { type: "string", default: "text" },
    },
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const repo = parseRepo(values.repo);
  const format = values.format;
  if (format !== "text" && format !== "md" && format !== "json") throw new UsageError(`--format must be text, md or json, not "${format}"`);
  const wanted = selection(values);
  const now = parseNow(values.now);
  const live = await openLive({ repo, env, io, cacheDir: values["cache-dir"], configFile: values.config });
  if (wanted.kind === "mine" && live.github.botLogin !== null)
    throw new InputError("--mine is the GITHUB_TOKEN's own user; acting as the App, name the person with --contact LOGIN");
  if (wanted.kind !== "sig" && !live.config.board)
    throw new InputError("the Enhancements Contact is a field of the release board, and the config has no board: use --sig");
  const name = `${repo.owner}/${repo.repo}`;
  const summary = await readLive(live, now, io);
  if (wanted.kind !== "sig" && !summary.board) {
    io.stderr("kep-tracker worklist: the release board could not be read (logged above), so no Enhancements Contact is known\n");
    return 1;
  }
  const sel: WorklistSelector = wanted.kind === "mine" ? { kind: "mine", login: summary.login ?? "" } : wanted;
  const words = viewWords(live.config);
  const { entries } = buildViews(name, live.config, now, summary);
  const list = buildWorklist({ repository: name, release: live.config.release, at: now.toISOString() }, entries, sel, words);
  io.stdout(format === "json" ? worklistJson(list) : format === "md" ? worklistMarkdown(list) : worklistText(list));
  if (summary.unread || summary.stopped)
    io.stderr("kep-tracker: some issues could not be read and are missing from the worklist; run it again\n");
  return summary.unread || summary.stopped ? 1 : 0;
}

export const worklistCommand: Command = {
  name: "worklist",
  summary: "the KEPs one person follows, what to do next, and draft check-in comments",
  usage,
  run,
};
