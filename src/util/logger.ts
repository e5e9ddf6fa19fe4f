/** Where the App, the sweep and the CLI say what happened: Probot's pino logger, or stderr lines. */
export type Logger = {
  info: (obj: object, msg?: string) => void;
  warn: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
};
