import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/fixtures.js";
import { freePort } from "../helpers/ports.js";

describe("npm start with no credentials", () => {
  it("serves Probot's setup page for kep-tracker instead of crashing", { timeout: 60_000 }, async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", NO_SMEE_SETUP: "true", LOG_FORMAT: "json" };
    delete env.APP_ID;
    delete env.PRIVATE_KEY;
    delete env.PRIVATE_KEY_PATH;
    // What `npm start` runs.
    const child = spawn(process.execPath, [join(ROOT, "dist/src/server/main.js")], { cwd: ROOT, env });
    try {
      let log = "";
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "Listening" within 15 s:\n${log}`)), 15_000);
        const onData = (d: Buffer) => {
          log += d.toString();
          if (log.includes("Listening on")) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.on("exit", (code) => reject(new Error(`exited ${code}:\n${log}`)));
      });
      const res = await fetch(`http://127.0.0.1:${port}/probot`);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain("Setup kep-tracker");
      // What is registered: the webhook path the server listens on (on a host GitHub can reach), and a homepage about the App.
      const manifest = JSON.parse(/name="manifest" id="manifest" value='([^']*)'/.exec(page)?.[1]?.replace(/&quot;/g, '"') ?? "{}");
      expect(manifest.hook_attributes.url).toMatch(/^https:\/\/[^/]+\/api\/github\/webhooks$/);
      expect(manifest.url).not.toBe("https://github.com/kubernetes/enhancements");
      expect(log).toContain("setup mode");
    } finally {
      child.kill();
    }
  });
});
