/**
 * The items in their first-seen order, each key once: the one deduplication of the code base.
 * `key` says what makes two items the same, e.g. a lower-cased login or a PR's
 * `owner/repo#number`; by default the item itself.
 */
export function dedupeBy<T>(items: Iterable<T>, key: (item: T) => unknown = (item) => item): T[] {
  const seen = new Set<unknown>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}
