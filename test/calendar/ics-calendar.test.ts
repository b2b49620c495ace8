import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { escapeText, fold, renderIcs } from '../../bot/src/calendar/ics-calendar.js';
import type { CalendarEvent } from '../../bot/src/calendar/calendar-gateway.js';
import { instantsShowing } from './wall-clock.js';

function event(startsAt: string, minutes = 45, extra: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    subject: 'Stalking, harassment; and coercive control, part 2',
    description: 'Line one.\nLine two with a backslash \\ and a comma, too.',
    presenters: [{ name: 'DS Jo Patel', role: 'Trainer', organisation: 'College of Policing' }],
    startsAt: new Date(startsAt),
    endsAt: new Date(new Date(startsAt).getTime() + minutes * 60_000),
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%22Tid%22%3a%22x%22%7d',
    ...extra,
  };
}

/**
 * Parses the file with ical.js and resolves the event's start and end: a TZID time in the file's
 * own VTIMEZONE, a UTC time as UTC.
 */
function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  const zone = component.getFirstSubcomponent('vtimezone')!;
  const timezone = new ICAL.Timezone(zone);
  const vevent = component.getFirstSubcomponent('vevent')!;
  const resolve = (name: 'dtstart' | 'dtend') => {
    const property = vevent.getFirstProperty(name)!;
    const time = property.getFirstValue() as ICAL.Time;
    if (property.getParameter('tzid')) {
      assert.equal(property.getParameter('tzid'), 'Europe/London');
      time.zone = timezone;
    } else {
      assert.equal(time.zone, ICAL.Timezone.utcTimezone, `${name} without TZID is UTC`);
    }
    return time;
  };
  const start = resolve('dtstart');
  const end = resolve('dtend');
  return { component, vevent, startUtc: start.toJSDate().toISOString(), endUtc: end.toJSDate().toISOString(), local: start.toString() };
}

/** The event's raw DTSTART line, unfolded (not the VTIMEZONE's). */
function dtstartLine(ics: string): string {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  return lines.slice(lines.indexOf('BEGIN:VEVENT')).find((l) => l.startsWith('DTSTART'))!;
}

/**
 * A second reading of a DTSTART line that shares nothing with ical.js: luxon for the value, and
 * Node's ICU for how many instants a TZID time can mean.
 */
function independentStart(line: string): { instant: string; candidates: string[] } {
  const utc = /^DTSTART:(\d{8}T\d{6})Z$/.exec(line);
  if (utc) {
    const instant = DateTime.fromFormat(utc[1]!, "yyyyLLdd'T'HHmmss", { zone: 'utc' }).toISO()!;
    return { instant: new Date(instant).toISOString(), candidates: [new Date(instant).toISOString()] };
  }
  const local = /^DTSTART;TZID=([^:]+):(\d{8}T\d{6})$/.exec(line);
  assert.ok(local, `unexpected DTSTART form: ${line}`);
  const wall = DateTime.fromFormat(local[2]!, "yyyyLLdd'T'HHmmss", { zone: local[1]! });
  const candidates = instantsShowing(wall.toFormat("yyyy-LL-dd'T'HH:mm:ss"), local[1]!);
  return { instant: wall.toUTC().toJSDate().toISOString(), candidates };
}

