// `npm run screenshots`: the README's pictures of a status comment and a reminder as they look on
// GitHub, taken from the demo's own output: the built demo runs, the two comment bodies it prints
// for #5343 are laid out as a GitHub comment, and Debian's headless Chromium photographs them.
// Nothing is downloaded; run it again whenever the comments' wording changes.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FEATURED } from "./seed.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT = join(ROOT, "docs/images");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const WIDTH = 900;

/** The body the demo printed after `#N  kep-tracker[bot] <what>:`, without its "│ " margin. */
export function printedBody(out: string, issue: number, what: string): string {
  const lines = out.split("\n");
  const start = lines.findIndex((l) => new RegExp(`^ {2}#${issue} +(\\*\\*)?kep-tracker\\[bot\\]\\1 ${what}:$`).test(l));
  if (start < 0) throw new Error(`the demo printed no "${what}" on #${issue}`);
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    const m = /^ {6}│ ?(.*)$/.exec(l);
    if (!m) break;
    body.push(m[1]!);
  }
  return body.join("\n");
}

const htmlEscape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One line of GitHub Markdown as the comments use it: code, bold, italics, links. */
function inline(text: string): string {
  return htmlEscape(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|\s)_([^_]+)_(?=\s|$|[.,;:])/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/(^|[\s(])(https:\/\/[^\s<)]+)/g, '$1<a href="$2">$2</a>');
}

/** The subset of GitHub Markdown the status comment and reminder are written in, as HTML. */
export function commentHtml(markdown: string): string {
  const html: string[] = [];
  let list = false;
  for (const raw of markdown.replace(/<!--[\s\S]*?-->\n?/g, "").split("\n")) {
    const item = /^- (\[([ x])\] )?(.*)$/.exec(raw);
    if (item && !list) html.push('<ul class="tasks">');
    if (!item && list) html.push("</ul>");
    list = !!item;
    if (item) {
      const box = item[1] ? `<input type="checkbox" disabled${item[2] === "x" ? " checked" : ""}> ` : "";
      html.push(`<li${item[1] ? ' class="task"' : ""}>${box}${inline(item[3]!)}</li>`);
    } else if (raw.trim()) html.push(`<p>${inline(raw)}</p>`);
  }
  if (list) html.push("</ul>");
  return html.join("\n");
}

const STYLE = `
body { margin: 0; padding: 16px; background: #fff; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: #1f2328; }
.comment { border: 1px solid #d0d7de; border-radius: 6px; }
.head { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; border-radius: 6px 6px 0 0; color: #59636e; }
.head b { color: #1f2328; } .bot { border: 1px solid #d0d7de; border-radius: 2em; padding: 0 7px; font-size: 12px; margin: 0 4px; }
.body { padding: 4px 16px 8px; } p { margin: 0 0 10px; } ul { margin: 0 0 10px; padding-left: 2em; }
ul.tasks li.task { list-style: none; margin-left: -1.6em; } a { color: #0969da; text-decoration: none; }
code { background: rgba(175,184,193,0.2); border-radius: 6px; padding: 0.2em 0.4em; font: 85% ui-monospace, "DejaVu Sans Mono", monospace; }
input { margin: 0 0.3em 0.2em 0; vertical-align: middle; }`;

function page(markdown: string, what: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><div class="comment">
<div class="head"><b>kep-tracker</b><span class="bot">bot</span> ${what}</div>
<div class="body">${commentHtml(markdown)}</div></div></body></html>`;
}

/** The page's height in pixels, from its lines: a list item 21, a paragraph 31, a line past about 110 characters wraps. */
function pageHeight(markdown: string): number {
  const lines = markdown.split("\n").filter((l) => l.trim() && !l.startsWith("<!--"));
  return 80 + lines.reduce((h, l) => h + (l.startsWith("- ") ? 21 : 31) + 21 * Math.floor(l.length / 110), 0);
}

/** Photographs `html` with headless Chromium into `png`, `height` pixels high. */
function screenshot(html: string, png: string, height: number): void {
  const dir = mkdtempSync(join(tmpdir(), "kep-tracker-shot-"));
  try {
    const file = join(dir, "page.html");
    writeFileSync(file, html);
    const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
    args.push("--disable-sync", "--no-first-run", "--hide-scrollbars", `--user-data-dir=${join(dir, "profile")}`);
    args.push(`--window-size=${WIDTH},${height}`, `--screenshot=${png}`, `file://${file}`);
    const run = spawnSync(CHROMIUM, args, { encoding: "utf8", timeout: 60_000 });
    if (run.status !== 0) throw new Error(`${CHROMIUM} failed (${run.status}): ${run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  // With colours the demo prints bold as bold: taken back to Markdown's ** here, the rest of the styling dropped.
  const env = { PATH: process.env.PATH, FORCE_COLOR: "1" };
  const demo = spawnSync(process.execPath, [join(ROOT, "dist/demo/main.js")], { encoding: "utf8", env });
  if (demo.status !== 0) throw new Error(`the demo failed: ${demo.stderr}`);
  // A headless Debian has no emoji font: the greeting's wave would be an empty box.
  const esc = String.fromCharCode(27);
  const printed = demo.stdout
    .replace(new RegExp(`${esc}\\[1m(.*?)${esc}\\[22m`, "g"), "**$1**")
    .replace(new RegExp(`${esc}\\[\\d+m`, "g"), "")
    .replace(/ \u{1F44B}/gu, "");
  mkdirSync(OUT, { recursive: true });
  const shots = [
    { name: "status-comment", what: "posted the status comment", caption: "commented" },
    { name: "reminder", what: "posted a reminder", caption: "commented" },
  ];
  for (const s of shots) {
    const body = printedBody(printed, FEATURED.provisional, s.what);
    const png = join(OUT, `${s.name}.png`);
    screenshot(page(body, s.caption), png, pageHeight(body));
    process.stdout.write(`wrote ${png}\n`);
  }
}

main();
