import { describe, expect, it } from "vitest";
import type { SigSummary } from "../../src/render/report-by-sig.js";
import { demoOnFake } from "./demo-data.js";

const demo = demoOnFake();

/** By hand, from the fixtures' kep.yaml files that say `latest-milestone: v1.37` (92, less #5999 not opted in yet). */
const BY_SIG: Record<string, [number, { alpha: number; beta: number; stable: number; deprecation: number }]> = {
  "sig-api-machinery": [10, { alpha: 1, beta: 6, stable: 3, deprecation: 0 }],
  "sig-apps": [3, { alpha: 2, beta: 1, stable: 0, deprecation: 0 }],
  "sig-auth": [6, { alpha: 2, beta: 2, stable: 2, deprecation: 0 }],
  "sig-autoscaling": [3, { alpha: 0, beta: 2, stable: 1, deprecation: 0 }],
  "sig-cli": [1, { alpha: 0, beta: 0, stable: 1, deprecation: 0 }],
  "sig-cloud-provider": [1, { alpha: 0, beta: 1, stable: 0, deprecation: 0 }],
  "sig-etcd": [1, { alpha: 0, beta: 1, stable: 0, deprecation: 0 }],
  "sig-instrumentation": [3, { alpha: 1, beta: 1, stable: 1, deprecation: 0 }],
  "sig-network": [6, { alpha: 2, beta: 0, stable: 2, deprecation: 2 }],
  "sig-node": [32, { alpha: 17, beta: 8, stable: 7, deprecation: 0 }],
  "sig-scheduling": [17, { alpha: 8, beta: 7, stable: 2, deprecation: 0 }],
  "sig-storage": [8, { alpha: 4, beta: 2, stable: 1, deprecation: 1 }],
};
/**
 * At risk, by hand: kep.yaml not implementable (#5343 and #6080 provisional, #5975 provisional, #5978 withdrawn) for
 * enhancements freeze; past PRR freeze with no milestone map (#1432, #5958) or no milestone (#4939).
 */
const AT_RISK: Record<string, number[]> = {
  "sig-api-machinery": [5958, 5975],
  "sig-network": [5343],
  "sig-node": [4939, 5978],
  "sig-scheduling": [6080],
  "sig-storage": [1432],
};

describe("report --by-sig and --format blog, on the demo's v1.37 data", { timeout: 120_000 }, () => {
  it("--by-sig counts each SIG's KEPs by status and stage and names those at risk, and writes nothing", async () => {
    demo.fake.reset();
    const { status, out } = await demo.run("report", "--by-sig", "--format", "json");
    expect(status).toBe(0);
    expect(demo.fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    const sigs: SigSummary[] = JSON.parse(out).sigs;
    expect(Object.fromEntries(sigs.map((s) => [s.sig, [s.submitted, { ...s.byStage, unknown: undefined }]]))).toEqual(
      Object.fromEntries(Object.entries(BY_SIG).map(([sig, [n, stages]]) => [sig, [n, { ...stages, unknown: undefined }]])),
    );
    expect(Object.fromEntries(sigs.filter((s) => s.atRisk.length).map((s) => [s.sig, s.atRisk.map((r) => r.issue)]))).toEqual(AT_RISK);
    const node = sigs.find((s) => s.sig === "sig-node")!;
    expect(node.byStatus).toEqual({
      "At risk for PRR freeze": 1,
      "Tracked for enhancements freeze": 30,
      "At risk for enhancements freeze": 1,
    });
    expect(node.atRisk[1]).toMatchObject({ issue: 5978, reason: "missing: kep.yaml status is implementable (merged)" });
  });

  it("--by-sig in Markdown is the SIG outreach message for each SIG, pasteable without pinging anyone", async () => {
    const { out } = await demo.run("report", "--by-sig");
    expect(out).toContain("| sig-node | 32 | 2 | 17 | 8 | 7 | 0 | 0 |");
    expect(out).toContain(
      "### sig-node (32 KEPs)\n\nHello #sig-node 👋, v1.37 Enhancements team here.\n\n" +
        "Just checking in as we approach enhancements freeze on Wednesday 17 June 2026, 12:00 UTC (in 47 hours).\n\n" +
        "Your SIG has submitted `32` enhancements for the v1.37 cycle, and 2 are currently at risk.",
    );
    expect(out).toContain("Stages: 17 alpha, 8 beta, 7 stable.");
    expect(out).toMatch(
      /^- \[#5978\]\(https:\/\/github\.com\/kubernetes\/enhancements\/issues\/5978\) .+: At risk for enhancements freeze; missing: /m,
    );
    expect(out.match(/### sig-/g)).toHaveLength(12);
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
  });

  it("--format blog gives the Comms template's numbers and lists by SIG, with links", async () => {
    demo.fake.reset();
    const { status, out } = await demo.run("report", "--format", "blog");
    expect(status).toBe(0);
    expect(demo.fake.stats().writes).toBe(0);
    // By hand: 91 KEPs in the release, by kep.yaml's stage: 20 stable, 31 beta, 37 alpha, 3 deprecated or disabled.
    expect(out).toContain(
      "This release consists of 91 enhancements. Of those enhancements, 20 have graduated to Stable, 31 are entering Beta, " +
        "37 have entered Alpha and 3 are deprecated or removed.",
    );
    expect(out).toContain("7 of them are still at risk");
    expect(out).toContain("## Graduating to Stable (20)");
    expect(out).toMatch(
      /## Graduating to Stable \(20\)\n\n### sig-api-machinery\n\n- \[Move Storage Version Migrator in-tree\]\(https:\/\/github\.com\/kubernetes\/enhancements\/issues\/4192\) \(KEP 4192\)/,
    );
    expect(out).toContain("## Deprecations and removals (3)");
    const listed = [...out.matchAll(/^- \[.*\]\(https:\/\/github\.com\/kubernetes\/enhancements\/issues\/(\d+)\)/gm)].map((m) =>
      Number(m[1]),
    );
    expect(listed).toHaveLength(91);
    expect(new Set(listed).size).toBe(91);
  });

  it("refuses --by-sig with a format it does not print", async () => {
    const { status, err } = await demo.run("report", "--by-sig", "--format", "csv");
    expect(status).toBe(2);
    expect(err).toContain('--by-sig prints md or json, not "csv"');
  });
});
