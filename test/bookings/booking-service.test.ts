import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { BookingService } from '../../bot/src/bookings/booking-service.js';
import { CatalogStore } from '../../bot/src/catalog/catalog-store.js';
import { registerIcsRoutes } from '../../bot/src/http/ics-routes.js';
import { createLogger } from '../../bot/src/log.js';
import type { Clock } from '../../bot/src/clock.js';
import { testDb, type TestDb } from '../support/db.js';
import { migrate } from '../../bot/src/store/migrate.js';
import { migrations } from '../../bot/src/store/migrations.js';
import { addSession, bookAndCancel, jobsOf, officer, placeProblems, seats } from './support.js';

describe('Booking a place', () => {
  let database: TestDb;
  let now: Date;
  const clock: Clock = { now: () => new Date(now.getTime()) };
  const service = (calendar: 'graph' | 'ics' = 'graph') => new BookingService({ db: database.db, clock, calendar, publicBaseUrl: 'https://cpd.example.test/' });

  /** The .ics route on a loopback server for the duration of `use`, with its base address. */
  async function withIcsRoute(bookings: BookingService, use: (base: string) => Promise<void>): Promise<void> {
    const server = restify.createServer();
    registerIcsRoutes(server, { bookings, logger: createLogger('silent'), clock: { now: () => now } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.close();
    }
  }

  beforeEach(async () => {
    database = await testDb();
    now = new Date('2026-04-20T09:00:00Z');
    await addSession(database.db, { id: 'crisis', startsAt: '2026-04-21T13:00:00Z', capacity: 2 });
  });
  afterEach(() => database.drop());

  it('When an officer books a session with places, then they are booked with an .ics link and a calendar invite queued', async () => {
    const outcome = await service().book(officer(1), 'crisis');
    assert.equal(outcome.kind, 'booked');
    assert.ok(outcome.kind === 'booked');
    assert.equal(outcome.already, false);
    assert.equal(outcome.booking.invite, 'pending');
    assert.match(outcome.booking.icsUrl!, /^https:\/\/cpd\.example\.test\/calendar\/[A-Za-z0-9_-]{22}\.ics$/);
    assert.deepEqual((await seats(database.db, 'crisis')).booked, [officer(1).aadObjectId]);
    assert.deepEqual(
      (await jobsOf(database.db)).map((j) => [j.kind, j.state]),
      [['calendar.create', 'pending']],
    );
  });

  it('When the officer presses "Book" twice, then the second answer is "already booked" with the same booking and nothing new', async () => {
    const first = await service().book(officer(1), 'crisis');
    const second = await service().book(officer(1), 'crisis');
    assert.ok(first.kind === 'booked' && second.kind === 'booked');
    assert.equal(second.already, true);
    assert.deepEqual(second.booking, first.booking);
    assert.equal((await seats(database.db, 'crisis')).booked.length, 1);
    assert.equal((await jobsOf(database.db)).length, 1);
  });

  it('When two devices press at the same moment, then there is one booking', async () => {
    const results = await Promise.all([service().book(officer(1), 'crisis'), service().book(officer(1), 'crisis')]);
    assert.deepEqual(results.map((r) => r.kind).sort(), ['booked', 'booked']);
    assert.deepEqual(results.map((r) => r.kind === 'booked' && r.already).sort(), [false, true]);
    assert.equal((await seats(database.db, 'crisis')).booked.length, 1);
  });

  it('When the session is full, then the officer is waitlisted with their position', async () => {
    for (const n of [1, 2]) await service().book(officer(n), 'crisis');
    const third = await service().book(officer(3), 'crisis');
    const fourth = await service().book(officer(4), 'crisis');
    assert.ok(third.kind === 'waitlisted' && fourth.kind === 'waitlisted');
    assert.equal(third.booking.position, 1);
    assert.equal(fourth.booking.position, 2);
    assert.equal(third.booking.icsUrl, undefined);
    assert.equal((await jobsOf(database.db, 'calendar.create')).length, 2, 'no invite for a waitlist place');
  });

  it('When a booked officer cancels, then the first on the waitlist is promoted at once, gets an invite and is to be told; positions close up', async () => {
    for (const n of [1, 2, 3, 4, 5]) await service().book(officer(n), 'crisis');
    const outcome = await service().cancel(officer(1), 'crisis');
    assert.ok(outcome.kind === 'cancelled');
    assert.deepEqual(outcome.promoted, [officer(3).aadObjectId]);
    const after = await seats(database.db, 'crisis');
    assert.deepEqual(after.booked, [officer(2).aadObjectId, officer(3).aadObjectId]);
    assert.deepEqual(after.waitlist, [
      { officer: officer(4).aadObjectId, position: 1 },
      { officer: officer(5).aadObjectId, position: 2 },
    ]);
    const jobs = await jobsOf(database.db);
    assert.deepEqual(
      jobs
        .filter((j) => j.state !== 'done')
        .map((j) => j.kind)
        .sort(),
      ['calendar.create', 'calendar.create', 'calendar.delete', 'notify.promoted'],
    );
    const mine = await service().myBookings(officer(5));
    assert.equal(mine[0]?.position, 2);
  });

  it('When a waitlisted officer leaves the queue, then the others move up without gaps or repeats', async () => {
    for (const n of [1, 2, 3, 4, 5, 6]) await service().book(officer(n), 'crisis');
    await service().cancel(officer(4), 'crisis');
    const { waitlist } = await seats(database.db, 'crisis');
    assert.deepEqual(
      waitlist.map((w) => w.position),
      [1, 2, 3],
    );
    assert.deepEqual(
      (await service().myBookings(officer(5))).map((b) => b.position),
      [2],
    );
    assert.deepEqual(
      (await service().myBookings(officer(6))).map((b) => b.position),
      [3],
    );
    assert.deepEqual(
      (await service().myBookings(officer(3))).map((b) => b.position),
      [1],
    );
  });

  it('When the session has started or ended, then it cannot be booked or cancelled', async () => {
    await service().book(officer(1), 'crisis');
    now = new Date('2026-04-21T13:00:00Z');
    assert.deepEqual(await service().book(officer(2), 'crisis'), { kind: 'refused', reason: 'started' });
    assert.deepEqual(await service().cancel(officer(1), 'crisis'), { kind: 'refused', reason: 'started' });
    assert.deepEqual(await service().book(officer(2), 'no-such-session'), { kind: 'refused', reason: 'not-found' });
  });

  it('When the session was withdrawn from the catalog, then an officer can still cancel (the event is deleted) but no one waiting is promoted', async () => {
    for (const n of [1, 2, 3]) await service().book(officer(n), 'crisis');
    await new CatalogStore(database.db).replaceWith({ timeZone: 'Europe/London', campaigns: [], sessions: [], recordings: [] });
    assert.deepEqual(
      (await service().myBookings(officer(1))).map((b) => b.session.id),
      ['crisis'],
      'still listed in my bookings',
    );

    const outcome = await service().cancel(officer(1), 'crisis');
    assert.equal(outcome.kind, 'cancelled');
    assert.ok(outcome.kind === 'cancelled');
    assert.deepEqual(outcome.promoted, []);
    assert.deepEqual(
      (await jobsOf(database.db, 'calendar.delete')).map((j) => j.state),
      ['pending'],
    );
    assert.deepEqual((await service().cancel(officer(3), 'crisis')).kind, 'cancelled', 'a waitlist place can be left too');
    assert.deepEqual(await service().myBookings(officer(1)), []);
    assert.deepEqual(await service().book(officer(4), 'crisis'), { kind: 'refused', reason: 'not-found' }, 'but not booked');
    now = new Date('2026-04-21T13:00:00Z');
    assert.deepEqual(await service().cancel(officer(2), 'crisis'), { kind: 'refused', reason: 'started' });
  });

  it('When the catalog raises the capacity, then waiting officers get the new places in order', async () => {
    for (const n of [1, 2, 3, 4, 5]) await service().book(officer(n), 'crisis');
    await database.db.query('update sessions set capacity = 4 where id = $1', ['crisis']);
    assert.deepEqual(await service().reconcileCapacity('crisis'), [officer(3).aadObjectId, officer(4).aadObjectId]);
    const after = await seats(database.db, 'crisis');
    assert.equal(after.booked.length, 4);
    assert.deepEqual(after.waitlist, [{ officer: officer(5).aadObjectId, position: 1 }]);
    assert.equal((await jobsOf(database.db, 'notify.promoted')).length, 2);
  });

  it('When 1,000 books and cancels interleave from two services on one database, then the places, the waitlist order and the invites hold', async () => {
    await addSession(database.db, { id: 'churn', startsAt: '2026-04-21T15:00:00Z', capacity: 10 });
    const results = await Promise.all([1, 2].map((seed) => bookAndCancel(service(), { sessionId: 'churn', seed, count: 500, officers: 40, concurrency: 8 })));
    assert.deepEqual(
      results.flatMap((r) => r.errors),
      [],
    );
    assert.ok((results[0]!.outcomes['cancel:cancelled'] ?? 0) > 50, JSON.stringify(results.map((r) => r.outcomes)));
    assert.deepEqual(await placeProblems(database.db, 'churn', 10), []);
  });

  it('When presses arrive while a booking statement runs, then they go together in the next one, answered in the order they came', async () => {
    await addSession(database.db, { id: 'storm', startsAt: '2026-04-21T15:00:00Z', capacity: 10 });
    let statements = 0;
    const db = database.db;
    const counting = {
      ...db,
      query: <T>(sql: string, params?: readonly unknown[]) => {
        if (sql.includes('with asked as')) statements += 1;
        return db.query<T>(sql, params);
      },
    };
    const bookings = new BookingService({ db: counting, clock, calendar: 'graph', publicBaseUrl: 'https://cpd.example.test/' });
    // Officer 7 presses twice (two devices) among 50 officers pressing at once.
    const presses = [...Array.from({ length: 50 }, (_, i) => officer(i + 1)), officer(7)];
    const outcomes = await Promise.all(presses.map((o) => bookings.book(o, 'storm')));
    assert.ok(statements <= 3, `${statements} booking statements for ${presses.length} presses`);
    assert.deepEqual(
      outcomes.slice(0, 10).map((o) => o.kind),
      Array(10).fill('booked'),
    );
    assert.deepEqual(
      outcomes.slice(10, 50).map((o) => (o.kind === 'waitlisted' ? o.booking.position : o.kind)),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const again = outcomes[50]!;
    assert.ok(again.kind === 'booked' && again.already, 'the second device is told the place is theirs');
    assert.deepEqual(await placeProblems(database.db, 'storm', 10), []);
  });

  it('When the counters arrive on a database that already has bookings, then each session starts from its bookings', async () => {
    const fresh = await testDb({ migrated: false });
    try {
      const before = migrations.filter((m) => m.id < '005');
      await migrate(fresh.db, before);
      await addSession(fresh.db, { id: 'early', startsAt: '2026-04-21T13:00:00Z', capacity: 2 });
      await fresh.db.query("insert into officers (aad_object_id) select 'o' || n from generate_series(1, 5) n");
      await fresh.db.query(
        `insert into bookings (session_id, officer_id, status, ics_token) select 'early', 'o' || n,
           case when n <= 2 then 'booked' when n <= 4 then 'waitlisted' else 'cancelled' end, 'token-' || n from generate_series(1, 5) n`,
      );
      await migrate(fresh.db);
      assert.deepEqual(await fresh.db.query("select booked, waitlisted from sessions where id = 'early'"), [{ booked: 2, waitlisted: 2 }]);
      assert.deepEqual(await placeProblems(fresh.db, 'early', 2), []);
    } finally {
      await fresh.drop();
    }
  });

  it('When an officer cancels and books again, then they have one active booking and the first invite is withdrawn', async () => {
    await service().book(officer(1), 'crisis');
    await service().cancel(officer(1), 'crisis');
    const again = await service().book(officer(1), 'crisis');
    assert.ok(again.kind === 'booked' && !again.already);
    assert.equal((await seats(database.db, 'crisis')).booked.length, 1);
    // The first create never ran, so it is superseded rather than made and deleted.
    assert.deepEqual(
      (await jobsOf(database.db, 'calendar.create')).map((j) => j.state),
      ['done', 'pending'],
    );
  });

  it('When an officer asks for their bookings, then they see upcoming places and waitlist places, soonest first, and no past ones', async () => {
    await addSession(database.db, { id: 'earlier', startsAt: '2026-04-20T15:00:00Z', capacity: 0 });
    await addSession(database.db, { id: 'past', startsAt: '2026-04-20T10:00:00Z' });
    await service().book(officer(1), 'past');
    await service().book(officer(1), 'crisis');
    await service().book(officer(1), 'earlier');
    now = new Date('2026-04-20T12:00:00Z');
    const mine = await service().myBookings(officer(1));
    assert.deepEqual(
      mine.map((b) => [b.session.id, b.status, b.position]),
      [
        ['earlier', 'waitlisted', 1],
        ['crisis', 'booked', undefined],
      ],
    );
  });

  it('When Graph is not configured, then the booking carries the .ics link as its invite and queues no Graph work', async () => {
    const outcome = await service('ics').book(officer(1), 'crisis');
    assert.ok(outcome.kind === 'booked');
    assert.equal(outcome.booking.invite, 'ics');
    assert.deepEqual(await jobsOf(database.db), []);
  });

  it('When the .ics link is fetched, then it is the session as an iCalendar attachment; after a cancellation it is a CANCEL with a higher SEQUENCE', async () => {
    const bookings = service();
    await withIcsRoute(bookings, async (base) => {
      const outcome = await bookings.book(officer(1), 'crisis');
      assert.ok(outcome.kind === 'booked');
      const path = new URL(outcome.booking.icsUrl!).pathname;
      const response = await fetch(base + path);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/calendar; charset=utf-8');
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="crisis\.ics"$/);
      const body = await response.text();
      assert.match(body, /^BEGIN:VCALENDAR\r\n/);
      assert.match(body, /\r\nDTSTART:20260421T130000Z\r\n/);
      assert.match(body, /\r\nSEQUENCE:0\r\n/);
      assert.match(
        body,
        new RegExp(
          `\r\nDTSTAMP:${now
            .toISOString()
            .replace(/[-:]/g, '')
            .replace(/\.\d+Z$/, 'Z')}\r\n`,
        ),
      );
      const uid = /\r\nUID:([^\r]+)\r\n/.exec(body)![1];
      assert.equal((await fetch(`${base}/calendar/AAAAAAAAAAAAAAAAAAAAAA.ics`)).status, 404);
      await bookings.cancel(officer(1), 'crisis');
      const cancelled = await fetch(base + path);
      assert.equal(cancelled.status, 200);
      const cancel = await cancelled.text();
      assert.match(cancel, /\r\nMETHOD:CANCEL\r\n/);
      assert.match(cancel, /\r\nSTATUS:CANCELLED\r\n/);
      assert.match(cancel, /\r\nSEQUENCE:1\r\n/);
      assert.equal(/\r\nUID:([^\r]+)\r\n/.exec(cancel)![1], uid);
    });
  });

  it("When a waiting officer's link is fetched, then it says they are on the waitlist; once promoted it is their invite, and after they cancel a CANCEL", async () => {
    const bookings = service();
    await withIcsRoute(bookings, async (base) => {
      for (const n of [1, 2, 3]) await bookings.book(officer(n), 'crisis');
      const [row] = await database.db.query<{ ics_token: string }>("select ics_token from bookings where officer_id = $1 and status = 'waitlisted'", [
        officer(3).aadObjectId,
      ]);
      const link = `${base}/calendar/${row!.ics_token}.ics`;
      const waiting = await fetch(link);
      assert.equal(waiting.status, 409);
      assert.equal(waiting.headers.get('content-type'), 'text/plain; charset=utf-8');
      const said = await waiting.text();
      assert.match(said, /^You're on the waitlist for this session, so it is not in your calendar yet\./);
      assert.match(said, /If a place comes up you will be booked automatically/);
      assert.doesNotMatch(said, /no longer active/);

      await bookings.cancel(officer(1), 'crisis');
      const promoted = await fetch(link);
      assert.equal(promoted.status, 200);
      const invite = await promoted.text();
      assert.match(invite, /\r\nMETHOD:PUBLISH\r\n/);
      assert.match(invite, /\r\nSEQUENCE:0\r\n/);
      assert.match(invite, /\r\nDTSTART:20260421T130000Z\r\n/);

      await bookings.cancel(officer(3), 'crisis');
      const cancel = await (await fetch(link)).text();
      assert.match(cancel, /\r\nMETHOD:CANCEL\r\n/);
      assert.match(cancel, /\r\nSEQUENCE:1\r\n/);
      assert.equal(/\r\nUID:([^\r]+)\r\n/.exec(cancel)![1], /\r\nUID:([^\r]+)\r\n/.exec(invite)![1]);
    });
  });

  it("When a list card asks for places, then this process's own bookings and cancellations show at once, and another process's within a second", async () => {
    const here = service();
    const there = service(); // another app process: a booking service of its own on the same database
    const places = async () => (await here.placesOnAll(['crisis'])).get('crisis');
    assert.equal(await places(), undefined, 'nobody booked yet');
    await here.book(officer(1), 'crisis');
    assert.deepEqual(await places(), { booked: 1, waitlisted: 0 });
    await there.book(officer(2), 'crisis');
    await there.book(officer(3), 'crisis');
    const read = Date.now();
    let seen = await places();
    while (seen?.waitlisted !== 1 && Date.now() - read < 3000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await places();
    }
    assert.deepEqual(seen, { booked: 2, waitlisted: 1 });
    assert.ok(Date.now() - read <= 2000, `another process's bookings showed after ${Date.now() - read} ms`);
    await here.cancel(officer(1), 'crisis');
    assert.deepEqual(await places(), { booked: 2, waitlisted: 0 }, 'the waiting officer promoted into the cancelled place');
  });

  it('When capacity is raised and the waitlist promoted, then list cards show the new places at once', async () => {
    const bookings = service();
    for (const n of [1, 2, 3]) await bookings.book(officer(n), 'crisis');
    assert.deepEqual((await bookings.placesOnAll(['crisis'])).get('crisis'), { booked: 2, waitlisted: 1 });
    await database.db.query("update sessions set capacity = 3 where id = 'crisis'");
    assert.deepEqual(await bookings.reconcileCapacity('crisis'), [officer(3).aadObjectId]);
    assert.deepEqual((await bookings.placesOnAll(['crisis'])).get('crisis'), { booked: 3, waitlisted: 0 });
  });
});
