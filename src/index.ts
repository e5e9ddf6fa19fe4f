import type { Probot } from "probot";

/**
 * The Probot app. Webhook handlers arrive with the tracking features; for now
 * the App starts, answers Probot's health and setup routes, and logs that it
 * is loaded.
 */
export default function app(probot: Probot): void {
  probot.log.info("kep-tracker loaded");
}
