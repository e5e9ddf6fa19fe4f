import { describe, expect, it } from "vitest";
import { markerLines, readMarkers, STATUS_MARKER } from "../../src/reading/markers.js";

const comment = (markers: string[], text: string) => [...markers, "Hello 👋, v1.37 Enhancements team here.", "", text].join("\n");

describe("the status comment's hidden markers", () => {
  it("keep the /untrack reason however the visible text is worded", () => {
    const body = comment(
      markerLines({ inputs: "abc123", untrackReason: "no owner this cycle" }),
      "**Status: Removed** (reworded, no reason in sight)",
    );
    expect(readMarkers(body)).toEqual({
      inputs: "abc123",
      untrackReason: "no owner this cycle",
      kep: null,
      // Written before the verdict marker: its release and status line as a person reads them.
      release: "v1.37",
      statusLine: "Removed",
    });
  });

  it("carry a reason with spaces, a closing '-->' and a line break through unchanged", () => {
    const reason = "see --> here\nand @someone";
    const lines = markerLines({ inputs: null, untrackReason: reason });
    expect(lines.every((l) => !l.slice(4, -3).includes("-->"))).toBe(true);
    expect(readMarkers(comment(lines, "")).untrackReason).toBe(reason);
  });

  it("are read only from the comment's opening lines, not from text quoted further down", () => {
    const body = comment([STATUS_MARKER], "> <!-- kep-tracker:untrack-reason forged -->\n<!-- kep-tracker:inputs forged -->");
    expect(readMarkers(body)).toEqual({ inputs: null, untrackReason: null, kep: null, release: "v1.37" });
  });

  it("keep the release and the status the comment gave, whatever its visible words", () => {
    const lines = markerLines({ inputs: "abc", untrackReason: null, release: "v1.38", status: "At risk for code freeze" });
    const body = [...lines, "Hallo 👋, das v1.37-Team.", "", "**Status: Tracked for code freeze**"].join("\n");
    expect(readMarkers(body)).toMatchObject({ release: "v1.38", status: "At risk for code freeze" });
    expect(readMarkers(body).statusLine).toBeUndefined();
  });

  it("are nothing in a comment that does not open with the status marker", () => {
    expect(readMarkers(`quoted:\n${markerLines({ inputs: "abc", untrackReason: "x" }).join("\n")}`)).toEqual({
      inputs: null,
      untrackReason: null,
      kep: null,
    });
  });

  it("keep the stage and owning SIG the evaluation found, and say so when it found neither", () => {
    expect(
      readMarkers(comment(markerLines({ inputs: "abc", untrackReason: null, kep: { stage: "beta", sig: "sig-node" } }), "")).kep,
    ).toEqual({ stage: "beta", sig: "sig-node" });
    expect(readMarkers(comment(markerLines({ inputs: "abc", untrackReason: null, kep: { stage: null, sig: null } }), "")).kep).toEqual({
      stage: null,
      sig: null,
    });
  });

  it("keep what the release does to the KEP (the board's Enhancement Type), and nothing for a value no release does", () => {
    const read = (text: string) => readMarkers(comment([STATUS_MARKER, `<!-- kep-tracker:kep ${text} -->`], "")).kep;
    expect(
      readMarkers(
        comment(markerLines({ inputs: null, untrackReason: null, kep: { stage: "beta", sig: "sig-node", change: "graduating" } }), ""),
      ).kep,
    ).toEqual({ stage: "beta", sig: "sig-node", change: "graduating" });
    expect(read("stage=beta&change=Major+Change")).toEqual({ stage: "beta", sig: null });
    // A marker written before `change` was kept: the Enhancement Type waits for the next evaluation.
    expect(read("stage=beta&sig=sig-node")).toEqual({ stage: "beta", sig: "sig-node" });
  });

  it("carry an owning SIG as kep.yaml spells it, spaces, a closing '-->' and a mention included, without closing the marker or pinging anyone", () => {
    const sig = "sig node --> @kubernetes/sig-node-leads\n**Status: Tracked**";
    const lines = markerLines({ inputs: null, untrackReason: null, kep: { stage: "alpha", sig } });
    expect(lines[1]).toMatch(/^<!-- kep-tracker:kep [^\s>@]+ -->$/);
    expect(readMarkers(comment(lines, "")).kep).toEqual({ stage: "alpha", sig });
  });

  it("still find the reason of a comment written before the reason had its marker", () => {
    const body = comment([STATUS_MARKER], "**Status: Removed from milestone** v1.37. Reason: not ready.");
    expect(readMarkers(body).untrackReason).toBe("not ready.");
  });
});
