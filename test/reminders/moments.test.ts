/**
 * The moments of a session, in UK time: 09:00 the working day before, 09:00 on the day, 15
 * minutes before, the start and the end, each with the moment it stops being worth sending.
 */
import assert from 'node:assert/strict';
import { dayWords, sessionMoments } from '../../bot/src/reminders/moments.js';

const at = (iso: string) => new Date(iso);
const moments = (starts: string, ends: string) =>
  Object.fromEntries(sessionMoments({ startsAt: at(starts), endsAt: at(ends) }).map((m) => [m.kind, [m.at.toISOString(), m.until.toISOString()]]));

describe('Session moments', () => {
  it('When a session is on a Tuesday morning, then the first reminder is 09:00 UK time on Monday and holds until 15 minutes before', () => {
    assert.deepEqual(moments('2026-05-05T09:00:00Z', '2026-05-05T10:00:00Z'), {
      dayBefore: ['2026-05-04T08:00:00.000Z', '2026-05-05T08:45:00.000Z'],
      onTheDay: ['2026-05-05T08:00:00.000Z', '2026-05-05T08:45:00.000Z'],
      soon: ['2026-05-05T08:45:00.000Z', '2026-05-05T09:00:00.000Z'],
      noPlace: ['2026-05-05T09:00:00.000Z', '2026-05-05T10:00:00.000Z'],
      attendance: ['2026-05-05T10:00:00.000Z', '2026-05-12T10:00:00.000Z'],
    });
  });

  it('When a session is on a Monday, or at a weekend, then the working day before is the Friday', () => {
    assert.deepEqual(moments('2026-05-11T09:00:00Z', '2026-05-11T10:00:00Z').dayBefore, ['2026-05-08T08:00:00.000Z', '2026-05-11T08:45:00.000Z']);
    assert.equal(moments('2026-05-10T13:00:00Z', '2026-05-10T14:00:00Z').dayBefore?.[0], '2026-05-08T08:00:00.000Z', 'a Sunday session');
  });

  it('When a session starts before 09:15, then there is no on-the-day reminder (the 15-minute one is the next)', () => {
    const early = moments('2026-05-05T07:30:00Z', '2026-05-05T08:30:00Z');
    assert.equal(early.onTheDay, undefined);
    assert.deepEqual(early.soon, ['2026-05-05T07:15:00.000Z', '2026-05-05T07:30:00.000Z']);
  });

  it('When the clocks change, then 09:00 is still 09:00 in London (GMT in winter)', () => {
    assert.equal(moments('2026-10-26T10:00:00Z', '2026-10-26T11:00:00Z').dayBefore?.[0], '2026-10-23T08:00:00.000Z', 'Friday in BST');
    assert.equal(moments('2026-10-27T10:00:00Z', '2026-10-27T11:00:00Z').dayBefore?.[0], '2026-10-26T09:00:00.000Z', 'Monday in GMT');
  });

  it('names the day as seen from the moment of sending', () => {
    const start = at('2026-05-11T09:00:00Z');
    assert.equal(dayWords(start, at('2026-05-11T08:00:00Z')), 'today');
    assert.equal(dayWords(start, at('2026-05-10T22:30:00Z')), 'tomorrow', 'late Sunday evening, UK time');
    assert.deepEqual(dayWords(start, at('2026-05-08T08:00:00Z')), { weekday: 'Monday 11 May' });
  });
});
