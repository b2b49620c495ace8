/**
 * Organisers change the programme while the app runs, over the organiser API; every booked
 * officer's Outlook event (through the Graph SDK to the stand-in, each PATCH validated against
 * the Graph OpenAPI subset) and personal chat (at the connector stand-in) follow, exactly once.
 * Each test arranges its own session and officers, so any one runs alone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidCard, cardActions } from '../support/cards.js';
import { FakeGraphServer } from '../fakes/graph-server.js';
import {
  api,
  book,
  changed,
  currentYaml,
  edit,
  jobCount,
  officer,
  outboxSettled,
  press,
  putCatalog,
  sessionPath,
  waitUntil,
  type TestOfficer,
} from './support.js';

const presenters = [{ name: 'Sergeant Sam Reid', role: 'Trainer', organisation: 'College of Policing' }];
const session = (id: string, day: string, capacity: number, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Session ${id}`,
  starts: `${day}T10:00`,
  ends: `${day}T11:00`,
  capacity,
  presenters,
  description: 'What officers need to know.',
  joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}`,
  ...extra,
});

const catalog = {
  timeZone: 'Europe/London',
  campaigns: [],
  sessions: [
    session('move-me', '2026-05-05', 2),
    session('cancel-me', '2026-05-06', 1),
    session('grow-me', '2026-05-07', 1),
    session('link-me', '2026-05-08', 10),
    session('recorded', '2026-05-11', 2),
    session('preview-only', '2026-05-12', 5),
    session('csv', '2026-05-13', 5, { title: '=Session, "quoted" \u00e9' }),
  ],
};

const text = (card: unknown) => JSON.stringify(card);

describe('organisers change the live programme (Monday 13 April 2026, 09:00)', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let graph: FakeGraphServer;
  let dir: string;

  /** Proactive cards sent to an officer's personal chat. */
  const cardsTo = (who: TestOfficer) => running.connector.to(who.personalChat).map((s) => adaptiveCards(s.activity)[0]);

  async function eventOf(who: TestOfficer, sessionId: string) {
    const [row] = await running.app.db.query<{ event_id: string | null }>(
      'select event_id from bookings where officer_id = $1 and session_id = $2 order by id desc limit 1',
      [who.aadObjectId, sessionId],
    );
    return row?.event_id ? graph.eventIn(who.aadObjectId, row.event_id) : undefined;
  }

  /** The officer's .ics link for the session, fetched as a calendar app would, cancelled or not. */
  async function icsFor(who: TestOfficer, sessionId: string): Promise<{ status: number; text: string; field: (name: string) => string | undefined }> {
    const [row] = await running.app.db.query<{ ics_token: string }>(
      'select ics_token from bookings where officer_id = $1 and session_id = $2 order by id desc limit 1',
      [who.aadObjectId, sessionId],
    );
    const res = await fetch(`${running.baseUrl}/calendar/${row!.ics_token}.ics`);
    const body = await res.text();
    const lines = body.replace(/\r\n /g, '').split('\r\n');
    return { status: res.status, text: body, field: (name) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1) };
  }

  async function bookedWithEvent(who: TestOfficer, sessionId: string) {
    const body = await book(running, who, sessionId);
    await waitUntil(
      async () => (await running.app.bookings.bookingFor({ aadObjectId: who.aadObjectId }, sessionId))?.invite === 'sent' || undefined,
      `${who.name}'s event`,
    );
    return body;
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cpd-organise-'));
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(file, stringify(catalog));
    graph = await new FakeGraphServer().start();
    running = await startApp({
      now: '2026-04-13T09:00:00+01:00',
      env: { CATALOG_FILE: file, GRAPH_BASE_URL: graph.baseUrl, PUBLIC_BASE_URL: 'https://cpd.example.police.uk' },
    });
  });
  after(async () => {
    await running?.stop();
    await graph?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('When a moved session is previewed, then the preview counts who it reaches and nothing changes; published, every event moves and booked and waiting officers are told once', async () => {
    const [a, b, c] = [officer(1), officer(2), officer(3)];
    await bookedWithEvent(a, 'move-me');
    await bookedWithEvent(b, 'move-me');
    assert.match(text((await book(running, c, 'move-me')).value), /Waitlisted #1/);
    await outboxSettled(running);

    const moved = await changed(running, (doc) => {
      const i = sessionPath(doc, 'move-me');
      doc.setIn(['sessions', i, 'starts'], '2026-05-05T14:00');
      doc.setIn(['sessions', i, 'ends'], '2026-05-05T15:00');
    });
    const versionBefore = (await api(running, 'GET', '/api/organiser/versions')).json.current;
    const jobsBefore = await jobCount(running);
    const preview = await putCatalog(running, moved, '?dryRun=true');
    assert.equal(preview.status, 200);
    assert.equal(preview.json.dryRun, true);
    assert.equal(preview.json.version, versionBefore);
    assert.deepEqual(preview.json.summary.rescheduled, [
      {
        id: 'move-me',
        title: 'Session move-me',
        booked: 2,
        waitlisted: 1,
        from: { startsAt: '2026-05-05T09:00:00.000Z', endsAt: '2026-05-05T10:00:00.000Z' },
        to: { startsAt: '2026-05-05T13:00:00.000Z', endsAt: '2026-05-05T14:00:00.000Z' },
      },
    ]);
    assert.match(preview.json.summary.text, /1 session rescheduled \(2 booked, 1 waiting\)/);
    assert.equal(await jobCount(running), jobsBefore, 'a dry run queues nothing');
    assert.equal((await api(running, 'GET', '/api/organiser/versions')).json.current, versionBefore);

    const published = await putCatalog(running, moved, `?baseVersion=${versionBefore}`);
    assert.equal(published.status, 200);
    assert.equal(published.json.version, versionBefore + 1);
    await outboxSettled(running);

    for (const who of [a, b]) {
      const event = await eventOf(who, 'move-me');
      assert.ok(event, 'the event is still there, moved in place');
      assert.equal(graph.eventsIn(who.aadObjectId).filter((e: any) => e.subject === 'Session move-me').length, 1, 'moved, not duplicated');
      assert.equal((event as any).start.dateTime.slice(0, 16), '2026-05-05T14:00');
      assert.equal((event as any).end.dateTime.slice(0, 16), '2026-05-05T15:00');
    }
    assert.equal(graph.counters.invalidBodies, 0, 'every PATCH is valid against the Graph OpenAPI subset');
    assert.ok(graph.counters.updated >= 2);

    for (const who of [a, b, c]) {
      const cards = cardsTo(who).filter((card) => /This session has moved/.test(text(card)));
      assert.equal(cards.length, 1, `${who.name} is told once`);
      const card = cards[0];
      assertValidCard(card);
      const struck = JSON.stringify(card.body).match(/"text":"([^"]+)","strikethrough":true/);
      assert.equal(struck?.[1], 'Tue 5 May, 10:00\u201311:00', 'the old time, struck through');
      assert.match(text(card), /Tue 5 May, 14:00\u201315:00/);
    }
    const titles = (who: TestOfficer) => cardActions(cardsTo(who).find((card) => /has moved/.test(text(card)))).map((x) => x.title);
    assert.ok(titles(a).includes('Keep my place') && titles(a).includes('Cancel booking'));
    assert.ok(titles(c).includes('Leave the waitlist') && !titles(c).includes('Keep my place'));

    // The bot answers from the new version, and Keep my place keeps it.
    const details = await press(running, 'session.details', { verb: 'session.details', sessionId: 'move-me' }, a);
    assert.match(text(details.value), /14:00\u201315:00/);
    const kept = await press(running, 'booking.keep', { verb: 'booking.keep', sessionId: 'move-me' }, a);
    assert.match(text(kept.value), /your place at the new time is kept/);
    assert.match(text(kept.value), /14:00\u201315:00/);

    // The .ics link follows, with a higher SEQUENCE.
    const view = await running.app.bookings.bookingFor({ aadObjectId: a.aadObjectId }, 'move-me');
    const ics = await (await fetch(`${running.baseUrl}${new URL(view!.icsUrl!).pathname}`)).text();
    assert.match(ics, /\r\nDTSTART:20260505T130000Z\r\n/);
    assert.match(ics, /\r\nSEQUENCE:1\r\n/);
  });

  it("When a session is cancelled with a message, then every place ends, events are deleted, everyone is told the organiser's words, and nobody is promoted", async () => {
    const [a, b] = [officer(11), officer(12)];
    await bookedWithEvent(a, 'cancel-me');
    assert.match(text((await book(running, b, 'cancel-me')).value), /Waitlisted #1/);
    await outboxSettled(running);
    const message = 'Our presenter is unwell. The session will be rescheduled; watch this space.';

    const preview = await edit(running, { kind: 'cancel', sessionId: 'cancel-me', message }, '?dryRun=true');
    assert.equal(preview.status, 200);
    assert.deepEqual(preview.json.summary.withdrawn, [
      { id: 'cancel-me', title: 'Session cancel-me', startsAt: '2026-05-06T09:00:00.000Z', booked: 1, waitlisted: 1, message },
    ]);
    assert.ok(await running.app.bookings.bookingFor({ aadObjectId: a.aadObjectId }, 'cancel-me'), 'the preview cancels nothing');

    const published = await edit(running, { kind: 'cancel', sessionId: 'cancel-me', message });
    assert.equal(published.status, 200);
    await outboxSettled(running);

    assert.equal(await running.app.bookings.bookingFor({ aadObjectId: a.aadObjectId }, 'cancel-me'), undefined);
    assert.equal(await running.app.bookings.bookingFor({ aadObjectId: b.aadObjectId }, 'cancel-me'), undefined, 'the waiting officer is not promoted');
    assert.equal(graph.eventsIn(a.aadObjectId).filter((e: any) => e.subject === 'Session cancel-me').length, 0, 'the event is deleted');
    for (const who of [a, b]) {
      const cards = cardsTo(who).filter((card) => /has been cancelled/.test(text(card)));
      assert.equal(cards.length, 1, `${who.name} is told once`);
      assertValidCard(cards[0]);
      assert.ok(text(cards[0]).includes(message));
    }
    // The bot no longer offers it; the .ics link now removes it from calendars.
    const [reply] = await sayAndRead(running, a, 'what is on 6 May');
    assert.doesNotMatch(text(reply), /Session cancel-me/);
    const [token] = await running.app.db.query<{ ics_token: string }>('select ics_token from bookings where officer_id = $1 and session_id = $2', [
      a.aadObjectId,
      'cancel-me',
    ]);
    const ics = await (await fetch(`${running.baseUrl}/calendar/${token!.ics_token}.ics`)).text();
    assert.match(ics, /\r\nMETHOD:CANCEL\r\n/);
    assert.match(ics, /\r\nSEQUENCE:1\r\n/);
    // Booking it again is refused: it is out of the programme.
    assert.match(text((await book(running, officer(13), 'cancel-me')).value), /no longer in the catalogue/);
  });

  it('When capacity is raised, then the waitlist is promoted in order; when it is lowered, no one loses a place', async () => {
    const [a, b, c, d] = [officer(21), officer(22), officer(23), officer(24)];
    await bookedWithEvent(a, 'grow-me');
    for (const who of [b, c, d]) await book(running, who, 'grow-me');
    const listed = async () => (await running.app.bookings.placesOnAll(['grow-me'])).get('grow-me');
    assert.deepEqual(await listed(), { booked: 1, waitlisted: 3 });
    const raised = await edit(running, { kind: 'capacity', sessionId: 'grow-me', capacity: 3 });
    assert.equal(raised.status, 200);
    assert.deepEqual(await listed(), { booked: 3, waitlisted: 1 }, 'list cards show the promotions at once');
    assert.deepEqual(raised.json.summary.capacity, [{ id: 'grow-me', title: 'Session grow-me', from: 1, to: 3, booked: 1, waitlisted: 3, promoted: 2 }]);
    await outboxSettled(running);
    const state = async (who: TestOfficer) => {
      const v = await running.app.bookings.bookingFor({ aadObjectId: who.aadObjectId }, 'grow-me');
      return v && [v.status, v.position ?? null];
    };
    assert.deepEqual(await Promise.all([a, b, c, d].map(state)), [
      ['booked', null],
      ['booked', null],
      ['booked', null],
      ['waitlisted', 1],
    ]);
    for (const who of [b, c]) {
      assert.equal(cardsTo(who).filter((card) => /a place came up/.test(text(card))).length, 1);
      assert.ok(await eventOf(who, 'grow-me'), 'the promoted officer gets an event');
    }
    assert.equal(cardsTo(d).length, 0);

    const lowered = await edit(running, { kind: 'capacity', sessionId: 'grow-me', capacity: 1 });
    assert.equal(lowered.status, 200);
    assert.match(lowered.json.summary.text, /no one loses a place/);
    await outboxSettled(running);
    assert.deepEqual(await Promise.all([a, b, c, d].map(state)), [
      ['booked', null],
      ['booked', null],
      ['booked', null],
      ['waitlisted', 1],
    ]);
  });

  it('When details change, then the events follow; booked officers get a message only when the join link changed', async () => {
    const [a] = [officer(31)];
    await bookedWithEvent(a, 'link-me');
    const first = await icsFor(a, 'link-me');
    assert.equal(first.field('SEQUENCE'), '0');
    // DTSTAMP is the app's clock (09:00 BST on 13 April here), not the machine's.
    assert.equal(first.field('DTSTAMP'), '20260413T080000Z');
    const described = await changed(running, (doc) => doc.setIn(['sessions', sessionPath(doc, 'link-me'), 'description'], 'Now with a case study from Kent.'));
    assert.equal((await putCatalog(running, described)).status, 200);
    await outboxSettled(running);
    assert.match(JSON.stringify((await eventOf(a, 'link-me'))!.body), /case study from Kent/);
    assert.equal(cardsTo(a).length, 0, 'a new description is not worth a message');
    assert.equal((await icsFor(a, 'link-me')).field('SEQUENCE'), '1', 'the .ics link raises SEQUENCE for the new description');

    const newLink = 'https://teams.microsoft.com/l/meetup-join/link-me-new';
    const linked = await changed(running, (doc) => doc.setIn(['sessions', sessionPath(doc, 'link-me'), 'joinUrl'], newLink));
    const published = await putCatalog(running, linked);
    assert.deepEqual(published.json.summary.changed, [{ id: 'link-me', title: 'Session link-me', fields: ['joinUrl'], booked: 1 }]);
    await outboxSettled(running);
    assert.ok(JSON.stringify((await eventOf(a, 'link-me'))!).includes(newLink), 'the event has the new link');
    const cards = cardsTo(a);
    assert.equal(cards.length, 1);
    assertValidCard(cards[0]);
    assert.equal(cardActions(cards[0]).find((x) => x.title === 'Join the session')?.url, newLink);
    const linkedIcs = await icsFor(a, 'link-me');
    assert.equal(linkedIcs.field('SEQUENCE'), '2');
    assert.equal(linkedIcs.field('URL'), newLink);

    // A new capacity is not in anyone's calendar: the file, and its SEQUENCE, stay as they were.
    assert.equal((await edit(running, { kind: 'capacity', sessionId: 'link-me', capacity: 12 })).status, 200);
    assert.equal((await icsFor(a, 'link-me')).text, linkedIcs.text);

    // The officer cancels: the same UID, one SEQUENCE higher, as a CANCEL.
    assert.match(text((await press(running, 'booking.cancel', { verb: 'booking.cancel', sessionId: 'link-me' }, a)).value), /cancelled/i);
    const cancelled = await icsFor(a, 'link-me');
    assert.equal(cancelled.status, 200);
    assert.deepEqual(
      ['METHOD', 'STATUS', 'SEQUENCE', 'UID', 'DTSTAMP'].map((f) => cancelled.field(f)),
      ['CANCEL', 'CANCELLED', '3', first.field('UID'), '20260413T080000Z'],
    );
  });

  it('When a recording is posted, then each booked and waiting officer is told once, with the link', async () => {
    const [a, b, c] = [officer(41), officer(42), officer(43)];
    for (const who of [a, b, c]) await book(running, who, 'recorded');
    await outboxSettled(running);
    const url = 'https://knowledgehub.group/web/response-policing/recorded';
    const posted = await edit(running, { kind: 'recording', sessionId: 'recorded', title: 'Session recorded (recording)', url, durationMinutes: 52 });
    assert.equal(posted.status, 200);
    assert.deepEqual(
      posted.json.summary.recordingsAdded.map((r: any) => [r.sessionId, r.officers]),
      [['recorded', 3]],
    );
    await outboxSettled(running);
    for (const who of [a, b, c]) {
      const cards = cardsTo(who).filter((card) => /recording is posted/.test(text(card)));
      assert.equal(cards.length, 1, `${who.name} is told once`);
      assertValidCard(cards[0]);
      assert.equal(cardActions(cards[0]).find((x) => x.title === 'Watch on Knowledge Hub')?.url, url);
      assert.match(text(cards[0]), /52 minutes/);
    }
    // A second recording for the same session (a corrected upload) does not message them again.
    await edit(running, { kind: 'recording', sessionId: 'recorded', title: 'Session recorded (corrected)', url: `${url}-v2` });
    await outboxSettled(running);
    assert.equal(cardsTo(a).filter((card) => /recording is posted/.test(text(card))).length, 1);
  });

  it('When a catalog has mistakes, then every problem comes back with its line and column, and nothing changes', async () => {
    const before = (await api(running, 'GET', '/api/organiser/versions')).json.current;
    const bad = (await currentYaml(running)).replace('capacity: 5\n', 'capacity: lots\n').replace(/starts: 2026-05-13T10:00/, 'starts: 2026-05-13T25:00');
    const refused = await putCatalog(running, bad);
    assert.equal(refused.status, 422);
    assert.equal(refused.json.error, 'invalid_catalog');
    assert.ok(refused.json.problems.length >= 2);
    for (const p of refused.json.problems) {
      assert.ok(p.line > 0 && p.column > 0, 'line and column');
      assert.equal(bad.split('\n')[p.line - 1]!.length >= p.column - 1, true, 'the place is in the file');
      assert.match(p.text, new RegExp(`:${p.line}:${p.column}: `));
    }
    assert.equal((await api(running, 'GET', '/api/organiser/versions')).json.current, before);

    const notYaml = await api(running, 'PUT', '/api/organiser/catalog', { type: 'application/yaml', text: 'sessions: [\n' });
    assert.equal(notYaml.status, 422);
    assert.match(notYaml.json.problems[0].message, /YAML/);
    const badEdit = await edit(running, { kind: 'move', sessionId: 'preview-only', date: '2026-05-12', start: '11:00', end: '10:00' });
    assert.equal(badEdit.status, 422);
    assert.deepEqual(
      badEdit.json.problems.map((p: any) => p.path),
      ['end'],
    );
    const past = await edit(running, { kind: 'move', sessionId: 'preview-only', date: '2026-04-01', start: '10:00', end: '11:00' });
    assert.equal(past.status, 422);
    assert.match(past.json.problems[0].message, /already passed/);
  });

  it('When two organisers publish from the same version, then the second is told it is out of date and nothing of theirs is applied', async () => {
    const base = (await api(running, 'GET', '/api/organiser/versions')).json.current;
    const first = await edit(running, { kind: 'capacity', sessionId: 'preview-only', capacity: 6 }, `?baseVersion=${base}`);
    assert.equal(first.status, 200);
    const second = await edit(running, { kind: 'capacity', sessionId: 'preview-only', capacity: 7 }, `?baseVersion=${base}`);
    assert.equal(second.status, 409);
    assert.equal(second.json.currentVersion, base + 1);
    const sessions = (await api(running, 'GET', '/api/organiser/sessions')).json.sessions;
    assert.equal(sessions.find((s: any) => s.id === 'preview-only').capacity, 6);
    // The same file again publishes nothing.
    const same = await putCatalog(running, await currentYaml(running));
    assert.equal(same.status, 200);
    assert.equal(same.json.summary.unchanged, true);
    assert.equal(same.json.version, base + 1);
  });

  it('When registrations are downloaded, then the CSV opens in Excel (UTF-8 with BOM) with formulas defused, and the export is audited', async () => {
    const a = officer(51);
    running.connector.members = [{ id: a.id, name: '=HYPERLINK("http://evil.example","click")', aadObjectId: a.aadObjectId, email: 'a@police.example' }];
    await book(running, a, 'csv');
    // The name and email from the member API are recorded just after the booking is answered.
    await running.app.bookings.settled();
    const response = await fetch(`${running.baseUrl}/api/organiser/registrations.csv?session=csv`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="registrations-csv-2026-04-13\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    assert.equal(lines[0], 'Session ID,Session,Starts (UK time),Name,Email,Organisation,State,Waitlist position,Booked at (UK time)');
    assert.equal(
      lines[1],
      `csv,"'=Session, ""quoted"" \u00e9",2026-05-13 10:00,"'=HYPERLINK(""http://evil.example"",""click"")",a@police.example,,booked,,2026-04-13 09:00`.replace(
        '2026-04-13 09:00',
        lines[1]!.slice(-16),
      ),
    );
    assert.match(lines[1]!, /,booked,,\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const [audit] = await running.app.db.query<{ action: string; detail: any }>(
      "select action, detail from audit_log where action = 'registrations.export' order by id desc limit 1",
    );
    assert.deepEqual(audit, { action: 'registrations.export', detail: { session: 'csv', rows: 1 } });

    const list = await api(running, 'GET', '/api/organiser/sessions/csv/registrations');
    assert.equal(list.status, 200);
    assert.equal(list.json.session.booked, 1);
    assert.equal(list.json.registrations[0].email, 'a@police.example');
    assert.equal((await api(running, 'GET', '/api/organiser/sessions/nope/registrations')).status, 404);
  });

  it('keeps every version with who, when and what changed, each downloadable as the YAML published', async () => {
    const history = await api(running, 'GET', '/api/organiser/versions');
    assert.equal(history.status, 200);
    const versions = history.json.versions;
    assert.equal(versions.at(-1).version, 1);
    assert.equal(versions.at(-1).source, 'file');
    assert.equal(versions.at(-1).publishedBy, 'CATALOG_FILE');
    assert.deepEqual(
      versions.map((v: any) => v.version),
      [...versions.map((v: any) => v.version)].sort((x: number, y: number) => y - x),
    );
    const first = await api(running, 'GET', '/api/organiser/versions/1/catalog');
    assert.equal(first.status, 200);
    assert.equal(first.text, stringify(catalog));
    const current = await api(running, 'GET', '/api/organiser/catalog');
    assert.equal(current.headers.get('x-catalog-version'), String(history.json.current));
    assert.match(current.headers.get('content-disposition') ?? '', new RegExp(`filename="catalog-v${history.json.current}\\.yaml"`));
    assert.equal((await api(running, 'GET', '/api/organiser/versions/9999/catalog')).status, 404);
  });
});

async function sayAndRead(running: RunningApp, who: TestOfficer, words: string): Promise<any[]> {
  const before = running.connector.to(who.personalChat).length;
  const { status } = await running.send(
    teamsMessage(words, {
      from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
      conversation: { id: who.personalChat, conversationType: 'personal', tenantId: 'tenant-1' },
    }),
  );
  assert.equal(status, 200);
  return running.connector
    .to(who.personalChat)
    .slice(before)
    .map((s) => adaptiveCards(s.activity)[0]);
}

describe('a catalog upload over the size limit', function () {
  this.timeout(30_000);
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00' });
  });
  after(async () => running?.stop());

  it('is refused with 413 and a sentence, before anything is read', async () => {
    const big = `# ${'x'.repeat(2 * 1024 * 1024)}\nsessions: []\n`;
    const answer = await api(running, 'PUT', '/api/organiser/catalog?dryRun=true', { type: 'application/yaml', text: big });
    assert.equal(answer.status, 413);
    assert.deepEqual(answer.json, { error: 'too_large', message: 'That is larger than the app accepts (up to 2 MB).' });
    assert.equal(running.app.programme().version, 1);
  });
});
