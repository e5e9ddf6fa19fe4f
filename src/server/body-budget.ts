/**
 * The bytes of request bodies held in memory by all requests at once, against one limit: the size
 * cap alone is per request, so sixteen clients sending 25 MB each would hold 400 MB. A request
 * reserves what it reads (or declares) before reading it, and gives it back when it is done.
 */
export class BodyBudget {
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly onChange: (held: number) => void = () => {},
  ) {}

  /** The bytes reserved now, across requests. */
  get held(): number {
    return this.used;
  }

  /** A reservation of nothing yet, to grow as a body arrives and release once. */
  open(): Reservation {
    let size = 0;
    let open = true;
    return {
      get size() {
        return size;
      },
      grow: (bytes) => {
        if (!open || this.used + bytes > this.limit) return false;
        this.used += bytes;
        size += bytes;
        this.onChange(this.used);
        return true;
      },
      release: () => {
        if (!open) return;
        open = false;
        this.used -= size;
        this.onChange(this.used);
      },
    };
  }
}

/** One request's share of the budget. */
export type Reservation = {
  readonly size: number;
  /** Reserves `bytes` more if they fit within the budget now; false (nothing reserved) if not. */
  grow(bytes: number): boolean;
  /** Gives everything back; later calls do nothing. */
  release(): void;
};
