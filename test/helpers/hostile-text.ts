import fc from "fast-check";

/**
 * Hostile text for parsers of what people write (issue 9): inputs up to 65,536 characters
 * (GitHub's limit for an issue body or comment) built from the pieces that make naive regular
 * expressions and nested scans slow. Shared by every test that feeds user text to the App.
 */

export const LIMIT_CHARS = 65_536;

// Pieces that are each harmless but costly when repeated.
export const PIECES = [
  "[",
  "]",
  "(",
  "`",
  "``",
  "```",
  "[](",
  "](",
  "[x](",
  "~~",
  "<!--",
  "-->",
  "<",
  ">",
  "> ",
  "|",
  "| a ",
  " ",
  "  ",
  "\t",
  "\n",
  "\n- ",
  "\n  - ",
  "#",
  "#1",
  "@",
  "@a",
  "@a/b",
  ",",
  " and ",
  "&",
  ":",
  "://",
  "http://",
  "https://github.com/k/k/pull/1 ",
  "k/k#1 ",
  "[a](https://x.io/",
  "sig-",
  "sig/",
  "/sig ",
  "_",
  "*",
  "**",
  "1.",
  "v1.",
  "1.2",
  "Alpha",
  "Alpha(",
  "- [x] Alpha - v1.30\n",
  "- KEP PR(s): ",
  "- Primary contact (assignee): ",
  "- Responsible SIGs: ",
  "- Kubernetes Enhancement Proposal: ",
  "- One-line enhancement description: ",
  "\n```[tasklist]\n# Alpha\n",
  "/track ",
  "/trak\n",
  "/untrack ",
  "/kep-status\n",
  "| What | When |\n|---|---|\n",
  "Monday 1st ",
  "January ",
  "2026 ",
  "12:00 UTC ",
  " / ",
];

/** A run of one piece, long enough to matter, or a short mix of pieces. */
const segment = fc.oneof(
  fc.tuple(fc.constantFrom(...PIECES), fc.integer({ min: 1, max: LIMIT_CHARS })).map(([p, n]) => p.repeat(Math.ceil(n / p.length))),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((ps) => ps.join("")),
  fc.string({ maxLength: 200 }),
);

/** Up to 65,536 characters of adversarial text. */
export const hostileText = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join("").slice(0, LIMIT_CHARS));

/** Hand-written worst cases named in issue 9, always tried. */
export const KNOWN_WORST: string[] = [
  "[".repeat(LIMIT_CHARS),
  "`".repeat(LIMIT_CHARS),
  "[](".repeat(LIMIT_CHARS / 3),
  " ".repeat(LIMIT_CHARS),
  `<!--${"a".repeat(LIMIT_CHARS - 4)}`,
  `${"`a`<!--".repeat(LIMIT_CHARS / 8)}<!--`,
  "`".repeat(400) + "<!--".repeat(LIMIT_CHARS / 8),
  Array.from({ length: 1600 }, (_, i) => `https://github.com/kubernetes/kubernetes/pull/${i + 1}`)
    .join(" ")
    .slice(0, LIMIT_CHARS),
  ">".repeat(LIMIT_CHARS),
  "|".repeat(LIMIT_CHARS),
  `| What | When |\n|---|---|\n| a |${"[".repeat(LIMIT_CHARS - 40)}|`,
  `- Responsible SIGs: ${"sig- ".repeat(LIMIT_CHARS / 5 - 5)}`,
  `- Responsible SIGs: ${"a, ".repeat(LIMIT_CHARS / 3 - 7)}`,
  `- Primary contact (assignee): ${"@a-".repeat(LIMIT_CHARS / 3 - 10)}`,
  `- Primary contact (assignee): ${" ".repeat(LIMIT_CHARS - 40)}x`,
  `- Kubernetes Enhancement Proposal: ${"[a](".repeat(LIMIT_CHARS / 4 - 10)}`,
  `- Kubernetes Enhancement Proposal: ${"a.".repeat(LIMIT_CHARS / 2 - 20)}`,
  `- [x] Alpha - ${"v1.".repeat(LIMIT_CHARS / 3 - 5)}`,
  `- [x] Alpha\n  - KEP PR(s): ${"#1 ".repeat(LIMIT_CHARS / 3 - 10)}`,
  "~~".repeat(LIMIT_CHARS / 2),
  `/track ${" ".repeat(LIMIT_CHARS - 8)}x`,
  "/trak\n".repeat(LIMIT_CHARS / 6),
  "Monday 1st January 2026 / ".repeat(LIMIT_CHARS / 26),
  "1 jan ".repeat(LIMIT_CHARS / 6),
];
