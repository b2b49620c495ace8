/**
 * The invite as an iCalendar file (RFC 5545), for any calendar app: always offered on the card,
 * and the only invite when Graph is not configured. Times are local Europe/London wall-clock
 * times with the zone's VTIMEZONE, so clients show them right on both sides of BST/GMT; an
 * instant in the hour that repeats when the clocks go back is written in UTC instead.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from './calendar-gateway.js';
import { calendarTimeZone, isAmbiguousInLondon, textBody } from './event-content.js';

export interface IcsInvite {
  /** Stable for one booking, so re-importing the file updates rather than duplicates. */
  uid: string;
  /** When this copy was written, by the app's clock (DTSTAMP). */
  stamp: Date;
  /**
   * SEQUENCE (RFC 5545 §3.8.7.4): calendar apps keep the copy with the highest, so the caller
   * raises it on every change of the event, cancellation included. Default 0, the first version.
   */
  sequence?: number;
  /** 'cancelled' writes a CANCEL for the same UID, which removes the entry; default 'confirmed'. */
  status?: 'confirmed' | 'cancelled';
  event: CalendarEvent;
}

/**
 * Europe/London since 1996: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 * last Sunday of October (EU summer-time rules, kept by the UK).
 */
const londonTimeZone = [
  'BEGIN:VTIMEZONE',
  `TZID:${calendarTimeZone}`,
  `X-LIC-LOCATION:${calendarTimeZone}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export function renderIcs(invite: IcsInvite): string {
  const { event } = invite;
  const sequence = invite.sequence ?? 0;
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`SEQUENCE must be a non-negative integer, not ${sequence}`);
  const cancelled = invite.status === 'cancelled';
  const description = textBody(event);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//College of Policing//CPD weeks of action//EN',
    'CALSCALE:GREGORIAN',
    cancelled ? 'METHOD:CANCEL' : 'METHOD:PUBLISH',
    ...londonTimeZone,
    'BEGIN:VEVENT',
    `UID:${escapeText(invite.uid)}`,
    `SEQUENCE:${sequence}`,
    `DTSTAMP:${utcStamp(invite.stamp)}`,
    dateTimeLine('DTSTART', event.startsAt),
    dateTimeLine('DTEND', event.endsAt),
    `SUMMARY:${escapeText(event.subject)}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    `LOCATION:${escapeText(event.joinUrl ? `Microsoft Teams: ${event.joinUrl}` : 'Microsoft Teams')}`,
    // URL is a URI value: RFC 5545 does not backslash-escape it.
    ...(event.joinUrl ? [`URL:${event.joinUrl}`] : []),
    'CATEGORIES:CPD',
    cancelled ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    // A client that keeps a cancelled entry rather than removing it should not show the time as busy.
    cancelled ? 'TRANSP:TRANSPARENT' : 'TRANSP:OPAQUE',
    // No reminder for a session that is not happening.
    ...(cancelled ? [] : ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(`Starting soon: ${event.subject}`)}`, 'TRIGGER:-PT15M', 'END:VALARM']),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no physical line exceeds 75 octets (RFC 5545 §3.1), never splitting
 * a UTF-8 sequence; continuation lines start with one space, which counts towards the 75.
 */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/**
 * DTSTART/DTEND: London local time with its TZID, or UTC form (RFC 5545 §3.3.5, form #2) for an
 * instant in the repeated hour, which the local form cannot tell apart from its twin.
 */
function dateTimeLine(name: 'DTSTART' | 'DTEND', instant: Date): string {
  return isAmbiguousInLondon(instant) ? `${name}:${utcStamp(instant)}` : `${name};TZID=${calendarTimeZone}:${localStamp(instant)}`;
}

function localStamp(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: calendarTimeZone }).toFormat("yyyyLLdd'T'HHmmss");
}

function utcStamp(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
}
