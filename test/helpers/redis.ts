import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "./ports.js";

/**
 * A real redis-server (Debian's package) for the tests of what replicas share: started on a free
 * loopback port with no persistence, stopped after. CI always has it (.ci/run installs it), so a
 * machine without it fails these tests with a clear message instead of skipping them.
 */

export const REDIS_MISSING = "redis-server is not installed: install Debian's redis-server: apt-get install redis-server; .ci/run does it";

export type RedisServer = {
  port: number;
  url: string;
  stop: () => Promise<void>;
  /** Sends the process a signal: SIGSTOP hangs it (connections open, nothing answered), SIGCONT resumes it, SIGKILL kills it. */
  signal: (signal: NodeJS.Signals) => void;
};

function stopper(proc: ChildProcess): () => Promise<void> {
  return () => {
    if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return Promise.resolve();
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill("SIGTERM");
    // Without persistence it exits at once; a stuck one is not left behind.
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
    return exited.finally(() => clearTimeout(timer));
  };
}

/**
 * Resolves once this process logs that it accepts connections (its own line: a PING could be
 * answered by another server already on the port); rejects if it cannot start or exits first.
 */
function ready(proc: ChildProcess, withinMs: number): Promise<void> {
  let output = "";
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not accept connections within ${withinMs} ms:\n${output}`)),
      withinMs,
    );
    const settle = (e?: Error) => (clearTimeout(timer), e ? reject(e) : resolve());
    const read = (d: Buffer) => {
      output += d;
      if (output.includes("Ready to accept connections")) settle();
    };
    proc.stdout!.on("data", read);
    proc.stderr!.on("data", read);
    proc.once("error", (e: NodeJS.ErrnoException) =>
      settle(new Error(e.code === "ENOENT" ? REDIS_MISSING : `redis-server did not start: ${e.message}`)),
    );
    proc.once("exit", (code) => settle(new Error(`redis-server exited (${code}) before accepting connections:\n${output}`)));
  });
}

/** Starts redis-server on `port` (a free one unless given) and resolves once it accepts connections; REDIS_MISSING without it. */
export async function startRedis(opts: { port?: number; readyWithinMs?: number } = {}): Promise<RedisServer> {
  const port = opts.port ?? (await freePort());
  const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = stopper(proc);
  try {
    await ready(proc, opts.readyWithinMs ?? 20_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, url: `redis://127.0.0.1:${port}`, stop, signal: (signal) => void proc.kill(signal) };
}
