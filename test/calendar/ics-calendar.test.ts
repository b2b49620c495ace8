import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';
import { convertIcsCalendar } from 'ts-ics';
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

/** Parses the file with ical.js: start and end must be UTC times, with no TZID and no VTIMEZONE to resolve them. */
function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  assert.equal(component.getFirstSubcomponent('vtimezone'), null, 'no VTIMEZONE: every time is UTC');
  const vevent = component.getFirstSubcomponent('vevent')!;
  const resolve = (name: 'dtstart' | 'dtend') => {
    const property = vevent.getFirstProperty(name)!;
    assert.equal(property.getParameter('tzid'), undefined, `${name} has no TZID`);
    const time = property.getFirstValue() as ICAL.Time;
    assert.equal(time.zone, ICAL.Timezone.utcTimezone, `${name} is UTC`);
    return time;
  };
  return { component, vevent, startUtc: resolve('dtstart').toJSDate().toISOString(), endUtc: resolve('dtend').toJSDate().toISOString() };
}

/**
 * The same file with start and end as London wall-clock times and the zone's VTIMEZONE (BST from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October): how the
 * times would read had they been written in the local form.
 */
function inLondonForm(ics: string): string {
  const london = (stamp: string) => DateTime.fromFormat(stamp, "yyyyLLdd'T'HHmmss'Z'", { zone: 'utc' }).setZone('Europe/London').toFormat("yyyyLLdd'T'HHmmss");
  const zone = [
    'BEGIN:VTIMEZONE',
    'TZID:Europe/London',
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
  ].join('\r\n');
  const local = ics.replace(
    /\r\n(DTSTART|DTEND):(\d{8}T\d{6}Z)(?=\r\n)/g,
    (_all, name: string, stamp: string) => `\r\n${name};TZID=Europe/London:${london(stamp)}`,
  );
  assert.notEqual(local, ics);
  return local.replace('\r\nBEGIN:VEVENT\r\n', `\r\n${zone}\r\nBEGIN:VEVENT\r\n`);
}

/**
 * The event's start, end, UID, SEQUENCE and STATUS as two more parsers read the file, each with
 * its own tokenizer and time-zone handling (neither shares code with ical.js): node-ical and ts-ics.
 */
function otherReadings(ics: string): Array<{ parser: string; start: string; end: string; stamp: string; uid: string; sequence: number; status: string }> {
  const vevents = Object.values(nodeIcal.sync.parseICS(ics)).filter((c): c is VEvent => c?.type === 'VEVENT');
  assert.equal(vevents.length, 1, 'node-ical finds one event');
  const n = vevents[0]!;
  const calendar = convertIcsCalendar(undefined, ics);
  assert.equal(calendar.events?.length, 1, 'ts-ics finds one event');
  const t = calendar.events![0]!;
  return [
    {
      parser: 'node-ical',
      start: n.start.toISOString(),
      end: n.end!.toISOString(),
      stamp: n.dtstamp.toISOString(),
      uid: n.uid,
      sequence: Number(n.sequence),
      status: String(n.status),
    },
    {
      parser: 'ts-ics',
      start: t.start.date.toISOString(),
      end: t.end!.date.toISOString(),
      stamp: t.stamp.date.toISOString(),
      uid: t.uid,
      // ts-ics leaves out a SEQUENCE of 0, the value RFC 5545 gives an event without one.
      sequence: t.sequence ?? 0,
      status: String(t.status),
    },
  ];
}

