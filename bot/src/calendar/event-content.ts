/**
 * What an invite says, rendered once for both Graph and .ics, and the deterministic ids that
 * make a retried create harmless.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { presenterLine } from '../catalog/presenters.js';
import type { CalendarEvent } from './calendar-gateway.js';

export const calendarTimeZone = 'Europe/London';

/** Local wall-clock time in Europe/London, as Graph's dateTimeTimeZone wants it. */
export function londonWallClock(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: calendarTimeZone }).toFormat("yyyy-LL-dd'T'HH:mm:ss");
}

/**
 * True when the instant's Europe/London wall-clock time happens twice: the hour repeated when
 * the clocks go back (01:00-01:59 on the last Sunday of October is both BST and GMT), where a
 * local time with the zone's name cannot say which of the two is meant.
 */
export function isAmbiguousInLondon(instant: Date): boolean {
  return DateTime.fromJSDate(instant, { zone: calendarTimeZone }).getPossibleOffsets().length > 1;
}

/**
 * Graph's dateTimeTimeZone for an instant: London wall-clock time, except in the repeated hour,
 * where only UTC names the instant unambiguously.
 */
export function graphDateTime(instant: Date): { dateTime: string; timeZone: string } {
  if (isAmbiguousInLondon(instant)) {
    return { dateTime: DateTime.fromJSDate(instant, { zone: 'utc' }).toFormat("yyyy-LL-dd'T'HH:mm:ss"), timeZone: 'UTC' };
  }
  return { dateTime: londonWallClock(instant), timeZone: calendarTimeZone };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The HTML body of a Graph event: description, presenters, join link — every value escaped. */
export function htmlBody(event: CalendarEvent): string {
  const parts: string[] = [];
  if (event.description) parts.push(`<p>${escapeHtml(event.description).replace(/\r?\n/g, '<br>')}</p>`);
  if (event.presenters.length > 0) {
    parts.push(`<p><strong>Presenters</strong></p><ul>${event.presenters.map((p) => `<li>${escapeHtml(presenterLine(p))}</li>`).join('')}</ul>`);
  }
  if (event.joinUrl) parts.push(`<p><a href="${escapeHtml(event.joinUrl)}">Join the session</a></p>`);
  parts.push('<p>Booked through the College of Policing CPD bot.</p>');
  return parts.join('\n');
}

/** The plain-text description used by the .ics file. */
export function textBody(event: CalendarEvent): string {
  const lines: string[] = [];
  if (event.description) lines.push(event.description);
  if (event.presenters.length > 0) lines.push(`Presenters: ${event.presenters.map(presenterLine).join('; ')}`);
  if (event.joinUrl) lines.push(`Join: ${event.joinUrl}`);
  return lines.join('\n\n');
}

/**
 * A UUID (version-5 layout, SHA-1 over a fixed namespace) from the parts that identify one
 * booking, so every retry of the same create carries the same Graph transactionId.
 */
export function deterministicUuid(...parts: string[]): string {
  const hash = createHash('sha1').update('cpd-weeks-of-action/booking-invite\u0000').update(parts.join('\u0000')).digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
