/**
 * Versions as upstream reads `latest-milestone` and the `milestone` map:
 * blang/semver's ParseTolerant. "v1.37", "1.37" and "v1.37.0" are versions;
 * a short form ("v1.21") takes no pre-release or build ("v1.21-rc",
 * "v1.21+build" are invalid), and the full form follows SemVer 2.0 with
 * blang's leniency for leading zeros in the three numbers.
 */

export type PreRelease = { numeric: true; value: bigint } | { numeric: false; value: string };

export type Version = { major: number; minor: number; patch: number; pre: PreRelease[]; build: string[] };

const MAX_UINT64 = (1n << 64n) - 1n;
const NUMBERS = /^[0-9]*$/;
const ALPHANUM = /^[0-9A-Za-z-]*$/;

/** Go's strconv.ParseUint(s, 10, 64), as a number (release numbers stay far below 2^53). */
function uint(text: string): number | null {
  if (text === "" || !NUMBERS.test(text)) return null;
  const n = BigInt(text);
  return n > MAX_UINT64 ? null : Number(n);
}

function preRelease(text: string): PreRelease | null {
  if (text === "") return null;
  if (NUMBERS.test(text)) {
    if (text.length > 1 && text.startsWith("0")) return null;
    const n = BigInt(text);
    return n > MAX_UINT64 ? null : { numeric: true, value: n };
  }
  return ALPHANUM.test(text) ? { numeric: false, value: text } : null;
}

/** blang/semver's Parse: "major.minor.patch[-pre][+build]", strictly. */
function parseStrict(text: string): Version | null {
  const parts = text.split(".");
  if (parts.length < 3) return null;
  // Three parts at least: the defaults are never used.
  const [majorText = "", minorText = ""] = parts;
  let patchText = parts.slice(2).join(".");
  let build: string[] = [];
  let pre: string[] = [];
  const plus = patchText.indexOf("+");
  if (plus !== -1) [patchText, build] = [patchText.slice(0, plus), patchText.slice(plus + 1).split(".")];
  const dash = patchText.indexOf("-");
  if (dash !== -1) [patchText, pre] = [patchText.slice(0, dash), patchText.slice(dash + 1).split(".")];
  const hasLeadingZero = (s: string) => s.length > 1 && s.startsWith("0");
  if ([majorText, minorText, patchText].some(hasLeadingZero)) return null;
  const [major, minor, patch] = [uint(majorText), uint(minorText), uint(patchText)];
  if (major === null || minor === null || patch === null) return null;
  const read = pre.map(preRelease);
  const pres = read.filter((p): p is PreRelease => p !== null);
  if (pres.length !== read.length) return null;
  if (build.some((b) => b === "" || !ALPHANUM.test(b))) return null;
  return { major, minor, patch, pre: pres, build };
}

// "v1.37", "1.37.0": how nearly every milestone is written, and what ParseTolerant makes of it
// without the steps below (no spaces, no leading zeros, nothing after the numbers). A sweep
// reads some twenty of them an issue.
const PLAIN = /^v?(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})(?:\.(0|[1-9]\d{0,14}))?$/;

/** blang/semver's ParseTolerant: trims spaces and a leading "v", drops leading zeros, fills "1.37" to "1.37.0". */
export function parseTolerant(input: string): Version | null {
  const plain = PLAIN.exec(input);
  if (plain) return { major: Number(plain[1]), minor: Number(plain[2]), patch: Number(plain[3] ?? 0), pre: [], build: [] };
  const text = input.trim().replace(/^v/, "");
  const parts = text.split(".");
  const head = parts.length > 3 ? [parts[0]!, parts[1]!, parts.slice(2).join(".")] : parts;
  const trimmed = head.map((p) => {
    if (p.length <= 1) return p;
    const t = p.replace(/^0+/, "");
    return t === "" || !/^[0-9]/.test(t) ? `0${t}` : t;
  });
  if (trimmed.length < 3) {
    if (/[+-]/.test(trimmed[trimmed.length - 1]!)) return null;
    while (trimmed.length < 3) trimmed.push("0");
  }
  return parseStrict(trimmed.join("."));
}

function comparePre(a: PreRelease, b: PreRelease): number {
  if (a.numeric && b.numeric) return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.numeric !== b.numeric) return a.numeric ? -1 : 1;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** SemVer precedence: numbers, then a pre-release sorts before its release; build is ignored. */
export function compareVersions(a: Version, b: Version): number {
  for (const k of ["major", "minor", "patch"] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  if (!a.pre.length || !b.pre.length) return a.pre.length === b.pre.length ? 0 : a.pre.length ? -1 : 1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const c = comparePre(a.pre[i]!, b.pre[i]!);
    if (c) return c;
  }
  return a.pre.length === b.pre.length ? 0 : a.pre.length < b.pre.length ? -1 : 1;
}
