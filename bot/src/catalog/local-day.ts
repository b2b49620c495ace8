/**
 * Calendar days on a wall clock, as whole numbers (days since Thursday 1 January 1970), so that
 * "next Friday" or "the week of 20 April" is integer arithmetic; the catalog's zone (zone.ts) turns
 * a day into instants only at the end. Months are 1–12 and weekdays 1 (Monday) to 7 (Sunday),
 * as the catalog and ISO 8601 count them.
 */
export type Day = number;

const DAY_MS = 86_400_000;

export interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** The day with this date, or undefined when there is none (31 April, 29 February 2027). */
export function dayOf(year: number, month: number, day: number): Day | undefined {
  // Four-digit years only: Date.UTC would read 0–99 as 1900–1999.
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return Math.floor(utc(year, month, day) / DAY_MS);
}

/** Year, month and day of a day. */
export function partsOf(d: Day): DayParts {
  const date = new Date(d * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** "2026-06-19". */
export function isoDate(d: Day): string {
  return new Date(d * DAY_MS).toISOString().slice(0, 10);
}

/** 1 (Monday) to 7 (Sunday). */
export function weekdayOf(d: Day): number {
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month + 1, 0)).getUTCDate();
}

/** The first day of the month `months` after (or before) the one holding `d`. */
export function firstOfMonth(d: Day, months = 0): Day {
  const { year, month } = partsOf(d);
  return Math.floor(utc(year, month + months, 1) / DAY_MS);
}

/** The same date `years` later or earlier; 29 February becomes the 28th in a common year. */
export function addYears(d: Day, years: number): Day {
  const { year, month, day } = partsOf(d);
  return dayOf(year + years, month, Math.min(day, daysInMonth(year + years, month)))!;
}

/** The day as a wall-clock reading at midnight (milliseconds on a UTC-based scale), for zone.ts. */
export function wallClockOf(d: Day, minuteOfDay = 0): number {
  return d * DAY_MS + minuteOfDay * 60_000;
}

/** The day a wall-clock reading (from zone.ts) falls on. */
export function dayAt(wallClock: number): Day {
  return Math.floor(wallClock / DAY_MS);
}

/** Date.UTC, which also carries a month past 12 (or before 1) into the next (or last) year. */
function utc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}
