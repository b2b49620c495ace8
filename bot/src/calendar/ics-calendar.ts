/**
 * The invite as an iCalendar file (RFC 5545), for any calendar app: always offered on the card,
 * and the only invite when Graph is not configured.
 *
 * Start and end are written in UTC (RFC 5545 §3.3.5, form #2), never as London wall-clock time
 * with a TZID. An invite is one occurrence, not a series, so its zone plays no part in working out
 * when it is, and UTC is the one form every reader takes the same way, with no VTIMEZONE or
 * time-zone database in between. London time is not: 01:30 on the last Sunday of October happens
 * twice, and readers pick one (node-ical the second), while others misread the hour before each
 * change as well (ts-ics). Calendar apps show the event in the reader's own zone either way.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from './calendar-gateway.js';
import { textBody } from './event-content.js';

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
    'BEGIN:VEVENT',
    `UID:${escapeText(invite.uid)}`,
    `SEQUENCE:${sequence}`,
    `DTSTAMP:${utcStamp(invite.stamp)}`,
    `DTSTART:${utcStamp(event.startsAt)}`,
    `DTEND:${utcStamp(event.endsAt)}`,
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

function utcStamp(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
}
