import { spawnSync } from "node:child_process";

const RSS_TAG = "kep-tracker-bench-maxrss:";
// Preloaded into the measured process: reports its peak RSS as it exits.
const REPORT_RSS = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\n${RSS_TAG}"+process.resourceUsage().maxRSS+"\\n"))`;

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

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
