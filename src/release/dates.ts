import { tz } from "@date-fns/tz";
import { format } from "date-fns/format";

/** Deadlines are told in UTC, whatever the machine's zone: the same words for every reader and every replica. */
const UTC = tz("UTC");

/** An instant in UTC with a date-fns pattern. */
export const formatUtc = (at: Date | string, pattern: string): string => format(new Date(at), pattern, { in: UTC });

/** "Wednesday 10 June 2026", in UTC. */
export const formatDay = (at: Date): string => formatUtc(at, "EEEE d MMMM yyyy");
