import { describe, expect, it } from "vitest";
import { finalEdit, outcomeOf, releaseOfStatus } from "../../src/plan/release-outcome.js";
import { finalMarker, markerLines, STATUS_MARKER } from "../../src/reading/markers.js";
import { statusBody } from "../helpers/status-comment.js";

const BOT = "kep-tracker[bot]";

describe("the final edit of a status comment once its release is over", () => {
  it("reads the release a status comment was written for from its marker, or from the greeting of one written before it", () => {
    expect(releaseOfStatus(statusBody("v1.37", "Tracked for code freeze"))).toBe("v1.37");
    expect(releaseOfStatus(`${STATUS_MARKER}\nHello 👋, v1.38 Enhancements team here.\n`)).toBe("v1.38");
    const marked = [...markerLines({ inputs: null, untrackReason: null, release: "v1.39" }), "Reworded greeting for v1.37."].join("\n");
    expect(releaseOfStatus(marked)).toBe("v1.39");
    expect(releaseOfStatus("no greeting")).toBeNull();
  });

  it("says a tracked KEP graduated to the stage its comment or kep.yaml gives", () => {
    expect(outcomeOf(statusBody("v1.37", "Tracked for docs freeze", "beta"), "v1.37", null)).toBe("graduated to beta");
    expect(outcomeOf(statusBody("v1.37", "Tracked for code freeze", "alpha"), "v1.37", null)).toBe("introduced as alpha");
    expect(
      outcomeOf(statusBody("v1.37", "Exception approved", "beta"), "v1.37", {
        stage: "stable",
        status: "implemented",
        latestMilestone: "v1.37",
      }),
    ).toBe("graduated to stable");
  });

  it("says removed from the milestone, or deferred, as the old status or kep.yaml says", () => {
    expect(outcomeOf(statusBody("v1.37", "Removed from milestone"), "v1.37", null)).toBe("removed from the milestone");
    expect(outcomeOf(statusBody("v1.37", "Deferred"), "v1.37", null)).toBe("deferred");
    expect(
      outcomeOf(statusBody("v1.37", "At risk for code freeze"), "v1.37", {
        stage: "beta",
        status: "implementable",
        latestMilestone: "v1.38",
      }),
    ).toBe("deferred to v1.38");
    expect(outcomeOf(statusBody("v1.37", "At risk for code freeze"), "v1.37", null)).toBe(
      "not completed (last status: At risk for code freeze)",
    );
  });

  it("edits an old release's status comment into one line with no checklist, no mention and the final marker, and then finds nothing to edit", () => {
    const comments = [{ id: 2 ** 31 + 5, author: BOT, bot: true, body: statusBody("v1.37", "Tracked for docs freeze") }];
    const edit = finalEdit(comments, BOT, { current: "v1.38" });
    expect(edit).toMatchObject({ kind: "update-comment", id: 2 ** 31 + 5 });
    const body = edit?.kind === "update-comment" ? edit.body : "";
    expect(body.startsWith(finalMarker("v1.37"))).toBe(true);
    expect(body).toContain("**v1.37: graduated to beta**");
    expect(body).not.toMatch(/@|- \[ \]|To do/);
    expect(finalEdit([{ ...comments[0]!, body }], BOT, { current: "v1.38" })).toBeNull();
  });

  it("leaves the current release's status comment and other people's comments alone", () => {
    expect(
      finalEdit([{ id: 1, author: BOT, bot: true, body: statusBody("v1.38", "Removed from milestone") }], BOT, { current: "v1.38" }),
    ).toBeNull();
    expect(
      finalEdit([{ id: 1, author: "mallory", bot: false, body: statusBody("v1.37", "Tracked for docs freeze") }], BOT, {
        current: "v1.38",
      }),
    ).toBeNull();
  });

  it("gives the ending release's comment its final edit when the cleanup runs before the config moves on", () => {
    const comments = [{ id: 1, author: BOT, bot: true, body: statusBody("v1.37", "Removed from milestone") }];
    expect(finalEdit(comments, BOT, { current: "v1.37", ending: "v1.37" })).toMatchObject({
      body: expect.stringContaining("**v1.37: removed from the milestone**"),
    });
  });
});
