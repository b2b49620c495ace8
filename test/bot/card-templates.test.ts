import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { compileTemplate, TemplateError } from '../../bot/src/teams/cards/template.js';
import { helpData, type HelpReason, type Scope } from '../../bot/src/teams/cards/help.js';
import { sessionDetailsData } from '../../bot/src/teams/cards/session-details.js';
import { nothingFoundData, sessionListData } from '../../bot/src/teams/cards/session-list.js';
import { bookingCardData, myBookingsData } from '../../bot/src/teams/cards/booking.js';
import { joinLinkData, recordingData, rescheduledData, withdrawnData } from '../../bot/src/teams/cards/notice.js';
import type { BookingView } from '../../bot/src/bookings/model.js';
import { contrastProblems } from '../support/contrast.js';
import { nothingAnswer, sessionsAnswer, worstCaseMatches } from './sample-answers.js';

const cardsDir = path.resolve('bot/src/teams/cards');
const template = (name: string): object => JSON.parse(readFileSync(path.join(cardsDir, name), 'utf8'));
/** What the official templating SDK makes of a template and its data: the oracle. */
const official = (t: object, data: object): unknown => new ACData.Template(t).expand({ $root: data });

const now = new Date('2026-04-13T09:00:00+01:00');
const question = { text: 'what is on next week?', askedAt: now.toISOString() };
const worst = worstCaseMatches(10);

function view(overrides: Partial<BookingView>): BookingView {
  const s = worst[1]!.session;
  return {
    bookingId: 7,
    officerId: 'officer-1',
    status: 'booked',
    invite: 'sent',
    icsUrl: 'https://cpd.example.net/calendar/abc.ics',
    session: { id: s.id, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, joinUrl: 'https://teams.microsoft.com/l/meetup-join/x' },
    ...overrides,
  };
}

