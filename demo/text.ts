// Markdown as a terminal shows it: the App's comments without their hidden
// markers, bold as bold (or plain when the output is not a terminal), and the
// lines that changed between two versions of a comment.

export type Style = { bold: (s: string) => string; dim: (s: string) => string; red: (s: string) => string; green: (s: string) => string };

const ansi = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
export const COLOURS: Style = { bold: ansi(1, 22), dim: ansi(2, 22), red: ansi(31, 39), green: ansi(32, 39) };
export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s };

/** Colours on a terminal or with FORCE_COLOR, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(isTTY: boolean | undefined, env: Record<string, string | undefined>): Style {
  return (isTTY || !!env.FORCE_COLOR) && !env.NO_COLOR ? COLOURS : PLAIN;
}

/** A comment's lines as a reader sees them on GitHub: hidden markers gone, a folded section's summary as its heading, no run of blank lines. */
export function visibleLines(body: string, style: Style): string[] {
  const text = body
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<\/?sub>/g, "")
    .replace(/<details>\s*<summary>([^<\n]*)<\/summary>/g, "$1:")
    .replace(/<\/details>/g, "")
    .replace(/\*\*([^*\n]+)\*\*/g, (_, s: string) => style.bold(s));
  const lines = text.split("\n").map((l) => l.trimEnd());
  const out: string[] = [];
  for (const line of lines) if (line !== "" || (out.length > 0 && out.at(-1) !== "")) out.push(line);
  while (out.at(-1) === "") out.pop();
  return out;
}

/** Lines prefixed for a quoted block under an event line. */
export const quoted = (lines: string[], bar: string) => lines.map((l) => `${bar}${l}`);

/**
 * The lines removed ("-") and added ("+") from `before` to `after`, in order,
 * by the longest common subsequence (comments are a few dozen lines).
 */
export function changedLines(before: string[], after: string[]): Array<{ sign: "-" | "+"; line: string }> {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: Array<{ sign: "-" | "+"; line: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push({ sign: "-", line: before[i++]! });
    else out.push({ sign: "+", line: after[j++]! });
  }
  return out;
}
