import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CommandSchema, parseCommands, readCommands, type UnknownCommand } from "../../src/reading/commands.js";
import { combinedReply, quoteCommand, refusal, unknownCommandReply } from "../../src/render/replies.js";

const seed = process.env.CI ? { seed: 20261122 } : {};
const names = (body: string) => parseCommands(body).map((c) => c.name);

describe("/kep-docs", () => {
  it("reads `none` with its reason, `needed`, and anything else as a command to explain", () => {
    expect(parseCommands("/kep-docs None  nothing user-facing ")).toEqual([
      { name: "kep-docs", action: "none", reason: "nothing user-facing", raw: "/kep-docs None  nothing user-facing", line: 1 },
    ]);
    expect(parseCommands("/kep-docs none")[0]).toMatchObject({ action: "none", reason: null });
    expect(parseCommands("/kep-docs needed")[0]).toMatchObject({ action: "needed", reason: null });
    expect(parseCommands("/kep-docs maybe later")[0]).toMatchObject({ action: null });
    expect(parseCommands("/kep-doc none x")[0]).toMatchObject({ name: "unknown", suggestion: "kep-docs" });
  });
});

describe("which lines are commands", () => {
  it("runs a command at the start of a line, with its 1-based line", () => {
    expect(parseCommands("Opted in by the SIG leads.\n/track")).toEqual([{ name: "track", release: null, raw: "/track", line: 2 }]);
  });

  it("ignores a command inside an HTML comment, on one line or several", () => {
    expect(parseCommands("<!-- /track -->")).toEqual([]);
    expect(parseCommands("Template:\n<!--\n/track v1.37\n/untrack\n-->\nThanks")).toEqual([]);
  });

  it("runs the command after a closed HTML comment, on its original line", () => {
    expect(parseCommands("<!--\nhidden\n-->\n/kep-status")).toEqual([{ name: "kep-status", raw: "/kep-status", line: 4 }]);
    expect(names("<!-- note --> /track")).toEqual(["track"]);
  });

  it("ignores everything after an HTML comment that is never closed (the reader cannot see it)", () => {
    expect(parseCommands("<!-- draft\n/track v1.37")).toEqual([]);
  });

  it("ignores commands in ``` and ~~~ fenced blocks, with an info string or unclosed", () => {
    expect(parseCommands("```\n/track\n```")).toEqual([]);
    expect(parseCommands("~~~markdown\n/untrack\n~~~")).toEqual([]);
    expect(parseCommands("````md\n```\n/track\n```\n````")).toEqual([]);
    expect(parseCommands("Example:\n```sh\n/track v1.37")).toEqual([]);
    expect(names("```\n/track\n```\n/kep-status")).toEqual(["kep-status"]);
  });

  it("ignores a quoted command at any depth", () => {
    expect(parseCommands("> /track")).toEqual([]);
    expect(parseCommands(">> /track v1.37\n> > /untrack")).toEqual([]);
    expect(names("> Can you /track this?\n\n/track")).toEqual(["track"]);
  });

  it("allows leading spaces before the slash (up to three, as Markdown does)", () => {
    expect(names("  /track")).toEqual(["track"]);
    expect(names("   /kep-status")).toEqual(["kep-status"]);
  });

  it("does not take an indented code block (four spaces or a tab) for a command", () => {
    expect(parseCommands("Type this:\n\n    /track v1.37")).toEqual([]);
    expect(parseCommands("\t/track")).toEqual([]);
  });

  it("needs the slash to start the line: text before it makes it prose", () => {
    expect(parseCommands("please /track v1.37")).toEqual([]);
    expect(parseCommands("`/track`")).toEqual([]);
    expect(parseCommands("- /track")).toEqual([]);
  });

  it("is case-sensitive like Prow: /Track is not a command", () => {
    expect(parseCommands("/Track")).toEqual([]);
    expect(parseCommands("/TRACK v1.37")).toEqual([]);
  });

  it("needs the name to end at a space or the line's end", () => {
    expect(parseCommands("/tracked-elsewhere\n/track/v1.37\n/track.")).toEqual([]);
  });

  it("reads CRLF bodies", () => {
    expect(parseCommands("Hello\r\n/track v1.37\r\n/untrack not this one\r\n")).toEqual([
      { name: "track", release: "v1.37", raw: "/track v1.37", line: 2 },
      { name: "untrack", reason: "not this one", raw: "/untrack not this one", line: 3 },
    ]);
    expect(parseCommands("```\r\n/track\r\n```\r\n/kep-status")).toEqual([{ name: "kep-status", raw: "/kep-status", line: 4 }]);
  });

  it("returns several commands in the order they appear", () => {
    expect(names("/kep-status\nsome words\n/untrack\n/track v1.37")).toEqual(["kep-status", "untrack", "track"]);
  });

  it("acts on each kind of command once per comment: the first /track, /untrack, /kep-status and near miss", () => {
    const body = ["/trak", "/track v1.37", "/kep-stats", "/track v1.38", "/kep-status", "/kep-status", "/untrack a", "/untrack b"].join(
      "\n",
    );
    expect(parseCommands(body)).toEqual([
      { name: "unknown", command: "trak", suggestion: "track", raw: "/trak", line: 1 },
      { name: "track", release: "v1.37", raw: "/track v1.37", line: 2 },
      { name: "kep-status", raw: "/kep-status", line: 5 },
      { name: "untrack", reason: "a", raw: "/untrack a", line: 7 },
    ]);
    expect(readCommands(body).repeated).toBe(3);
  });

  it("a comment of 2,000 mistyped commands yields one near miss to answer", () => {
    expect(parseCommands("/trak\n".repeat(2000))).toHaveLength(1);
  });

  it("returns nothing for an empty, null or undefined body", () => {
    expect(parseCommands("")).toEqual([]);
    expect(parseCommands(null)).toEqual([]);
    expect(parseCommands(undefined)).toEqual([]);
  });
});

