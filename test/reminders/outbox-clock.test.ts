/**
 * The outbox on the app's clock: a job's moment is due when the clock (CLOCK_NOW, in the app)
 * reaches it, never by the database's now(); a job past its use is dropped unrun; and a wait for
 * another service (Retry-After, a lease) runs on real time, so it ends even while the clock is fixed.
 */
import assert from 'node:assert/strict';
import { fixedClock, type Clock } from '../../bot/src/clock.js';
import { enqueue, enqueueMany, OutboxStore } from '../../bot/src/jobs/outbox-store.js';
import { OutboxWorker, RetryLater } from '../../bot/src/jobs/outbox-worker.js';
import { testDb, type TestDb } from '../support/db.js';

describe('The outbox on the app clock', () => {
  let database: TestDb;
  const ran: string[] = [];
  const claim = (clock: Clock) => new OutboxStore(database.db, clock).claim({ limit: 10, leaseMs: 60_000, perMailbox: 4 });
  // Long past in real time: only the app's clock can make these due or not.
  const monday0900 = new Date('2020-05-04T08:00:00Z');
  const monday0945 = new Date('2020-05-04T08:45:00Z');

  beforeEach(async () => {
    database = await testDb();
    ran.length = 0;
  });
  afterEach(async () => database.drop());

  it('When the app clock has not reached a job, then it waits, even though the database says that moment passed years ago', async () => {
    await enqueue(database.db, { kind: 'note', runAfter: monday0900, payload: { n: 1 } });
    assert.deepEqual(await claim(fixedClock(new Date('2020-05-04T07:59:59Z'))), []);
    const [job] = await claim(fixedClock(new Date('2020-05-04T08:00:00Z')));
    assert.deepEqual(job?.payload, { n: 1 });
  });

  it('When a job has no moment, then it is due at once, whatever the clock says', async () => {
    await enqueue(database.db, { kind: 'note' });
    assert.equal((await claim(fixedClock(new Date('1999-01-01T00:00:00Z')))).length, 1);
  });

  it("When the clock is past a job's use, then it is dropped unrun, and one still within it runs", async () => {
    await enqueueMany(database.db, [
      { kind: 'note', runAfter: monday0900, expiresAt: monday0945, payload: { n: 'stale' } },
      { kind: 'note', runAfter: monday0900, expiresAt: new Date('2020-05-04T10:00:00Z'), payload: { n: 'fresh' } },
    ]);
    const store = new OutboxStore(database.db, fixedClock(new Date('2020-05-04T09:00:00Z')));
    assert.equal(await store.dropExpired(), 1);
    const claimed = await store.claim({ limit: 10, leaseMs: 60_000, perMailbox: 4 });
    assert.deepEqual(
      claimed.map((j) => j.payload.n),
      ['fresh'],
    );
    const [stale] = await database.db.query<{ state: string; attempts: number; last_error: string }>(
      "select state, attempts, last_error from jobs where payload->>'n' = 'stale'",
    );
    assert.deepEqual(stale, { state: 'done', attempts: 0, last_error: 'expired: its moment had passed' });
  });

  it('When a job is told to retry after 300 ms while the app clock stands still, then it runs again after 300 ms of real time', async () => {
    await enqueue(database.db, { kind: 'flaky', runAfter: monday0900 });
    let tries = 0;
    const times: number[] = [];
    const worker = new OutboxWorker(
      new OutboxStore(database.db, fixedClock(new Date('2020-05-04T08:30:00Z'))),
      {
        flaky: {
          async run() {
            tries += 1;
            times.push(Date.now());
            if (tries === 1) throw new RetryLater('throttled', 300, true);
          },
        },
      },
      { pollMs: 20 },
    );
    worker.start();
    const deadline = Date.now() + 5000;
    while (tries < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    assert.equal(tries, 2);
    assert.ok(times[1]! - times[0]! >= 290, `waited ${times[1]! - times[0]!} ms`);
    const [job] = await database.db.query<{ state: string; attempts: number }>('select state, attempts from jobs');
    assert.deepEqual(job, { state: 'done', attempts: 1 }, 'the throttled try was given back');
  });

  it('When a process dies holding a job, then another takes it once the lease has passed in real time, with the clock fixed', async () => {
    await enqueue(database.db, { kind: 'note', runAfter: monday0900 });
    const clock = fixedClock(new Date('2020-05-04T08:30:00Z'));
    const [held] = await new OutboxStore(database.db, clock).claim({ limit: 1, leaseMs: 200, perMailbox: 4 });
    assert.ok(held);
    assert.deepEqual(await claim(clock), [], 'leased');
    await new Promise((r) => setTimeout(r, 250));
    const [again] = await claim(clock);
    assert.equal(again?.id, held.id);
    assert.equal(again?.attempts, 2);
  });
});
