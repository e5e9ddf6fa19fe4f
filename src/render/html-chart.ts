/**
 * A horizontal bar chart as inline SVG, for the release page: one labelled bar per count, sized to
 * the largest, readable on a phone (the SVG scales to the page's width). Escaped; pure.
 */

export type Bar = { label: string; count: number; tone: Tone };
export type Tone = "tracked" | "risk" | "exception" | "out" | "stage";

export const TONES: Record<Tone, string> = {
  tracked: "#1a7f37",
  risk: "#cf222e",
  exception: "#8250df",
  out: "#6e7781",
  stage: "#0969da",
};

/** Text for HTML content and attribute values alike. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** The tone of a status in any release's words. */
export function toneOf(status: string): Tone {
  const s = status.toLowerCase();
  if (s.startsWith("tracked")) return "tracked";
  if (s.startsWith("at risk")) return "risk";
  if (s.startsWith("exception")) return "exception";
  return "out";
}

const ROW = 38;
const WIDTH = 360;

/** The chart: a title for screen readers, each bar with its label above it and its count after it. */
export function barChart(title: string, bars: readonly Bar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const height = bars.length * ROW + 4;
  const rows = bars.map((b, i) => {
    const y = i * ROW;
    const w = Math.max(2, Math.round((b.count / max) * (WIDTH - 48)));
    return (
      `<text x="0" y="${y + 14}" class="bar-label">${escapeHtml(b.label)}</text>` +
      `<rect x="0" y="${y + 19}" width="${w}" height="14" rx="2" fill="${TONES[b.tone]}"/>` +
      `<text x="${w + 6}" y="${y + 31}" class="bar-count">${b.count}</text>`
    );
  });
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(title)}</title>${rows.join("")}</svg>`
  );
}
