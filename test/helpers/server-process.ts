import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PRIVATE_KEY } from "./app.js";
import { freePort } from "./ports.js";

const MAIN = fileURLToPath(new URL("../../dist/src/server/main.js", import.meta.url));
export const PROCESS_SECRET = "test-secret";

/** One built server process (`npm start`'s), its address, its JSON log lines and how it ended. */
export type ServerProcess = {
  proc: ChildProcess;
  url: string;
  webhooks: string;
  output: () => string;
  /** The log's JSON lines so far (other output skipped). */
  logs: () => Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** Peak and current resident memory in bytes (Linux /proc), null once it has exited. */
  memory: () => { peak: number; now: number } | null;
  kill: () => void;
};

export async function until(probe: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (
    !(await Promise.resolve()
      .then(probe)
      .catch(() => false))
  ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function kib(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

/**
 * The App's server process acting as the App (id 1) on a GitHub at `githubHost` (the fake, as
 * GitHub Enterprise), on a free loopback port, with `env` added; resolves once /healthz answers.
 */
export async function startServerProcess(githubHost: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      APP_ID: "1",
      PRIVATE_KEY,
      WEBHOOK_SECRET: PROCESS_SECRET,
      HOST: "127.0.0.1",
      PORT: String(port),
      GHE_HOST: githubHost,
      GHE_PROTOCOL: "http",
      LOG_FORMAT: "json",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout!.on("data", (d) => (output += d));
  proc.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const memory = () => {
    try {
      const status = readFileSync(`/proc/${proc.pid}/status`, "utf8");
      return { peak: kib(status, "VmHWM"), now: kib(status, "VmRSS") };
    } catch {
      return null;
    }
  };
  const logs = () =>
    output.split("\n").flatMap((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return typeof parsed === "object" && parsed !== null ? [parsed as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  const server: ServerProcess = {
    proc,
    url,
    webhooks: `${url}/api/github/webhooks`,
    output: () => output,
    logs,
    exited,
    memory,
    kill: () => void proc.kill("SIGKILL"),
  };
  await until(async () => (await fetch(`${url}/healthz`)).ok, 60_000, `the server to answer\n${output}`);
  return server;
}

/** The value of one sample of /metrics (0 when absent). */
export async function metric(url: string, sample: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}
