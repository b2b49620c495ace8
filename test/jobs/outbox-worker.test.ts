import assert from 'node:assert/strict';
import { BookingService } from '../../bot/src/bookings/booking-service.js';
import { ConversationReferenceStore } from '../../bot/src/bookings/conversation-references.js';
import { inviteJobHandlers, inviteTransactionId, calendarEventFor, type Notifier } from '../../bot/src/bookings/invite-jobs.js';
import { bookingStore } from '../../bot/src/bookings/booking-store.js';
import { GraphCalendar } from '../../bot/src/calendar/graph-calendar.js';
import { OutboxStore } from '../../bot/src/jobs/outbox-store.js';
import { OutboxWorker, backoffDelay } from '../../bot/src/jobs/outbox-worker.js';
import { openDb, type Db } from '../../bot/src/store/db.js';
import { testDb, type TestDb } from '../support/db.js';
import { FakeGraphServer } from '../fakes/graph-server.js';
import { addSession, jobsOf, officer } from '../bookings/support.js';

/** Records what the bot would have told officers (the Teams side implements the real one). */
class RecordingNotifier implements Notifier {
  readonly sent: Array<{ kind: string; officerId: string; reference: unknown; icsUrl?: string }> = [];
  async promoted(n: { officerId: string; reference: unknown }) {
    this.sent.push({ kind: 'promoted', officerId: n.officerId, reference: n.reference });
  }
  async inviteFailed(n: { officerId: string; reference: unknown; icsUrl: string }) {
    this.sent.push({ kind: 'inviteFailed', officerId: n.officerId, reference: n.reference, icsUrl: n.icsUrl });
  }
  async rescheduled(n: { officerId: string; reference: unknown }) {
    this.sent.push({ kind: 'rescheduled', officerId: n.officerId, reference: n.reference });
  }
  async withdrawn(n: { officerId: string; reference: unknown }) {
    this.sent.push({ kind: 'withdrawn', officerId: n.officerId, reference: n.reference });
  }
  async joinLinkChanged(n: { officerId: string; reference: unknown }) {
    this.sent.push({ kind: 'joinLinkChanged', officerId: n.officerId, reference: n.reference });
  }
  async recordingPosted(n: { officerId: string; reference: unknown }) {
    this.sent.push({ kind: 'recordingPosted', officerId: n.officerId, reference: n.reference });
  }
}

