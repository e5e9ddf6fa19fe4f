import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { commentEvent, forwardAsProwHook, issuesEvent } from "../../fake-github/webhooks.js";
import type { FakeIssue } from "../../fake-github/world.js";
import { STATUS_MARKER } from "../../src/reading/markers.js";
import { burstIssue } from "../helpers/burst.js";
import { APP_SEED, fixtureRepo } from "../helpers/fake.js";
import { DELIVERY_SECRET } from "../helpers/modes.js";
import { type ServerProcess, startServerProcess, until } from "../helpers/server-process.js";

// `kep-tracker plugin` as a real process, behind a Prow hook played by the test: deliveries without an
// installation, `User-Agent: ProwHook`, signed with the hmac secret; GitHub is the fake, and the token
// is the robot's (the fake's viewer, "release-bot").

/** A Prow reply by the same robot: no kep-tracker marker, so never kep-tracker's. */
const PROW_REPLY = "[APPROVALNOTIFIER] This PR is **NOT APPROVED**\n\n<details>Needs approval from an approver.</details>";

const issues = {
  labeled: { ...burstIssue(), number: 3541 },
  track: { ...burstIssue(), number: 4001, title: "KEP-3541 to track", labels: ["lead-opted-in", "sig/apps"], milestone: null },
  relabeled: { ...burstIssue(), number: 4003, title: "KEP-3541 labelled by Prow" },
  prow: {
    ...burstIssue(),
    number: 4002,
    title: "KEP-3541 with a Prow reply",
    comments: [{ id: 3_000_000_001, author: "release-bot", body: PROW_REPLY }],
  },
} satisfies Record<string, FakeIssue>;

let fake: FakeGitHub;
let plugin: ServerProcess;
const robot = () => fake.world.viewer;
const requests = () => fake.stats().reads + fake.stats().writes;
const statusComments = (issue: FakeIssue) => issue.comments.filter((c) => c.body.startsWith(STATUS_MARKER));

beforeAll(async () => {
  fake = await startFakeGitHub({ repos: [fixtureRepo(Object.values(issues))], ...APP_SEED });
  plugin = await startServerProcess(new URL(fake.url).host, { KEP_TRACKER_THROTTLE: "off" }, "plugin");
  // Ready: GitHub (the fake) said whose token it is.
  await until(async () => (await fetch(`${plugin.url}/readyz`)).status === 200, 60_000, `ready\n${plugin.output()}`);
}, 90_000);

afterAll(async () => {
  plugin?.kill();
  await fake?.close();
});

