import assert from 'node:assert/strict';
import { promotions, refusalFor } from '../../bot/src/bookings/rules.js';

const now = new Date('2026-04-20T09:00:00Z');

describe('Booking rules', () => {
  it('When the session has started, ended, been withdrawn or does not exist, then it cannot be booked', () => {
    assert.equal(refusalFor({ startsAt: new Date('2026-04-20T10:00:00Z'), capacity: 5, withdrawn: false }, now), undefined);
    assert.equal(refusalFor({ startsAt: now, capacity: 5, withdrawn: false }, now), 'started');
    assert.equal(refusalFor({ startsAt: new Date('2026-04-19T10:00:00Z'), capacity: 5, withdrawn: false }, now), 'started');
    assert.equal(refusalFor({ startsAt: new Date('2026-04-21T10:00:00Z'), capacity: 5, withdrawn: true }, now), 'not-found');
    assert.equal(refusalFor(undefined, now), 'not-found');
  });

  it('When places free up, then as many waiting officers are promoted as there are places, and a cut in capacity demotes no one', () => {
    assert.equal(promotions(5, 3, 10), 2);
    assert.equal(promotions(5, 3, 1), 1);
    assert.equal(promotions(2, 5, 10), 0);
    assert.equal(promotions(null, 5, 7), 7);
  });
});
