import assert from 'node:assert/strict';
import { GraphCalendar, toGraphEvent } from '../../bot/src/calendar/graph-calendar.js';
import { CalendarError, parseRetryAfter, type CalendarEvent } from '../../bot/src/calendar/calendar-gateway.js';
import { deterministicUuid } from '../../bot/src/calendar/event-content.js';
import { FakeGraphServer, validateEvent } from '../fakes/graph-server.js';

const officer = '00000000-0000-0000-0000-00000000a001';

function session(startsAt: string, endsAt: string, extra: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    subject: 'First on the scene: crisis intervention',
    description: 'Practical steps for the first minutes.',
    presenters: [{ name: 'DS Jo Patel', role: 'Trainer', organisation: 'College of Policing' }],
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d',
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<CalendarError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CalendarError, `expected a CalendarError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('Graph calendar gateway (real SDK against the Graph-compatible server)', () => {
  let graph: FakeGraphServer;
  let gateway: GraphCalendar;

  beforeEach(async () => {
    graph = await new FakeGraphServer().start();
    gateway = new GraphCalendar({ baseUrl: graph.baseUrl, timeoutMs: 1000 });
  });
  afterEach(() => graph.stop());

  it('When an invite is created, then the mailbox holds one schema-valid event with its reminder, category and transactionId', async () => {
    const tx = deterministicUuid('s1', officer, '1');
    const { eventId } = await gateway.createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), tx);
    const [event] = graph.eventsIn(officer);
    assert.equal(event?.id, eventId);
    assert.equal(graph.counters.invalidBodies, 0);
    assert.equal(event.subject, 'First on the scene: crisis intervention');
    assert.equal(event.isReminderOn, true);
    assert.equal(event.reminderMinutesBeforeStart, 15);
    assert.deepEqual(event.categories, ['CPD']);
    assert.equal(event.transactionId, tx);
    assert.deepEqual(event.location, { displayName: 'Microsoft Teams', locationUri: session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z').joinUrl, locationType: 'default' });
    assert.deepEqual(graph.authorizations, [], 'a loopback Graph gets no token');
  });

  it('When the session is in BST or GMT, then start and end are London wall-clock times on both sides of each change', async () => {
    const cases = [
      // Saturday before the March change (GMT) and the Monday after it (BST).
      ['2026-03-28T10:00:00Z', '2026-03-28T10:00:00'],
      ['2026-03-30T09:00:00Z', '2026-03-30T10:00:00'],
      // Saturday before the October change (BST) and the Monday after it (GMT).
      ['2026-10-24T09:00:00Z', '2026-10-24T10:00:00'],
      ['2026-10-26T10:00:00Z', '2026-10-26T10:00:00'],
    ] as const;
    for (const [i, [utc]] of cases.entries()) {
      const end = new Date(new Date(utc).getTime() + 45 * 60_000).toISOString();
      await gateway.createEvent(officer, session(utc, end), deterministicUuid('dst', String(i)));
    }
    const starts = graph.eventsIn(officer).map((e) => e.start);
    assert.deepEqual(starts, cases.map(([, local]) => ({ dateTime: local, timeZone: 'Europe/London' })));
  });

  it('When the same transactionId is sent twice, then Graph keeps one event and answers the same id', async () => {
    const event = session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z');
    const first = await gateway.createEvent(officer, event, 'f1c6a1e4-0000-5000-8000-000000000001');
    const second = await gateway.createEvent(officer, event, 'f1c6a1e4-0000-5000-8000-000000000001');
    assert.equal(second.eventId, first.eventId);
    assert.equal(graph.eventsIn(officer).length, 1);
    assert.equal(graph.counters.duplicateTransactionIds, 1);
  });

  it('When the description holds markup, then the HTML body shows it as text', () => {
    const body = toGraphEvent(session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z', { description: '<script>alert("x")</script> & more' }), 'x').body as { content: string };
    assert.match(body.content, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; more/);
    assert.doesNotMatch(body.content, /<script>/);
  });

  it('When Graph throttles, then the error says so with the Retry-After in seconds or as a date', async () => {
    graph.faults = { throttleRate: 1, retryAfter: 7 };
    const seconds = await failure(gateway.createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 't1'));
    assert.equal(seconds.kind, 'throttled');
    assert.equal(seconds.details.retryAfterMs, 7000);
    graph.faults = { throttleRate: 1, retryAfter: () => new Date(Date.now() + 30_000).toUTCString() };
    const dated = await failure(gateway.createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 't2'));
    assert.equal(dated.kind, 'throttled');
    assert.ok(dated.details.retryAfterMs! > 25_000 && dated.details.retryAfterMs! <= 30_000, String(dated.details.retryAfterMs));
    assert.equal(graph.totalEvents(), 0);
  });

  it('When Graph is down or does not answer in time, then the error is transient', async () => {
    graph.faults = { outage: 503 };
    assert.equal((await failure(gateway.createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 'o1'))).kind, 'transient');
    graph.faults = { hang: true };
    const started = Date.now();
    assert.equal((await failure(gateway.createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 'o2'))).kind, 'transient');
    assert.ok(Date.now() - started < 5000, 'the request was abandoned at its timeout');
  });

  it('When an event is deleted, then it is gone, and deleting it again reports notFound', async () => {
    const { eventId } = await gateway.createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 'd1');
    await gateway.deleteEvent(officer, eventId);
    assert.equal(graph.eventsIn(officer).length, 0);
    assert.equal((await failure(gateway.deleteEvent(officer, eventId))).kind, 'notFound');
  });

  it('When more than four requests reach one mailbox at once, then the extra ones are throttled for MailboxConcurrency', async () => {
    graph.faults = { delayMs: 150 };
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => gateway.createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), `c${i}`)),
    );
    const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as CalendarError).kind === 'throttled');
    assert.equal(throttled.length, 2);
    assert.equal(graph.eventsIn(officer).length, 4);
  });
});

describe('The Graph stand-in validates bodies against the Graph OpenAPI subset', () => {
  it('When a body has a wrong type or an unknown property, then it is refused, and a real invite body is accepted', () => {
    const good = toGraphEvent(session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 'v1');
    assert.deepEqual(validateEvent(good), []);
    assert.notDeepEqual(validateEvent({ ...good, isReminderOn: 'yes' }), []);
    assert.notDeepEqual(validateEvent({ ...good, reminderMinutes: 15 }), []);
    assert.notDeepEqual(validateEvent({ ...good, start: { dateTime: 20260421, timeZone: 'Europe/London' } }), []);
  });
});

describe('Retry-After', () => {
  it('When the header is seconds, a date, or nonsense, then it reads as milliseconds or undefined', () => {
    const now = new Date('2026-04-21T12:00:00Z');
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter('Tue, 21 Apr 2026 12:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('Tue, 21 Apr 2026 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});
