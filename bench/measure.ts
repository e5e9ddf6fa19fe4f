import { spawn, spawnSync } from "node:child_process";

const RSS_TAG = "kep-tracker-bench-maxrss:";
// Preloaded into the measured process: reports its peak RSS as it exits.
const REPORT_RSS = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\n${RSS_TAG}"+process.resourceUsage().maxRSS+"\\n"))`;

const USAGE_TAG = "kep-tracker-bench-usage:";
// The same for the async runs, with the CPU time (user + system, microseconds) too.
const REPORT_USAGE = `data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\n${USAGE_TAG}"+u.maxRSS+" "+(u.userCPUTime+u.systemCPUTime)+"\\n")})`;

export type Run = { wallMs: number; peakRssMb: number; status: number | null; stdout: string };

/** Runs `node <args>` once and measures its wall time and peak RSS. */
export function measure(args: string[]): Run {
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--import", REPORT_RSS, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  const m = new RegExp(`${RSS_TAG}(\\d+)`).exec(child.stderr);
  if (!m) throw new Error(`no RSS report from node ${args.join(" ")}: ${child.stderr}`);
  return { wallMs, peakRssMb: Number(m[1]) / 1024, status: child.status, stdout: child.stdout };
}

export type AsyncRun = Run & { cpuMs: number; stderr: string };

/**
 * Runs `node <args>` without blocking this process (which may be serving the
 * child, as the fake GitHub does) and measures its wall time, peak RSS and
 * CPU time. The usage tag is taken out of the stderr returned.
 */
export function measureAsync(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<AsyncRun> {
  const start = performance.now();
  const child = spawn(process.execPath, ["--import", REPORT_USAGE, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (b: Buffer) => out.push(b));
  child.stderr.on("data", (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => {
      const wallMs = performance.now() - start;
      const stderr = Buffer.concat(err).toString("utf8");
      const m = new RegExp(`\\n?${USAGE_TAG}(\\d+) (\\d+)\\n`).exec(stderr);
      if (!m) return reject(new Error(`no usage report from node ${args.join(" ")} (exit ${status}): ${stderr.slice(-4000)}`));
      resolve({
        wallMs,
        peakRssMb: Number(m[1]) / 1024,
        cpuMs: Number(m[2]) / 1000,
        status,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: stderr.replace(m[0], ""),
      });
    });
  });
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
