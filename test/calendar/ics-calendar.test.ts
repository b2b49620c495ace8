import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { escapeText, fold, renderIcs } from '../../bot/src/calendar/ics-calendar.js';
import type { CalendarEvent } from '../../bot/src/calendar/calendar-gateway.js';

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

/** Parses the file with ical.js and resolves the event's start in its own VTIMEZONE. */
function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  const zone = component.getFirstSubcomponent('vtimezone')!;
  const timezone = new ICAL.Timezone(zone);
  const vevent = component.getFirstSubcomponent('vevent')!;
  const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
  const end = vevent.getFirstPropertyValue('dtend') as ICAL.Time;
  start.zone = timezone;
  end.zone = timezone;
  return { component, vevent, startUtc: start.toJSDate().toISOString(), endUtc: end.toJSDate().toISOString(), local: start.toString() };
}

describe('The .ics invite', () => {
  it('When it is rendered, then it is an RFC 5545 calendar with CRLF lines of at most 75 octets', () => {
    const ics = renderIcs({ uid: 'b-1@cpd', stamp: new Date('2026-04-01T10:00:00Z'), event: event('2026-04-21T13:00:00Z', 45, { description: 'é'.repeat(200) }) });
    assert.ok(ics.endsWith('\r\n'));
    assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
    for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line too long: ${line}`);
    const { vevent } = parse(ics);
    assert.equal(vevent.getFirstPropertyValue('description'), `${'é'.repeat(200)}\n\nPresenters: DS Jo Patel, Trainer, College of Policing\n\nJoin: ${event('2026-04-21T13:00:00Z').joinUrl}`);
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

  it('When a line is folded, then no multi-byte character is split and unfolding restores it', () => {
    const line = `SUMMARY:${'£€'.repeat(60)}`;
    const folded = fold(line);
    for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part, 'utf8') <= 75);
    assert.equal(folded.replace(/\r\n /g, ''), line);
  });
});
