import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { addYears, dayAt, dayOf, daysInMonth, firstOfMonth, isoDate, partsOf, wallClockOf, weekdayOf } from '../../bot/src/catalog/local-day.js';

describe('calendar days', () => {
  it('agree with luxon on date, weekday and month length for every day of 1999–2032', () => {
    for (let d = dayOf(1999, 1, 1)!; d < dayOf(2033, 1, 1)!; d++) {
      const l = DateTime.fromISO(isoDate(d), { zone: 'UTC' });
      assert.ok(l.isValid, isoDate(d));
      assert.deepEqual(partsOf(d), { year: l.year, month: l.month, day: l.day });
      assert.equal(weekdayOf(d), l.weekday, isoDate(d));
      assert.equal(daysInMonth(l.year, l.month), l.daysInMonth);
      assert.equal(dayOf(l.year, l.month, l.day), d);
    }
  });

  it('have no impossible dates', () => {
    assert.equal(dayOf(2026, 4, 31), undefined);
    assert.equal(dayOf(2026, 2, 29), undefined);
    assert.equal(isoDate(dayOf(2028, 2, 29)!), '2028-02-29');
    assert.equal(dayOf(2026, 13, 1), undefined);
    assert.equal(dayOf(2026, 0, 1), undefined);
    assert.equal(dayOf(2026, 6, 0), undefined);
    assert.equal(dayOf(26, 6, 19), undefined, 'two-digit years are not guessed at');
  });

  it('step months and years the way a calendar does', () => {
    const d = dayOf(2026, 1, 31)!;
    assert.equal(isoDate(firstOfMonth(d)), '2026-01-01');
    assert.equal(isoDate(firstOfMonth(d, 1)), '2026-02-01');
    assert.equal(isoDate(firstOfMonth(d, -1)), '2025-12-01');
    assert.equal(isoDate(firstOfMonth(d, 12)), '2027-01-01');
    assert.equal(isoDate(addYears(dayOf(2028, 2, 29)!, 1)), '2029-02-28');
    assert.equal(isoDate(addYears(dayOf(2028, 2, 29)!, -4)), '2024-02-29');
    assert.equal(isoDate(addYears(dayOf(2026, 6, 19)!, -1)), '2025-06-19');
  });

  it('go to and from wall-clock readings', () => {
    const d = dayOf(2026, 6, 19)!;
    assert.equal(dayAt(wallClockOf(d)), d);
    assert.equal(dayAt(wallClockOf(d, 24 * 60 - 1)), d);
    assert.equal(dayAt(wallClockOf(d, 24 * 60)), d + 1);
    assert.equal(new Date(wallClockOf(d, 14 * 60 + 30)).toISOString(), '2026-06-19T14:30:00.000Z');
  });
});
