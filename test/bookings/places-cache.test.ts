import assert from 'node:assert/strict';
import sinon from 'sinon';
import { PlacesCache } from '../../bot/src/bookings/places-cache.js';
import type { PlacesTaken } from '../../bot/src/bookings/model.js';

/** A database stand-in: the places as they stand, and every read the cache makes. */
function fakeReads(initial: Record<string, PlacesTaken> = {}) {
  const table = new Map(Object.entries(initial));
  const read = sinon.spy(async (ids: readonly string[]) => new Map(ids.flatMap((id) => (table.has(id) ? [[id, table.get(id)!] as const] : []))));
  return { table, read };
}

describe('Places on list cards (PlacesCache)', () => {
  it('When turns ask within a second, then one read answers them all, and sessions nobody has booked are absent', async () => {
    const { read } = fakeReads({ a: { booked: 3, waitlisted: 0 } });
    let now = 0;
    const cache = new PlacesCache(read, () => now, 1000);
    assert.deepEqual([...(await cache.placesOn(['a', 'b']))], [['a', { booked: 3, waitlisted: 0 }]]);
    now = 999;
    assert.deepEqual([...(await cache.placesOn(['b', 'a']))], [['a', { booked: 3, waitlisted: 0 }]]);
    assert.equal(read.callCount, 1);
  });

  it('When a second has passed, then the places are read again and show what another process changed', async () => {
    const { table, read } = fakeReads({ a: { booked: 3, waitlisted: 0 } });
    let now = 0;
    const cache = new PlacesCache(read, () => now, 1000);
    await cache.placesOn(['a']);
    table.set('a', { booked: 4, waitlisted: 0 });
    now = 1000;
    assert.deepEqual((await cache.placesOn(['a'])).get('a'), { booked: 4, waitlisted: 0 });
    assert.equal(read.callCount, 2);
  });

  it('When only some sessions are held, then only the others are read', async () => {
    const { read } = fakeReads({ a: { booked: 1, waitlisted: 0 }, b: { booked: 2, waitlisted: 1 } });
    const cache = new PlacesCache(read, () => 0, 1000);
    await cache.placesOn(['a']);
    const found = await cache.placesOn(['a', 'b']);
    assert.deepEqual(read.secondCall.args[0], ['b']);
    assert.deepEqual(found.get('b'), { booked: 2, waitlisted: 1 });
  });

  it('When turns ask at once for sessions not held, then they share one read', async () => {
    const { read } = fakeReads({ a: { booked: 1, waitlisted: 0 } });
    const cache = new PlacesCache(read, () => 0, 1000);
    const answers = await Promise.all([cache.placesOn(['a']), cache.placesOn(['a']), cache.placesOn(['a', 'c'])]);
    assert.deepEqual(
      answers.map((m) => m.get('a')),
      [1, 1, 1].map((booked) => ({ booked, waitlisted: 0 })),
    );
    assert.deepEqual(
      read.getCalls().map((c) => c.args[0]),
      [['a'], ['c']],
    );
  });

  it('When this process changes places, then the next turn reads them again, and a read begun before the change is not kept', async () => {
    const { table, read } = fakeReads({ a: { booked: 1, waitlisted: 0 } });
    const cache = new PlacesCache(read, () => 0, 1000);
    await cache.placesOn(['a']);
    table.set('a', { booked: 2, waitlisted: 0 });
    cache.forget();
    assert.deepEqual((await cache.placesOn(['a'])).get('a'), { booked: 2, waitlisted: 0 });

    // A read under way when a booking commits answers its own turn, but is not kept for the next.
    cache.forget();
    const underWay = cache.placesOn(['a']);
    table.set('a', { booked: 3, waitlisted: 0 });
    cache.forget();
    assert.deepEqual((await underWay).get('a'), { booked: 2, waitlisted: 0 });
    assert.deepEqual((await cache.placesOn(['a'])).get('a'), { booked: 3, waitlisted: 0 });
    assert.equal(read.callCount, 4);
  });

  it('When this process changes places while a read is under way, then a turn after the change does not share that read', async () => {
    const { table, read } = fakeReads({ a: { booked: 1, waitlisted: 0 } });
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const cache = new PlacesCache(
      async (ids) => {
        const rows = await read(ids);
        await slow;
        return rows;
      },
      () => 0,
      1000,
    );
    const before = cache.placesOn(['a']);
    table.set('a', { booked: 2, waitlisted: 0 });
    cache.forget(['a']);
    const after = cache.placesOn(['a']);
    release();
    assert.deepEqual((await before).get('a'), { booked: 1, waitlisted: 0 });
    assert.deepEqual((await after).get('a'), { booked: 2, waitlisted: 0 });
    assert.equal(read.callCount, 2);
  });

  it('When this process changes places on one session, then the others it holds are not read again', async () => {
    const { read } = fakeReads({ a: { booked: 1, waitlisted: 0 }, b: { booked: 4, waitlisted: 0 } });
    const cache = new PlacesCache(read, () => 0, 1000);
    await cache.placesOn(['a', 'b']);
    cache.forget(['a']);
    await cache.placesOn(['a', 'b']);
    assert.deepEqual(
      read.getCalls().map((c) => c.args[0]),
      [['a', 'b'], ['a']],
    );
  });

  it('When a read fails, then the turn is told and nothing is held: the next turn reads again', async () => {
    const read = sinon.stub();
    read.onFirstCall().rejects(new Error('connection lost'));
    read.onSecondCall().resolves(new Map([['a', { booked: 5, waitlisted: 2 }]]));
    const cache = new PlacesCache(read, () => 0, 1000);
    await assert.rejects(cache.placesOn(['a']), /connection lost/);
    assert.deepEqual((await cache.placesOn(['a'])).get('a'), { booked: 5, waitlisted: 2 });
  });
});
