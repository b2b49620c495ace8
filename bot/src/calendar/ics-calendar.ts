/**
 * The invite as an iCalendar file (RFC 5545), for any calendar app: always offered on the card,
 * and the only invite when Graph is not configured. Times are local Europe/London wall-clock
 * times with the zone's VTIMEZONE, so clients show them right on both sides of BST/GMT.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from './calendar-gateway.js';
import { calendarTimeZone, textBody } from './event-content.js';

export interface IcsInvite {
  /** Stable for one booking, so re-importing the file updates rather than duplicates. */
  uid: string;
  /** When this copy was made (DTSTAMP). */
  stamp: Date;
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
  const description = textBody(event);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//College of Policing//CPD weeks of action//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...londonTimeZone,
    'BEGIN:VEVENT',
    `UID:${escapeText(invite.uid)}`,
    `DTSTAMP:${utcStamp(invite.stamp)}`,
    `DTSTART;TZID=${calendarTimeZone}:${localStamp(event.startsAt)}`,
    `DTEND;TZID=${calendarTimeZone}:${localStamp(event.endsAt)}`,
    `SUMMARY:${escapeText(event.subject)}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    `LOCATION:${escapeText(event.joinUrl ? `Microsoft Teams: ${event.joinUrl}` : 'Microsoft Teams')}`,
    // URL is a URI value: RFC 5545 does not backslash-escape it.
    ...(event.joinUrl ? [`URL:${event.joinUrl}`] : []),
    'CATEGORIES:CPD',
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(`Starting soon: ${event.subject}`)}`,
    'TRIGGER:-PT15M',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
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

function localStamp(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: calendarTimeZone }).toFormat("yyyyLLdd'T'HHmmss");
}

function utcStamp(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
}
