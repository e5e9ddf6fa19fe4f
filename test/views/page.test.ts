import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/fixtures.js";
import { demoOnFake } from "./demo-data.js";

/** Debian's chromium package; CI installs it (.ci/run). */
const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Set to write the phone screenshot that docs/using.md and the README show. */
const UPDATE = process.env.KEP_TRACKER_UPDATE_SCREENSHOT === "1";

const HOSTILE = `<script>document.title="pwned"</script><img src=x onerror=alert(1)> & "quotes" @someone`;
const demo = demoOnFake({ 2033: HOSTILE });
const tmp = mkdtempSync(join(tmpdir(), "kep-tracker-page-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Headless Chromium as Debian ships it, on a profile of its own, with nothing that reaches the network by itself. */
async function chromium(...args: string[]): Promise<string> {
  const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    `--user-data-dir=${mkdtempSync(join(tmp, "profile-"))}`,
  ];
  const { stdout } = await promisify(execFile)(CHROMIUM, [...flags, ...args], { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (png: Buffer) => ({ png: png.subarray(1, 4).toString(), width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe("report --format html, on the demo's v1.37 data", { timeout: 180_000 }, () => {
  let page = "";

  it("is one self-contained page that writes nothing and fetches nothing", async () => {
    demo.fake.reset();
    const run = await demo.run("report", "--format", "html");
    expect(run.status).toBe(0);
    expect(demo.fake.stats()).toMatchObject({ writes: 0, unexpected: [] });
    page = run.out;
    writeFileSync(join(tmp, "release.html"), page);
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    // Nothing to load: no script, stylesheet, image, frame or font; links only to navigate.
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b|url\(|@import/i);
    expect(page).toContain("&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp;");
  });

  it.skipIf(!HAVE_CHROMIUM)(
    `renders in Chromium: charts, the KEPs at risk first, each SIG's slice, each KEP's checklist${HAVE_CHROMIUM ? "" : ` (skipped: ${CHROMIUM} is absent; apt-get install chromium)`}`,
    async () => {
      const dom = await chromium("--dump-dom", `file://${join(tmp, "release.html")}`);
      expect(dom).toContain("<title>v1.37 enhancements tracking, kubernetes/enhancements</title>");
      // The hostile title is text, not an element: no script ran, no image was made.
      expect(dom).not.toMatch(/<script|<img/);
      expect(dom).toContain('&lt;script&gt;document.title="pwned"&lt;/script&gt;');
      // By hand (report-views.test.ts): 84 tracked, 4 at risk for enhancements freeze, 3 past PRR freeze.
      expect(dom).toMatch(/<text[^>]*>Tracked for enhancements freeze<\/text><rect[^>]*\/?>(<\/rect>)?<text[^>]*>84<\/text>/);
      expect(dom).toMatch(/<text[^>]*>Alpha<\/text><rect[^>]*\/?>(<\/rect>)?<text[^>]*>37<\/text>/);
      const atRisk = /<section id="at-risk"><h2>At risk \(7\)<\/h2>([\s\S]*?)<\/section>/.exec(dom)?.[1] ?? "";
      expect([...atRisk.matchAll(/<article class="kep" id="kep-(\d+)">/g)].map((m) => Number(m[1]))).toEqual([
        1432, 4939, 5343, 5958, 5975, 5978, 6080,
      ]);
      expect(dom.indexOf('id="at-risk"')).toBeLessThan(dom.indexOf('id="sigs"'));
      expect(dom).toContain("<summary>sig-node: 32 KEPs, 2 at risk</summary>");
      expect(dom.match(/<details class="sig"/g)).toHaveLength(12);
      expect(dom.match(/<article class="kep"/g)).toHaveLength(91 + 7);
      expect(dom).toMatch(
        /id="kep-5978"[\s\S]*?<li class="todo">kep\.yaml status is implementable \(merged\): <em>set `status: implementable`/,
      );
    },
  );

  it.skipIf(!HAVE_CHROMIUM)(
    `fits a phone: a screenshot at 390 × 844${HAVE_CHROMIUM ? "" : ` (skipped: ${CHROMIUM} is absent)`}`,
    async () => {
      const shot = UPDATE ? join(ROOT, "docs/release-page.png") : join(tmp, "phone.png");
      mkdirSync(join(shot, ".."), { recursive: true });
      await chromium(`--screenshot=${shot}`, "--window-size=390,844", "--hide-scrollbars", `file://${join(tmp, "release.html")}`);
      expect(pngSize(readFileSync(shot))).toEqual({ png: "PNG", width: 390, height: 844 });
    },
  );
});