describe('card templates compiled once', () => {
  const reasons: HelpReason[] = ['help', 'not-understood', 'welcome'];
  const scopes: Scope[] = ['personal', 'groupChat', 'channel'];
  const cases: Array<[string, string, object]> = [
    ['a long list, middle page', 'session-list.json', sessionListData(sessionsAnswer(worst, 35, 10), question, now)],
    ['a one-session list', 'session-list.json', sessionListData(sessionsAnswer(worst.slice(0, 1), 1, 0), question, now)],
    ['nothing found with nearest', 'session-list.json', nothingFoundData(nothingAnswer(worst), question, now)],
    ['nothing found, none near', 'session-list.json', nothingFoundData(nothingAnswer([]), question, now)],
    ...worst
      .slice(0, 3)
      .map((m, i): [string, string, object] => [`details ${i}`, 'session-details.json', sessionDetailsData(m, now, { ...question, offset: 0 })]),
    ['details without a way back', 'session-details.json', sessionDetailsData(worst[2]!, now)],
    ['details, places left', 'session-details.json', sessionDetailsData(worst[3]!, now, undefined, { booked: 3, waitlisted: 0 })],
    ['details, full with a waitlist', 'session-details.json', sessionDetailsData(worst[3]!, now, undefined, { booked: 10_000, waitlisted: 7 })],
    ...reasons.flatMap((r) => scopes.map((s): [string, string, object] => [`help ${r} ${s}`, 'help.json', helpData(r, s)])),
    ['booked, invite sent', 'booking.json', bookingCardData(view({}), now)],
    ['booked again', 'booking.json', bookingCardData(view({ invite: 'pending' }), now, { already: true })],
    ['booked, .ics only', 'booking.json', bookingCardData(view({ invite: 'ics' }), now, { lead: 'Good news: a place came up', leadColor: 'Accent' })],
    ['waitlisted', 'booking.json', bookingCardData(view({ status: 'waitlisted', position: 12, invite: 'none' }), now)],
    ['cancelled', 'booking.json', bookingCardData(view({ status: 'cancelled', invite: 'none' }), now)],
    ['cancelled, session withdrawn', 'booking.json', bookingCardData(view({ status: 'cancelled', invite: 'none' }), now, { withdrawn: true })],
    ['my bookings', 'my-bookings.json', myBookingsData([view({}), view({ bookingId: 8, status: 'waitlisted', position: 3, invite: 'none' })], now)],
    ['my bookings, none', 'my-bookings.json', myBookingsData([], now, 'Your booking was cancelled.')],
    ['moved, booked', 'notice.json', rescheduledData(view({}), { startsAt: new Date('2026-04-20T09:00:00Z'), endsAt: new Date('2026-04-20T10:00:00Z') }, now)],
    [
      'moved, waiting',
      'notice.json',
      rescheduledData(
        view({ status: 'waitlisted', position: 4, invite: 'none' }),
        { startsAt: new Date('2026-04-20T09:00:00Z'), endsAt: new Date('2026-04-20T10:00:00Z') },
        now,
      ),
    ],
    [
      'cancelled by the organisers',
      'notice.json',
      withdrawnData(view({ status: 'cancelled', invite: 'none' }), 'booked', 'Presenter unwell: we will run it again in June.', now),
    ],
    ['cancelled, no message', 'notice.json', withdrawnData(view({ status: 'cancelled', invite: 'none' }), 'waitlisted', undefined, now)],
    ['new join link', 'notice.json', joinLinkData(view({}), now)],
    [
      'recording posted',
      'notice.json',
      recordingData(
        view({}),
        { id: 'r', title: 'The recording', url: 'https://knowledgehub.group/r', postedOn: '2026-04-28', durationSeconds: 2640, sample: false },
        now,
      ),
    ],
  ];

  it('offers "Book a place" again after a cancellation only while the session is still in the programme', () => {
    const cancelled = view({ status: 'cancelled', invite: 'none' });
    const listed = bookingCardData(cancelled, now);
    assert.ok(listed.book, 'a listed upcoming session can be booked again');
    assert.match(listed.note, /book again/);
    const withdrawn = bookingCardData(cancelled, now, { withdrawn: true });
    assert.equal(withdrawn.book, null);
    assert.match(withdrawn.note, /taken out of the programme/);
  });

  for (const [what, file, data] of cases) {
    it(`expands ${file} exactly as the official templating SDK does: ${what}`, () => {
      const t = template(file);
      assert.deepEqual(compileTemplate(t)(data), official(t, data));
      assert.deepEqual(contrastProblems(compileTemplate(t)(data) as object), [], 'every text readable in every Teams theme');
    });
  }

  it('compiles every template the bot ships', () => {
    const files = readdirSync(cardsDir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 5);
    for (const file of files) assert.doesNotThrow(() => compileTemplate(template(file)), file);
  });

  it("keeps the SDK's rules for missing values, null, $when, $data and $index", () => {
    const t = {
      whole: '${s}',
      nothing: '${missing}',
      isNull: '${n}',
      mixed: 'a ${s} ${num} ${missing} b',
      count: '${string(num)}',
      list: [
        { $data: '${arr}', v: '${$data}', i: '${$index}', r: '${$root.s}' },
        { $when: "${s == 'hi'}", k: 1 },
        { $when: '${n != null}', k: 2 },
        { $when: "${n != ''}", k: 3 },
        { $when: '${count(empty) > 0}', k: 4 },
        { $when: '${flag}', k: 5 },
        { $data: '${empty}', k: 6 },
      ],
      scoped: { $data: '${o}', p: '${q}' },
      unscoped: { $data: '${n}', p: '${s}' },
    };
    const data = { s: 'hi', n: null, num: 3, arr: ['x', 'y'], empty: [], flag: false, o: { q: 'Q' } };
    assert.deepEqual(compileTemplate(t)(data), official(t, data));
    assert.deepEqual(compileTemplate(t)(data), {
      whole: 'hi',
      nothing: '${missing}',
      isNull: null,
      mixed: 'a hi 3 ${missing} b',
      count: '3',
      list: [{ v: 'x', i: 0, r: 'hi' }, { v: 'y', i: 1, r: 'hi' }, { k: 1 }, { k: 3 }],
      scoped: { p: 'Q' },
      unscoped: { p: '${s}' },
    });
  });

  it('keeps scopes apart when $data elements nest, and makes a vanished element outside an array null', () => {
    const t = {
      groups: [
        {
          $data: '${groups}',
          $when: '${count(items) > 0}',
          name: '${name} (${string($index)})',
          items: [{ $data: '${items}', $when: "${$data != 'skip'}", v: '${$data}', at: '${$index}', top: '${$root.title}' }, { last: '${name}' }],
        },
      ],
      maybe: { $when: '${flag}', a: 1 },
      kept: { $when: '${title != null}', a: 2 },
      none: { $data: '${empty}', a: 3 },
      one: { $data: '${groups}', $when: "${name == 'c'}", a: '${name}' },
      all: { $data: '${groups}', a: '${name}' },
    };
    const data = {
      title: 'T',
      flag: false,
      empty: [],
      groups: [
        { name: 'a', items: ['p', 'skip', 'q'] },
        { name: 'b', items: [] },
        { name: 'c', items: ['r'] },
      ],
    };
    assert.deepEqual(compileTemplate(t)(data), official(t, data));
    assert.deepEqual(compileTemplate(t)(data), {
      groups: [
        { name: 'a (0)', items: [{ v: 'p', at: 0, top: 'T' }, { v: 'q', at: 2, top: 'T' }, { last: 'a' }] },
        { name: 'c (2)', items: [{ v: 'r', at: 0, top: 'T' }, { last: 'c' }] },
      ],
      maybe: null,
      kept: { a: 2 },
      none: null,
      one: { a: 'c' },
      all: [{ a: 'a' }, { a: 'b' }, { a: 'c' }],
    });
  });

  it('treats every key, text and value as data, never as code', () => {
    const sly = '"); globalThis.pwned = true; ("';
    const t = { [sly]: `${sly} \${a} ${sly}`, [`${sly}2`]: '${a}', list: [{ $when: '${a != null}', [sly]: '\u2028\u2029 ${x}' }] };
    const data = { a: sly };
    assert.deepEqual(compileTemplate(t)(data), official(t, data));
    assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
    assert.throws(() => compileTemplate(JSON.parse('{"__proto__": {"a": 1}}')), /__proto__/);
  });

  it('refuses, when compiling, an expression it does not understand instead of guessing', () => {
    assert.throws(() => compileTemplate({ a: '${if(x, 1, 2)}' }), TemplateError);
    assert.throws(() => compileTemplate({ a: '${x && y}' }), TemplateError);
    assert.throws(() => compileTemplate([{ $when: 'x == 1', a: 1 }]), /one \$\{\.\.\.\} expression/);
    assert.throws(() => compileTemplate({ a: [['x']] }), /may not hold an array/);
    assert.throws(() => compileTemplate({ a: ['${x}'] }), /may not be a \$\{\.\.\.\} text/);
    assert.throws(() => compileTemplate({ a: { $index: 1 } }), /reserved/);
    assert.throws(() => compileTemplate({ a: `\${n == 1${'0'.repeat(400)}}` }), /too large/);
  });
});
