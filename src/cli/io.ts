/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export type Io = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

/** A usage or input problem: exit status 2, message on stderr, nothing on stdout. */
export class UsageError extends Error {}

export type Command = {
  name: string;
  summary: string;
  usage: string;
  run: (args: string[], io: Io) => Promise<number>;
};
