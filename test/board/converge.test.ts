import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Board, BoardItem } from "../../src/board/board.js";
import { type BoardItemInput, desiredItem } from "../../src/board/desired.js";
import { type BoardWrite, planBoard } from "../../src/board/plan.js";
import { isStage, parseKepFile } from "../../src/kep/kep-file.js";
import { releaseOf } from "../../src/release/names.js";
import { releaseWords } from "../../src/release/release-words.js";
import { ENHANCEMENTS } from "../helpers/fixtures.js";
import { board, FIELDS, NAMES } from "./fixtures.js";

const REPO = { owner: "kubernetes", repo: "enhancements" };

/** Every kep.yaml of the fixture corpus whose latest-milestone is v1.37. */
function keps137() {
  const out: BoardItemInput[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name === "kep.yaml") {
        const m = parseKepFile(path, readFileSync(path, "utf8")).metadata;
        if (releaseOf(m.latestMilestone) !== "v1.37" || !m.number) continue;
        const stage = isStage(m.stage) ? m.stage : null;
        out.push({
          issue: Number(m.number),
          release: "v1.37",
          status: "At risk for code freeze",
          stage,
          owningSig: m.owningSig,
          kepStatus: m.status,
          milestone: m.milestone,
        });
      }
    }
  };
  walk(`${ENHANCEMENTS}/keps`);
  return out;
}

/** The board as GitHub would leave it after `writes`. */
function applied(b: Board, writes: BoardWrite[]): Board {
  const items: BoardItem[] = b.items.map((i) => ({ ...i, values: { ...i.values } }));
  for (const w of writes) {
    if (w.kind === "add-item") {
      items.push({ id: `new-${w.issue}`, issue: { ...REPO, number: w.issue, nodeId: w.contentId }, values: {} });
      continue;
    }
    const item = items.find((i) => i.id === (w.itemId ?? `new-${w.issue}`))!;
    if (w.kind === "clear") delete item.values[w.fieldId];
    else if (w.kind === "set-option") item.values[w.fieldId] = { kind: "single-select", optionId: w.optionId, name: w.value };
    else if (w.kind === "set-text") item.values[w.fieldId] = { kind: "text", text: w.value };
    else item.values[w.fieldId] = { kind: "number", number: w.value };
  }
  return { ...b, items };
}

describe("a sweep against a board like v1.37's, with the real KEPs targeting v1.37", () => {
  const inputs = keps137();
  const sigs = [...new Set(inputs.map((i) => i.owningSig ?? ""))].filter(Boolean);
  // Options as the board writes them: "SIG Api Machinery" for sig-api-machinery.
  const fields = FIELDS.map((f) =>
    f.id === "sig"
      ? {
          ...f,
          options: sigs.map((s, i) => ({
            id: `sig-${i}`,
            name: s.replace(/^sig-/, "SIG ").replace(/-(\w)/g, (_, c: string) => ` ${c.toUpperCase()}`),
          })),
        }
      : f.id === "status"
        ? { ...f, options: [...f.options, { id: "s-arc", name: "At Risk For Code Freeze" }] }
        : f,
  );
  const items = inputs.map((i) => ({ desired: desiredItem(i, releaseWords("v1.37")), contentId: `I_${i.issue}` }));

  it("adds every issue with its Status, Stage and SIG, and a second sweep writes nothing", () => {
    expect(inputs.length).toBeGreaterThan(80);
    const first = planBoard({ board: board([], fields), fields: NAMES, repository: REPO, items });
    expect(first.findings).toEqual([]);
    expect(first.writes.filter((w) => w.kind === "add-item")).toHaveLength(inputs.length);
    const after = applied(board([], fields), first.writes);
    for (const i of inputs.filter((x) => x.stage === "alpha" || x.stage === "beta" || x.stage === "stable")) {
      const values = after.items.find((it) => it.issue?.number === i.issue)!.values;
      expect(values.status).toMatchObject({ name: "At Risk For Code Freeze" });
      expect(values.stage).toMatchObject({ name: i.stage!.charAt(0).toUpperCase() + i.stage!.slice(1) });
      expect(values.sig).toBeDefined();
    }
    expect(planBoard({ board: after, fields: NAMES, repository: REPO, items })).toEqual({ writes: [], findings: [], archived: [] });
  });
});
