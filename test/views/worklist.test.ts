import { describe, expect, it } from "vitest";
import type { Worklist } from "../../src/render/worklist.js";
import { BOARD_SIG_DISAGREES, CONTACT, demoOnFake, HERS } from "./demo-data.js";

const demo = demoOnFake();

const issuesOf = (w: Worklist) => w.groups.map((g) => [g.step, g.before?.freeze ?? null, g.items.map((i) => i.issue)]);

describe("kep-tracker worklist, on the demo's v1.37 data", { timeout: 120_000 }, () => {
  it("--contact: the KEPs whose board Enhancements Contact is the person, by what to do next and by when, and writes nothing", async () => {
    demo.fake.reset();
    const { status, out, err } = await demo.run("worklist", "--contact", CONTACT, "--format", "json");
    expect(err).not.toMatch(/error|warning/i);
    expect(status).toBe(0);
    expect(demo.fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    const list: Worklist = JSON.parse(out);
    // By hand: #4939 has no milestone and #5958's kep.yaml no milestone map (both past PRR freeze); #5343 is provisional
    // and #5978 withdrawn (at risk for enhancements freeze); #2033 is in order.
    expect(issuesOf(list)).toEqual([
      ["missed-freeze", null, [...HERS.missed]],
      ["chase", "enhancements-freeze", [...HERS.atRisk]],
      ["check-in", "enhancements-freeze", [...HERS.tracked]],
    ]);
    expect(list.groups[1]!.before).toMatchObject({ at: "2026-06-17T12:00:00.000Z" });
    const kep5343 = list.groups[1]!.items[0]!;
    expect(kep5343).toMatchObject({
      url: "https://github.com/kubernetes/enhancements/issues/5343",
      status: "At risk for enhancements freeze",
      contact: CONTACT,
      missing: ["kep.yaml status not implementable"],
    });
    // The team's check-in wording, filled in: the owners greeted, the freeze and its instant, the stage, what to change.
    const draft = kep5343.draft!;
    expect(draft).toMatch(/^Hello (@[\w-]+ )+👋, v1\.37 Enhancements team here\.\n/);
    expect(draft).toContain("Just checking in as we approach enhancements freeze on Wednesday 17 June 2026, 12:00 UTC (in 47 hours).");
    expect(draft).toContain("This enhancement is targeting stage `alpha` for v1.37 (correct me, if otherwise).");
    expect(draft).toContain("- [ ] kep.yaml status is implementable (merged)");
    expect(draft).toMatch(
      /For this KEP, we would just need to update the following:\n- set `status: implementable` in keps\/sig-network\//,
    );
    expect(draft).toContain("The status of this enhancement is marked as `At risk for enhancements freeze`.");
    expect(list.groups[0]!.items[0]!.draft).toContain(
      "Unfortunately, this enhancement did not meet the requirements for PRR freeze in v1.37.",
    );
    expect(list.groups[2]!.items[0]!.draft).toContain("this enhancement is now marked as `Tracked for enhancements freeze` 🚀");
  });

  it("--mine is the token's own user; the text and Markdown forms show the same KEPs, the drafts inert in Markdown", async () => {
    demo.fake.reset();
    const text = await demo.run("worklist", "--mine");
    expect(text.status).toBe(0);
    expect(text.out).toContain(`Worklist of ${CONTACT} (you): v1.37, kubernetes/enhancements, as at 2026-06-15 13:00 UTC.`);
    expect(text.out).toContain("5 KEPs. Nothing was posted");
    expect(text.out.match(/^#\d+ /gm)).toEqual(["#4939 ", "#5958 ", "#5343 ", "#5978 ", "#2033 "]);
    const md = await demo.run("worklist", "--contact", `@${CONTACT}`, "--format", "md");
    expect(md.out.match(/^#### \[#(\d+)\]/gm)).toHaveLength(5);
    // Each draft sits in a code block: pasting the worklist somewhere notifies nobody.
    const outsideCode = md.out.replace(/^(`{3,})markdown\n[\s\S]*?\n\1$/gm, "");
    expect(outsideCode).not.toMatch(/@[A-Za-z0-9]/);
    expect(demo.fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
  });

  it("--sig: kep.yaml's owning SIG, the sig/* labels or the board's SIG field, which disagree at times", async () => {
    const { out } = await demo.run("worklist", "--sig", "SIG Node", "--format", "json");
    const list: Worklist = JSON.parse(out);
    const all = list.groups.flatMap((g) => g.items.map((i) => i.issue));
    // By hand: 33 v1.37 KEPs of the fixtures are sig-node's, less #5999 (not opted in yet), plus #5343 (board SIG sig-node).
    expect(all).toHaveLength(33);
    expect(all).toContain(BOARD_SIG_DISAGREES);
    expect(all).not.toContain(5999);
  });

  it("refuses no selection, two selections or an unknown format, before reading anything", async () => {
    demo.fake.reset();
    expect((await demo.run("worklist")).err).toContain("give exactly one of --contact LOGIN, --sig sig-x or --mine");
    expect((await demo.run("worklist", "--mine", "--sig", "sig-node")).status).toBe(2);
    expect((await demo.run("worklist", "--sig", "node", "--format", "xlsx")).err).toContain("--format must be text, md or json");
    expect(demo.fake.stats().reads).toBe(0);
  });
});
