import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { understandWhen } from '../../../bot/src/catalog/understanding/when.js';
import { london } from './helpers.js';

const ZONE = 'Europe/London';

/** [question, asked at (London), from (London), to exclusive (London), past tense?] */
type Case = [string, string, string, string, boolean?];

// Reference instants: Mon 13 April 2026 (BST), Wed 22 April, Fri 1 May, Sat 28 March (the day
// before the clocks go forward) and Sat 24 October (the day before they go back), and New Year.
const CASES: Case[] = [
  ["what's on today?", '2026-04-13T09:00', '2026-04-13T00:00', '2026-04-14T00:00'],
  ['anything tomorrow', '2026-04-13T09:00', '2026-04-14T00:00', '2026-04-15T00:00'],
  ['anything tonight', '2026-04-13T09:00', '2026-04-13T17:00', '2026-04-14T00:00'],
  ['what was on yesterday', '2026-04-13T09:00', '2026-04-12T00:00', '2026-04-13T00:00', true],
  ["what's on the day after tomorrow", '2026-04-13T09:00', '2026-04-15T00:00', '2026-04-16T00:00'],
  ["what's on on Friday", '2026-04-13T09:00', '2026-04-17T00:00', '2026-04-18T00:00'],
  ['anything on friday', '2026-04-17T09:00', '2026-04-17T00:00', '2026-04-18T00:00'],
  ['anything next Friday', '2026-04-13T09:00', '2026-04-24T00:00', '2026-04-25T00:00'],
  ['anything this friday', '2026-04-13T09:00', '2026-04-17T00:00', '2026-04-18T00:00'],
  ['what was on last Friday', '2026-04-22T09:00', '2026-04-17T00:00', '2026-04-18T00:00', true],
  ['what was on on Monday', '2026-04-22T09:00', '2026-04-20T00:00', '2026-04-21T00:00', true],
  ['anything Friday next week', '2026-04-13T09:00', '2026-04-24T00:00', '2026-04-25T00:00'],
  ['anything on weds', '2026-04-13T09:00', '2026-04-15T00:00', '2026-04-16T00:00'],
  ["what's on this week", '2026-04-22T09:00', '2026-04-20T00:00', '2026-04-27T00:00'],
  ['whats on next week', '2026-04-13T09:00', '2026-04-20T00:00', '2026-04-27T00:00'],
  ["what's on next week", '2026-04-19T21:00', '2026-04-20T00:00', '2026-04-27T00:00'],
  ['what was on last week', '2026-05-01T12:00', '2026-04-20T00:00', '2026-04-27T00:00', true],
  ['the week after next', '2026-04-13T09:00', '2026-04-27T00:00', '2026-05-04T00:00'],
  ['anything this weekend', '2026-04-22T09:00', '2026-04-25T00:00', '2026-04-27T00:00'],
  ['anything next weekend', '2026-04-22T09:00', '2026-05-02T00:00', '2026-05-04T00:00'],
  ["what's on 19 June", '2026-04-13T09:00', '2026-06-19T00:00', '2026-06-20T00:00'],
  ["what's on 19th June 2026", '2026-04-13T09:00', '2026-06-19T00:00', '2026-06-20T00:00'],
  ['anything on 19/06', '2026-04-13T09:00', '2026-06-19T00:00', '2026-06-20T00:00'],
  ['anything on 5/6', '2026-04-13T09:00', '2026-06-05T00:00', '2026-06-06T00:00'],
  ['anything on the 19th', '2026-04-13T09:00', '2026-04-19T00:00', '2026-04-20T00:00'],
  ['anything on the 2nd', '2026-04-13T09:00', '2026-05-02T00:00', '2026-05-03T00:00'],
  // "the 30th" once it has gone: the next month that has one (not February), the last in the past tense.
  ['anything on the 30th', '2027-01-31T09:00', '2027-03-30T00:00', '2027-03-31T00:00'],
  ['what was on the 31st', '2025-12-01T09:00', '2025-10-31T00:00', '2025-11-01T00:00', true],
  ['June 19th?', '2026-04-13T09:00', '2026-06-19T00:00', '2026-06-20T00:00'],
  ["what's on in June", '2026-04-13T09:00', '2026-06-01T00:00', '2026-07-01T00:00'],
  ['anything in may', '2026-04-13T09:00', '2026-05-01T00:00', '2026-06-01T00:00'],
  ['anything in March', '2026-04-13T09:00', '2026-03-01T00:00', '2026-04-01T00:00'],
  ['anything in February', '2026-04-13T09:00', '2027-02-01T00:00', '2027-03-01T00:00'],
  ['what was on in February', '2026-04-13T09:00', '2026-02-01T00:00', '2026-03-01T00:00', true],
  ['sessions this month', '2026-04-13T09:00', '2026-04-01T00:00', '2026-05-01T00:00'],
  ['sessions next month', '2026-04-13T09:00', '2026-05-01T00:00', '2026-06-01T00:00'],
  ['anything next month', '2026-12-20T09:00', '2027-01-01T00:00', '2027-02-01T00:00'],
  ['between 20 and 22 April', '2026-04-13T09:00', '2026-04-20T00:00', '2026-04-23T00:00'],
  ['from 20th to 22nd April', '2026-04-13T09:00', '2026-04-20T00:00', '2026-04-23T00:00'],
  ['20-22 April', '2026-04-13T09:00', '2026-04-20T00:00', '2026-04-23T00:00'],
  ['between 20 April and 22 April', '2026-04-13T09:00', '2026-04-20T00:00', '2026-04-23T00:00'],
  ['from Monday to Wednesday', '2026-04-16T09:00', '2026-04-20T00:00', '2026-04-23T00:00'],
  ['from Thursday to Tuesday', '2026-04-13T09:00', '2026-04-16T00:00', '2026-04-22T00:00'],
  ['tomorrow morning', '2026-06-18T16:00', '2026-06-19T00:00', '2026-06-19T12:00'],
  ['this afternoon', '2026-04-13T09:00', '2026-04-13T12:00', '2026-04-13T17:00'],
  ['this evening', '2026-04-13T09:00', '2026-04-13T17:00', '2026-04-14T00:00'],
  ["what's on at 2pm on Thursday 23 April", '2026-04-13T09:00', '2026-04-23T14:00', '2026-04-23T14:01'],
  ['19 june at 2pm', '2026-04-13T09:00', '2026-06-19T14:00', '2026-06-19T14:01'],
  ['19 jun 2026 at 14:00', '2026-04-13T09:00', '2026-06-19T14:00', '2026-06-19T14:01'],
  ['anything at 14:30 tomorrow', '2026-04-13T09:00', '2026-04-14T14:30', '2026-04-14T14:31'],
  ['anything at 2 today', '2026-04-13T09:00', '2026-04-13T14:00', '2026-04-13T14:01'],
  ["what's on now", '2026-04-21T14:10', '2026-04-21T14:10', '2026-04-21T14:11'],
  ['anything on right now?', '2026-04-21T14:10', '2026-04-21T14:10', '2026-04-21T14:11'],
  ['anything later today', '2026-04-21T10:30', '2026-04-21T10:30', '2026-04-22T00:00'],
  ['week commencing 15 June', '2026-04-13T09:00', '2026-06-15T00:00', '2026-06-22T00:00'],
  ['w/c 17/06', '2026-04-13T09:00', '2026-06-15T00:00', '2026-06-22T00:00'],
  ['next 3 days', '2026-04-13T09:00', '2026-04-13T00:00', '2026-04-16T00:00'],
  // A date without a year: the next one, or the one just gone (within 30 days), or in the past tense the last one.
  ["what's on 22 April", '2026-05-01T12:00', '2026-04-22T00:00', '2026-04-23T00:00'],
  ["what's on 2 January", '2026-04-13T09:00', '2027-01-02T00:00', '2027-01-03T00:00'],
  ['what was on 2 January', '2026-04-13T09:00', '2026-01-02T00:00', '2026-01-03T00:00', true],
  ['what was on 19 June', '2026-04-13T09:00', '2025-06-19T00:00', '2025-06-20T00:00', true],
  ['anything on 3 Jan', '2026-12-20T09:00', '2027-01-03T00:00', '2027-01-04T00:00'],
  // Both sides of the clock changes (29 March and 25 October 2026).
  ['anything tomorrow', '2026-03-28T12:00', '2026-03-29T00:00', '2026-03-30T00:00'],
  ['anything tomorrow at 10am', '2026-03-28T12:00', '2026-03-29T10:00', '2026-03-29T10:01'],
  ['tomorrow afternoon', '2026-03-28T12:00', '2026-03-29T12:00', '2026-03-29T17:00'],
  ['anything tomorrow', '2026-10-24T12:00', '2026-10-25T00:00', '2026-10-26T00:00'],
  ['at 2pm on 25 October', '2026-10-20T12:00', '2026-10-25T14:00', '2026-10-25T14:01'],
  ["what's on next week", '2026-10-21T12:00', '2026-10-26T00:00', '2026-11-02T00:00'],
  ["what's on this week", '2026-03-25T12:00', '2026-03-23T00:00', '2026-03-30T00:00'],
  // Either side of lunch, and last night.
  ["what's on after lunch on Friday", '2026-10-19T09:00', '2026-10-23T13:00', '2026-10-23T17:00'],
  ['anything before lunch tomorrow', '2026-10-24T12:00', '2026-10-25T00:00', '2026-10-25T12:00'],
  ['anything over lunch on Friday', '2026-10-19T09:00', '2026-10-23T11:30', '2026-10-23T14:00'],
  ['what was on last night', '2026-03-29T12:00', '2026-03-28T17:00', '2026-03-29T00:00', true],
  ['week starting 17 June', '2026-04-13T09:00', '2026-06-15T00:00', '2026-06-22T00:00'],
];

