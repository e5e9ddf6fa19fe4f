import type { IssueComment } from "../reading/own-comments.js";
import { statusComments } from "../reading/own-comments.js";
import type { SweepContext } from "./context.js";

/**
 * An issue's comments before the last 100 a page or search gave, read back
 * to the page holding the App's status comment (or to the first comment):
 * null, logged, when GitHub did not give them, so the issue is left as it is
 * (without them its status comment might be posted twice, or missed).
 */
export async function commentsBackToStatus(ctx: SweepContext, number: number, cursor: string): Promise<IssueComment[] | null> {
  try {
    return await ctx.opts.reader.earlierComments(number, cursor, (page) => statusComments(page, ctx.login).length > 0);
  } catch (e) {
    ctx.opts.log.warn({ issue: number, err: e }, `#${number} left as it is: could not read its earlier comments; the next run retries`);
    return null;
  }
}