describe('The outbox worker', () => {
  let database: TestDb;
  let graph: FakeGraphServer;
  let bookings: BookingService;
  let notifier: RecordingNotifier;
  let references: ConversationReferenceStore;
  const extraDbs: Db[] = [];

  const workerOn = (db: Db, options: { maxAttempts?: number; timeoutMs?: number; leaseMs?: number; pollMs?: number } = {}) =>
    new OutboxWorker(
      new OutboxStore(db),
      inviteJobHandlers({
        db,
        calendar: new GraphCalendar({ baseUrl: graph.baseUrl, timeoutMs: options.timeoutMs ?? 2000 }),
        notifier,
        references,
        view: (row, session) => bookings.view(row, session),
      }),
      { backoffBaseMs: 20, backoffMaxMs: 100, pollMs: options.pollMs ?? 20, leaseMs: options.leaseMs ?? 5000, concurrency: 16 },
    );

  /** Runs claim rounds until no job is left to do (or the time is up). */
  async function drain(workers: OutboxWorker[], timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await Promise.all(workers.map((w) => w.runOnce()));
      const [open] = await database.db.query<{ n: number }>("select count(*)::int as n from jobs where state in ('pending', 'running')");
      if (open?.n === 0) return;
      if (Date.now() > deadline) assert.fail(`jobs still open after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  beforeEach(async () => {
    database = await testDb();
    graph = await new FakeGraphServer().start();
    notifier = new RecordingNotifier();
    references = new ConversationReferenceStore(database.db);
    bookings = new BookingService({
      db: database.db,
      clock: { now: () => new Date('2026-04-20T09:00:00Z') },
      calendar: 'graph',
      publicBaseUrl: 'https://cpd.example.test',
    });
    await addSession(database.db, { id: 'crisis', startsAt: '2026-04-21T13:00:00Z', capacity: 1 });
  });
  afterEach(async () => {
    await graph.stop();
    for (const db of extraDbs.splice(0)) await db.close();
    await database.drop();
  });

  it("When a booking is made, then its event appears in the officer's calendar and the event id is stored", async () => {
    await bookings.book(officer(1), 'crisis');
    await drain([workerOn(database.db)]);
    const [event] = graph.eventsIn(officer(1).aadObjectId);
    const view = await bookings.bookingFor(officer(1), 'crisis');
    assert.equal(view?.invite, 'sent');
    const row = await bookingStore.byId(database.db, view!.bookingId);
    assert.equal(row?.event_id, event?.id);
    assert.equal(event?.transactionId, inviteTransactionId(row!));
  });

  it('When Graph is down and then recovers, then the invite is retried and made exactly once', async () => {
    graph.faults = { outage: 503 };
    await bookings.book(officer(1), 'crisis');
    const worker = workerOn(database.db);
    await worker.runOnce();
    assert.deepEqual(
      (await jobsOf(database.db)).map((j) => [j.state, j.attempts]),
      [['pending', 1]],
    );
    assert.equal((await bookings.bookingFor(officer(1), 'crisis'))?.invite, 'pending');
    graph.faults = {};
    await drain([worker]);
    assert.equal(graph.totalEvents(), 1);
    assert.equal((await bookings.bookingFor(officer(1), 'crisis'))?.invite, 'sent');
  });

  it('When Graph answers 429 with Retry-After, then the job waits that long before its next attempt', async () => {
    graph.faults = { throttleRate: 1, retryAfter: 2 };
    await bookings.book(officer(1), 'crisis');
    await workerOn(database.db).runOnce();
    const [job] = await database.db.query<{ wait_ms: number; state: string }>(
      'select state, (extract(epoch from (wait_until - now())) * 1000)::int as wait_ms from jobs',
    );
    assert.equal(job?.state, 'pending');
    assert.ok(job!.wait_ms > 1500 && job!.wait_ms <= 2300, `waits ${job?.wait_ms} ms`);
  });

  it('When a Retry-After ends, then the running worker tries the job again at once, not at its next look for work', async () => {
    graph.faults = { throttleRate: 1, retryAfter: 1 };
    const worker = workerOn(database.db, { pollMs: 60_000 });
    worker.start();
    try {
      await bookings.book(officer(1), 'crisis');
      worker.kick();
      for (const deadline = Date.now() + 5000; graph.counters.throttled === 0;) {
        if (Date.now() > deadline) assert.fail('the first attempt never reached Graph');
        await new Promise((r) => setTimeout(r, 20));
      }
      graph.faults = {};
      // Without a wake-up when the wait is over, the job would sit until the poll a minute later.
      for (const deadline = Date.now() + 5000; graph.totalEvents() === 0;) {
        if (Date.now() > deadline) assert.fail('the retry did not run when its wait was over');
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await worker.stop();
    }
  });

  it('When every attempt fails, then the officer is told, with the .ics link as the way to add the session', async () => {
    graph.faults = { outage: 503 };
    await references.save(officer(1).aadObjectId, { conversation: { id: 'a:personal-1' }, serviceUrl: 'https://smba.example/' });
    bookings = new BookingService({
      db: database.db,
      clock: { now: () => new Date('2026-04-20T09:00:00Z') },
      calendar: 'graph',
      publicBaseUrl: 'https://cpd.example.test',
      maxInviteAttempts: 3,
    });
    const outcome = await bookings.book(officer(1), 'crisis');
    await drain([workerOn(database.db)]);
    assert.deepEqual(
      (await jobsOf(database.db)).map((j) => [j.kind, j.state, j.attempts]),
      [
        ['calendar.create', 'failed', 3],
        ['notify.inviteFailed', 'done', 1],
      ],
    );
    assert.equal((await bookings.bookingFor(officer(1), 'crisis'))?.invite, 'failed');
    assert.deepEqual(notifier.sent, [
      {
        kind: 'inviteFailed',
        officerId: officer(1).aadObjectId,
        reference: { conversation: { id: 'a:personal-1' }, serviceUrl: 'https://smba.example/' },
        icsUrl: outcome.kind === 'booked' ? outcome.booking.icsUrl : 'missing',
      },
    ]);
  });

  it('When a process crashes after claiming the job, then another takes it after the lease and makes exactly one event', async () => {
    await bookings.book(officer(1), 'crisis');
    // The crashed process: it claimed with a short lease and never came back.
    const crashed = await new OutboxStore(database.db).claim({ limit: 10, leaseMs: 300, perMailbox: 4 });
    assert.equal(crashed.length, 1);
    const survivor = workerOn(database.db);
    assert.equal(await survivor.runOnce(), 0, 'the job is not taken while the lease holds');
    await new Promise((r) => setTimeout(r, 350));
    await drain([survivor]);
    assert.equal(graph.totalEvents(), 1);
    assert.deepEqual(
      (await jobsOf(database.db)).map((j) => [j.state, j.attempts]),
      [['done', 2]],
    );
  });

  it('When a process crashes after Graph made the event but before it recorded it, then the retry finds that event, not a second one', async () => {
    await bookings.book(officer(1), 'crisis');
    const [claimed] = await new OutboxStore(database.db).claim({ limit: 10, leaseMs: 300, perMailbox: 4 });
    const row = (await bookingStore.byId(database.db, claimed!.bookingId!))!;
    const session = (await bookingStore.session(database.db, 'crisis'))!;
    // The crashed worker's request reached Graph; its answer was lost with the process.
    await new GraphCalendar({ baseUrl: graph.baseUrl }).createEvent(row.officer_id, calendarEventFor(session), inviteTransactionId(row));
    await new Promise((r) => setTimeout(r, 350));
    await drain([workerOn(database.db)]);
    assert.equal(graph.eventsIn(officer(1).aadObjectId).length, 1);
    assert.equal(graph.counters.duplicateTransactionIds, 1);
    assert.equal((await bookingStore.byId(database.db, row.id))?.event_id, graph.eventsIn(officer(1).aadObjectId)[0]?.id);
  });

  it('When one mailbox has many invites due and two workers run, then at most four requests reach it at once and each job runs once', async () => {
    graph.faults = { delayMs: 150 };
    for (let i = 0; i < 9; i += 1) {
      await addSession(database.db, { id: `s${i}`, startsAt: '2026-04-22T13:00:00Z' });
      await bookings.book(officer(1), `s${i}`);
    }
    // A second pool stands for a second process (on the real server it is another connection set).
    const other = database.url ? await openDb({ databaseUrl: database.url, poolSize: 4 }) : database.db;
    if (other !== database.db) extraDbs.push(other);
    await drain([workerOn(database.db), workerOn(other)]);
    assert.equal(graph.eventsIn(officer(1).aadObjectId).length, 9);
    assert.ok(graph.maxConcurrencySeen() <= 4, `saw ${graph.maxConcurrencySeen()} at once`);
    assert.equal(graph.counters.mailboxConcurrencyThrottled, 0);
    assert.equal(graph.counters.requests, 9, 'one request per job');
  });

  it('When a booked officer cancels, then their event is deleted and the promoted officer gets an event and a message', async () => {
    await references.save(officer(2).aadObjectId, { conversation: { id: 'a:personal-2' } });
    await bookings.book(officer(1), 'crisis');
    await bookings.book(officer(2), 'crisis');
    const worker = workerOn(database.db);
    await drain([worker]);
    assert.equal(graph.eventsIn(officer(1).aadObjectId).length, 1);
    await bookings.cancel(officer(1), 'crisis');
    await drain([worker]);
    assert.equal(graph.eventsIn(officer(1).aadObjectId).length, 0);
    assert.equal(graph.eventsIn(officer(2).aadObjectId).length, 1);
    assert.deepEqual(
      notifier.sent.map((n) => [n.kind, n.officerId]),
      [['promoted', officer(2).aadObjectId]],
    );
  });

  it('When the officer already deleted the event themselves, then cancelling still succeeds', async () => {
    await bookings.book(officer(1), 'crisis');
    const worker = workerOn(database.db);
    await drain([worker]);
    graph.events.get(officer(1).aadObjectId)!.clear();
    await bookings.cancel(officer(1), 'crisis');
    await drain([worker]);
    assert.deepEqual(
      (await jobsOf(database.db, 'calendar.delete')).map((j) => j.state),
      ['done'],
    );
  });

  it('When the worker is stopped, then it finishes the request in flight and records it before returning', async () => {
    graph.faults = { delayMs: 300 };
    const worker = workerOn(database.db);
    worker.start();
    await bookings.book(officer(1), 'crisis');
    worker.kick();
    await new Promise((r) => setTimeout(r, 100));
    await worker.stop();
    assert.deepEqual(
      (await jobsOf(database.db)).map((j) => j.state),
      ['done'],
    );
    assert.equal(graph.totalEvents(), 1);
  });
});

describe('Backoff', () => {
  it('When attempts fail in a row, then the wait doubles up to the cap, jittered within its upper half', () => {
    assert.equal(
      backoffDelay(1, 1000, 60_000, () => 0),
      500,
    );
    assert.equal(
      backoffDelay(1, 1000, 60_000, () => 1),
      1000,
    );
    assert.equal(
      backoffDelay(3, 1000, 60_000, () => 1),
      4000,
    );
    assert.equal(
      backoffDelay(20, 1000, 60_000, () => 1),
      60_000,
    );
  });
});
