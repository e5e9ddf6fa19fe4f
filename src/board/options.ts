/**
 * Single-select options as people write them. Boards are copied release to release and edited
 * by hand, so "Tracked For Enhancement Freeze" on one is "Tracked for enhancements freeze" on
 * another: case, spacing, hyphens and a plural "s" do not make a different option.
 */
import type { SelectOption } from "./board.js";

/** A word without its plural "s" ("freezes" → "freeze", "enhancements" → "enhancement"); "ss" stays. */
const singular = (word: string) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);

/** The words of an option name, lower case and singular, joined by one space. */
export function normaliseOption(name: string): string {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(singular)
    .join(" ");
}

/** The option that means `wanted`, or null when the field has none. An exact name wins over a loose one. */
export function findOption(options: readonly SelectOption[], wanted: string): SelectOption | null {
  const exact = options.find((o) => o.name === wanted);
  if (exact) return exact;
  const key = normaliseOption(wanted);
  return key ? (options.find((o) => normaliseOption(o.name) === key) ?? null) : null;
}

const withoutSig = (key: string) => key.replace(/^sig /, "");

/**
 * The SIG field's option for a kep.yaml `owning-sig` ("sig-api-machinery"): boards write
 * "sig-api-machinery", "SIG API Machinery" or "API Machinery".
 */
export function findSigOption(options: readonly SelectOption[], owningSig: string): SelectOption | null {
  const found = findOption(options, owningSig);
  if (found) return found;
  const key = withoutSig(normaliseOption(owningSig));
  return key ? (options.find((o) => withoutSig(normaliseOption(o.name)) === key) ?? null) : null;
}