function runCases(): void {
  for (const [text, asked, from, to, past] of CASES) {
    it(`reads "${text}" asked ${asked} as ${from} to ${to}`, () => {
      const { when } = understandWhen(text.toLowerCase(), london(asked), { zone: ZONE, past: past ?? false });
      assert.ok(when, 'no time understood');
      assert.equal(local(when.from), from);
      assert.equal(local(when.to), to);
    });
  }
}

function local(d: Date): string {
  return DateTime.fromJSDate(d, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
}

describe('understanding when: phrasings against reference instants (London time)', () => {
  runCases();

  it('gives the instants of the clock changes as UTC, not as the machine would', () => {
    const before = understandWhen('tomorrow', london('2026-03-28T12:00'), { zone: ZONE, past: false }).when!;
    assert.equal(before.from.toISOString(), '2026-03-29T00:00:00.000Z');
    assert.equal(before.to.toISOString(), '2026-03-29T23:00:00.000Z', 'the day the clocks go forward has 23 hours');
    const after = understandWhen('tomorrow', london('2026-10-24T12:00'), { zone: ZONE, past: false }).when!;
    assert.equal(after.from.toISOString(), '2026-10-24T23:00:00.000Z');
    assert.equal(after.to.toISOString(), '2026-10-26T00:00:00.000Z', 'the day the clocks go back has 25 hours');
    const morning = understandWhen('tomorrow at 10am', london('2026-03-28T12:00'), { zone: ZONE, past: false }).when!;
    assert.equal(morning.from.toISOString(), '2026-03-29T09:00:00.000Z', '10:00 BST');
  });

  it('labels what it understood the way an answer names it', () => {
    const at = london('2026-04-13T09:00');
    const label = (t: string) => understandWhen(t, at, { zone: ZONE, past: false }).when!.phrase;
    assert.equal(label('friday 19 june'), 'on Friday 19 June');
    assert.equal(label('next week'), 'next week (20–26 April)');
    assert.equal(label('tomorrow morning'), 'tomorrow morning (Tuesday 14 April)');
    assert.equal(label('in june'), 'in June');
    assert.equal(label('now'), 'right now');
    assert.equal(label('2 january'), 'on Saturday 2 January 2027');
    assert.equal(label('after lunch on friday'), 'after lunch on Friday 17 April');
    assert.equal(label('before lunch tomorrow'), 'before lunch tomorrow (Tuesday 14 April)');
    assert.equal(label('after lunch next week'), 'next week (20–26 April), after lunch');
    assert.equal(label('friday at lunchtime'), 'on Friday 17 April at lunchtime');
  });

  it('reads a part of the day said with no day as that part of every day', () => {
    const at = london('2026-04-13T09:00');
    const read = (t: string) => understandWhen(t, at, { zone: ZONE, past: false }).when!;
    for (const [text, phrase, from, to] of [
      ['evening sessions', 'in the evening', 17 * 60, 24 * 60],
      ['anything in the mornings?', 'in the morning', 0, 12 * 60],
      ['afternoon sessions', 'in the afternoon', 12 * 60, 17 * 60],
      ['anything at lunchtime', 'at lunchtime', 11 * 60 + 30, 14 * 60],
      ['anything after lunch', 'after lunch', 13 * 60, 17 * 60],
    ] as const) {
      const when = read(text);
      assert.equal(when.anyDay, true, text);
      assert.equal(when.phrase, phrase, text);
      assert.deepEqual(when.clock, { from, to, mode: 'starts' }, text);
      assert.ok(when.from.getTime() < Date.UTC(1900, 0) && when.to.getTime() > Date.UTC(3000, 0), `${text}: every day`);
    }
    // With a day, or a clock time, it is that day's: today for "this evening" and "at 2pm".
    assert.equal(read('this evening').anyDay, undefined);
    assert.equal(read('tonight').anyDay, undefined);
    assert.equal(read('at 2pm').anyDay, undefined);
    assert.equal(read('evening sessions next week').anyDay, undefined);
  });

  it('leaves non-time words for the topic understanding and blanks the time words', () => {
    const r = understandWhen('anything on facial recognition next week', london('2026-04-13T09:00'), { zone: ZONE, past: false });
    assert.ok(r.when);
    assert.match(r.rest, /facial recognition/);
    assert.doesNotMatch(r.rest, /next|week/);
  });

  it('does not take names, greetings or ordinary words for times', () => {
    const at = london('2026-04-13T09:00');
    for (const text of [
      'response policing week',
      'neighbourhood week of action',
      'may i ask what is on',
      'morning all, what is on?',
      'first on the scene',
      'capacity 300',
    ]) {
      assert.equal(understandWhen(text, at, { zone: ZONE, past: false }).when, undefined, text);
    }
  });

  describe('with the machine in New York time', () => {
    let saved: string | undefined;
    before(() => {
      saved = process.env.TZ;
      process.env.TZ = 'America/New_York';
    });
    after(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('really runs with a machine zone other than London', () => {
      assert.equal(new Date('2026-01-15T12:00:00Z').getTimezoneOffset(), 300);
    });
    runCases();
  });
});
