import { STATUS_MARKER } from "./markers.js";

/** A comment on an issue, as both the webhook and the sweep read it. */
export type IssueComment = { id: number; author: string; body: string };

/** "kep-tracker[bot]" and "kep-tracker" are the same author: REST and GraphQL spell bots differently. */
export const sameLogin = (a: string, b: string) => a.replace(/\[bot\]$/, "").toLowerCase() === b.replace(/\[bot\]$/, "").toLowerCase();

/** The App's status comments on an issue, oldest first. */
export function statusComments(comments: IssueComment[], botLogin: string): IssueComment[] {
  return comments.filter((c) => sameLogin(c.author, botLogin) && c.body.includes(STATUS_MARKER)).sort((a, b) => a.id - b.id);
}
