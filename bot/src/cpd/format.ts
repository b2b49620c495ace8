/**
 * How the CPD record reads, the same on the card, in the tab and in the downloads. Import-free,
 * so the tab's bundler can share it without pulling in server code.
 */

const UK_ZONE = 'Europe/London';

/** "45 minutes", "1 hour", "2 hours 30 minutes". */
export function durationText(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  const h = hours === 1 ? '1 hour' : `${hours.toLocaleString('en-GB')} hours`;
  const m = rest === 1 ? '1 minute' : `${rest} minutes`;
  if (hours === 0) return m;
  return rest === 0 ? h : `${h} ${m}`;
}

/** Hours as a number for a spreadsheet: 90 minutes is 1.5. */
export function decimalHours(minutes: number): string {
  return (Math.round((minutes / 60) * 100) / 100).toFixed(2);
}

export function kindText(kind: 'attended' | 'recording'): string {
  return kind === 'attended' ? 'Attended' : 'Recording watched';
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: UK_ZONE, weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' });
const shortDayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: UK_ZONE, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const isoParts = new Intl.DateTimeFormat('en-GB', { timeZone: UK_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });

/** "Tue 5 May 2026" in UK time. */
export function dayText(instant: Date): string {
  return dayFormat.format(instant).replace(',', '');
}

/** "Tue 5 May 2026", "Tue 29 Sept 2026": for a narrow column. */
export function shortDayText(instant: Date): string {
  return shortDayFormat.format(instant).replace(',', '');
}

/** "2026-05-05" in UK time: a date a spreadsheet sorts. */
export function isoDay(instant: Date): string {
  const parts = Object.fromEntries(isoParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