describe("arguments", () => {
  it("normalises /track v1.37, 1.37 and v1.37.0 to v1.37", () => {
    for (const arg of ["v1.37", "1.37", "v1.37.0", " v1.37 "]) {
      const [c] = parseCommands(`/track ${arg}`);
      expect(c).toMatchObject({ name: "track", release: "v1.37" });
      expect(c).not.toHaveProperty("invalidRelease");
    }
  });

  it("keeps an argument that is not a release, for the refusal", () => {
    expect(parseCommands("/track next")).toEqual([{ name: "track", release: null, invalidRelease: "next", raw: "/track next", line: 1 }]);
    for (const bad of ["v1.37.1", "v1.037", "1.37-rc.1", "v1.37 please"]) {
      expect(parseCommands(`/track ${bad}`)[0]).toMatchObject({ release: null, invalidRelease: bad });
    }
  });

  it("takes the rest of the /untrack line as the reason, null when empty", () => {
    expect(parseCommands("/untrack   not ready this cycle  ")).toEqual([
      { name: "untrack", reason: "not ready this cycle", raw: "/untrack   not ready this cycle", line: 1 },
    ]);
    expect(parseCommands("/untrack")[0]).toMatchObject({ name: "untrack", reason: null });
  });

  it("ignores text after /kep-status", () => {
    expect(parseCommands("/kep-status please")).toEqual([{ name: "kep-status", raw: "/kep-status please", line: 1 }]);
  });

  it("leaves an HTML comment out of the argument", () => {
    expect(parseCommands("/untrack slipped <!-- internal note -->")[0]).toMatchObject({ reason: "slipped" });
  });
});

describe("near misses and other people's commands", () => {
  it("answers /trak with a suggestion of /track", () => {
    expect(parseCommands("/trak v1.37")).toEqual([{ name: "unknown", command: "trak", suggestion: "track", raw: "/trak v1.37", line: 1 }]);
    expect(parseCommands("/untrak")[0]).toMatchObject({ name: "unknown", suggestion: "untrack" });
    expect(parseCommands("/kep-stats")[0]).toMatchObject({ name: "unknown", suggestion: "kep-status" });
  });

  it("answers a /kep-… word it does not know, without a suggestion", () => {
    expect(parseCommands("/kep-refresh")[0]).toMatchObject({ name: "unknown", command: "kep-refresh", suggestion: null });
  });

  it("leaves Prow's commands and other slash words alone", () => {
    const body = [
      "/milestone v1.37",
      "/lgtm",
      "/stage beta",
      "/sig node",
      "/remove-lifecycle stale",
      "/hold",
      "/retest",
      "/usr/bin/env",
      "/shrug",
    ].join("\n");
    expect(parseCommands(body)).toEqual([]);
  });

  it("only answers the commands it is told are live", () => {
    expect(names("/track\n/untrack\n/kep-status")).toEqual(["track", "untrack", "kep-status"]);
    expect(parseCommands("/track\n/untrack\n/kep-status", ["kep-status"]).map((c) => c.name)).toEqual(["kep-status"]);
    expect(parseCommands("/trak", ["kep-status"])).toEqual([]);
  });
});

