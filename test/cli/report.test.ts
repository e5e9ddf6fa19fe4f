import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { ReportSchema } from "../../src/render/report.js";
import { api, type IssueState, mockConfig, mockFiles, mockTree, OWNER, REPO, requests, useNock, writes } from "../helpers/app.js";
import { TIMELINES } from "../helpers/fixtures.js";
import { bufferIo } from "../helpers/io.js";
import { mockSweepPage, TOKEN_ENV, tempCacheDir } from "../helpers/sweep.js";

useNock();

const NOW = "2026-06-09T00:00:00Z";
const ISSUES: IssueState[] = [
  { number: 3541, title: "Pod | container restart rules", labels: ["lead-opted-in", "sig/apps", "stage/alpha"], assignees: ["alice"] },
  { number: 5958, title: "Client opt-out of managedFields", labels: ["lead-opted-in", "sig/api-machinery"], assignees: ["bob", "carol"] },
  { number: 1884, labels: ["sig/auth"], milestone: null },
];

async function report(format: string) {
  const scope = api();
  mockConfig(scope);
  mockSweepPage(scope, ISSUES);
  mockTree(scope);
  mockFiles(scope);
  const io = bufferIo();
  const status = await main(
    ["report", "--repo", `${OWNER}/${REPO}`, "--now", NOW, "--format", format, "--cache-dir", tempCacheDir()],
    io,
    TOKEN_ENV,
  );
  return { status, out: io.out(), err: io.err() };
}

describe("kep-tracker report", () => {
  it("prints the board in Markdown, grouped by status with counts, mentioning no one, and writes nothing", async () => {
    const { status, out } = await report("md");
    expect(status).toBe(0);
    expect(writes()).toEqual([]);
    expect(requests).toHaveLength(4);
    // The at-risk KEPs first: what a meeting reads first.
    expect(out).toContain("| At risk for PRR freeze | 1 |\n| Tracked for PRR freeze | 1 |");
    expect(out.indexOf("### At risk for PRR freeze")).toBeLessThan(out.indexOf("### Tracked for PRR freeze"));
    expect(out).toContain("### At risk for PRR freeze (1)");
    expect(out).toMatch(
      /\| \[#5958\]\(https:\/\/github\.com\/kubernetes\/enhancements\/issues\/5958\) \| Client opt-out of managedFields \| sig-api-machinery \| alpha \| jpbetz \| bob, carol \| kep\.yaml milestone map gives alpha no release by v1\.37; then At risk for enhancements freeze \|/,
    );
    // A pipe in a title does not break the table.
    expect(out).toContain("Pod \\| container restart rules");
    expect(out).not.toContain("@");
    expect(out).not.toContain("#1884");
  });

  it("prints CSV a spreadsheet opens: a header, one row per issue, quoted where needed", async () => {
    const { out } = await report("csv");
    const lines = out.trimEnd().split("\r\n");
    expect(lines[0]).toBe("issue,url,title,sig,stage,status,prr_approver,owners,problems,missing,docs,docs_prs");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^3541,https:\/\/github\.com\/kubernetes\/enhancements\/issues\/3541,Pod \| container restart rules,sig-apps,alpha,Tracked for PRR freeze,wojtek-t,alice,,,,$/,
    );
    expect(lines[2]).toMatch(/^5958,.*,At risk for PRR freeze,.*,bob carol,,kep\.yaml milestone map gives alpha no release by v1\.37,,$/);
    // RFC 4180: every row ends in CRLF, the last one too.
    expect(out.endsWith("\r\n")).toBe(true);
    expect(
      out
        .split("\n")
        .slice(0, -1)
        .every((l) => l.endsWith("\r")),
    ).toBe(true);
  });

  it("prints JSON that follows its schema", async () => {
    const { out } = await report("json");
    const parsed = ReportSchema.parse(JSON.parse(out));
    expect(parsed.counts).toEqual({ "Tracked for PRR freeze": 1, "At risk for PRR freeze": 1 });
    expect(parsed.issues.map((i) => [i.issue, i.status, i.owners])).toEqual([
      [3541, "Tracked for PRR freeze", ["alice"]],
      [5958, "At risk for PRR freeze", ["bob", "carol"]],
    ]);
  });

  it("--release reports on another release, with its dates from kubernetes/sig-release", async () => {
    const scope = api();
    mockConfig(scope);
    scope
      .get("/repos/kubernetes/sig-release/contents/releases%2Frelease-1.36%2FREADME.md")
      .reply(200, readFileSync(`${TIMELINES}/release-1.36-timeline.md`, "utf8"));
    mockSweepPage(scope, ISSUES);
    mockTree(scope);
    mockFiles(scope);
    const io = bufferIo();
    expect(
      await main(
        [
          "report",
          "--repo",
          `${OWNER}/${REPO}`,
          "--release",
          "1.36",
          "--now",
          "2026-02-01T00:00:00Z",
          "--format",
          "json",
          "--cache-dir",
          tempCacheDir(),
        ],
        io,
        TOKEN_ENV,
      ),
    ).toBe(0);
    const parsed = ReportSchema.parse(JSON.parse(io.out()));
    expect(parsed.release).toBe("v1.36");
    // Their KEPs target v1.37: judged for v1.36 (in scope by their lead-opted-in label), nothing says which freezes apply.
    expect(parsed.issues.map((i) => [i.issue, i.problems])).toEqual([
      [3541, ["missing-deadlines"]],
      [5958, ["missing-deadlines"]],
    ]);
  });

  it("lists every exit status in its help", async () => {
    const io = bufferIo();
    expect(await main(["report", "--help"], io, TOKEN_ENV)).toBe(0);
    expect(io.out()).toMatch(/Exit status: 0 printed; 1 printed without some issues .*; 2 bad usage/s);
  });

  it("refuses an unknown format before reading anything", async () => {
    const io = bufferIo();
    expect(await main(["report", "--repo", `${OWNER}/${REPO}`, "--format", "xlsx"], io, TOKEN_ENV)).toBe(2);
    expect(io.err()).toContain('--format must be md, csv, json, blog or html, not "xlsx"');
    expect(requests).toEqual([]);
  });
});
