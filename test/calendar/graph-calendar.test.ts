import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { GraphCalendar, toGraphEvent, toGraphEventPatch } from '../../bot/src/calendar/graph-calendar.js';
import { CalendarError, parseRetryAfter, type CalendarEvent } from '../../bot/src/calendar/calendar-gateway.js';
import { deterministicUuid, londonWallClock } from '../../bot/src/calendar/event-content.js';
import { FakeGraphServer, graphInstant, validateEvent } from '../fakes/graph-server.js';
import { instantsShowing } from './wall-clock.js';

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
    assert.deepEqual(event.location, {
      displayName: 'Microsoft Teams',
      locationUri: session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z').joinUrl,
      locationType: 'default',
    });
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
    assert.deepEqual(
      starts,
      cases.map(([, local]) => ({ dateTime: local, timeZone: 'Europe/London' })),
    );
    assert.deepEqual(
      graph.eventsIn(officer).map((e) => graph.timesOf(officer, e.id)!.start),
      cases.map(([utc]) => new Date(utc).toISOString()),
      'Graph holds the right instants',
    );
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
    const body = toGraphEvent(session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z', { description: '<script>alert("x")</script> & more' }), 'x').body as {
      content: string;
    };
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

  it('When the session is in the hour the clocks repeat, then that instant is sent in UTC and every written time names one instant', async () => {
    const cases = [
      // 00:30 BST, the last half hour before the repeated hour: London time as usual.
      ['2026-10-24T23:30:00Z', { dateTime: '2026-10-25T00:30:00', timeZone: 'Europe/London' }],
      // 01:30 BST and 01:30 GMT: the same London wall-clock time, so each goes in UTC.
      ['2026-10-25T00:30:00Z', { dateTime: '2026-10-25T00:30:00', timeZone: 'UTC' }],
      ['2026-10-25T01:30:00Z', { dateTime: '2026-10-25T01:30:00', timeZone: 'UTC' }],
      // 02:30 GMT, after the repeat: London time again.
      ['2026-10-25T02:30:00Z', { dateTime: '2026-10-25T02:30:00', timeZone: 'Europe/London' }],
      // The March change skips an hour rather than repeating one: nothing there is ambiguous.
      ['2026-03-29T00:30:00Z', { dateTime: '2026-03-29T00:30:00', timeZone: 'Europe/London' }],
      ['2026-03-29T01:30:00Z', { dateTime: '2026-03-29T02:30:00', timeZone: 'Europe/London' }],
    ] as const;
    for (const [i, [utc]] of cases.entries()) {
      await gateway.createEvent(officer, session(utc, new Date(new Date(utc).getTime() + 20 * 60_000).toISOString()), deterministicUuid('fold', String(i)));
    }
    const starts = graph.eventsIn(officer).map((e) => e.start as { dateTime: string; timeZone: string });
    assert.deepEqual(
      starts,
      cases.map(([, start]) => start),
    );
    assert.equal(graph.counters.invalidBodies, 0);
    assert.deepEqual(
      graph.eventsIn(officer).map((e) => graph.timesOf(officer, e.id)!.start),
      cases.map(([utc]) => new Date(utc).toISOString()),
      'Graph holds the right instants',
    );
    for (const [i, start] of starts.entries()) {
      const instant = new Date(cases[i]![0]).toISOString();
      // Read back two ways: luxon, and Node's ICU through every possible offset.
      assert.equal(DateTime.fromISO(start.dateTime, { zone: start.timeZone }).toUTC().toISO(), instant);
      assert.deepEqual(instantsShowing(start.dateTime, start.timeZone), [instant], `${start.dateTime} ${start.timeZone} names one instant`);
    }
    // What the London form would have said for both 01:30s: one text, two instants.
    assert.equal(londonWallClock(new Date('2026-10-25T00:30:00Z')), londonWallClock(new Date('2026-10-25T01:30:00Z')));
    assert.deepEqual(instantsShowing(londonWallClock(new Date('2026-10-25T00:30:00Z')), 'Europe/London'), [
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
  });

  it('When one session is at 01:30 BST and another at 01:30 GMT on the day the clocks go back, then Graph holds each at its own instant, an hour apart', async () => {
    const bst = await gateway.createEvent(officer, session('2026-10-25T00:30:00Z', '2026-10-25T01:15:00Z'), deterministicUuid('twice', 'bst'));
    const gmt = await gateway.createEvent(officer, session('2026-10-25T01:30:00Z', '2026-10-25T02:15:00Z'), deterministicUuid('twice', 'gmt'));
    assert.equal(graph.counters.invalidBodies, 0);
    assert.deepEqual(graph.timesOf(officer, bst.eventId), { start: '2026-10-25T00:30:00.000Z', end: '2026-10-25T01:15:00.000Z' });
    assert.deepEqual(graph.timesOf(officer, gmt.eventId), { start: '2026-10-25T01:30:00.000Z', end: '2026-10-25T02:15:00.000Z' });
    // Read back as a calendar client would, in UTC (Graph's default) and in London time.
    const read = async (id: string, prefer?: string) =>
      (await (await fetch(`${graph.baseUrl}/users/${officer}/events/${id}`, { headers: prefer ? { prefer: `outlook.timezone="${prefer}"` } : {} })).json()) as {
        start: unknown;
        originalStartTimeZone: string;
      };
    assert.deepEqual((await read(bst.eventId)).start, { dateTime: '2026-10-25T00:30:00.0000000', timeZone: 'UTC' });
    assert.deepEqual((await read(gmt.eventId)).start, { dateTime: '2026-10-25T01:30:00.0000000', timeZone: 'UTC' });
    assert.deepEqual((await read(gmt.eventId, 'GMT Standard Time')).start, { dateTime: '2026-10-25T01:30:00.0000000', timeZone: 'GMT Standard Time' });
    assert.equal((await read(bst.eventId)).originalStartTimeZone, 'UTC');
    assert.equal((await read(gmt.eventId)).originalStartTimeZone, 'UTC');

    // Sent as London wall-clock times instead, both read as the second 01:30: the BST one an hour late.
    const london = async (tx: string) => {
      const body = {
        ...toGraphEvent(session('2026-10-25T00:30:00Z', '2026-10-25T01:15:00Z'), tx),
        start: { dateTime: '2026-10-25T01:30:00', timeZone: 'Europe/London' },
      };
      const res = await fetch(`${graph.baseUrl}/users/${officer}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 201);
      return ((await res.json()) as { id: string }).id;
    };
    assert.equal(graph.timesOf(officer, await london('london-form'))!.start, '2026-10-25T01:30:00.000Z');
  });

  it('When only the end falls in the repeated hour, then only the end is sent in UTC', () => {
    const body = toGraphEvent(session('2026-10-24T23:30:00Z', '2026-10-25T00:15:00Z'), 'e1');
    assert.deepEqual(body.start, { dateTime: '2026-10-25T00:30:00', timeZone: 'Europe/London' });
    assert.deepEqual(body.end, { dateTime: '2026-10-25T00:15:00', timeZone: 'UTC' });
  });

  it('When an invite is updated, then the same event holds the new subject and times, keeps its transactionId, and each PATCH is counted', async () => {
    const tx = deterministicUuid('u1', officer, '1');
    const { eventId } = await gateway.createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), tx);
    const moved = session('2026-10-25T01:30:00Z', '2026-10-25T02:30:00Z', { subject: 'First on the scene (moved)', joinUrl: undefined });
    await gateway.updateEvent(officer, eventId, moved);
    assert.equal(graph.counters.updated, 1);
    assert.equal(graph.counters.invalidBodies, 0);
    assert.equal(graph.totalEvents(), 1, 'updated in place, not created again');
    const stored = graph.eventIn(officer, eventId)!;
    assert.equal(stored.id, eventId);
    assert.equal(stored.subject, 'First on the scene (moved)');
    assert.deepEqual(stored.start, { dateTime: '2026-10-25T01:30:00', timeZone: 'UTC' });
    assert.deepEqual(stored.end, { dateTime: '2026-10-25T02:30:00', timeZone: 'Europe/London' });
    assert.deepEqual(stored.location, { displayName: 'Microsoft Teams' });
    assert.doesNotMatch((stored.body as { content: string }).content, /Join the session/);
    assert.equal(stored.transactionId, tx, "the create's transactionId stays; the PATCH does not send one");
    assert.equal(typeof stored.lastModifiedDateTime, 'string');
    // Sending the same update again (a retry) changes nothing but the count.
    await gateway.updateEvent(officer, eventId, moved);
    assert.equal(graph.counters.updated, 2);
    assert.deepEqual({ ...graph.eventIn(officer, eventId)!, lastModifiedDateTime: null }, { ...stored, lastModifiedDateTime: null });
  });

  it('When the update body is built, then it is the create body without transactionId and valid for PATCH', () => {
    const event = session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z');
    const patch = toGraphEventPatch(event);
    assert.ok(!('transactionId' in patch));
    const { transactionId, ...rest } = toGraphEvent(event, 'x');
    assert.equal(transactionId, 'x');
    assert.deepEqual(patch, rest);
    assert.deepEqual(validateEvent(patch, 'update'), []);
  });

  it('When the event to update is not there, then the error is notFound and nothing is stored', async () => {
    const error = await failure(gateway.updateEvent(officer, 'AAMk-missing', session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z')));
    assert.equal(error.kind, 'notFound');
    assert.equal(error.details.status, 404);
    assert.equal(error.details.code, 'ErrorItemNotFound');
    assert.equal(graph.counters.updated, 0);
    assert.equal(graph.totalEvents(), 0);
  });

  it('When Graph throttles, fails or does not answer an update, then the error is classified and a later retry applies it once', async () => {
    const { eventId } = await gateway.createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 'r1');
    const moved = session('2026-04-22T13:00:00Z', '2026-04-22T13:45:00Z', { subject: 'Moved' });
    graph.faults = { throttleRate: 1, retryAfter: 9 };
    const throttled = await failure(gateway.updateEvent(officer, eventId, moved));
    assert.equal(throttled.kind, 'throttled');
    assert.equal(throttled.details.retryAfterMs, 9000);
    graph.faults = { outage: 503 };
    assert.equal((await failure(gateway.updateEvent(officer, eventId, moved))).kind, 'transient');
    graph.faults = { hang: true };
    assert.equal((await failure(gateway.updateEvent(officer, eventId, moved))).kind, 'transient');
    assert.equal(graph.counters.updated, 0);
    assert.equal(graph.eventIn(officer, eventId)!.subject, 'First on the scene: crisis intervention', 'nothing applied yet');
    // Applied, but the answer never comes: the caller cannot tell, and retrying is harmless.
    graph.faults = { hangAfterUpdate: true };
    assert.equal((await failure(gateway.updateEvent(officer, eventId, moved))).kind, 'transient');
    graph.faults = {};
    await gateway.updateEvent(officer, eventId, moved);
    assert.equal(graph.eventIn(officer, eventId)!.subject, 'Moved');
    assert.deepEqual(graph.eventIn(officer, eventId)!.start, { dateTime: '2026-04-22T14:00:00', timeZone: 'Europe/London' });
    assert.equal(graph.counters.updated, 2);
    assert.equal(graph.totalEvents(), 1);
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

describe('The Graph stand-in answers PATCH as Graph does', () => {
  let graph: FakeGraphServer;
  beforeEach(async () => {
    graph = await new FakeGraphServer().start();
  });
  afterEach(() => graph.stop());

  const patch = (eventId: string, body: unknown, contentType = 'application/json') =>
    fetch(`${graph.baseUrl}/users/${officer}/events/${encodeURIComponent(eventId)}`, {
      method: 'PATCH',
      headers: { 'content-type': contentType },
      body: JSON.stringify(body),
    });

  it('When a PATCH sends some properties, then they replace the stored ones, the rest stay, and the answer is 200 with the whole event', async () => {
    const { eventId } = await new GraphCalendar({ baseUrl: graph.baseUrl }).createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 'p1');
    const before = graph.eventIn(officer, eventId)!;
    const res = await patch(eventId, { subject: 'Renamed', start: { dateTime: '2026-04-21T15:00:00', timeZone: 'Europe/London' } });
    assert.equal(res.status, 200);
    const answered = (await res.json()) as Record<string, unknown>;
    const stored = graph.eventIn(officer, eventId)!;
    // Graph answers the times in UTC (no Prefer header here); the stand-in keeps what was sent.
    assert.deepEqual({ ...answered, start: stored.start, end: stored.end }, stored);
    assert.equal(answered.id, eventId);
    assert.equal(answered.subject, 'Renamed');
    assert.deepEqual(answered.start, { dateTime: '2026-04-21T14:00:00.0000000', timeZone: 'UTC' });
    assert.deepEqual(answered.end, { dateTime: '2026-04-21T13:45:00.0000000', timeZone: 'UTC' });
    assert.deepEqual(stored.start, { dateTime: '2026-04-21T15:00:00', timeZone: 'Europe/London' });
    assert.deepEqual(stored.end, before.end);
    assert.deepEqual(graph.timesOf(officer, eventId), { start: '2026-04-21T14:00:00.000Z', end: '2026-04-21T13:45:00.000Z' });
    assert.deepEqual(answered.body, before.body);
    assert.equal(graph.counters.updated, 1);
  });

  it('When a PATCH body breaks the schema, names an unknown property or is not JSON, then it is refused and the event is unchanged', async () => {
    const { eventId } = await new GraphCalendar({ baseUrl: graph.baseUrl }).createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 'p2');
    const before = structuredClone(graph.eventIn(officer, eventId));
    assert.equal((await patch(eventId, { isReminderOn: 'yes' })).status, 400);
    assert.equal((await patch(eventId, { reminderMinutes: 5 })).status, 400);
    assert.equal((await patch(eventId, { start: { dateTime: 20260421, timeZone: 'UTC' } })).status, 400);
    assert.equal((await patch(eventId, { subject: 'x' }, 'text/plain')).status, 415);
    assert.equal(graph.counters.invalidBodies, 3);
    assert.match(graph.rejected.at(-1)!.errors.join(' '), /dateTime/);
    assert.deepEqual(graph.eventIn(officer, eventId), before);
    assert.equal(graph.counters.updated, 0);
  });

  it('When the event is unknown or the id is missing, then PATCH answers 404 ErrorItemNotFound or 405', async () => {
    const missing = await patch('AAMk-nope', { subject: 'x' });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'ErrorItemNotFound');
    const collection = await fetch(`${graph.baseUrl}/users/${officer}/events`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(collection.status, 405);
  });

  it('When the stand-in throttles, then a PATCH gets 429 with Retry-After like any other request', async () => {
    const { eventId } = await new GraphCalendar({ baseUrl: graph.baseUrl }).createEvent(officer, session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 'p3');
    graph.faults = { throttleRate: 1, retryAfter: 4 };
    const res = await patch(eventId, { subject: 'x' });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '4');
    assert.equal(graph.counters.throttled, 1);
    assert.equal(graph.counters.updated, 0);
  });
});

describe('The Graph stand-in reads start and end in their timeZone as Graph does', () => {
  it('When a time is given in a Windows zone id, an IANA name or UTC, then it is the instant that zone means', () => {
    const cases: Array<[string, string, string]> = [
      ['2026-04-21T14:00:00', 'Europe/London', '2026-04-21T13:00:00.000Z'],
      ['2026-04-21T14:00:00.0000000', 'GMT Standard Time', '2026-04-21T13:00:00.000Z'],
      ['2026-01-21T14:00:00', 'GMT Standard Time', '2026-01-21T14:00:00.000Z'],
      ['2026-10-25T00:30:00', 'UTC', '2026-10-25T00:30:00.000Z'],
      ['2026-04-21T09:00:00', 'Eastern Standard Time', '2026-04-21T13:00:00.000Z'],
      ['2026-04-21T14:00', 'Europe/London', '2026-04-21T13:00:00.000Z'],
    ];
    for (const [dateTime, timeZone, instant] of cases) assert.deepEqual(graphInstant({ dateTime, timeZone }), { instant }, `${dateTime} ${timeZone}`);
  });

  it('When a London time happens twice or never, then it is read as standard time or refused, as .NET reads it', () => {
    // Every half hour of both days the clocks change in 2026, held to Node's ICU through every offset.
    for (const day of ['2026-03-29', '2026-10-25']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
        const local = `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
        const possible = instantsShowing(local, 'Europe/London');
        const read = graphInstant({ dateTime: local, timeZone: 'Europe/London' });
        if (possible.length === 0) assert.equal('code' in read && read.code, 'ErrorInvalidRequest', `${local} is skipped`);
        else assert.deepEqual(read, { instant: possible.at(-1) }, `${local}: the later instant is standard time`);
      }
    }
    assert.deepEqual(graphInstant({ dateTime: '2026-10-25T01:30:00', timeZone: 'Europe/London' }), { instant: '2026-10-25T01:30:00.000Z' });
  });

  it('When a zone is unknown or a dateTime is not one, then the body or the Prefer header is refused with 400 as Graph refuses it', async () => {
    const graph = await new FakeGraphServer().start();
    try {
      const good = toGraphEvent(session('2026-04-21T13:00:00Z', '2026-04-21T13:45:00Z'), 'z1');
      const post = (body: unknown, prefer?: string) =>
        fetch(`${graph.baseUrl}/users/${officer}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(prefer ? { prefer: `outlook.timezone="${prefer}"` } : {}) },
          body: JSON.stringify(body),
        });
      const unknown = await post({ ...good, start: { dateTime: '2026-04-21T14:00:00', timeZone: 'Greenwich Mean Time' } });
      assert.equal(unknown.status, 400);
      assert.deepEqual(((await unknown.json()) as { error: { code: string; message: string } }).error.code, 'TimeZoneNotSupportedException');
      assert.equal((await post({ ...good, end: { dateTime: 'tomorrow', timeZone: 'UTC' } })).status, 400);
      assert.equal((await post({ ...good, start: { dateTime: '2026-03-29T01:30:00', timeZone: 'Europe/London' } })).status, 400);
      assert.equal((await post(good, 'Mars/Olympus_Mons')).status, 400);
      assert.equal(graph.totalEvents(), 0);
      assert.equal(graph.counters.invalidBodies, 3);
      const created = await post(good, 'Europe/London');
      assert.equal(created.status, 201);
      assert.deepEqual(((await created.json()) as { start: unknown }).start, { dateTime: '2026-04-21T14:00:00.0000000', timeZone: 'Europe/London' });
    } finally {
      await graph.stop();
    }
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