describe("kep-tracker as a Prow external plugin", { timeout: 90_000 }, () => {
  it("answers a labeled event forwarded by hook with one status comment, by the token's user", async () => {
    const repo = fake.world.repos[0]!;
    const payload = issuesEvent(fake.world, repo, issues.labeled, "labeled", "sig-apps-lead", { label: { name: "stage/alpha" } });
    const res = await plugin.deliver("issues", payload);
    expect(res.status, plugin.output()).toBe(200);
    expect(statusComments(issues.labeled).map((c) => c.author)).toEqual([robot()]);
    // The same event again (hook retries): the comment is edited if anything, never posted twice.
    await plugin.deliver("issues", payload);
    expect(statusComments(issues.labeled)).toHaveLength(1);
    expect(fake.stats().unexpected).toEqual([]);
  });

  it("runs /track from a member of the trackers team: tracked/yes, the milestone, a 👍 and the status comment", async () => {
    const repo = fake.world.repos[0]!;
    const payload = commentEvent(fake.world, repo, issues.track, "enhancements-shadow", "/track");
    expect((await plugin.deliver("issue_comment", payload)).status, plugin.output()).toBe(200);
    expect(issues.track.labels).toContain("tracked/yes");
    expect(issues.track.milestone).toMatchObject({ title: "v1.37" });
    const command = issues.track.comments.find((c) => c.body === "/track")!;
    expect(command.reactions).toEqual(["+1"]);
    expect(statusComments(issues.track).map((c) => c.author)).toEqual([robot()]);
  });

  it("refuses a delivery whose signature is not the hmac secret's with 401, before any GitHub request", async () => {
    const repo = fake.world.repos[0]!;
    const before = requests();
    const payload = issuesEvent(fake.world, repo, issues.labeled, "labeled", "sig-apps-lead", { label: { name: "stage/alpha" } });
    const res = await forwardAsProwHook(plugin.webhooks, "not-the-hmac-secret", "issues", payload);
    expect(res.status).toBe(401);
    // A signature computed over another body fails the same way.
    const body = JSON.stringify({ ...payload, installation: undefined });
    const signature = `sha256=${createHmac("sha256", DELIVERY_SECRET).update(`${body} `).digest("hex")}`;
    const forged = await fetch(plugin.webhooks, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-github-event": "issues",
        "x-github-delivery": "forged",
        "x-hub-signature-256": signature,
      },
    });
    expect(forged.status).toBe(401);
    expect(requests()).toBe(before);
  });

  it("answers POST /help with Prow's pluginhelp.PluginHelp JSON listing /track, /untrack and /kep-status; other methods 405", async () => {
    const res = await fetch(`${plugin.url}/help`, {
      method: "POST",
      body: JSON.stringify([
        { Org: "kubernetes", Repo: "enhancements" },
        { Org: "kubernetes", Repo: "nowhere" },
      ]),
    });
    expect(res.status).toBe(200);
    const help: unknown = await res.json();
    expect(help).toEqual({
      Description: expect.any(String),
      Config: expect.objectContaining({ "": expect.any(String), "kubernetes/enhancements": expect.any(String) }),
      Events: ["issues", "issue_comment", "pull_request", "push"],
      Commands: expect.any(Array),
    });
    const { Commands, Config } = help as { Commands: Array<Record<string, unknown>>; Config: Record<string, string> };
    for (const c of Commands) {
      expect(Object.keys(c).sort()).toEqual(["Description", "Examples", "Featured", "Usage", "WhoCanUse"]);
      expect(c).toMatchObject({
        Usage: expect.any(String),
        Featured: false,
        Description: expect.any(String),
        WhoCanUse: expect.any(String),
      });
      expect((c.Examples as unknown[]).every((e) => typeof e === "string")).toBe(true);
    }
    expect(Commands.map((c) => String(c.Usage).split(" ")[0])).toEqual(["/track", "/untrack", "/kep-status", "/kep-docs"]);
    // Who may /track there, from the repository's own configuration: the teams Prow's restricted_labels names for tracked/*.
    expect(Config["kubernetes/enhancements"]).toMatch(/v1\.37.*release-team-enhancements, team release-team-leads/);
    expect(Config["kubernetes/nowhere"]).toMatch(/GitHub did not give it|there is none/);
    for (const method of ["GET", "PUT"]) expect((await fetch(`${plugin.url}/help`, { method })).status).toBe(405);
  });

  it("evaluates a label the same robot set (Prow's /label acts as it), rather than taking it for its own echo", async () => {
    const repo = fake.world.repos[0]!;
    const payload = issuesEvent(fake.world, repo, issues.relabeled, "labeled", robot(), { label: { name: "lead-opted-in" } });
    expect((await plugin.deliver("issues", payload)).status).toBe(200);
    expect(statusComments(issues.relabeled).map((c) => c.author)).toEqual([robot()]);
  });

  it("never edits, deletes or adopts a comment by the same robot that is not kep-tracker's, nor takes commands from it", async () => {
    const repo = fake.world.repos[0]!;
    const labeled = issuesEvent(fake.world, repo, issues.prow, "labeled", "sig-apps-lead", { label: { name: "stage/alpha" } });
    expect((await plugin.deliver("issues", labeled)).status).toBe(200);
    // A Prow reply that quotes a command, as its help does.
    const echo = commentEvent(fake.world, repo, issues.prow, robot(), "Prow's commands:\n/kep-status\n");
    const writesBefore = fake.stats().writes;
    expect((await plugin.deliver("issue_comment", echo)).status).toBe(200);
    expect(fake.stats().writes).toBe(writesBefore);
    expect(issues.prow.comments[0]).toEqual({ id: 3_000_000_001, author: robot(), body: PROW_REPLY });
    expect(statusComments(issues.prow)).toHaveLength(1);
    expect(statusComments(issues.prow)[0]!.id).not.toBe(3_000_000_001);
    // Refreshed again: still its own comment edited (or left), the Prow reply untouched.
    expect((await plugin.deliver("issues", labeled)).status).toBe(200);
    expect(issues.prow.comments.filter((c) => c.author === robot())).toHaveLength(3);
    expect(issues.prow.comments[0]!.body).toBe(PROW_REPLY);
  });
});
