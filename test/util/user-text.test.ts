import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  greet,
  inlineSafe,
  isGitHubLogin,
  linkTextsOnly,
  markdownLinks,
  neutraliseUserText,
  stripHtmlComments,
} from "../../src/util/user-text.js";

const seed = process.env.CI ? { seed: 20261129 } : {};
const ZWJ = "\u200D";

describe("someone's words shown in a comment of the App", () => {
  it("notify nobody: user and team mentions get a zero-width joiner after the @", () => {
    expect(neutraliseUserText("ping @kubernetes/sig-node-leads and @alice")).toBe(`ping @${ZWJ}kubernetes/sig-node-leads and @${ZWJ}alice`);
  });

  it("cannot forge a marker or hide the rest: HTML comments go, and < > & become entities", () => {
    expect(neutraliseUserText("/trak `<!-- kep-tracker:reminder v1.37 enhancements-freeze 0 -->`")).toBe("/trak \\`\\`");
    expect(neutraliseUserText("a <details><summary>x</summary>")).toBe("a &lt;details&gt;&lt;summary&gt;x&lt;/summary&gt;");
    expect(neutraliseUserText("before <!-- never closed\n**Status: Tracked**")).toBe("before");
    expect(neutraliseUserText("x --> y")).toBe("x --&gt; y");
  });

  it("cannot change the comment's structure: one line, markdown punctuation escaped", () => {
    const forged = "Jane\n**Status: Tracked…**\n\n# Heading\n| a | b |";
    const shown = neutraliseUserText(forged);
    expect(shown).not.toMatch(/\n/);
    expect(shown).toBe("Jane \\*\\*Status: Tracked…\\*\\* \\# Heading \\| a \\| b \\|");
    expect(neutraliseUserText("[click](https://evil.example) ![img](x)")).toBe("\\[click\\]\\(https://evil.example\\) \\!\\[img\\]\\(x\\)");
  });

  it("cannot start a list or a rule when it comes first", () => {
    expect(neutraliseUserText("- item")).toBe("\\- item");
    expect(neutraliseUserText("1. item")).toBe("1\\. item");
    expect(neutraliseUserText("===")).toBe("\\===");
  });

  it("plain words and commands are shown unchanged", () => {
    expect(neutraliseUserText("/track v1.37")).toBe("/track v1.37");
    expect(neutraliseUserText("  not ready this cycle  ")).toBe("not ready this cycle");
  });

  it("long text is cut with an ellipsis", () => {
    expect(neutraliseUserText("a".repeat(20), 10)).toBe(`${"a".repeat(10)}…`);
    expect(neutraliseUserText("a".repeat(10), 10)).toBe("a".repeat(10));
  });

  it("whatever the input, the result has no line break, no @ directly before a name, no < and no HTML comment", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const shown = neutraliseUserText(text);
        expect(shown).not.toMatch(/[\n\r<]|@[A-Za-z0-9]|<!--/);
      }),
      { numRuns: 500, ...seed },
    );
  });
});

describe("the one HTML-comment stripper", () => {
  it("removes closed comments, empty ones, and everything after an unclosed one", () => {
    expect(stripHtmlComments("a<!-- b -->c<!-->d<!--->e")).toEqual({ visible: "acde", unclosed: false });
    expect(stripHtmlComments("a<!-- b")).toEqual({ visible: "a", unclosed: true });
  });

  it("carries an open comment from one line to the next for line-by-line readers", () => {
    const state = { inComment: false };
    expect(stripHtmlComments("a <!-- b", state).visible).toBe("a ");
    expect(state.inComment).toBe(true);
    expect(stripHtmlComments("c --> d", state).visible).toBe(" d");
  });

  it("with code spans, keeps a <!-- written between backticks", () => {
    expect(stripHtmlComments("`<!--` a <!-- b --> c", undefined, { codeSpans: true }).visible).toBe("`<!--` a  c");
    expect(stripHtmlComments("`<!--` a <!-- b --> c").visible).toBe("` c");
  });
});

describe("markdown links", () => {
  it("are found leftmost first, inline and, when asked, by reference", () => {
    expect(markdownLinks("see [a](x) and [b][c]", { references: true })).toEqual([
      { at: 4, end: 10, text: "a", target: "x" },
      { at: 15, end: 21, text: "b", target: "c" },
    ]);
    expect(markdownLinks("[b][c]")).toEqual([]);
  });

  it("read as the regular expression \\[([^\\]]*)\\]\\(([^)]*)\\) reads them", () => {
    const pattern = /\[([^\]]*)\]\(([^)]*)\)/g;
    fc.assert(
      fc.property(fc.array(fc.constantFrom("[", "]", "(", ")", "a", " "), { maxLength: 40 }), (chars) => {
        const text = chars.join("");
        expect(linkTextsOnly(text)).toBe(text.replace(pattern, "$1"));
      }),
      { numRuns: 2000, ...seed },
    );
  });
});

describe("names greeted on purpose", () => {
  it("are mentions only when they are GitHub logins", () => {
    expect(greet("alice")).toBe("@alice");
    expect(greet("jane-doe-2")).toBe("@jane-doe-2");
    for (const notLogin of [
      "kubernetes/sig-node-leads",
      "-alice",
      "alice-",
      "a--b",
      "a".repeat(40),
      "Jane Doe",
      "alice\n**Status: Tracked**",
      "al_ice",
      "",
    ]) {
      expect(isGitHubLogin(notLogin), notLogin).toBe(false);
      expect(greet(notLogin).startsWith("@")).toBe(false);
    }
  });
});

describe("the App's sentences quoting people's words", () => {
  it("keep the App's code spans but lose mentions, tags and line breaks", () => {
    expect(inlineSafe('`approver: "@login"` for <b>@kubernetes/sig-node-leads</b>\n# x & y')).toBe(
      '`approver: "@\u200Dlogin"` for &lt;b&gt;@\u200Dkubernetes/sig-node-leads&lt;/b&gt; # x &amp; y',
    );
  });

  it("hold no HTML comment or marker, whatever they quote", () => {
    fc.assert(fc.property(fc.string(), (s) => !inlineSafe(`a ${s} <!-- kep-tracker:status -->`).includes("<")));
  });

  it("come out as every step would make them, also when a text needs none (and is returned as it is)", () => {
    const everyStep = (t: string) =>
      t
        .replace(/\s+/g, " ")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/@(?=[A-Za-z0-9])/g, "@\u200D");
    const piece = fc.constantFrom(" ", "  ", "\t", "\n", "\u00a0", "&", "<", ">", "@", "@a", "a", "b c", "`x`");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 20 }).map((p) => p.join("")),
        (t) => {
          expect(inlineSafe(t)).toBe(everyStep(t));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
