import type { FakeGitHub } from "../../fake-github/server.js";
import { forwardAsProwHook, sendWebhook } from "../../fake-github/webhooks.js";

/**
 * The two ways kep-tracker is deployed to receive events: the GitHub App (GitHub's deliveries, each
 * with its installation; it acts as "<slug>[bot]") and the Prow external plugin (deliveries as Prow's
 * hook forwards them, without an installation; it acts as a robot account's token, the fake's viewer).
 * Scenario tests run in both, with the same assertions.
 */
export type Mode = "app" | "plugin";
export const MODES: readonly Mode[] = ["app", "plugin"];

/** The secret deliveries are signed with: the App's WEBHOOK_SECRET, or the hmac secret hook and the plugin share. */
export const DELIVERY_SECRET = "test-secret";
/** The robot's token the plugin reads from --github-token-path: any token that is not an installation's acts as the fake's viewer. */
export const ROBOT_TOKEN = "robot-token";

/** The login kep-tracker's comments carry in this mode on this fake. */
export const ownLogin = (mode: Mode, fake: FakeGitHub): string => (mode === "app" ? `${fake.world.app.slug}[bot]` : fake.world.viewer);

/** One delivery to `url`, as GitHub sends it to the App or as hook forwards it to the plugin. */
export function deliverIn(mode: Mode, url: string, event: string, payload: object): Promise<{ status: number; body: string }> {
  return mode === "app" ? sendWebhook(url, DELIVERY_SECRET, event, payload) : forwardAsProwHook(url, DELIVERY_SECRET, event, payload);
}
