/**
 * When the bot speaks to a booked officer about a session, as moments of UK time:
 *   - first:      09:00 on the working day (Monday to Friday) before it: "tomorrow", or "on Monday"
 *                 for a session after a weekend; an officer who books after that moment gets it at
 *                 09:00 on the day instead, as "today" (unless the session starts before 09:15);
 *   - soon:       15 minutes before the start, with Join the session;
 *   - noPlace:    at the start, to anyone still on the waitlist: no place came up, the recording follows;
 *   - attendance: at the end, "Did you attend?".
 * Each moment holds until the next one makes it pointless (`until`): a process that was down
 * through it sends it late while it still helps, and never after.
 */
import { DateTime } from 'luxon';

/** Officers are in the UK: reminders go at 09:00 London time, whatever zone the server runs in. */
export const REMINDER_ZONE = 'Europe/London';
export const FIRST_REMINDER_HOUR = 9;
export const SOON_MINUTES = 15;
/** How long after a session "Did you attend?" is still worth asking. */
export const ATTENDANCE_DAYS = 7;

export type MomentKind = 'dayBefore' | 'onTheDay' | 'soon' | 'noPlace' | 'attendance';

export interface SessionMoment {
  kind: MomentKind;
  at: Date;
  /** Past this, the message has lost its use and is not sent. */
  until: Date;
}

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
}

/** Every moment of one session, in time order. */
export function sessionMoments(session: SessionTimes): SessionMoment[] {
  const start = DateTime.fromJSDate(session.startsAt, { zone: REMINDER_ZONE });
  const soon = start.minus({ minutes: SOON_MINUTES }).toJSDate();
  const moments: SessionMoment[] = [];
  const dayBefore = workingDayBefore(start).set({ hour: FIRST_REMINDER_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  if (dayBefore < soon) moments.push({ kind: 'dayBefore', at: dayBefore, until: soon });
  const onTheDay = start.startOf('day').set({ hour: FIRST_REMINDER_HOUR }).toJSDate();
  if (onTheDay < soon) moments.push({ kind: 'onTheDay', at: onTheDay, until: soon });
  moments.push({ kind: 'soon', at: soon, until: session.startsAt });
  moments.push({ kind: 'noPlace', at: session.startsAt, until: session.endsAt });
  moments.push({
    kind: 'attendance',
    at: session.endsAt,
    until: DateTime.fromJSDate(session.endsAt, { zone: REMINDER_ZONE }).plus({ days: ATTENDANCE_DAYS }).toJSDate(),
  });
  return moments;
}

/** The last Monday-to-Friday day before the session's day. */
function workingDayBefore(start: DateTime): DateTime {
  let day = start.startOf('day').minus({ days: 1 });
  while (day.weekday > 5) day = day.minus({ days: 1 });
  return day;
}

/** How the first reminder names the session's day, seen from `now`: "today", "tomorrow", "on Monday 8 June". */
export function dayWords(startsAt: Date, now: Date): 'today' | 'tomorrow' | { weekday: string } {
  const start = DateTime.fromJSDate(startsAt, { zone: REMINDER_ZONE }).startOf('day');
  const today = DateTime.fromJSDate(now, { zone: REMINDER_ZONE }).startOf('day');
  const days = Math.round(start.diff(today, 'days').days);
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return { weekday: start.setLocale('en-GB').toFormat('cccc d LLLL') };
}
