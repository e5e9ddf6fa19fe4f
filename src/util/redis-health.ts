/**
 * Whether a shared Redis answers, as the commands sent to it find out. Once it is known not to,
 * callers skip it (the issue lock runs unlocked, new comments are paced by this process alone)
 * instead of each waiting for a command to time out, and try it again every `retryMs`; a command
 * that answers (or the server's probe, server/redis-watch.ts) brings it back. `onChange` hears of
 * each change once: down with why, or back (null).
 */
export class RedisHealth {
  private why: string | null = null;
  private failedAt = 0;

  constructor(
    private readonly onChange: (down: string | null) => void = () => {},
    private readonly retryMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether to send Redis a command now: always while it answers, once per `retryMs` while it does not. */
  get worthTrying(): boolean {
    return this.why === null || this.now() - this.failedAt >= this.retryMs;
  }

  /** False while Redis is known not to answer. */
  get available(): boolean {
    return this.why === null;
  }

  /** Why Redis is taken as down, or null. */
  get problem(): string | null {
    return this.why;
  }

  failed(e: unknown): void {
    this.failedAt = this.now();
    if (this.why !== null) return;
    this.why = e instanceof Error ? e.message : String(e);
    this.onChange(this.why);
  }

  answered(): void {
    if (this.why === null) return;
    this.why = null;
    this.onChange(null);
  }
}