/** The event's raw DTSTART line, unfolded (not a VTIMEZONE's). */
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

  it('When the session is either side of the March and October clock changes, then each parser reads the same UTC times', () => {
    const cases = [
      '2026-03-28T10:00:00.000Z', // Saturday, GMT
      '2026-03-30T09:00:00.000Z', // Monday, BST (10:00 local)
      '2026-10-24T09:00:00.000Z', // Saturday, BST
      '2026-10-26T10:00:00.000Z', // Monday, GMT
      '2027-03-29T08:30:00.000Z', // the following year's BST
    ];
    for (const [i, utc] of cases.entries()) {
      const ics = renderIcs({ uid: `u${i}`, stamp: new Date('2026-01-01T00:00:00Z'), event: event(utc, 90) });
      const end = new Date(new Date(utc).getTime() + 90 * 60_000).toISOString();
      assert.equal(dtstartLine(ics), `DTSTART:${utc.replace(/[-:]/g, '').replace(/\.000Z$/, 'Z')}`);
      const parsed = parse(ics);
      assert.equal(parsed.startUtc, utc);
      assert.equal(parsed.endUtc, end);
      for (const other of otherReadings(ics)) {
        assert.equal(other.start, utc, `${other.parser} reads the start`);
        assert.equal(other.end, end, `${other.parser} reads the end`);
      }
    }
  });

  it('When a session starts or ends at any half hour of the days the clocks change, then all three parsers read the right instants', () => {
    const misreadInLondonForm = new Map<string, Set<string>>();
    for (const day of ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31']) {
      // From 22:00 UTC the evening before to 22:00 UTC on the day: every wall-clock time of that London day.
      const from = new Date(`${day}T00:00:00Z`).getTime() - 2 * 3_600_000;
      for (let at = from; at < from + 24 * 3_600_000; at += 30 * 60_000) {
        const utc = new Date(at).toISOString();
        const end = new Date(at + 30 * 60_000).toISOString();
        const ics = renderIcs({ uid: `d${at}`, stamp: new Date('2026-01-01T00:00:00Z'), event: event(utc, 30) });
        const parsed = parse(ics);
        assert.deepEqual([parsed.startUtc, parsed.endUtc], [utc, end], `ical.js at ${utc}`);
        assert.deepEqual(independentStart(dtstartLine(ics)), { instant: utc, candidates: [utc] }, `${dtstartLine(ics)} names one instant`);
        for (const other of otherReadings(ics)) assert.deepEqual([other.start, other.end], [utc, end], `${other.parser} at ${utc}`);
        // The control: the same times as London wall-clock times with a TZID.
        for (const other of otherReadings(inLondonForm(ics))) {
          if (other.start !== utc) misreadInLondonForm.set(other.parser, (misreadInLondonForm.get(other.parser) ?? new Set()).add(utc));
        }
      }
    }
    // Which is why the file does not say London time: both would have put some sessions an hour out.
    assert.ok(misreadInLondonForm.get('node-ical')?.has('2026-10-25T00:30:00.000Z'), 'node-ical reads the first 01:30 as the second');
    assert.ok(misreadInLondonForm.get('ts-ics')?.has('2026-10-25T00:30:00.000Z'), 'ts-ics reads the first 01:30 as the second');
    assert.ok(misreadInLondonForm.get('ts-ics')?.has('2026-03-29T00:30:00.000Z'), 'ts-ics reads 00:30 GMT on the day BST starts as BST');
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

  it('When two sessions are at 01:30 BST and 01:30 GMT on the day the clocks go back, then their files differ and every parser tells them apart', () => {
    const first = renderIcs({ uid: 'same', stamp: new Date('2026-01-01T00:00:00Z'), event: event('2026-10-25T00:30:00Z') });
    const second = renderIcs({ uid: 'same', stamp: new Date('2026-01-01T00:00:00Z'), event: event('2026-10-25T01:30:00Z') });
    assert.equal(dtstartLine(first), 'DTSTART:20261025T003000Z');
    assert.equal(dtstartLine(second), 'DTSTART:20261025T013000Z');
    assert.deepEqual(
      [first, second].map((ics) => [parse(ics).startUtc, ...otherReadings(ics).map((o) => o.start)]),
      [Array(3).fill('2026-10-25T00:30:00.000Z'), Array(3).fill('2026-10-25T01:30:00.000Z')],
    );
    // In London form both would be one line, which names two instants.
    assert.equal(dtstartLine(inLondonForm(first)), 'DTSTART;TZID=Europe/London:20261025T013000');
    assert.equal(dtstartLine(inLondonForm(second)), 'DTSTART;TZID=Europe/London:20261025T013000');
    assert.deepEqual(independentStart('DTSTART;TZID=Europe/London:20261025T013000').candidates, ['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
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
    const raw = [
      renderIcs({ uid, stamp: new Date('2026-04-01T10:00:00Z'), event: event('2026-04-21T13:00:00Z') }),
      renderIcs({ uid, sequence: 1, stamp: new Date('2026-04-02T10:00:00Z'), event: event('2026-10-25T01:30:00Z') }),
      renderIcs({ uid, sequence: 2, status: 'cancelled', stamp: new Date('2026-04-03T10:00:00Z'), event: event('2026-10-25T01:30:00Z') }),
    ];
    const versions = raw.map(parse);
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
    // The other parsers see the same UID, the rising SEQUENCE and the cancellation.
    assert.deepEqual(
      [0, 1, 2].map((i) => otherReadings(raw[i]!).map(({ uid: u, sequence, status, stamp }) => ({ uid: u, sequence, status, stamp }))),
      [0, 1, 2].map((i) => {
        const expected = { uid, sequence: i, status: i === 2 ? 'CANCELLED' : 'CONFIRMED', stamp: `2026-04-0${i + 1}T10:00:00.000Z` };
        return [expected, expected];
      }),
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
