import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ENHANCEMENTS } from "../helpers/fixtures.js";

const BIN = fileURLToPath(new URL("../../bin/kep-tracker.js", import.meta.url));

/** The CLI piped into `head -3`, as a person pipes it: its exit status (pipefail) and what it says on stderr. */
function closedEarly(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const command = `set -o pipefail; "$0" "$@" | head -3 >/dev/null`;
    const child = spawn("bash", ["--noprofile", "--norc", "-c", command, process.execPath, BIN, ...args], {
      env: { PATH: process.env.PATH },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => resolve({ status, stderr }));
  });
}

describe("kep-tracker with its output piped into a reader that stops early (| head)", () => {
  for (const format of ["text", "json"])
    it(`ends quietly with exit status 0 (audit --format ${format})`, async () => {
      const run = await closedEarly(["audit", ENHANCEMENTS, "--format", format]);
      expect(run.stderr.replace(/^kep-tracker: cannot read the SIG list.*\n/m, "")).toBe("");
      expect(run.status).toBe(0);
    }, 60_000);
});
