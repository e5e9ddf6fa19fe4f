/**
 * The demo's v1.37 data on the fake GitHub, for the release team's views: the 92 real KEPs of the
 * fixtures with their tracking issues and the v1.37 board, where Enhancements Contacts are filled
 * in as the team would (the demo's own jenshu on #5554, lauralorenz on five KEPs), and one item
 * whose board SIG disagrees with its kep.yaml. The CLI runs in process with a token whose user is
 * lauralorenz.
 */
import { afterAll, beforeAll } from "vitest";
import { demoSeed } from "../../demo/seed.js";
import { addItem, setValue } from "../../fake-github/projects.js";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { main } from "../../src/cli/main.js";
import { bufferIo } from "../helpers/io.js";
import { tempCacheDir } from "../helpers/sweep.js";

/** Between PRR freeze (10 June 12:00 UTC) and enhancements freeze (17 June 12:00 UTC). */
export const NOW = "2026-06-15T13:00:00Z";
export const CONTACT = "lauralorenz";
/** Her KEPs, by hand: two past PRR freeze with items unmet, two at risk for enhancements freeze, one tracked. */
export const HERS = { missed: [4939, 5958], atRisk: [5343, 5978], tracked: [2033] } as const;
/** A sig-network KEP (#5343's kep.yaml) whose board SIG a person set to sig-node. */
export const BOARD_SIG_DISAGREES = 5343;

export type DemoRun = { status: number; out: string; err: string };

/** `titles`: issue titles to change (someone's words, for the escaping tests). */
export function demoOnFake(titles: Record<number, string> = {}): {
  readonly fake: FakeGitHub;
  run: (...args: string[]) => Promise<DemoRun>;
} {
  let fake: FakeGitHub | undefined;
  const cacheDir = tempCacheDir();
  beforeAll(async () => {
    const world = demoSeed();
    const repo = { owner: world.repo.owner, repo: world.repo.name };
    for (const n of Object.values(HERS).flat())
      setValue(world.board, addItem(world.board, { ...repo, number: n }), "Enhancements Contact", CONTACT);
    setValue(world.board, addItem(world.board, { ...repo, number: BOARD_SIG_DISAGREES }), "SIG", "sig-node");
    for (const issue of world.repo.issues) issue.title = titles[issue.number] ?? issue.title;
    fake = await startFakeGitHub({ ...world.seed, viewer: CONTACT });
  });
  afterAll(async () => {
    await fake?.close();
  });
  const started = () => {
    if (!fake) throw new Error("demoOnFake: used outside its describe block");
    return fake;
  };
  return {
    get fake() {
      return started();
    },
    run: async (...args: string[]) => {
      const io = bufferIo();
      const env = { GITHUB_TOKEN: "test-token", GITHUB_API_URL: started().url, KEP_TRACKER_THROTTLE: "off" };
      const status = await main([...args, "--repo", "kubernetes/enhancements", "--now", NOW, "--cache-dir", cacheDir], io, env);
      return { status, out: io.out(), err: io.err() };
    },
  };
}
