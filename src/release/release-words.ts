/**
 * The words a release uses for its freezes and for where a KEP stands on the board. They
 * changed in v1.38, when the PRR freeze became the "KEP Readiness Deadline" (sig-release#3049,
 * sig-release PR #3108, community PR #9169), and a team may rename them again: the
 * configuration's `words` override any of them.
 */
import { DEADLINES, type Deadline } from "./timeline.js";

/** The freezes a KEP can be tracked for; after docs freeze the docs freeze status holds. */
export const TRACKED_FREEZES = ["prr-freeze", "enhancements-freeze", "code-freeze", "docs-freeze"] as const;
export type TrackedFreeze = (typeof TRACKED_FREEZES)[number];

/**
 * The board statuses by a key that does not change between releases: `tracked-<freeze>` and
 * `at-risk-<freeze>` for each tracked freeze, and the four that name no freeze.
 */
export const STATUS_KEYS = [
  ...TRACKED_FREEZES.flatMap((f) => [`tracked-${f}`, `at-risk-${f}`] as const),
  ...(["exception-pending", "exception-approved", "deferred", "removed-from-milestone"] as const),
] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

export type FreezeWords = {
  /** Inside a sentence: "at risk for PRR freeze", "before the KEP readiness deadline". */
  name: string;
  /** At the start of a line or a heading: "PRR freeze", "KEP Readiness Deadline". */
  title: string;
};

export type ReleaseWords = {
  freezes: Record<Deadline, FreezeWords>;
  /** The board option (and the status comment's word) for each status. */
  statuses: Record<StatusKey, string>;
};

/** What a configuration may rename; anything left out keeps the release's own word. */
export type WordsOverrides = {
  freezes?: Partial<Record<Deadline, string>>;
  statuses?: Partial<Record<StatusKey, string>>;
};

/** Up to v1.37. The status words are the board options in the domain guide's spelling. */
const FREEZES_BEFORE_V1_38: Record<Deadline, FreezeWords> = {
  "prr-freeze": { name: "PRR freeze", title: "PRR freeze" },
  "enhancements-freeze": { name: "enhancements freeze", title: "Enhancements freeze" },
  "code-freeze": { name: "code freeze", title: "Code freeze" },
  "docs-freeze": { name: "docs freeze", title: "Docs freeze" },
  release: { name: "the release", title: "Release" },
};

/** From v1.38 the board's options drop "freeze/deadline": "Tracked for KEP readiness". */
const KEP_READINESS: FreezeWords = { name: "KEP readiness deadline", title: "KEP Readiness Deadline" };
const KEP_READINESS_STATUS = "KEP readiness";

const FIXED_STATUSES = {
  "exception-pending": "Exception pending",
  "exception-approved": "Exception approved",
  deferred: "Deferred",
  "removed-from-milestone": "Removed from milestone",
} as const;

/** The first release that speaks of the KEP Readiness Deadline. */
const KEP_READINESS_SINCE = 38;

/** The minor version of "v1.38" (or "1.38"); null for anything else. */
function minorOf(release: string): number | null {
  const m = /^v?1\.(\d+)$/.exec(release.trim());
  return m ? Number(m[1]) : null;
}

function statusesFor(freezes: Record<Deadline, FreezeWords>, prrStatusWord: string): Record<StatusKey, string> {
  const out: Partial<Record<StatusKey, string>> = { ...FIXED_STATUSES };
  for (const f of TRACKED_FREEZES) {
    const word = f === "prr-freeze" ? prrStatusWord : freezes[f].name;
    out[`tracked-${f}`] = `Tracked for ${word}`;
    out[`at-risk-${f}`] = `At risk for ${word}`;
  }
  // Safe: FIXED_STATUSES gives the fixed keys and the loop both keys of each tracked freeze: every StatusKey.
  return out as Record<StatusKey, string>;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The words of `release`, with `overrides` applied. A renamed freeze renames its two statuses
 * too, unless the statuses are overridden themselves. A release that is not "v1.NN" gets the
 * newest words. Pure.
 */
export function releaseWords(release: string, overrides: WordsOverrides = {}): ReleaseWords {
  const minor = minorOf(release);
  const modern = minor === null || minor >= KEP_READINESS_SINCE;
  const freezes: Record<Deadline, FreezeWords> = { ...FREEZES_BEFORE_V1_38, ...(modern ? { "prr-freeze": KEP_READINESS } : {}) };
  for (const d of DEADLINES) {
    const name = overrides.freezes?.[d]?.trim();
    if (name) freezes[d] = { name, title: capitalised(name) };
  }
  const prrRenamed = Boolean(overrides.freezes?.["prr-freeze"]?.trim());
  const prrStatusWord = modern && !prrRenamed ? KEP_READINESS_STATUS : freezes["prr-freeze"].name;
  const statuses = statusesFor(freezes, prrStatusWord);
  for (const key of STATUS_KEYS) {
    const word = overrides.statuses?.[key]?.trim();
    if (word) statuses[key] = word;
  }
  return { freezes, statuses };
}

/** The key of a tracked/at-risk status: `statusKey("at-risk", "code-freeze")`. */
export function trackedStatusKey(ok: boolean, freeze: Deadline): StatusKey {
  const f: TrackedFreeze = freeze === "release" ? "docs-freeze" : freeze;
  return `${ok ? "tracked" : "at-risk"}-${f}`;
}

const LEGACY_STATUSES = statusesFor(FREEZES_BEFORE_V1_38, FREEZES_BEFORE_V1_38["prr-freeze"].name);

/**
 * The key of a status written in the pre-v1.38 words the evaluation uses today
 * ("At risk for code freeze"); null for any other text. Case does not matter.
 */
export function statusKeyOf(legacyWords: string): StatusKey | null {
  const wanted = legacyWords.trim().toLowerCase();
  return STATUS_KEYS.find((k) => LEGACY_STATUSES[k].toLowerCase() === wanted) ?? null;
}
