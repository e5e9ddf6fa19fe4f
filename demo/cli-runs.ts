// `kep-tracker sweep` and `kep-tracker report` as a scheduled job runs them,
// in this process: the CLI's own commands, acting as the App's installation
// (the same status comments the webhooks keep), against the fake GitHub.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reportCommand } from "../src/cli/report.js";
import { sweepCommand } from "../src/cli/sweep.js";
import type { Credentials } from "./app.js";

export type CliRun = { status: number; stdout: string; stderr: string };

export type Cli = {
  sweep: (now: Date) => Promise<CliRun>;
  report: (now: Date, format: "md" | "csv" | "json") => Promise<CliRun>;
  close: () => void;
};

export function cli(opts: { githubUrl: string; credentials: Credentials; repo: string }): Cli {
  // A cache of this run's own (the tree listing per commit), gone afterwards.
  const cacheDir = mkdtempSync(join(tmpdir(), "kep-tracker-demo-"));
  const env = {
    APP_ID: String(opts.credentials.appId),
    PRIVATE_KEY: opts.credentials.privateKey,
    GITHUB_API_URL: opts.githubUrl,
    // No pacing: the fake has no rate limit, and a second per write would make the story crawl.
    KEP_TRACKER_THROTTLE: "off",
  };
  const run = async (command: typeof sweepCommand, args: string[]): Promise<CliRun> => {
    let stdout = "";
    let stderr = "";
    const io = {
      stdout: (t: string) => {
        stdout += t;
      },
      stderr: (t: string) => {
        stderr += t;
      },
      stderrIsTTY: false,
    };
    const status = await command.run(["--repo", opts.repo, "--cache-dir", cacheDir, ...args], io, env);
    return { status, stdout, stderr };
  };
  return {
    sweep: (now) => run(sweepCommand, ["--now", now.toISOString()]),
    report: (now, format) => run(reportCommand, ["--now", now.toISOString(), "--format", format]),
    close: () => rmSync(cacheDir, { recursive: true, force: true }),
  };
}
