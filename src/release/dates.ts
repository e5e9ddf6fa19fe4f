/** Deadlines are told in UTC, whatever the machine's zone: the same words for every reader and every replica. */

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "Wednesday 10 June 2026", in UTC. */
export function formatDay(at: Date | string): string {
  const d = new Date(at);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "Wednesday 10 June 2026, 14:00 UTC". */
export function formatDayTime(at: Date | string): string {
  const d = new Date(at);
  return `${formatDay(d)}, ${d.toISOString().slice(11, 16)} UTC`;
}
