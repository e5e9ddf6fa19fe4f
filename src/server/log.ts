import type { Bindings, ChildLoggerOptions, Logger as PinoLogger } from "pino";
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
  return oneName(log.child({}, { serializers: { err: errorWithoutEvent } }));
}

/**
 * Pino writes a key once per child that binds it, and Probot names each layer ("probot", then
 * "event", then "github"): a JSON line would carry "name" three times, which log tools read as
 * one of them at random. Here the first name stays `name`, the next is `component`, and any deeper
 * one is left out (the delivery id beside it already says which event a line is about).
 */
function oneName<Levels extends string>(log: PinoLogger<Levels>, pinoChild: PinoLogger<Levels>["child"] = log.child): PinoLogger<Levels> {
  // A pino child inherits from its parent (Object.create), this child() too: pino's own is carried down instead.
  log.child = <ChildLevels extends string = never>(bindings: Bindings, options?: ChildLoggerOptions<ChildLevels>) => {
    const { name, ...rest } = bindings;
    const own = log.bindings();
    const key = name === undefined ? null : !("name" in own) ? "name" : !("component" in own) ? "component" : null;
    const child = pinoChild.call<
      PinoLogger<Levels>,
      [Bindings, ChildLoggerOptions<ChildLevels> | undefined],
      PinoLogger<Levels | ChildLevels>
    >(log, key ? { ...rest, [key]: name } : rest, options);
    return oneName<Levels | ChildLevels>(child, pinoChild);
  };
  return log;
}
