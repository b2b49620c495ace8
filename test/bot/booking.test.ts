import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidCard, assertValidInvokeResponse, cardActions } from '../support/cards.js';
import { FakeGraphServer } from '../fakes/graph-server.js';
import type { SentActivity } from '../fakes/connector.js';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const text = (card: unknown): string => JSON.stringify(card);
const action = (card: unknown, title: string): any => cardActions(card).find((a) => a.title === title);

/** The buttons under one booking on "my bookings": those of the entry with that title. */
function bookingButtons(card: any, title: string): any[] {
  const entry = card.body.find((b: any) => b.type === 'Container' && b.items.some((i: any) => i.text === title));
  if (!entry) throw new Error(`"${title}" is not on the card`);
  return cardActions(entry);
}

/** An officer in Teams: their MRI, Entra object id and personal chat. */
interface TestOfficer {
  id: string;
  aadObjectId: string;
  name: string;
  personalChat: string;
}

function officer(n: number): TestOfficer {
  return {
    id: `29:officer-${n}`,
    aadObjectId: `00000000-0000-0000-0000-0000000b${String(n).padStart(4, '0')}`,
    name: `PC Officer ${n}`,
    personalChat: `a:personal-${n}`,
  };
}

/** A group chat of its own for each test, so no test sees what another posted there. */
function groupChat(name: string) {
  return { id: `19:booking-${name}@thread.v2`, conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' };
}

const MENTION = { type: 'mention', text: '<at>CPD sessions</at>', mentioned: { id: '28:cpd-bot', name: 'CPD sessions' } };

function from(who: TestOfficer) {
  return { from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId } };
}

function personal(who: TestOfficer) {
  return { ...from(who), conversation: { id: who.personalChat, conversationType: 'personal', tenantId: 'tenant-1' } };
}

/** Action.Execute as Teams sends it; `where` is the conversation the card is in. */
function execute(verb: string, data: unknown, where: Record<string, unknown>, trigger: 'manual' | 'automatic' = 'manual') {
  return {
    ...teamsMessage(''),
    text: undefined,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger },
    ...where,
  };
}

async function waitUntil<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Each test books its officers (officer(n), n unique to the test) and, where places run out,
// a session of its own, so any test can run alone or in any order.
const sessions = [
  {
    id: 'one-place',
    title: 'Stop and search: getting it right',
    starts: '2026-05-05T10:00',
    ends: '2026-05-05T11:00',
    capacity: 1,
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/one-place',
  },
  {
    id: 'full-house',
    title: 'Public order: planning for protests',
    starts: '2026-05-06T10:00',
    ends: '2026-05-06T11:00',
    capacity: 1,
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/full-house',
  },
  { id: 'mine-full', title: 'Stop and search: the grounds for a search', starts: '2026-05-07T10:00', ends: '2026-05-07T11:00', capacity: 1 },
  { id: 'notice-place', title: 'Missing persons: the first hour', starts: '2026-05-08T10:00', ends: '2026-05-08T11:00', capacity: 1 },
  { id: 'many-places', title: 'Roads policing: fatal four', starts: '2026-05-12T14:00', ends: '2026-05-12T15:00', capacity: 50 },
  { id: 'outage', title: 'Custody: detainee welfare', starts: '2026-05-13T14:00', ends: '2026-05-13T15:00', capacity: 50 },
  { id: 'started', title: 'Morning briefing on knife crime', starts: '2026-04-13T08:30', ends: '2026-04-13T09:30', capacity: 50 },
  { id: 'ended', title: 'Last week on county lines', starts: '2026-04-06T10:00', ends: '2026-04-06T11:00', capacity: 50 },
  { id: 'lonely', title: 'Wildlife crime in rural areas', starts: '2026-06-02T10:00', ends: '2026-06-02T11:00', capacity: 20 },
  { id: 'group-place', title: 'Domestic abuse: first response', starts: '2026-06-09T10:00', ends: '2026-06-09T11:00', capacity: 1 },
  { id: 'two-places', title: 'Firearms licensing: the checks', starts: '2026-06-10T10:00', ends: '2026-06-10T11:00', capacity: 2 },
  { id: 'hate-full', title: 'Hate crime: recording it right', starts: '2026-06-11T10:00', ends: '2026-06-11T11:00', capacity: 1 },
  { id: 'hate-open', title: 'Hate crime: supporting victims', starts: '2026-06-12T10:00', ends: '2026-06-12T11:00', capacity: 30 },
].map((s) => ({
  ...s,
  presenters: [{ name: 'Sergeant Sam Reid', role: 'Trainer', organisation: 'College of Policing' }],
  description: 'What officers need to know.',
}));

