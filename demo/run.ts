// One run of the demo: the fake GitHub seeded with the real v1.37 KEPs, the
// App's server answering its webhooks, the story's scenes in order, then the
// report. Everything listens on loopback and is stopped before it returns.
import { startFakeGitHub } from "../fake-github/server.js";
import { forwardWebhooks } from "../fake-github/webhooks.js";
import { parseConfigText } from "../src/config/config.js";
import { startApp, throwawayCredentials } from "./app.js";
import { cli } from "./cli-runs.js";
import { pace } from "./pace.js";
import { people } from "./people.js";
import { createPrinter, othersLine } from "./printer.js";
import { CONFIG, demoSeed, FEATURED_NUMBERS, OWNER, REPO } from "./seed.js";
import { SCENES, type StoryContext } from "./story.js";
import type { Style } from "./text.js";

export type DemoOptions = {
  /** When the story starts (the App's and the sweep's clock). */
  now: Date;
  step: boolean;
  delayMs: number;
  stdin: NodeJS.ReadStream;
  write: (line: string) => void;
  warn: (line: string) => void;
  style: Style;
  logLevel: string;
  /** The report as a terminal table, or as the command's Markdown. */
  reportFormat: "table" | "md";
};

const HOUR_MS = 3_600_000;
const FREEZES = ["enhancements-freeze", "code-freeze", "docs-freeze"] as const;
const DAY_MS = 24 * HOUR_MS;

/**
 * The freeze the story leads up to (enhancements freeze, or the next one after it
 * when the story starts later) and when the sweep runs: just inside the nearest
 * reminder before it, and never before the other scenes (a day after the start).
 */
export function freezeAhead(start: Date): StoryContext["freeze"] {
  const parsed = parseConfigText(CONFIG);
  if (!parsed.ok) throw new Error("the demo's configuration is invalid");
  const { deadlines } = parsed.config.schedule;
  const nearest = Math.min(...parsed.config.reminders.daysBefore);
  const earliest = start.getTime() + DAY_MS + HOUR_MS;
  for (const freeze of FREEZES) {
    const at = deadlines[freeze]?.at.getTime();
    if (at === undefined) continue;
    const sweepAt = Math.max(at - nearest * DAY_MS + HOUR_MS, earliest);
    if (sweepAt < at) return { deadline: freeze, at: new Date(at), sweepAt: new Date(sweepAt) };
  }
  return { deadline: null, at: null, sweepAt: new Date(earliest) };
}

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The servers of one run, stopped by close(). */
async function startWorld(opts: DemoOptions, clock: { now: Date }) {
  const world = demoSeed();
  const fake = await startFakeGitHub(world.seed);
  const credentials = throwawayCredentials();
  const app = await startApp({ githubUrl: fake.url, credentials, now: () => clock.now, logLevel: opts.logLevel });
  const runs = cli({ githubUrl: fake.url, credentials, repo: `${OWNER}/${REPO}` });
  const close = async () => {
    runs.close();
    await app.close();
    await fake.close();
  };
  return { world, fake, credentials, app, runs, close };
}

export async function runDemo(opts: DemoOptions): Promise<number> {
  const started = performance.now();
  const { write, style } = opts;
  const clock = { now: opts.now };
  const { world, fake, credentials, app, runs, close } = await startWorld(opts, clock);
  const pauses = pace({ step: opts.step, delayMs: opts.delayMs, stdin: opts.stdin });
  try {
    const featured = new Set(FEATURED_NUMBERS);
    const botLogin = `${world.seed.app!.slug}[bot]`;
    const printer = createPrinter({ write, style, featured: (n) => featured.has(n), isApp: (login) => login === botLogin });
    fake.world.onChange(printer.onChange);
    // A board line gathers an item's changes until anything else is written.
    const say = (line: string) => {
      printer.flush();
      write(line);
    };
    const target = { url: app.webhookUrl, secret: credentials.webhookSecret };
    const forwarding = forwardWebhooks(fake.world, target);
    const ctx: StoryContext = {
      world: fake.world,
      repo: world.repo,
      board: world.board,
      people: people(fake.world, world.repo),
      cli: runs,
      app: target,
      fixedKep: world.fixedKep,
      freeze: freezeAhead(opts.now),
      featured: (n) => featured.has(n),
      reportFormat: opts.reportFormat,
      style,
      settle: () => forwarding.settled(),
      say,
      warn: opts.warn,
    };
    write(style.bold(`kep-tracker demo: the App at work on ${OWNER}/${REPO}, against a fake GitHub on loopback`));
    write(
      `${world.issues} tracking issues, one for each real KEP of test/fixtures that targets v1.37; the story follows ${featured.size} of them`,
    );
    write(`(${[...featured].map((n) => `#${n}`).join(", ")}) and counts what happens on the others.`);
    for (const [i, scene] of SCENES.entries()) {
      if (i > 0) await pauses.between();
      clock.now = scene.at(ctx, opts.now);
      write("");
      write(style.bold(`── ${i + 1}. ${when(clock.now)} · ${scene.title(ctx)} ──`));
      for (const line of scene.intro(ctx)) write(style.dim(line));
      write("");
      await scene.play(ctx, clock.now);
      await forwarding.settled();
      const others = othersLine(world.issues - featured.size, printer.takeOthers());
      if (others) say(`  ${others}`);
      printer.flush();
    }
    return finish(opts, { started, stats: fake.stats(), deliveries: await app.deliveries(), failures: forwarding.failures });
  } finally {
    pauses.close();
    await close();
  }
}

type Outcome = {
  started: number;
  stats: { reads: number; writes: number; unexpected: string[] };
  deliveries: Record<string, number>;
  failures: string[];
};

/** The closing line, and exit status 1 when anything went wrong behind the story. */
function finish(opts: DemoOptions, o: Outcome): number {
  const seconds = ((performance.now() - o.started) / 1000).toFixed(1);
  opts.write("");
  const total = Object.values(o.deliveries).reduce((a, b) => a + b, 0);
  const outcomes = Object.entries(o.deliveries)
    .map(([outcome, n]) => `${n} ${outcome}`)
    .join(", ");
  opts.write(
    `Done in ${seconds} s. The App's server took ${total} signed webhook deliveries (${outcomes}), the App's own writes echoed back included;`,
  );
  opts.write(
    `the fake GitHub served ${o.stats.reads} reads and ${o.stats.writes} writes, every GraphQL document checked against GitHub's published schema.`,
  );
  for (const u of o.stats.unexpected) opts.warn(`unexpected on the fake GitHub: ${u}`);
  for (const f of o.failures) opts.warn(`a webhook delivery failed: ${f}`);
  return o.stats.unexpected.length || o.failures.length ? 1 : 0;
}
