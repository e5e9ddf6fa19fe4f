/**
 * One refresh at a time per issue, in one process. GitHub delivers
 * `opened`, `labeled`, `milestoned`, `assigned` for one issue within
 * milliseconds and Probot runs their handlers concurrently: each would read
 * "no status comment yet" and post one. Here the first request runs; every
 * request arriving while it runs joins ONE further run, started after it
 * ends, so it sees everything those events announced. Requests are merged
 * (the newest wins, see `merge`), and each caller gets the result of a run
 * that started after its request: never a stale one.
 *
 * Generic over what a request is, so it knows nothing of refreshes; the App
 * wires it in app/refresh.ts. Across replicas, `exec` takes the Redis lock.
 */
export class IssueQueue<R, T> {
  private readonly slots = new Map<string, Slot<R, T>>();

  constructor(
    /** Runs one (merged) request; rejects as the work rejects. */
    private readonly exec: (key: string, request: R) => Promise<T>,
    /** The request that covers both: an older one waiting and a newer one arriving. */
    private readonly merge: (older: R, newer: R) => R,
  ) {}

  /** Runs the request for `key` now, or after the run in progress, merged with any other request waiting. */
  run(key: string, request: R): Promise<T> {
    const slot = this.slots.get(key);
    if (!slot) return this.launch(key, request);
    if (slot.next) {
      slot.next.request = this.merge(slot.next.request, request);
      return slot.next.result;
    }
    const next: Waiting<R, T> = { request, result: slot.settled.then(() => this.launch(key, next.request)) };
    slot.next = next;
    return next.result;
  }

  /** How many issues have a run in progress (for tests and metrics). */
  get busy(): number {
    return this.slots.size;
  }

  private launch(key: string, request: R): Promise<T> {
    const result = Promise.resolve().then(() => this.exec(key, request));
    const slot: Slot<R, T> = { settled: result.then(noop, noop), next: null };
    this.slots.set(key, slot);
    // Registered before any follower: when the run ends with nobody waiting, the issue is free again.
    void slot.settled.then(() => {
      if (this.slots.get(key) === slot && !slot.next) this.slots.delete(key);
    });
    return result;
  }
}

type Waiting<R, T> = { request: R; result: Promise<T> };
type Slot<R, T> = { settled: Promise<void>; next: Waiting<R, T> | null };

const noop = () => undefined;
