import type { Config } from "../config/config.js";
import { type LabelledIssue, openIssuesLabelled } from "../github/cleanup/reader.js";
import type { RepoReader } from "../github/repo-reader.js";
import { applyWrites } from "../github/writes.js";
import { findKepFile } from "../inputs/kep-location.js";
import { type FileRead, indexTree } from "../inputs/kep-reads.js";
import { parseKepFile } from "../kep/kep-file.js";
import {
  type CleanupAction,
  type CleanupContext,
  type CleanupHeld,
  type CleanupIssue,
  type CleanupKep,
  type CleanupStep,
  handbookQueries,
  inFirstQuery,
  planCleanup,
} from "../plan/cleanup-plan.js";
import type { Logger } from "../util/logger.js";

/**
 * `kep-tracker cleanup`: reads the handbook's two queries (one GraphQL page
 * per 100 issues), the keps/ listing once and the kep.yaml files of the
 * first query's issues in one batch, plans the cleanup (tracking/cleanup-plan.ts),
 * applies it through the one write path within --max-writes, and runs both
 * queries again to say what remains and why.
 */

export type CleanupOptions = {
  reader: RepoReader;
  config: Config;
  release: string;
  next: string;
  /** The App's login; null to use the token's own (read with the first page). */
  botLogin: string | null;
  dryRun: boolean;
  maxWrites: number;
  log: Logger;
  /** Called for every action, with what became of it. */
  onAction?: (action: CleanupAction, applied: Applied) => void;
};

type Applied = "made" | "dry-run" | "left" | "failed";

export type CleanupSummary = {
  /** The issues each step touched (or would touch, in a dry run). */
  steps: Record<CleanupStep, number[]>;
  held: CleanupHeld[];
  left: CleanupAction[];
  failed: number[];
  writes: number;
  failedWrites: number;
  /** What the handbook's two queries find afterwards (in a dry run: would find), with why. */
  remaining: Array<{ query: "lead-opted-in" | "tracked"; issue: number; reason: string }>;
  reads: { pages: number; kepFiles: number };
};

const trackedLabels = (config: Config) => [config.labels.trackedYes, config.labels.trackedNo, config.labels.trackedOutOfTree];

export async function cleanup(opts: CleanupOptions): Promise<CleanupSummary> {
  const { reader, config } = opts;
  const gh = reader.gh;
  const optedIn = await openIssuesLabelled(gh, [config.labels.leadOptedIn], true);
  const tracked = await openIssuesLabelled(gh, trackedLabels(config), false);
  const milestones = await gh.milestones();
  const ctx: CleanupContext = {
    release: opts.release,
    next: opts.next,
    current: config.release,
    nextMilestone: milestones.find((m) => m.title === opts.next) ?? null,
    leadOptedIn: config.labels.leadOptedIn,
    tracked: trackedLabels(config),
    botLogin: opts.botLogin ?? optedIn.viewer ?? "",
  };
  const pool = optedIn.issues.filter((i) => inFirstQuery(i, ctx));
  const keps = pool.length && optedIn.headSha ? await kepsOf(reader, optedIn.headSha, pool) : new Map<number, CleanupKep>();
  const issues: CleanupIssue[] = [...optedIn.issues, ...tracked.issues].map((i) => ({ ...i, kep: keps.get(i.number) ?? null }));
  const plan = planCleanup(issues, ctx);
  const summary: CleanupSummary = {
    steps: { close: [], move: [], untrack: [], "clear-tracked": [] },
    held: plan.held,
    left: [],
    failed: [],
    writes: 0,
    failedWrites: 0,
    remaining: [],
    reads: { pages: optedIn.pages + tracked.pages, kepFiles: keps.size },
  };
  for (const action of plan.actions) await apply(opts, summary, action);
  summary.remaining = opts.dryRun ? remainingAfterPlan(summary) : await remainingNow(opts, summary, ctx);
  return summary;
}

/** Applies one issue's writes (all of them, or none when over the budget). */
async function apply(opts: CleanupOptions, summary: CleanupSummary, action: CleanupAction): Promise<void> {
  const n = action.writes.length;
  if (opts.dryRun) {
    summary.steps[action.step].push(action.issue);
    summary.writes += n;
    return opts.onAction?.(action, "dry-run");
  }
  if (summary.writes + summary.failedWrites + n > opts.maxWrites) {
    summary.left.push(action);
    return opts.onAction?.(action, "left");
  }
  const { made } = await applyWrites(opts.reader.gh, action.issue, action.writes, { dryRun: false, log: opts.log });
  summary.writes += made;
  summary.failedWrites += n - made;
  if (made === n) summary.steps[action.step].push(action.issue);
  else summary.failed.push(action.issue);
  opts.onAction?.(action, made === n ? "made" : "failed");
}

/** The kep.yaml of each issue (by number, link or search), read in one batch; only files that say the issue's number count. */
async function kepsOf(reader: RepoReader, headSha: string, issues: LabelledIssue[]): Promise<Map<number, CleanupKep>> {
  const index = indexTree(await reader.tree(headSha));
  const paths = new Map<number, string>();
  for (const i of issues) {
    const path = await findKepFile({ search: (n) => reader.searchKepFiles(n, headSha), index, number: i.number, body: i.body });
    if (path) paths.set(i.number, path);
  }
  const reads = new Map<string, FileRead>();
  for (const path of paths.values()) {
    const entry = index.files.get(path);
    const key = `${headSha}:${path}`;
    reads.set(key, { key, expression: key, ...(entry ? { oid: entry.sha, size: entry.size } : {}) });
  }
  const { files } = await reader.read([...reads.values()], []);
  const keps = new Map<number, CleanupKep>();
  for (const [number, path] of paths) {
    const text = files[`${headSha}:${path}`];
    if (text === undefined) continue;
    const m = parseKepFile(path, text).metadata;
    if (m.number?.replace(/^0+/, "") !== String(number)) continue;
    keps.set(number, { path, status: m.status, stage: m.stage, latestMilestone: m.latestMilestone });
  }
  return keps;
}

/** Why an issue may still be found by a query after this run. */
function reasonFor(summary: CleanupSummary, issue: number, dryRun: boolean): string {
  const held = summary.held.find((h) => h.issue === issue);
  if (held) return held.reason;
  if (summary.left.some((a) => a.issue === issue)) return "left for the next run (--max-writes)";
  if (summary.failed.includes(issue)) return "a write failed (logged above); the next run retries it";
  return dryRun ? "dry run" : "changed while the cleanup ran (run it again)";
}

/** In a dry run: the held issues are what the queries would still find. */
function remainingAfterPlan(summary: CleanupSummary): CleanupSummary["remaining"] {
  return summary.held.map((h) => ({ query: "lead-opted-in" as const, issue: h.issue, reason: h.reason }));
}

/** The handbook's two queries run again, with why each issue they still find is there. */
async function remainingNow(opts: CleanupOptions, summary: CleanupSummary, ctx: CleanupContext): Promise<CleanupSummary["remaining"]> {
  const gh = opts.reader.gh;
  const optedIn = await openIssuesLabelled(gh, [ctx.leadOptedIn], false);
  const tracked = await openIssuesLabelled(gh, ctx.tracked, false);
  summary.reads.pages += optedIn.pages + tracked.pages;
  const found = handbookQueries([...optedIn.issues, ...tracked.issues], ctx);
  return [
    ...found.optedIn.map((issue) => ({ query: "lead-opted-in" as const, issue, reason: reasonFor(summary, issue, false) })),
    ...found.tracked.map((issue) => ({ query: "tracked" as const, issue, reason: reasonFor(summary, issue, false) })),
  ];
}
