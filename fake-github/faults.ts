// GitHub's misbehaviour, on demand, for reliability tests: the fake answers
// the Nth request of a kind (counted from when the fault is added) badly.
//
//   fake.inject({ when: "graphql SweepPage", nth: 2, fault: { status: 502 } });
//     the second SweepPage query is answered 502 and not run
//   fake.inject({ when: "POST comments", fault: { status: 502, afterSaving: true } });
//     the next new comment is saved, then answered 502 (a retry makes a duplicate)
//   fake.inject({ when: "graphql FilesAndPullRequests", fault: { errors: [{ message: "timeout", path: ["repository", "b0"] }] } });
//     the query runs; each error's path is set to null in its data and the error added beside it
//   fake.inject({ when: "graphql IssueContext", fault: { delayMs: 3_000 } });
//     the next IssueContext query is answered as usual, 3 s late (a slow GitHub)
//
// Kinds are those of FakeStats.byKind: "GET contents", "POST labels", "PATCH comment",
// "graphql <operation name>" (queries and mutations alike).

export type Fault =
  | { status: number; message?: string; afterSaving?: boolean }
  | { errors: Array<{ message: string; type?: string; path?: Array<string | number> }> }
  | { delayMs: number };

export type FaultRule = {
  /** A request kind, as counted in FakeStats.byKind. */
  when: string;
  /** Which request of that kind, counting from 1 when the rule is added (default 1: the next one). */
  nth?: number;
  /** How many requests in a row from the nth on (default 1). */
  times?: number;
  fault: Fault;
};

export class Faults {
  private rules: Array<FaultRule & { seen: number }> = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, seen: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if any; counts the request against every rule of its kind. */
  take(kind: string): Fault | null {
    let found: Fault | null = null;
    for (const rule of this.rules) {
      if (rule.when !== kind) continue;
      rule.seen++;
      const first = rule.nth ?? 1;
      if (!found && rule.seen >= first && rule.seen < first + (rule.times ?? 1)) found = rule.fault;
    }
    return found;
  }
}

/** The answer with `errors` beside data, each error's path nulled in the data (GitHub's partial answer). */
export function withErrors(
  result: { data?: unknown; errors?: unknown[] },
  errors: Extract<Fault, { errors: unknown }>["errors"],
): { data?: unknown; errors: unknown[] } {
  const data = structuredClone(result.data ?? null) as Record<string | number, unknown> | null;
  for (const e of errors) {
    if (!data || !e.path?.length) continue;
    let node: Record<string | number, unknown> | null = data;
    for (const key of e.path.slice(0, -1)) node = (node?.[key] as Record<string | number, unknown> | null) ?? null;
    if (node) node[e.path.at(-1)!] = null;
  }
  return {
    data,
    errors: [
      ...(result.errors ?? []),
      ...errors.map((e) => ({ type: e.type ?? "INTERNAL", message: e.message, ...(e.path ? { path: e.path } : {}) })),
    ],
  };
}
