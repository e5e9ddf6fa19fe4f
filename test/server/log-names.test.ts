import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { withoutPayloads } from "../../src/server/log.js";

describe("the App's JSON log", () => {
  it("names a line once, however deep Probot's children bind a name (probot, event, github)", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = withoutPayloads(pino({ level: "info" }, sink)).child({ name: "probot" });
    log.child({ name: "event", id: "delivery-1" }).child({ name: "github" }).warn("a write failed");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.match(/"name":/g)).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ name: "probot", component: "event", id: "delivery-1", msg: "a write failed" });
  });
});
