import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { NOW, OWNER, REPO } from "../../bench/synthetic.js";
import type { FakeGitHub } from "../../fake-github/server.js";

const BIN = fileURLToPath(new URL("../../bin/kep-tracker.js", import.meta.url));

export type BinaryRun = { status: number | null; stdout: string; stderr: string };

/**
 * The built `kep-tracker sweep`, as a scheduled job runs it, against the fake GitHub on loopback
 * (the synthetic repository, its `NOW`), with a token and nothing else of this process's
 * environment. Throttling is off unless `env` says otherwise: a fake GitHub has no limits.
 */
export function sweepBinary(
  server: FakeGitHub,
  cacheDir: string,
  opts: { args?: string[]; env?: Record<string, string> } = {},
): Promise<BinaryRun> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [BIN, "sweep", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--cache-dir", cacheDir, ...(opts.args ?? [])],
      {
        env: { PATH: process.env.PATH, GITHUB_TOKEN: "test-token", GITHUB_API_URL: server.url, KEP_TRACKER_THROTTLE: "off", ...opts.env },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}
