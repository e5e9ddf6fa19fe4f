import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PRIVATE_KEY } from "./app.js";
import { DELIVERY_SECRET, deliverIn, type Mode, ROBOT_TOKEN } from "./modes.js";
import { freePort } from "./ports.js";

const MAIN = fileURLToPath(new URL("../../dist/src/server/main.js", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/kep-tracker.js", import.meta.url));
export const PROCESS_SECRET = DELIVERY_SECRET;

/** One built server process (`npm start`'s), its address, its JSON log lines and how it ended. */
export type ServerProcess = {
  proc: ChildProcess;
  mode: Mode;
  url: string;
  /** Where deliveries go: the App's webhook path, or the plugin's root. */
  webhooks: string;
  /** One delivery, as GitHub sends it to the App or as Prow's hook forwards it to the plugin. */
  deliver: (event: string, payload: object) => Promise<{ status: number; body: string }>;
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

/** The command and environment of each mode: the App's server (`npm start`), or `kep-tracker plugin` with its flags. */
function command(mode: Mode, githubHost: string, port: number): { args: string[]; env: Record<string, string> } {
  if (mode === "app") {
    const env = {
      APP_ID: "1",
      PRIVATE_KEY,
      WEBHOOK_SECRET: PROCESS_SECRET,
      PORT: String(port),
      GHE_HOST: githubHost,
      GHE_PROTOCOL: "http",
    };
    return { args: [MAIN], env };
  }
  // The Secrets mounted as files, as the plugin's Deployment mounts them.
  const dir = mkdtempSync(join(tmpdir(), "kep-tracker-plugin-"));
  writeFileSync(join(dir, "hmac"), `${PROCESS_SECRET}\n`);
  writeFileSync(join(dir, "oauth"), `${ROBOT_TOKEN}\n`);
  const flags = [`--hmac-secret-file=${join(dir, "hmac")}`, `--github-token-path=${join(dir, "oauth")}`];
  return { args: [BIN, "plugin", ...flags, `--github-endpoint=http://${githubHost}`, `--port=${port}`, "--dry-run=false"], env: {} };
}

/**
 * kep-tracker's server process on a GitHub at `githubHost` (the fake), on a free loopback port, with `env`
 * added: as the App (id 1; the fake as GitHub Enterprise), or as the Prow plugin acting as the robot's
 * token (`mode`). Resolves once /healthz answers.
 */
export async function startServerProcess(githubHost: string, env: Record<string, string> = {}, mode: Mode = "app"): Promise<ServerProcess> {
  const port = await freePort();
  const run = command(mode, githubHost, port);
  const proc = spawn(process.execPath, run.args, {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      LOG_FORMAT: "json",
      LOG_LEVEL: "info",
      ...run.env,
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
  const webhooks = mode === "app" ? `${url}/api/github/webhooks` : `${url}/`;
  const server: ServerProcess = {
    proc,
    mode,
    url,
    webhooks,
    deliver: (event, payload) => deliverIn(mode, webhooks, event, payload),
    output: () => output,
    logs,
    exited,
    memory,
    kill: () => void proc.kill("SIGKILL"),
  };
  await until(async () => (await fetch(`${url}/healthz`)).ok, 60_000, `the server to answer\n${output}`);
  return server;
}

/** `count` server processes on the same GitHub and `env` (a shared Redis), each ready: GitHub took the credentials, Redis answers. */
export async function startReplicas(
  githubHost: string,
  env: Record<string, string>,
  mode: Mode = "app",
  count = 2,
): Promise<ServerProcess[]> {
  const replicas: ServerProcess[] = [];
  try {
    for (let i = 0; i < count; i++) replicas.push(await startServerProcess(githubHost, env, mode));
    for (const r of replicas)
      await until(async () => (await fetch(`${r.url}/readyz`)).status === 200, 90_000, `replica ready\n${r.output()}`);
    return replicas;
  } catch (error) {
    for (const r of replicas) r.kill();
    throw error;
  }
}

/** The value of one sample of /metrics (0 when absent). */
export async function metric(url: string, sample: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}
