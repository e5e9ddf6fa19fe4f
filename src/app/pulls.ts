import type { Context } from "probot";
import { pullRequestFilesAsRead } from "../github/pull-requests/pr-files.js";
import { statusOf } from "../github/responses.js";
import { errorMessage } from "../util/narrow.js";
import { kepNumbersOf, refreshEach } from "./push.js";
import type { RefreshDeps } from "./refresh.js";

/**
 * A pull_request event: the tracking issues of the KEPs the PR changes are
 * evaluated again (an open PR counts for the PRR freeze and the stage).
 * GitHub failing to list the files (5xx, after Octokit's retries) is no
 * reason to drop the KEPs it did list; the sweep reads every open PR's files
 * again. Anything else (a 404, a 403) fails the event as it always did.
 */
export async function onPullRequest(context: Context<"pull_request">, deps: RefreshDeps): Promise<void> {
  const number = context.payload.pull_request.number;
  const { files, failed } = await pullRequestFilesAsRead(context.octokit, context.repo(), number);
  if (failed && (statusOf(failed) ?? 0) < 500) throw failed;
  if (failed) {
    const listed = files.length;
    context.log.warn(
      { pull: number, filesListed: listed, err: errorMessage(failed) },
      `#${number}: GitHub did not list all its files; the KEPs among the ${listed} listed are evaluated now, any others at the next sweep`,
    );
  }
  await refreshEach(deps, kepNumbersOf(files));
}