describe('booking a place from the card, through the running server with the Graph stand-in (Monday 13 April 2026, 09:00)', function () {
  this.timeout(20_000);
  let running: RunningApp;
  let graph: FakeGraphServer;
  let dir: string;
  /** Everyone the Teams member API knows: officer(1) to officer(30). */
  const members = Array.from({ length: 30 }, (_, i) => officer(i + 1));
  let sentBefore = 0;

  /** Sends an invoke; checks the response against the Teams union and every card in it. */
  async function press(verb: string, data: unknown, where: Record<string, unknown>, trigger?: 'manual' | 'automatic'): Promise<any> {
    const { status, body } = await running.send(execute(verb, data, where, trigger));
    assertValidInvokeResponse(body);
    assert.equal(status, body.statusCode);
    return body;
  }

  async function say(words: string, where: Record<string, any>): Promise<SentActivity[]> {
    const conversationId = where.conversation.id;
    const before = running.connector.to(conversationId).length;
    const { status } = await running.send(teamsMessage(words, where));
    assert.equal(status, 200);
    return running.connector.to(conversationId).slice(before);
  }

  function onlyCard(sent: SentActivity[]): any {
    assert.equal(sent.length, 1);
    const cards = adaptiveCards(sent[0]!.activity);
    assert.equal(cards.length, 1);
    assertValidCard(cards[0]);
    return cards[0];
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cpd-booking-'));
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(file, stringify({ timeZone: 'Europe/London', campaigns: [], sessions }));
    graph = await new FakeGraphServer().start();
    running = await startApp({
      now: '2026-04-13T09:00:00+01:00',
      env: { CATALOG_FILE: file, GRAPH_BASE_URL: graph.baseUrl, PUBLIC_BASE_URL: 'https://cpd.example.police.uk' },
    });
    running.connector.members = members.map((o) => ({
      id: o.id,
      name: o.name,
      aadObjectId: o.aadObjectId,
      email: `officer.${o.aadObjectId.slice(-4)}@police.example`,
    }));
  });
  after(async () => {
    await running?.stop();
    await graph?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  // Every card a test makes the bot send (replies and proactive notices) is checked, whatever the order.
  beforeEach(() => {
    sentBefore = running.connector.sent.length;
  });
  afterEach(() => {
    for (const card of running.connector.sent.slice(sentBefore).flatMap((s) => adaptiveCards(s.activity))) assertValidCard(card);
  });

  /** Presses Book in the officer's personal chat and checks the answer. */
  async function book(who: TestOfficer, sessionId: string, expect: RegExp): Promise<any> {
    const body = await press('booking.book', { verb: 'booking.book', sessionId }, personal(who));
    assert.match(text(body.value), expect);
    return body;
  }

  it('When an officer presses "Book a place" on a details card, then they are booked and the card shows ✓, the UK time, Add to calendar and Cancel booking', async () => {
    const me = officer(1);
    const details = await press('session.details', { verb: 'session.details', sessionId: 'many-places' }, personal(me));
    const book = action(details.value, 'Book a place');
    assert.deepEqual(book.data, { verb: 'booking.book', sessionId: 'many-places' });

    const body = await press(book.verb, book.data, personal(me));
    assert.equal(body.type, CARD);
    const card = body.value;
    assert.match(text(card), /\u2713 You're booked/);
    assert.match(text(card), /Tue 12 May, 14:00\u201315:00/);
    assert.match(text(card), /An invite is on its way to your Outlook calendar/);
    assert.match(action(card, 'Add to calendar').url, /^https:\/\/cpd\.example\.police\.uk\/calendar\/[\w-]{22}\.ics$/);
    assert.deepEqual(action(card, 'Cancel booking').data, { verb: 'booking.cancel', sessionId: 'many-places' });
    assert.equal(card.refresh, undefined, 'in personal chat the response simply replaces the card');

    // The invite really goes through the SDK to the stand-in, into the officer's own mailbox.
    const [event] = await waitUntil(() => (graph.eventsIn(me.aadObjectId).length === 1 ? graph.eventsIn(me.aadObjectId) : undefined), 'the Graph event');
    assert.equal(event!.subject, 'Roads policing: fatal four');
    const view = await waitUntil(async () => {
      const v = await running.app.bookings.bookingFor({ aadObjectId: me.aadObjectId }, 'many-places');
      return v?.invite === 'sent' ? v : undefined;
    }, 'the invite to be recorded as sent');
    assert.equal(view.status, 'booked');
    const refreshed = await press('booking.view', { verb: 'booking.view', sessionId: 'many-places' }, personal(me), 'automatic');
    assert.match(text(refreshed.value), /It is in your Outlook calendar/);
  });

  it('When the officer presses Book again (or on another device), then they are told they are already booked, with one booking and one event', async () => {
    const me = officer(2);
    await book(me, 'many-places', /\u2713 You're booked/);
    await waitUntil(() => graph.eventsIn(me.aadObjectId).length === 1, 'the Graph event');
    await waitUntil(
      async () => (await running.app.bookings.bookingFor({ aadObjectId: me.aadObjectId }, 'many-places'))?.invite === 'sent',
      'the invite to be recorded as sent',
    );

    const again = await press('booking.book', { verb: 'booking.book', sessionId: 'many-places' }, personal(me));
    assert.match(text(again.value), /\u2713 You're already booked/);
    const bothDevices = await Promise.all([1, 2].map(() => press('booking.book', { verb: 'booking.book', sessionId: 'many-places' }, personal(me))));
    for (const body of bothDevices) assert.match(text(body.value), /already booked/);
    assert.equal((await running.app.bookings.myBookings({ aadObjectId: me.aadObjectId })).length, 1);
    assert.equal(graph.eventsIn(me.aadObjectId).length, 1);
  });

  it('ignores an officer id or capacity put in the button data: the officer is the one in the activity', async () => {
    const [me, victim] = [officer(3), officer(4)];
    const forged = { verb: 'booking.book', sessionId: 'lonely', officerId: victim.aadObjectId, aadObjectId: victim.aadObjectId, capacity: 1000 };
    const body = await press('booking.book', forged, personal(me));
    assert.match(text(body.value), /You're booked/);
    assert.ok(await running.app.bookings.bookingFor({ aadObjectId: me.aadObjectId }, 'lonely'));
    assert.equal(await running.app.bookings.bookingFor({ aadObjectId: victim.aadObjectId }, 'lonely'), undefined);
    const row = await waitUntil(async () => {
      const [found] = await running.app.db.query<{ name: string; email: string | null }>('select name, email from officers where aad_object_id = $1', [
        me.aadObjectId,
      ]);
      return found?.email ? found : undefined;
    }, "the officer's details");
    assert.deepEqual(row, { name: me.name, email: 'officer.0003@police.example' }, 'name and email from the Teams member API');
  });

  it('When an officer not yet on record books, then the answer does not wait for the Teams member API, their email is recorded once it answers, and their next booking does not ask it again', async () => {
    const me = officer(28);
    // The member API of this officer's Teams: it answers only when the test lets it.
    const asked: string[] = [];
    const held: Array<() => void> = [];
    const directory = http.createServer((req, res) => {
      asked.push(req.url ?? '');
      held.push(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: me.id, name: me.name, aadObjectId: me.aadObjectId, email: 'pc.officer.28@police.example' }));
      });
    });
    await new Promise<void>((resolve) => directory.listen(0, '127.0.0.1', resolve));
    const where = { ...personal(me), serviceUrl: `http://127.0.0.1:${(directory.address() as AddressInfo).port}/` };
    try {
      const body = await press('booking.book', { verb: 'booking.book', sessionId: 'lonely' }, where);
      assert.match(text(body.value), /You're booked/);
      await waitUntil(() => held.length === 1, 'the member lookup');
      assert.match(asked[0]!, new RegExp(`/members/${encodeURIComponent(me.id)}$`));
      held.shift()!();
      await running.app.bookings.settled();
      const [row] = await running.app.db.query<{ email: string | null }>('select email from officers where aad_object_id = $1', [me.aadObjectId]);
      assert.equal(row?.email, 'pc.officer.28@police.example', 'recorded when the member API answered');

      assert.match(text((await press('booking.book', { verb: 'booking.book', sessionId: 'many-places' }, where)).value), /You're booked/);
      await running.app.bookings.settled();
      assert.equal(asked.length, 1, 'an officer on record is not looked up again');
    } finally {
      for (const release of held) release();
      await new Promise((resolve) => directory.close(resolve));
    }
  });

  it('When places are taken and given back, then the details card counts what is left as it stands at each press', async () => {
    const [a, b, c, d] = [officer(24), officer(25), officer(26), officer(27)];
    const details = async () => (await press('session.details', { verb: 'session.details', sessionId: 'two-places' }, personal(d))).value;
    const placesOf = (card: unknown) => (text(card).match(/"title":"Places","value":"([^"]*)"/) ?? [])[1];
    assert.equal(placesOf(await details()), '2 places, 2 left');
    await book(a, 'two-places', /You're booked/);
    assert.equal(placesOf(await details()), '2 places, 1 left');
    await book(b, 'two-places', /You're booked/);
    const full = await details();
    assert.equal(placesOf(full), 'Full (2 places): join the waitlist');
    const join = action(full, 'Join the waitlist');
    assert.deepEqual(join?.data, { verb: 'booking.book', sessionId: 'two-places' });
    assert.match(text((await press(join.verb, join.data, personal(c))).value), /Waitlisted #1/);
    assert.equal(placesOf(await details()), 'Full (2 places): join the waitlist (1 waiting)');
    // The officer who is not booked sees the same counts when their own card is redrawn.
    const view = await press('booking.view', { verb: 'booking.view', sessionId: 'two-places' }, personal(d));
    assert.equal(placesOf(view.value), 'Full (2 places): join the waitlist (1 waiting)');
    // A cancellation promotes the waiting officer: still full, nobody waiting.
    await press('booking.cancel', { verb: 'booking.cancel', sessionId: 'two-places' }, personal(a));
    assert.equal(placesOf(await details()), 'Full (2 places): join the waitlist');
    await press('booking.cancel', { verb: 'booking.cancel', sessionId: 'two-places' }, personal(b));
    assert.equal(placesOf(await details()), '2 places, 1 left');
  });

  it('When the session is full, then the next officers are waitlisted with their positions and "Leave the waitlist"', async () => {
    const [first, second, third] = [officer(5), officer(6), officer(7)];
    const booked = await press('booking.book', { verb: 'booking.book', sessionId: 'full-house' }, personal(first));
    assert.match(text(booked.value), /You're booked/);
    assert.ok(action(booked.value, 'Join the session'));

    const w1 = await press('booking.book', { verb: 'booking.book', sessionId: 'full-house' }, personal(second));
    assert.match(text(w1.value), /Waitlisted #1/);
    assert.match(text(w1.value), /This session is full/);
    assert.deepEqual(action(w1.value, 'Leave the waitlist').data, { verb: 'booking.cancel', sessionId: 'full-house' });
    assert.equal(action(w1.value, 'Add to calendar'), undefined, 'no calendar link without a place');

    const w2 = await press('booking.book', { verb: 'booking.book', sessionId: 'full-house' }, personal(third));
    assert.match(text(w2.value), /Waitlisted #2/);
    const again = await press('booking.book', { verb: 'booking.book', sessionId: 'full-house' }, personal(third));
    assert.match(text(again.value), /already on the waitlist #2/);
  });

  it('When a booked officer cancels, then the first on the waitlist is promoted, gets their invite and a message in their own chat', async () => {
    const [first, second, third] = [officer(8), officer(9), officer(10)];
    await book(first, 'one-place', /You're booked/);
    await book(second, 'one-place', /Waitlisted #1/);
    await book(third, 'one-place', /Waitlisted #2/);
    await waitUntil(() => graph.eventsIn(first.aadObjectId).length === 1, "the first officer's event");
    const cancelled = await press('booking.cancel', { verb: 'booking.cancel', sessionId: 'one-place' }, personal(first));
    assert.match(text(cancelled.value), /Your place is cancelled/);
    assert.deepEqual(action(cancelled.value, 'Book a place').data, { verb: 'booking.book', sessionId: 'one-place' });

    const message = await running.connector.waitFor((s) => s.conversationId === second.personalChat && /Good news/.test(text(s.activity)), 8000);
    const [card] = adaptiveCards(message.activity);
    assertValidCard(card);
    assert.match(text(card), /Good news: a place came up and you're booked on Stop and search: getting it right \(Tue 5 May, 10:00\u201311:00\)/);
    assert.match(action(card, 'Add to calendar').url, /\/calendar\/[\w-]+\.ics$/);
    assert.deepEqual(action(card, 'Cancel booking').data, { verb: 'booking.cancel', sessionId: 'one-place' });

    const [event] = await waitUntil(
      () => (graph.eventsIn(second.aadObjectId).length === 1 ? graph.eventsIn(second.aadObjectId) : undefined),
      "the promoted officer's event",
    );
    assert.equal(event!.subject, 'Stop and search: getting it right');
    await waitUntil(() => graph.eventsIn(first.aadObjectId).length === 0, "the cancelled officer's event to be deleted");
    const stillWaiting = await press('booking.view', { verb: 'booking.view', sessionId: 'one-place' }, personal(third), 'automatic');
    assert.match(text(stillWaiting.value), /Waitlisted #1/);
    assert.equal(running.connector.to(third.personalChat).filter((s) => /Good news/.test(text(s.activity))).length, 0);
  });

  it('When the session has started or ended, then booking is refused in a friendly message, with no Book button on its card', async () => {
    const me = officer(11);
    for (const sessionId of ['started', 'ended']) {
      const details = await press('session.details', { verb: 'session.details', sessionId }, personal(me));
      assert.equal(action(details.value, 'Book a place'), undefined, `${sessionId}: no Book button`);
      const body = await press('booking.book', { verb: 'booking.book', sessionId }, personal(me));
      assert.equal(body.type, MESSAGE);
      assert.match(body.value, /already started \(or finished\), so it can no longer be booked/);
    }
    assert.deepEqual(await running.app.bookings.myBookings({ aadObjectId: me.aadObjectId }), []);
  });

  it('answers an unknown session, no chosen session, no Entra id and malformed data plainly, never with a stack trace', async () => {
    const me = officer(12);
    const unknown = await press('booking.book', { verb: 'booking.book', sessionId: 'no-such-session' }, personal(me));
    assert.equal(unknown.type, MESSAGE);
    assert.match(unknown.value, /no longer in the catalogue/);
    const none = await press('booking.book', { verb: 'booking.book' }, personal(me));
    assert.match(none.value, /Choose a session in the list first/);
    const anonymous = await press(
      'booking.book',
      { verb: 'booking.book', sessionId: 'lonely' },
      { from: { id: '29:guest', name: 'Guest' }, conversation: { id: 'a:guest', conversationType: 'personal' } },
    );
    assert.match(anonymous.value, /couldn't tell who you are/);
    const malformed = await press('booking.book', { verb: 'booking.book', sessionId: { $ne: null } }, personal(me));
    assert.equal(malformed.statusCode, 400);
    assert.doesNotMatch(text([unknown, none, anonymous, malformed]), /at .*\.ts|Error:/);
  });

  it('When Graph is down (503), then the booking still succeeds and the invite is created once after Graph recovers', async () => {
    const me = officer(13);
    graph.faults = { outage: 503 };
    try {
      const body = await press('booking.book', { verb: 'booking.book', sessionId: 'outage' }, personal(me));
      assert.match(text(body.value), /You're booked/);
      // The stand-in counts a mailbox once a request for it arrives: this one was answered 503.
      await waitUntil(() => graph.counters.maxConcurrency.has(me.aadObjectId), 'the first Graph attempt');
      assert.equal(graph.eventsIn(me.aadObjectId).length, 0);
    } finally {
      graph.faults = {};
    }
    await waitUntil(() => graph.eventsIn(me.aadObjectId).length === 1, 'the event after recovery', 15_000);
    await waitUntil(async () => (await running.app.bookings.bookingFor({ aadObjectId: me.aadObjectId }, 'outage'))?.invite === 'sent', 'invite sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(graph.eventsIn(me.aadObjectId).length, 1);
  });

  it("When an officer presses a session's own Book a place on a list, then they are booked and see their place; a full session offers Join the waitlist", async () => {
    const [me, holder, late] = [officer(30), officer(31), officer(32)];
    await book(holder, 'hate-full', /You're booked/);
    const list = onlyCard(await say('anything on hate crime?', personal(me)));
    assertValidCard(list);
    const rows = list.body.filter((b: any) => b.type === 'Container');
    const rowOf = (id: string) => rows.find((r: any) => cardActions(r).some((a) => a.data?.sessionId === id));
    assert.deepEqual(
      cardActions(rowOf('hate-full')).map((a) => a.title),
      ['Join the waitlist', 'Details'],
      'its only place is taken',
    );
    const bookMine = cardActions(rowOf('hate-open')).find((a) => a.verb === 'booking.book');
    assert.equal(bookMine.title, 'Book a place');

    const booked = await press(bookMine.verb, bookMine.data, personal(me));
    assertValidInvokeResponse(booked);
    assert.match(text(booked.value), /You're booked/);
    assert.match(text(booked.value), /Hate crime: supporting victims/);
    assert.ok(action(booked.value, 'Cancel booking'), 'their own view, with Cancel booking');

    // The list is the same for everyone; pressed again, Book a place says where they stand.
    const again = await press(bookMine.verb, bookMine.data, personal(me));
    assert.match(text(again.value), /already/i);
    const waitlist = cardActions(rowOf('hate-full')).find((a) => a.verb === 'booking.book');
    assert.match(text((await press(waitlist.verb, waitlist.data, personal(late))).value), /Waitlisted #1/);
  });

  it('In a group chat, the presser gets their own view (refresh.userIds = [them]) and the card everyone sees is not touched', async () => {
    const [me, other] = [officer(14), officer(15)];
    const GROUP = groupChat('presser-view');
    const inGroup = (who: TestOfficer) => ({ ...from(who), conversation: GROUP });
    const posted = onlyCard(await say('<at>CPD sessions</at> anything on wildlife crime?', { ...inGroup(other), entities: [MENTION] }));
    const book = action(posted, 'Book a place');
    assert.deepEqual([book.type, book.data, book.associatedInputs], ['Action.Execute', { verb: 'booking.book', sessionId: 'lonely' }, 'none']);

    const groupBefore = running.connector.to(GROUP.id).length;
    const updatedBefore = running.connector.updated.length;
    const body = await press(book.verb, book.data, inGroup(me));
    assert.match(text(body.value), /You're booked/);
    assert.deepEqual(body.value.refresh, {
      action: { type: 'Action.Execute', verb: 'booking.view', data: { verb: 'booking.view', sessionId: 'lonely' } },
      userIds: [me.id],
    });
    assert.equal(running.connector.to(GROUP.id).length, groupBefore, 'nothing new posted to the group');
    assert.deepEqual(running.connector.updated.slice(updatedBefore), [], 'the original card is not edited for everyone');

    // Teams asks for each user's view when it draws the card: each sees their own state.
    const mine = await press('booking.view', { verb: 'booking.view', sessionId: 'lonely' }, inGroup(me), 'automatic');
    assert.match(text(mine.value), /You're booked/);
    assert.deepEqual(mine.value.refresh.userIds, [me.id]);
    const theirs = await press('booking.view', { verb: 'booking.view', sessionId: 'lonely' }, inGroup(other), 'automatic');
    assert.doesNotMatch(text(theirs.value), /You're booked/);
    assert.ok(action(theirs.value, 'Book a place'));
  });

  it('"my bookings" lists upcoming bookings and waitlist places with their times and states, each with its own buttons, and cancels from the list', async () => {
    const [me, holder] = [officer(16), officer(17)];
    await book(holder, 'mine-full', /You're booked/);
    await book(me, 'mine-full', /Waitlisted #1/);
    await book(me, 'many-places', /You're booked/);
    const card = onlyCard(await say('my bookings', personal(me)));
    const all = text(card);
    assert.match(all, /Your bookings/);
    assert.match(all, /1 booked, 1 on a waitlist/);
    assert.match(all, /Stop and search: the grounds for a search[^]*Thu 7 May, 10:00\u201311:00[^]*Waitlisted #1/);
    assert.match(all, /Roads policing: fatal four[^]*Tue 12 May, 14:00\u201315:00[^]*Booked \u2713/);
    assert.doesNotMatch(all, /Input\.ChoiceSet/, 'nothing to choose from first');

    const waiting = bookingButtons(card, 'Stop and search: the grounds for a search');
    assert.deepEqual(
      waiting.map((a) => a.title),
      ['Details', 'Leave the waitlist'],
    );
    const booked = bookingButtons(card, 'Roads policing: fatal four');
    assert.deepEqual(
      booked.map((a) => a.title),
      ['Details', 'Add to calendar', 'Cancel booking'],
    );
    assert.match(booked[1].url, /^https:\/\/cpd\.example\.police\.uk\/calendar\/[\w-]+\.ics$/);
    for (const button of [...waiting, ...booked].filter((a) => a.type === 'Action.Execute')) assert.equal(button.associatedInputs, 'none', button.title);

    // Details: everything about that session.
    const details = await press(booked[0].verb, booked[0].data, personal(me));
    assert.match(text(details.value.body[0]), /Roads policing: fatal four/);

    // Cancel booking under one booking cancels that one, and the list comes back up to date.
    const after = await press(booked[2].verb, booked[2].data, personal(me));
    assert.match(text(after.value), /Cancelled: Roads policing: fatal four\./);
    assert.throws(() => bookingButtons(after.value, 'Roads policing: fatal four'));
    assert.equal((await running.app.bookings.bookingFor({ aadObjectId: me.aadObjectId }, 'many-places'))?.status, undefined);
    const stillWaiting = bookingButtons(after.value, 'Stop and search: the grounds for a search');
    const left = await press(stillWaiting[1].verb, stillWaiting[1].data, personal(me));
    assert.match(text(left.value), /Cancelled: Stop and search: the grounds for a search\./);
    assert.match(text(left.value), /You have no upcoming bookings/);
    assert.deepEqual(await running.app.bookings.myBookings({ aadObjectId: me.aadObjectId }), []);
  });

  it('"my bookings" in a group chat shows each person only their own list', async () => {
    const me = officer(18);
    const GROUP = groupChat('my-bookings');
    await book(me, 'many-places', /You're booked/);
    await book(me, 'lonely', /You're booked/);
    const card = onlyCard(await say('<at>CPD sessions</at> my bookings', { ...from(me), conversation: GROUP, entities: [MENTION] }));
    assert.doesNotMatch(text(card), /Roads policing/, 'the posted card names no sessions');
    assert.deepEqual(card.refresh.userIds, [me.id]);
    const own = await press(card.refresh.action.verb, card.refresh.action.data, { ...from(me), conversation: GROUP }, 'automatic');
    assert.match(text(own.value), /Roads policing: fatal four/);
    const lonely = bookingButtons(own.value, 'Wildlife crime in rural areas');
    // The list names their sessions: it stays theirs when Teams redraws it, and after a cancel from it.
    const refreshMine = { action: { type: 'Action.Execute', verb: 'booking.mine', data: { verb: 'booking.mine' } }, userIds: [me.id] };
    assert.deepEqual(own.value.refresh, refreshMine);
    const cancel = lonely.find((a) => a.title === 'Cancel booking');
    const after = await press(cancel.verb, cancel.data, { ...from(me), conversation: GROUP });
    assert.match(text(after.value), /Cancelled: Wildlife crime in rural areas\./);
    assert.deepEqual(after.value.refresh, refreshMine);
  });

  it('keeps only a personal chat for messages: a group chat or channel is never kept, even when no personal chat is known', async () => {
    const who = officer(19);
    const GROUP = groupChat('references');
    // So far they have only talked, and pressed a button, in the group.
    await say('<at>CPD sessions</at> anything on wildlife crime?', { ...from(who), conversation: GROUP, entities: [MENTION] });
    await press('session.details', { verb: 'session.details', sessionId: 'lonely' }, { ...from(who), conversation: GROUP });
    assert.equal(await running.app.conversationReferences.get(who.aadObjectId), undefined, 'no reference from a group chat');
    await say('help', personal(who));
    await say('<at>CPD sessions</at> help', { ...from(who), conversation: GROUP });
    const now = (await running.app.conversationReferences.get(who.aadObjectId)) as any;
    assert.equal(now.conversation.id, who.personalChat);
    assert.equal(now.activityId, undefined);
  });

  it('When an officer who has only used a group chat is promoted, then no notice is posted to the group (their card shows the place)', async () => {
    const [holder, waiter] = [officer(20), officer(21)];
    const GROUP = groupChat('promotion');
    const inGroup = { ...from(waiter), conversation: GROUP };
    // The waiter has only talked in the group: no personal chat is known for them.
    await say('<at>CPD sessions</at> help', { ...inGroup, entities: [MENTION] });
    assert.equal(await running.app.conversationReferences.get(waiter.aadObjectId), undefined);
    assert.match(text((await press('booking.book', { verb: 'booking.book', sessionId: 'group-place' }, personal(holder))).value), /You're booked/);
    assert.match(text((await press('booking.book', { verb: 'booking.book', sessionId: 'group-place' }, inGroup)).value), /Waitlisted #1/);
    const groupBefore = running.connector.to(GROUP.id).length;

    await press('booking.cancel', { verb: 'booking.cancel', sessionId: 'group-place' }, personal(holder));
    const promoted = await running.app.bookings.bookingFor({ aadObjectId: waiter.aadObjectId }, 'group-place');
    assert.equal(promoted?.status, 'booked');
    await waitUntil(async () => {
      const [job] = await running.app.db.query<{ state: string }>("select state from jobs where kind = 'notify.promoted' and booking_id = $1", [
        promoted!.bookingId,
      ]);
      return job?.state === 'done' ? job : undefined;
    }, 'the promotion notice job to finish');
    assert.equal(running.connector.to(GROUP.id).length, groupBefore, 'nothing posted to the group');
    assert.equal(running.connector.sent.filter((s) => /Good news[^]*Domestic abuse/.test(text(s.activity))).length, 0);
    const mine = await press('booking.view', { verb: 'booking.view', sessionId: 'group-place' }, inGroup, 'automatic');
    assert.match(text(mine.value), /You're booked/);
  });

  it('sent only valid cards', async () => {
    // Replies in personal and group chats, and a proactive promotion notice.
    const [me, holder] = [officer(22), officer(23)];
    const before = running.connector.sent.length;
    await say('help', personal(me));
    await say('<at>CPD sessions</at> anything on wildlife crime?', { ...from(me), conversation: groupChat('valid-cards'), entities: [MENTION] });
    await book(holder, 'notice-place', /You're booked/);
    await book(me, 'notice-place', /Waitlisted #1/);
    await say('my bookings', personal(me));
    await press('booking.cancel', { verb: 'booking.cancel', sessionId: 'notice-place' }, personal(holder));
    await running.connector.waitFor((s) => s.conversationId === me.personalChat && /Good news/.test(text(s.activity)), 8000);

    const mine = running.connector.sent.slice(before).flatMap((s) => adaptiveCards(s.activity));
    assert.ok(mine.length >= 4);
    // Everything sent so far: with the whole suite, the cards of every test above too.
    const cards = running.connector.sent.flatMap((s) => adaptiveCards(s.activity));
    for (const card of cards) assertValidCard(card);
  });
});
