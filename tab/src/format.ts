/** How dates, times and lengths read to an officer in the UK. */

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const sessionFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "26 June 2026" from "2026-06-26" (a calendar date, so no time zone can shift it). */
export function formatDay(isoDate: string): string {
  return dayFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

/** "Fri 19 Jun 2026, 12:00" in UK time. */
export function formatSessionTime(isoInstant: string): string {
  return sessionFormat.format(new Date(isoInstant));
}

/** "44 min", "1 hr 5 min". */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} hr` : `${Math.floor(minutes / 60)} hr ${rest} min`;
}

/** "1 recording", "1,000 recordings". */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const ukPartsFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
});

/** "Fri 19 Jun 2026, 12:00–13:00" in UK time (the end's day too when it is another day). */
export function formatSlot(startsAt: string, endsAt: string): string {
  const start = ukParts(startsAt);
  const end = ukParts(endsAt);
  return start.date === end.date
    ? `${formatSessionTime(startsAt)}–${timeFormat.format(new Date(endsAt))}`
    : `${formatSessionTime(startsAt)} – ${formatSessionTime(endsAt)}`;
}

/** The UK calendar date and wall-clock time of an instant: { date: "2026-06-19", time: "12:00" }, as form fields take them. */
export function ukParts(isoInstant: string | Date): { date: string; time: string } {
  const parts = Object.fromEntries(ukPartsFormat.formatToParts(new Date(isoInstant)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
