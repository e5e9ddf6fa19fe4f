import type { Probot } from "probot";

type Logger = Probot["log"];

/**
 * An error as a log line shows it, without the `event` @octokit/webhooks attaches to a failed
 * handler's error: that is the whole delivery, up to 25 MB of other people's text in the log.
 */
export function errorWithoutEvent(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const copy: Record<string, unknown> = { ...e };
  const { event: _event, ...own } = copy;
  const causes = e instanceof AggregateError ? { errors: e.errors.map(errorWithoutEvent) } : {};
  return { ...own, type: e.name, message: e.message, stack: e.stack, ...causes };
}

/** The App's logger with errors logged by `errorWithoutEvent`, Probot's own error handler included. */
export function withoutPayloads(log: Logger): Logger {
  return log.child({}, { serializers: { err: errorWithoutEvent } });
}
