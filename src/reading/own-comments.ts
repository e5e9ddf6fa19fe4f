import { STATUS_MARKER } from "./markers.js";

/**
 * Which comments are the App's own: only those can be its status comment, its
 * reminders, or carry markers it reads back. A comment is the App's when its author has the
 * App's login AND is of the right kind: a Bot for an App ("<slug>[bot]"; GraphQL `__typename`
 * "Bot", REST `user.type` "Bot"), a User for a personal token's login (the sweep with
 * GITHUB_TOKEN). A person whose login equals the App's slug is a User, so never the App.
 */

/** A comment on an issue, as both the webhook and the sweep read it; `bot`: its author is a Bot. */
export type IssueComment = { id: number; author: string; bot: boolean; body: string };

/** "kep-tracker[bot]" and "kep-tracker" are the same author: REST and GraphQL spell bots differently. */
export const sameLogin = (a: string, b: string) => a.replace(/\[bot\]$/, "").toLowerCase() === b.replace(/\[bot\]$/, "").toLowerCase();

/** An App's login ends with "[bot]"; any other login is a user's (a personal token). */
const isAppLogin = (login: string) => login.endsWith("[bot]");

/** Whether the comment was written by `ownLogin`: the same login, and a Bot exactly when that login is an App's. */
export const isOwnComment = (c: IssueComment, ownLogin: string): boolean => sameLogin(c.author, ownLogin) && c.bot === isAppLogin(ownLogin);

/** The comments written by `ownLogin`, in the order given. */
export const ownComments = (comments: IssueComment[], ownLogin: string): IssueComment[] =>
  comments.filter((c) => isOwnComment(c, ownLogin));

/** The App's status comments on an issue, oldest first. */
export function statusComments(comments: IssueComment[], botLogin: string): IssueComment[] {
  return ownComments(comments, botLogin)
    .filter((c) => c.body.includes(STATUS_MARKER))
    .sort((a, b) => a.id - b.id);
}
