import { createApp } from "./app/register.js";

/** The Probot app, as `probot run` loads it; the wiring lives in app/. */
export { createApp };
export default createApp();
