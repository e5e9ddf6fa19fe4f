import { createApp, createAppFromEnv } from "./app/register.js";

/** The Probot app, as `probot run` loads it (its environment read once, here); the wiring lives in app/. */
export { createApp };
export default createAppFromEnv(process.env);
