/**
 * The few narrowing helpers the code base shares, so that a value of an unknown or wider type
 * is checked rather than asserted: casts only where a check cannot say it.
 */

/** Whether `value` is a plain mapping (an object, not an array): its keys can be read as text. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `value` is one of `list`: narrows a string read from outside to a closed set of words. */
export function isOneOf<T>(list: readonly T[], value: unknown): value is T {
  return list.some((item) => item === value);
}

/** The message of a thrown value: an Error's (or any object's) `message`, else the value as text. */
export function errorMessage(e: unknown): string {
  if (isRecord(e) || e instanceof Error) return typeof e.message === "string" ? e.message : String(e);
  return String(e);
}

/** The keys of an object typed as its own keys (the one place `Object.keys` is widened back). */
export function keysOf<T extends object>(o: T): Array<keyof T & string> {
  // Safe where it is used: on object literals and records the code itself built, with no extra keys.
  return Object.keys(o) as Array<keyof T & string>;
}

/** A record with one entry per key of `keys`, each from `value`: Object.fromEntries, typed by its keys. */
export function fromKeys<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  // Safe: every key of K is given a value, and no other key is added.
  return Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;
}
