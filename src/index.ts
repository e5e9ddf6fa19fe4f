import { createApp } from "./app/register.js";
import { dryRunFromEnv } from "./github/writes.js";

/** The Probot app, as `probot run` loads it (DRY_RUN read here, once); the wiring lives in app/. */
export { createApp };
export default createApp({ dryRun: dryRunFromEnv(process.env) });