describe("replies", () => {
  it("writes a refusal Prow-style: @login, the reason, the command quoted", () => {
    const reply = refusal("alice", "only members of release-team-enhancements or release-team-leads may use /track", "/track v1.37");
    expect(reply).toBe("@alice: only members of release-team-enhancements or release-team-leads may use /track.\n\n> /track v1.37\n");
    expect(refusal("bob", "no.", "/untrack")).toBe("@bob: no.\n\n> /untrack\n");
  });

  it("quotes every line of the command", () => {
    expect(quoteCommand("/track\r\n/untrack")).toBe("> /track\n> /untrack");
  });

  it("never triggers a command with its own reply", () => {
    const reply = refusal("alice", "only members of release-team-enhancements may use /track", "/track v1.37");
    expect(parseCommands(reply)).toEqual([]);
    const [trak] = parseCommands("/trak");
    const answer = unknownCommandReply("alice", trak as UnknownCommand);
    expect(answer).toBe(
      "@alice: `/trak` is not a kep-tracker command; did you mean `/track`? kep-tracker knows /track [v1.NN], /untrack [reason] and /kep-status.\n\n> /trak\n",
    );
    expect(parseCommands(answer)).toEqual([]);
  });

  it("a refusal quoting a team mention, an HTML comment or markdown pings nobody and forges nothing", () => {
    const reply = refusal(
      "alice",
      "no",
      "/trak @kubernetes/sig-node-leads `<!-- kep-tracker:reminder v1.37 enhancements-freeze 0 -->` **x**",
    );
    expect(reply).toBe("@alice: no.\n\n> /trak @\u200Dkubernetes/sig-node-leads \\`\\` \\*\\*x\\*\\*\n");
    expect(reply).not.toContain("<!--");
    expect(reply.match(/@[A-Za-z0-9]/g)).toEqual(["@a"]);
  });

  it("several refusals for one comment make one reply, greeting the author once", () => {
    expect(
      combinedReply("alice", [
        { reason: "only the release team may use /untrack", raw: "/untrack" },
        { reason: "`/trak` is not a kep-tracker command", raw: "/trak" },
      ]),
    ).toBe("@alice: only the release team may use /untrack.\n\n> /untrack\n\n`/trak` is not a kep-tracker command.\n\n> /trak\n");
  });

  it("answers an unknown /kep-… word without guessing", () => {
    const [c] = parseCommands("/kep-refresh");
    expect(unknownCommandReply("carol", c as UnknownCommand)).toBe(
      "@carol: `/kep-refresh` is not a kep-tracker command. kep-tracker knows /track [v1.NN], /untrack [reason] and /kep-status.\n\n> /kep-refresh\n",
    );
  });
});

describe("properties", () => {
  // Text rich in what matters: commands, fences, comment and quote markers, line breaks.
  const piece = fc.oneof(
    fc.constantFrom(
      "/track",
      "/track v1.37",
      "/untrack why",
      "/kep-status",
      "/trak",
      "/kep-x",
      "```",
      "~~~",
      "````",
      "<!--",
      "-->",
      "> ",
      "`",
      "  ",
      "\n",
      "\r\n",
      "\r",
      "v1.37",
    ),
    fc.string({ maxLength: 12 }),
  );
  const text = fc.oneof(
    fc.string(),
    fc.array(piece, { maxLength: 30 }).map((p) => p.join("")),
  );

  it("never throws, and every command it returns fits the schema", () => {
    fc.assert(
      fc.property(text, (body) => {
        for (const c of parseCommands(body)) expect(CommandSchema.safeParse(c).success).toBe(true);
      }),
      seed,
    );
  });

  it("finds no command in text wrapped in a fenced block", () => {
    fc.assert(
      fc.property(text, fc.constantFrom("`", "~"), (body, char) => {
        // A fence longer than any run of its character inside, as a Markdown writer would use.
        const longest = Math.max(0, ...(body.match(char === "`" ? /`+/g : /~+/g) ?? []).map((r) => r.length));
        const fence = char.repeat(Math.max(3, longest + 1));
        expect(parseCommands(`${fence}\n${body}\n${fence}`)).toEqual([]);
      }),
      seed,
    );
  });

  it("finds no command in text wrapped in an HTML comment", () => {
    fc.assert(
      fc.property(
        text.filter((body) => !body.includes("-->")),
        (body) => {
          expect(parseCommands(`<!--\n${body}\n-->`)).toEqual([]);
        },
      ),
      seed,
    );
  });

  it("finds no command in quoted text, nor in a refusal quoting it", () => {
    fc.assert(
      fc.property(text, (body) => {
        expect(parseCommands(quoteCommand(body))).toEqual([]);
        expect(parseCommands(refusal("alice", "only the release team may use /track", body))).toEqual([]);
      }),
      seed,
    );
  });
});
