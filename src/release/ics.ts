/**
 * A release's deadlines as an iCalendar file (RFC 5545): one event at each deadline's exact
 * instant, written in UTC ("…T120000Z"), so that a calendar program shows it at the reader's own
 * local time. Lines end in CRLF and are folded at 75 octets; text values are escaped. Pure.
 */
import { releaseWords } from "./release-words.js";
import { freezeTitle } from "./schedule.js";
import { DEADLINES, type Deadline, type ParsedDeadline } from "./timeline.js";

const CRLF = "\r\n";
const MAX_OCTETS = 75;

/** RFC 5545 §3.3.5 "form #2": a UTC date-time, 20260610T120000Z. */
export const icsInstant = (at: Date): string =>
  at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks escaped in a TEXT value. */
export const icsText = (text: string): string => text.replace(/([\\;,])/g, "\\$1").replace(/\r?\n/g, "\\n");

/** RFC 5545 §3.1: lines longer than 75 octets are split, each continuation starting with a space; no UTF-8 character is cut. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, "utf8");
    // A continuation line's leading space counts towards its 75 octets.
    const limit = parts.length ? MAX_OCTETS - 1 : MAX_OCTETS;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

export type IcsInput = {
  /** "v1.37"; null when the schedule does not say (the events are then named without it). */
  release: string | null;
  deadlines: Partial<Record<Deadline, ParsedDeadline>>;
  /** When the file is made: each event's DTSTAMP. */
  stamp: Date;
};

const NOTE_APPROXIMATE = "The schedule gives only the day: this is its end Anywhere on Earth (12:00 UTC the next day).";

function eventLines(input: IcsInput, d: Deadline, at: ParsedDeadline): string[] {
  // Unknown release: the words of old; a named one says its own (v1.38's "KEP Readiness Deadline").
  const what = d === "release" ? "release" : input.release ? releaseWords(input.release).freezes[d].title : freezeTitle(d);
  const name = input.release ? `Kubernetes ${input.release} ${what}` : `Kubernetes ${what}`;
  const description = [
    `${name}: ${at.at.toISOString().replace(".000Z", "Z")}.`,
    ...(at.approximate ? [NOTE_APPROXIMATE] : []),
    "From the release's Timeline table in kubernetes/sig-release, by kep-tracker.",
  ].join("\n");
  return [
    "BEGIN:VEVENT",
    // Stable across runs, so that importing a newer file updates the event instead of adding one.
    `UID:${input.release ?? "kubernetes"}-${d}-${icsInstant(at.at)}@kep-tracker`,
    `DTSTAMP:${icsInstant(input.stamp)}`,
    `DTSTART:${icsInstant(at.at)}`,
    `SUMMARY:${icsText(name)}`,
    `DESCRIPTION:${icsText(description)}`,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
  ];
}

/** The calendar: one event per deadline found, in the cycle's order. */
export function scheduleIcs(input: IcsInput): string {
  const title = input.release ? `Kubernetes ${input.release} deadlines` : "Kubernetes release deadlines";
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kep-tracker//release schedule//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  lines.push(`X-WR-CALNAME:${icsText(title)}`);
  for (const d of DEADLINES) {
    const at = input.deadlines[d];
    if (at) lines.push(...eventLines(input, d, at));
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