describe('The .ics invite', () => {
  it('When it is rendered, then it is an RFC 5545 calendar with CRLF lines of at most 75 octets', () => {
    const ics = renderIcs({
      uid: 'b-1@cpd',
      stamp: new Date('2026-04-01T10:00:00Z'),
      event: event('2026-04-21T13:00:00Z', 45, { description: 'é'.repeat(200) }),
    });
    assert.ok(ics.endsWith('\r\n'));
    assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line too long: ${line}`);
    const { vevent } = parse(ics);
    assert.equal(
      vevent.getFirstPropertyValue('description'),
      `${'é'.repeat(200)}\n\nPresenters: DS Jo Patel, Trainer, College of Policing\n\nJoin: ${event('2026-04-21T13:00:00Z').joinUrl}`,
    );
  });

  it('When the session is either side of the March and October clock changes, then the times read back as the right instants', () => {
    const cases = [
      '2026-03-28T10:00:00.000Z', // Saturday, GMT
      '2026-03-30T09:00:00.000Z', // Monday, BST (10:00 local)
      '2026-10-24T09:00:00.000Z', // Saturday, BST
      '2026-10-26T10:00:00.000Z', // Monday, GMT
      '2027-03-29T08:30:00.000Z', // the following year's BST, from the same rules
    ];
    const locals = ['2026-03-28T10:00:00', '2026-03-30T10:00:00', '2026-10-24T10:00:00', '2026-10-26T10:00:00', '2027-03-29T09:30:00'];
    for (const [i, utc] of cases.entries()) {
      const parsed = parse(renderIcs({ uid: `u${i}`, stamp: new Date('2026-01-01T00:00:00Z'), event: event(utc, 90) }));
      assert.equal(parsed.startUtc, utc);
      assert.equal(parsed.endUtc, new Date(new Date(utc).getTime() + 90 * 60_000).toISOString());
      assert.equal(parsed.local, locals[i]);
    }
  });

  it('When text has commas, semicolons, backslashes and line breaks, then they are escaped and read back unchanged', () => {
    assert.equal(escapeText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
    const { vevent } = parse(renderIcs({ uid: 'u', stamp: new Date(), event: event('2026-04-21T13:00:00Z') }));
    assert.equal(vevent.getFirstPropertyValue('summary'), 'Stalking, harassment; and coercive control, part 2');
    assert.match(String(vevent.getFirstPropertyValue('description')), /^Line one\.\nLine two with a backslash \\ and a comma, too\./);
  });

  it('When it is rendered, then it carries the stable UID, DTSTAMP, location, URL and a 15-minute display alarm', () => {
    const e = event('2026-04-21T13:00:00Z');
    const ics = renderIcs({ uid: 'booking-42@cpd-weeks-of-action', stamp: new Date('2026-04-01T10:00:00Z'), event: e });
    const { vevent, component } = parse(ics);
    assert.equal(component.getFirstPropertyValue('version'), '2.0');
    assert.equal(vevent.getFirstPropertyValue('uid'), 'booking-42@cpd-weeks-of-action');
    assert.equal((vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toString(), '2026-04-01T10:00:00Z');
    assert.equal(vevent.getFirstPropertyValue('location'), `Microsoft Teams: ${e.joinUrl}`);
    assert.equal(vevent.getFirstPropertyValue('url'), e.joinUrl);
    const alarm = vevent.getFirstSubcomponent('valarm')!;
    assert.equal(alarm.getFirstPropertyValue('action'), 'DISPLAY');
    assert.equal((alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds(), -15 * 60);
    assert.equal(ics, renderIcs({ uid: 'booking-42@cpd-weeks-of-action', stamp: new Date('2026-04-01T10:00:00Z'), event: e }), 'same booking, same file');
  });

  it('When the session is in the hour the clocks repeat, then DTSTART/DTEND are UTC there and London time either side', () => {
    const cases = [
      ['2026-10-24T23:30:00.000Z', 'DTSTART;TZID=Europe/London:20261025T003000'], // 00:30 BST
      ['2026-10-25T00:30:00.000Z', 'DTSTART:20261025T003000Z'], // 01:30 BST, the first 01:30
      ['2026-10-25T01:30:00.000Z', 'DTSTART:20261025T013000Z'], // 01:30 GMT, the second 01:30
      ['2026-10-25T02:30:00.000Z', 'DTSTART;TZID=Europe/London:20261025T023000'], // 02:30 GMT
      ['2026-03-29T00:30:00.000Z', 'DTSTART;TZID=Europe/London:20260329T003000'], // 00:30 GMT
      ['2026-03-29T01:30:00.000Z', 'DTSTART;TZID=Europe/London:20260329T023000'], // 02:30 BST (01:30 never happens)
    ] as const;
    for (const [i, [utc, line]] of cases.entries()) {
      const ics = renderIcs({ uid: `fold${i}`, stamp: new Date('2026-01-01T00:00:00Z'), event: event(utc, 20) });
      assert.equal(dtstartLine(ics), line);
      const parsed = parse(ics);
      assert.equal(parsed.startUtc, utc, `ical.js reads ${line}`);
      assert.equal(parsed.endUtc, new Date(new Date(utc).getTime() + 20 * 60_000).toISOString());
      assert.deepEqual(independentStart(line), { instant: utc, candidates: [utc] }, `${line} names exactly one instant`);
    }
    // Both 01:30s: two different files for two different instants.
    const first = renderIcs({ uid: 'same', stamp: new Date('2026-01-01T00:00:00Z'), event: event('2026-10-25T00:30:00Z') });
    const second = renderIcs({ uid: 'same', stamp: new Date('2026-01-01T00:00:00Z'), event: event('2026-10-25T01:30:00Z') });
    assert.notEqual(first, second);
    // The London form for that wall-clock time would have meant either.
    assert.deepEqual(independentStart('DTSTART;TZID=Europe/London:20261025T013000').candidates, ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
  });

  it('When only the end falls in the repeated hour, then only DTEND is written in UTC', () => {
    const ics = renderIcs({ uid: 'u', stamp: new Date('2026-01-01T00:00:00Z'), event: event('2026-10-24T23:30:00Z', 45) });
    assert.match(ics, /\r\nDTSTART;TZID=Europe\/London:20261025T003000\r\n/);
    assert.match(ics, /\r\nDTEND:20261025T001500Z\r\n/);
    const parsed = parse(ics);
    assert.equal(parsed.startUtc, '2026-10-24T23:30:00.000Z');
    assert.equal(parsed.endUtc, '2026-10-25T00:15:00.000Z');
  });

  it('When no sequence or status is given, then it is SEQUENCE 0, PUBLISH and CONFIRMED with its alarm', () => {
    const { component, vevent } = parse(renderIcs({ uid: 'booking-7@cpd', stamp: new Date('2026-04-01T10:00:00Z'), event: event('2026-04-21T13:00:00Z') }));
    assert.equal(component.getFirstPropertyValue('method'), 'PUBLISH');
    assert.equal(vevent.getFirstPropertyValue('sequence'), 0);
    assert.equal(vevent.getFirstPropertyValue('status'), 'CONFIRMED');
    assert.equal(vevent.getFirstPropertyValue('transp'), 'OPAQUE');
    assert.equal(vevent.getAllSubcomponents('valarm').length, 1);
  });

  it('When the event changes and is then cancelled, then SEQUENCE rises, the UID stays, and the cancellation is a CANCEL without an alarm', () => {
    const uid = 'booking-7@cpd-weeks-of-action';
    const versions = [
      renderIcs({ uid, stamp: new Date('2026-04-01T10:00:00Z'), event: event('2026-04-21T13:00:00Z') }),
      renderIcs({ uid, sequence: 1, stamp: new Date('2026-04-02T10:00:00Z'), event: event('2026-10-25T01:30:00Z') }),
      renderIcs({ uid, sequence: 2, status: 'cancelled', stamp: new Date('2026-04-03T10:00:00Z'), event: event('2026-10-25T01:30:00Z') }),
    ].map(parse);
    assert.deepEqual(
      versions.map((v) => v.vevent.getFirstPropertyValue('uid')),
      [uid, uid, uid],
    );
    assert.deepEqual(
      versions.map((v) => v.vevent.getFirstPropertyValue('sequence')),
      [0, 1, 2],
    );
    assert.deepEqual(
      versions.map((v) => (v.vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toString()),
      ['2026-04-01T10:00:00Z', '2026-04-02T10:00:00Z', '2026-04-03T10:00:00Z'],
    );
    assert.deepEqual(
      versions.map((v) => v.component.getFirstPropertyValue('method')),
      ['PUBLISH', 'PUBLISH', 'CANCEL'],
    );
    assert.deepEqual(
      versions.map((v) => v.vevent.getFirstPropertyValue('status')),
      ['CONFIRMED', 'CONFIRMED', 'CANCELLED'],
    );
    assert.deepEqual(
      versions.map((v) => v.vevent.getAllSubcomponents('valarm').length),
      [1, 1, 0],
    );
    assert.deepEqual(
      versions.map((v) => v.startUtc),
      ['2026-04-21T13:00:00.000Z', '2026-10-25T01:30:00.000Z', '2026-10-25T01:30:00.000Z'],
    );
    const cancelled = versions[2]!;
    assert.equal(cancelled.vevent.getFirstPropertyValue('transp'), 'TRANSPARENT');
    assert.equal(cancelled.vevent.getFirstPropertyValue('summary'), 'Stalking, harassment; and coercive control, part 2');
  });

  it('When the sequence is negative or not a whole number, then rendering refuses it', () => {
    for (const sequence of [-1, 1.5, Number.NaN]) {
      assert.throws(() => renderIcs({ uid: 'u', sequence, stamp: new Date(), event: event('2026-04-21T13:00:00Z') }), RangeError);
    }
  });

  it('When a line is folded, then no multi-byte character is split and unfolding restores it', () => {
    const line = `SUMMARY:${'£€'.repeat(60)}`;
    const folded = fold(line);
    for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part, 'utf8') <= 75);
    assert.equal(folded.replace(/\r\n /g, ''), line);
  });
});
