import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freezeAhead } from "../../demo/run.js";
import { FEATURED, FEATURED_NUMBERS, PEOPLE } from "../../demo/seed.js";
import { changedLines, PLAIN, visibleLines } from "../../demo/text.js";

const MAIN = fileURLToPath(new URL("../../dist/demo/main.js", import.meta.url));

/** The built demo as `npm run demo` runs it, with stdin a pipe nobody writes to (as in CI). */
function demo(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("npm run demo", () => {
  it("shows the App's log on stderr with LOG_LEVEL=info, a line a delivery, each naming itself once", async () => {
    const run = await demo([], { LOG_LEVEL: "info" });
    expect(run.status).toBe(0);
    const lines = run.stderr.trim().split("\n");
    expect(lines.filter((l) => l.includes('"msg":"webhook issues.labeled handled"')).length).toBeGreaterThan(0);
    expect(lines.every((l) => (l.match(/"name":/g) ?? []).length <= 1)).toBe(true);
  }, 120_000);

  it("tells the release story: a status comment on each featured issue, the refusal, the fixed label, a reminder and the board, stepping without a terminal", async () => {
    const run = await demo(["--step", "--delay", "0.05"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = run.stdout;
    for (const n of FEATURED_NUMBERS) {
      expect(
        out.match(new RegExp(`^  #${n} +kep-tracker\\[bot\\] posted the status comment:$`, "gm")),
        `status comment on #${n}`,
      ).toHaveLength(1);
    }
    expect(out).toMatch(new RegExp(`^  #${FEATURED.optIn} +${PEOPLE.sigNodeLead} added the label lead-opted-in$`, "m"));
    expect(out).toMatch(new RegExp(`^  #${FEATURED.noMilestone} +kep-tracker\\[bot\\] set the milestone v1.37$`, "m"));
    expect(out).toContain(`@${PEOPLE.passerBy}: only members of release-team-enhancements may use /track.`);
    expect(out).toMatch(new RegExp(`^  #${FEATURED.wrongStage} +kep-tracker\\[bot\\] removed the label stage/beta$`, "m"));
    expect(out).toMatch(new RegExp(`^  #${FEATURED.optIn} +kep-tracker\\[bot\\] edited the status comment`, "m"));
    expect(out).toMatch(new RegExp(`^  #${FEATURED.provisional} +kep-tracker\\[bot\\] posted a reminder:$`, "m"));
    expect(out).toContain("this KEP is at risk for enhancements freeze in v1.37.");
    expect(out).toContain("Enhancements freeze draws near: the sweep");
    expect(out).toMatch(/^ {4}Issues: 92 open, 92 in the release's scope$/m);
    expect(out).toMatch(/^ {4}v1\.37 enhancements tracking, kubernetes\/enhancements: 92 issues, as at 2026-06-15 13:00 UTC$/m);
    expect(out).toMatch(/^ {4}Tracked for Enhancements Freeze \(\d+\)$/m);
    expect(out).toMatch(/^Done in [\d.]+ s\. The App's server took (\d+) signed webhook deliveries \(\1 ok\)/m);
  }, 120_000);

  it("keeps the release board in step, one line per item, leaves a person's field alone, and follows an exception approved on the board", async () => {
    const run = await demo([]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = run.stdout;
    const line = (n: number, who: string, text: string) => new RegExp(`^  #${n} +${who.replace(/[[\]]/g, "\\$&")} ${text}$`, "m");
    const added = 'board \\(added to "v1\\.37 Release Tracking"\\): ';
    // /track: the App adds the issue to the board and fills what it owns, in v1.37's spelling.
    expect(out).toMatch(
      line(
        FEATURED.noMilestone,
        "kep-tracker[bot]",
        `${added}Status → Tracked for PRR Freeze, Stage → Alpha, SIG → sig-node, Issue Number → ${FEATURED.noMilestone}`,
      ),
    );
    // The sweep: every issue of the release on the board; the at-risk KEP said so there too.
    expect(out).toMatch(
      line(
        FEATURED.provisional,
        "kep-tracker[bot]",
        `${added}Status → At Risk for Enhancements Freeze, Stage → Alpha, SIG → sig-network, .*`,
      ),
    );
    expect(out).toMatch(line(FEATURED.noMilestone, "kep-tracker[bot]", "board: Status → Tracked for Enhancements Freeze"));
    expect(out).toMatch(/^ {2}On the 85 other issues: .*, 85 board items added, \d+ board fields set\.$/m);
    // The item a person had already put on the board keeps their Enhancements Contact.
    expect(out).toMatch(
      line(
        FEATURED.realBody,
        "kep-tracker[bot]",
        "board: Status → Tracked for Enhancements Freeze, Stage → Alpha, SIG → sig-node, Issue Number → 5554",
      ),
    );
    expect(out).toContain(
      `On the board, #${FEATURED.realBody}'s Enhancements Contact is still jenshu: a person's field, which the App never writes.`,
    );
    expect(out).not.toMatch(/kep-tracker\[bot\] board.*Enhancements Contact/);
    // After the freeze: the Enhancements team approves an exception on the board; the App follows it at once.
    const scene = out.slice(out.indexOf("After enhancements freeze: an exception on the board"));
    expect(scene).not.toBe(out);
    expect(out).toMatch(/^── 7\. 2026-06-18 09:00 UTC · After enhancements freeze: an exception on the board ──$/m);
    expect(scene).toMatch(
      line(
        FEATURED.provisional,
        PEOPLE.enhancementsLead,
        "board: Exception Request Type → Enhancements, Additional Time → 3, Exception Status → Approved",
      ),
    );
    expect(scene).toMatch(/^ {6}│ \+ Status: Exception Approved · stage alpha/m);
    expect(scene).toContain(
      "An exception for the enhancements freeze is approved until 2026-06-20 12:00 UTC; the checklist is judged against that date.",
    );
    expect(scene).toMatch(line(FEATURED.provisional, "kep-tracker[bot]", "board: Status → Exception Approved"));
    // After code freeze: a placeholder PR found by its title, moved to ready, approved; the board and the comment follow.
    const docs = out.slice(out.indexOf("After code freeze: a docs placeholder PR, found by its title"));
    expect(docs).not.toBe(out);
    expect(docs).toMatch(line(FEATURED.realBody, "kep-tracker[bot]", "board: .*Docs Status → Draft\\(PR\\), Docs Required\\? → Need docs"));
    expect(docs).toMatch(
      /^ {6}│ \+ - https:\/\/github\.com\/kubernetes\/website\/pull\/51200: Draft, by h2c-author \(found by its title; add it/m,
    );
    expect(docs).toMatch(line(FEATURED.realBody, "kep-tracker[bot]", "board: Docs Status → PR Ready to Review"));
    expect(docs).toContain("the status comment says Docs (kubernetes/website, against `dev-1.37`): lgtm/approved");
    expect(docs).toContain("the board's Docs Status is PR Ready to Review;");
  }, 120_000);

  it("refuses an instant that is not ISO 8601, in one line", async () => {
    const run = await demo(["--now", "June 8"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^demo: --now must be an ISO 8601 instant/);
    expect(run.stdout).toBe("");
  }, 60_000);
});

describe("the demo's timeline", () => {
  it("runs the sweep just inside the 2-day reminder before enhancements freeze when the story starts in the opt-in phase", () => {
    expect(freezeAhead(new Date("2026-06-01T09:00:00Z"))).toEqual({
      deadline: "enhancements-freeze",
      at: new Date("2026-06-17T12:00:00Z"),
      sweepAt: new Date("2026-06-15T13:00:00Z"),
    });
  });

  it("leads up to code freeze when the story starts after enhancements freeze, and to nothing after docs freeze", () => {
    expect(freezeAhead(new Date("2026-07-01T00:00:00Z"))).toEqual({
      deadline: "code-freeze",
      at: new Date("2026-07-23T12:00:00Z"),
      sweepAt: new Date("2026-07-21T13:00:00Z"),
    });
    expect(freezeAhead(new Date("2026-08-10T00:00:00Z")).deadline).toBeNull();
  });

  it("never runs the sweep before the story's other scenes, a day after its start", () => {
    const start = new Date("2026-06-15T00:00:00Z");
    expect(freezeAhead(start)).toEqual({
      deadline: "enhancements-freeze",
      at: new Date("2026-06-17T12:00:00Z"),
      sweepAt: new Date("2026-06-16T01:00:00Z"),
    });
  });
});

describe("comments as the terminal shows them", () => {
  it("drops hidden markers, folded sections' tags and runs of blank lines", () => {
    expect(visibleLines("<!-- kep-tracker:status -->\n<!-- digest -->\nHello **you**\n\n\n<sub>small</sub>\n", PLAIN)).toEqual([
      "Hello you",
      "",
      "small",
    ]);
    expect(visibleLines("<details><summary>Done (2)</summary>\n\n- [x] a\n\n</details>\n", PLAIN)).toEqual(["Done (2):", "", "- [x] a"]);
  });

  it("shows an edit as the lines removed and added, in order", () => {
    expect(changedLines(["a", "in 10 days", "c"], ["a", "in 9 days", "c", "d"])).toEqual([
      { sign: "-", line: "in 10 days" },
      { sign: "+", line: "in 9 days" },
      { sign: "+", line: "d" },
    ]);
  });
});
