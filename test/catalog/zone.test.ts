import assert from 'node:assert/strict';
import { DateTime, IANAZone } from 'luxon';
import { cachedZone } from '../../bot/src/catalog/zone.js';

/** Zones with the changes that catch a cache out: at 01:00 UTC, at local midnight, by 30 minutes, none at all. */
const ZONES = ['Europe/London', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
const MINUTE = 60_000;

describe('the cached catalog zone', () => {
  for (const name of ZONES) {
    it(`gives luxon's own offsets in ${name}: every hour of 2026, every ten seconds of the hour around each change`, () => {
      const plain = IANAZone.create(name);
      const cached = cachedZone(name);
      const start = Date.UTC(2026, 0, 1);
      const end = Date.UTC(2027, 0, 1);
      let checked = 0;
      for (let t = start; t < end; t += 60 * MINUTE) {
        for (const u of [t, t + 37 * MINUTE]) assert.equal(cached.offset(u), plain.offset(u), `${name} at ${new Date(u).toISOString()}`);
        // Around a change, through the hour that holds it.
        if (plain.offset(t) !== plain.offset(t + 60 * MINUTE)) {
          for (let u = t; u <= t + 60 * MINUTE; u += 10_000) assert.equal(cached.offset(u), plain.offset(u), `${name} at ${new Date(u).toISOString()}`);
        }
        checked++;
      }
      assert.equal(checked, 365 * 24);
    });
  }

  it('makes the same DateTimes as luxon on the days the clocks change in London', () => {
    const zone = cachedZone('Europe/London');
    for (const local of ['2026-03-29T00:00', '2026-03-29T01:30', '2026-03-29T02:00', '2026-10-25T00:00', '2026-10-25T01:30', '2026-10-25T02:00']) {
      const ours = DateTime.fromISO(local, { zone });
      const theirs = DateTime.fromISO(local, { zone: 'Europe/London' });
      assert.equal(ours.toISO(), theirs.toISO(), local);
      assert.equal(ours.plus({ days: 1 }).toISO(), theirs.plus({ days: 1 }).toISO(), `${local} + 1 day`);
      assert.equal(ours.startOf('day').set({ hour: 1, minute: 30 }).toISO(), theirs.startOf('day').set({ hour: 1, minute: 30 }).toISO(), `${local} at 01:30`);
    }
  });

  it("finds the instant of a wall-clock time as luxon does from the day's midnight, in the gap and the overlap too", () => {
    for (const name of ['Europe/London', 'America/New_York', 'Australia/Lord_Howe']) {
      const zone = cachedZone(name);
      for (const date of ['2026-03-08', '2026-03-29', '2026-04-05', '2026-06-19', '2026-10-04', '2026-10-25', '2026-11-01']) {
        const midnight = DateTime.fromISO(date, { zone: name });
        for (let minute = 0; minute < 24 * 60; minute += 15) {
          const wall = Date.parse(`${date}T00:00:00Z`) + minute * MINUTE;
          const theirs = midnight.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
          assert.equal(new Date(zone.instant(wall)).toISOString(), theirs.toUTC().toISO(), `${name} ${date} +${minute} min`);
        }
      }
    }
  });

  it('reads the wall clock at an instant', () => {
    const zone = cachedZone('Europe/London');
    assert.equal(new Date(zone.wallClock(Date.parse('2026-06-19T09:00:00Z'))).toISOString(), '2026-06-19T10:00:00.000Z');
    assert.equal(new Date(zone.wallClock(Date.parse('2026-12-19T09:00:00Z'))).toISOString(), '2026-12-19T09:00:00.000Z');
  });

  it("is one object per zone name, equal to luxon's zone of that name", () => {
    assert.equal(cachedZone('Europe/London'), cachedZone('Europe/London'));
    assert.ok(cachedZone('Europe/London').equals(IANAZone.create('Europe/London')));
    assert.equal(cachedZone('Europe/London').name, 'Europe/London');
  });
});
