/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export type Io = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

/** A usage or input problem: exit status 2, message on stderr, nothing on stdout. */
export class UsageError extends Error {}

/** Bad input that is not about the command line (credentials, the repository's config): exit 2, message only. */
export class InputError extends Error {}

export type Command = {
  name: string;
  summary: string;
  usage: string;
  /** `env` defaults to the process's; tests pass their own. */
  run: (args: string[], io: Io, env?: Record<string, string | undefined>) => Promise<number>;
};

/** A command as the CLI lists it; its module is loaded only when it runs, to keep start-up short. */
export type CommandEntry = { name: string; summary: string; load: () => Promise<Command> };
