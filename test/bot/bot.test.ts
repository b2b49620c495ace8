import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidCard, assertValidInvokeResponse, cardActions } from '../support/cards.js';
import type { SentActivity } from '../fakes/connector.js';

const cardText = (card: unknown): string => JSON.stringify(card);
/** The sessions a list card lists, in order: each has its own Details button. */
const choices = (card: any): string[] =>
  cardActions(card)
    .filter((a) => a.verb === 'session.details')
    .map((a) => a.data.sessionId);

const BOT = { id: '28:cpd-bot', name: 'CPD sessions' };

/** The one card in a reply, checked against the oracles before a test looks at it. */
function onlyCard(sent: SentActivity): any {
  const cards = adaptiveCards(sent.activity);
  assert.equal(cards.length, 1, `expected one card in ${JSON.stringify(sent.activity).slice(0, 300)}`);
  assertValidCard(cards[0]);
  return cards[0];
}

function invoke(value: unknown, overrides: Record<string, any> = {}): Record<string, unknown> {
  return { ...teamsMessage(''), type: 'invoke', name: 'adaptiveCard/action', value, text: undefined, ...overrides };
}

const execute = (verb: string, data: unknown) => invoke({ action: { type: 'Action.Execute', verb, data }, trigger: 'manual' });

/** Sends an activity and returns what the bot sent back to that conversation during the turn. */
async function exchange(running: RunningApp, activity: Record<string, any>): Promise<{ status: number; body: any; replies: SentActivity[] }> {
  const conversationId = activity.conversation.id;
  const before = running.connector.to(conversationId).length;
  const { status, body } = await running.send(activity);
  return { status, body, replies: running.connector.to(conversationId).slice(before) };
}

describe('the bot in Teams, through the running server (demo catalog, Monday 13 April 2026)', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00' });
  });
  after(async () => running.stop());
  // Every card a test makes the bot send is checked, whichever tests run and in whatever order.
  let sentBefore = 0;
  beforeEach(() => {
    sentBefore = running.connector.sent.length;
  });
  afterEach(() => {
    for (const card of running.connector.sent.slice(sentBefore).flatMap((s) => adaptiveCards(s.activity))) assertValidCard(card);
  });

  it('answers "what\'s on next week?" with a card listing the sessions of response policing week', async () => {
    const { status, replies } = await exchange(running, teamsMessage("what's on next week?"));
    assert.equal(status, 200);
    assert.equal(replies.length, 1);
    const card = onlyCard(replies[0]!);
    assert.deepEqual(choices(card), [
      'rp-2026-future-of-response',
      'rp-2026-crisis-intervention',
      'rp-2026-using-data',
      'rp-2026-unplanned-protests',
      'rp-2026-dangerous-dogs',
    ]);
    assert.match(cardText(card), /Mon 20 April, 14:00\u201314:45/);
    assert.doesNotMatch(cardText(card), /trauma tracking/i);
  });

  it('answers in a group chat when @mentioned, without the mention getting in the way', async () => {
    const text = '<at>CPD sessions</at> anything on dangerous dogs?';
    const message = teamsMessage(text, {
      conversation: { id: '19:group-chat-1@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' },
      entities: [{ type: 'mention', text: '<at>CPD sessions</at>', mentioned: BOT }],
      textFormat: 'xml',
    });
    const { replies } = await exchange(running, message);
    const card = onlyCard(replies[0]!);
    assert.deepEqual(choices(card), ['rp-2026-dangerous-dogs']);
  });

  it('answers in a team channel when @mentioned', async () => {
    const message = teamsMessage('<at>CPD sessions</at> sessions in response policing week', {
      conversation: { id: '19:general@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team-1@thread.tacv2' }, channel: { id: '19:general@thread.tacv2' } },
      entities: [{ type: 'mention', text: '<at>CPD sessions</at>', mentioned: BOT }],
    });
    const { replies } = await exchange(running, message);
    assert.equal(choices(onlyCard(replies[0]!)).length, 5);
  });

  for (const word of ['help', 'Hello!', 'hi']) {
    it(`shows what it can do with tappable example questions for "${word}"`, async () => {
      const { replies } = await exchange(running, teamsMessage(word));
      const card = onlyCard(replies[0]!);
      assert.match(cardText(card), /What I can do/);
      assert.doesNotMatch(cardText(card), /didn't catch/);
      assert.ok(cardActions(card).length >= 6 && cardActions(card).every((a) => a.type === 'Action.Submit' && typeof a.data.ask === 'string'));
    });
  }

  it('says it did not catch a message it cannot understand, and what it can do', async () => {
    const { replies } = await exchange(running, teamsMessage('purple monkey dishwasher'));
    const card = onlyCard(replies[0]!);
    assert.match(cardText(card), /Sorry, I didn't catch that\./);
    assert.match(cardText(card), /What I can do/);
  });

  it('says it reads typed questions when a message has no text (an attachment only)', async () => {
    const message = teamsMessage('', {
      text: undefined,
      attachments: [{ contentType: 'image/png', contentUrl: 'https://example.org/photo.png', name: 'photo.png' }],
    });
    const { status, replies } = await exchange(running, message);
    assert.equal(status, 200);
    const card = onlyCard(replies[0]!);
    assert.match(cardText(card), /I can only read typed questions\./);
  });

  it('says nothing is on plainly, with the nearest sessions', async () => {
    const { replies } = await exchange(running, teamsMessage("What's on this week?"));
    const card = onlyCard(replies[0]!);
    assert.match(cardText(card), /There are no sessions this week \(13–19 April\)\./);
    assert.ok(choices(card).length > 0, 'offers the nearest sessions');
  });

  it('asks a tapped suggestion, which Teams and the Agents Playground send as the message value', async () => {
    const help = onlyCard((await exchange(running, teamsMessage('help'))).replies[0]!);
    const tap = cardActions(help).find((a) => a.data.ask === 'Anything on mental health in June?');
    const { replies } = await exchange(running, teamsMessage('', { text: undefined, value: tap.data }));
    assert.deepEqual(choices(onlyCard(replies[0]!)), ['np-2026-trauma-tracking']);
  });

  it('still asks a suggestion tapped on an older help card, which Teams sent as a messageBack', async () => {
    const question = 'Sessions in response policing week';
    const older = { msteams: { type: 'messageBack', text: question, displayText: question, value: { ask: question } } };
    const { replies } = await exchange(running, teamsMessage('', { text: undefined, value: older }));
    assert.equal(choices(onlyCard(replies[0]!)).length, 5);
  });

  it("opens a session's details from the list (Action.Execute) and goes back to the same list", async () => {
    const list = onlyCard((await exchange(running, teamsMessage("what's on next week?"))).replies[0]!);
    const details = cardActions(list).find((a) => a.verb === 'session.details' && a.data.sessionId === 'rp-2026-crisis-intervention');
    const { status, body } = await running.send(execute(details.verb, details.data));
    assert.equal(status, 200);
    assertValidInvokeResponse(body);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(body.value), /First on the scene: crisis intervention/);
    assert.match(cardText(body.value), /managing crises, de-escalating danger and making split-second decisions that matter\./);
    assert.match(cardText(body.value), /knowledgehub\.group\/web\/response-policing/);

    const back = cardActions(body.value).find((a) => a.title === 'Back to the list');
    const again = await running.send(execute(back.verb, back.data));
    assertValidInvokeResponse(again.body);
    assert.deepEqual(choices(again.body.value), choices(list));
  });

  it('asks the officer to choose a session when Details is pressed with none chosen', async () => {
    const { status, body } = await running.send(execute('session.details', { verb: 'session.details' }));
    assert.equal(status, 200);
    assertValidInvokeResponse(body);
    assert.equal(body.type, 'application/vnd.microsoft.activity.message');
    assert.match(body.value, /Choose a session/);
  });

  it('answers an unknown verb with a 400 error response, not a crash', async () => {
    const { status, body } = await running.send(execute('reports.export', {}));
    assert.equal(status, 400);
    assertValidInvokeResponse(body);
    assert.equal(body.type, 'application/vnd.microsoft.error');
    assert.equal(body.value.code, 'UnknownVerb');
  });

  const malformed: Array<[string, unknown]> = [
    ['no value', undefined],
    ['a value that is not an object', 'garbage'],
    ['no action', {}],
    ['an action that is not Action.Execute', { action: { type: 'Action.Submit', data: {} } }],
    [
      'Show more with a date that is not a date',
      { action: { type: 'Action.Execute', verb: 'whatsOn.more', data: { text: 'next week', askedAt: 'tuesday', offset: 10 } } },
    ],
    [
      'Show more with a negative offset',
      { action: { type: 'Action.Execute', verb: 'whatsOn.more', data: { text: 'next week', askedAt: '2026-04-13T08:00:00.000Z', offset: -5 } } },
    ],
    ['Details with a session id that is not text', { action: { type: 'Action.Execute', verb: 'session.details', data: { sessionId: { $ne: 1 } } } }],
  ];
  for (const [what, value] of malformed) {
    it(`answers an invoke with ${what} with a 400 error response`, async () => {
      const activity = invoke(value);
      if (value === undefined) delete activity.value;
      const { status, body } = await running.send(activity);
      assert.equal(status, 400);
      assertValidInvokeResponse(body);
      assert.equal(body.type, 'application/vnd.microsoft.error');
    });
  }

  it('runs a button pressed on an older client (Action.Submit with the verb) and replies with a new card', async () => {
    const value = { verb: 'session.details', sessionId: 'rp-2026-dangerous-dogs' };
    const { replies } = await exchange(running, teamsMessage('', { text: undefined, value }));
    assert.match(cardText(onlyCard(replies[0]!)), /First on the scene: dangerous dogs/);
  });

  it('welcomes a personal chat once per installation, however Teams announces it', async () => {
    const conversation = { id: 'a:personal-chat-welcome', conversationType: 'personal', tenantId: 'tenant-1' };
    const installed = teamsMessage('', { type: 'installationUpdate', action: 'add', text: undefined, conversation });
    const botAdded = teamsMessage('', { type: 'conversationUpdate', text: undefined, conversation, membersAdded: [BOT] });
    const first = await exchange(running, installed);
    const second = await exchange(running, botAdded);
    assert.equal(first.replies.length + second.replies.length, 1);
    assert.match(cardText(onlyCard(first.replies[0]!)), /Hello!/);
  });

  it('welcomes a group chat once when the bot is added first and the installation follows', async () => {
    const conversation = { id: '19:group-welcome@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' };
    const botAdded = teamsMessage('', { type: 'conversationUpdate', text: undefined, conversation, membersAdded: [BOT, { id: '29:officer-1' }] });
    const installed = teamsMessage('', { type: 'installationUpdate', action: 'add', text: undefined, conversation });
    const replies = [...(await exchange(running, botAdded)).replies, ...(await exchange(running, installed)).replies];
    assert.equal(replies.length, 1);
    assert.match(cardText(onlyCard(replies[0]!)), /Mention me/);
  });

  it('welcomes a team once, in the channel it was added to, and not when people join later', async () => {
    const channelData = { tenant: { id: 'tenant-1' }, team: { id: '19:team-welcome@thread.tacv2' }, eventType: 'teamMemberAdded' };
    const conversation = { id: '19:team-welcome@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' };
    const botAdded = teamsMessage('', { type: 'conversationUpdate', text: undefined, conversation, channelData, membersAdded: [BOT] });
    const installed = teamsMessage('', { type: 'installationUpdate', action: 'add', text: undefined, conversation, channelData });
    const personJoined = teamsMessage('', { type: 'conversationUpdate', text: undefined, conversation, channelData, membersAdded: [{ id: '29:new-officer' }] });
    const replies = [
      ...(await exchange(running, botAdded)).replies,
      ...(await exchange(running, installed)).replies,
      ...(await exchange(running, personJoined)).replies,
    ];
    assert.equal(replies.length, 1);
    assert.match(cardText(onlyCard(replies[0]!)), /Hello!/);
  });

  it('welcomes again after the app is removed and installed again', async () => {
    const conversation = { id: 'a:personal-chat-reinstall', conversationType: 'personal', tenantId: 'tenant-1' };
    const event = (action: string) => teamsMessage('', { type: 'installationUpdate', action, text: undefined, conversation });
    const replies = [
      ...(await exchange(running, event('add'))).replies,
      ...(await exchange(running, event('remove'))).replies,
      ...(await exchange(running, event('add'))).replies,
    ];
    assert.equal(replies.length, 2);
  });

  it('sent only valid cards in every reply', async () => {
    // Every kind of reply, in conversations of this test's own.
    const personal = { id: 'a:personal-chat-cards', conversationType: 'personal', tenantId: 'tenant-1' };
    const group = { id: '19:group-chat-cards@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' };
    const channel = { id: '19:cards@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' };
    const channelData = { tenant: { id: 'tenant-1' }, team: { id: '19:team-cards@thread.tacv2' }, channel: { id: '19:cards@thread.tacv2' } };
    const mentioning = (text: string, overrides: Record<string, any>) =>
      teamsMessage(`<at>CPD sessions</at> ${text}`, { ...overrides, entities: [{ type: 'mention', text: '<at>CPD sessions</at>', mentioned: BOT }] });
    const installed = (conversation: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      teamsMessage('', { type: 'installationUpdate', action: 'add', text: undefined, conversation, ...extra });
    const activities = [
      ...["what's on next week?", "What's on this week?", 'Anything on mental health next week?', 'help', 'Hello!', 'hi', 'purple monkey dishwasher'].map(
        (words) => teamsMessage(words, { conversation: personal }),
      ),
      teamsMessage('', {
        conversation: personal,
        text: undefined,
        attachments: [{ contentType: 'image/png', contentUrl: 'https://example.org/photo.png', name: 'photo.png' }],
      }),
      teamsMessage('', { conversation: personal, text: undefined, value: { verb: 'session.details', sessionId: 'rp-2026-dangerous-dogs' } }),
      mentioning('anything on dangerous dogs?', { conversation: group, textFormat: 'xml' }),
      mentioning('help', { conversation: group }),
      mentioning('sessions in response policing week', { conversation: channel, channelData }),
      installed({ id: 'a:personal-chat-cards-welcome', conversationType: 'personal', tenantId: 'tenant-1' }),
      installed({ id: '19:group-cards-welcome@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' }),
      installed(
        { id: '19:team-cards-welcome@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
        {
          channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team-cards-welcome@thread.tacv2' }, eventType: 'teamMemberAdded' },
        },
      ),
    ];
    const before = running.connector.sent.length;
    for (const activity of activities) assert.equal((await running.send(activity)).status, 200);
    const cards = running.connector.sent.slice(before).flatMap((s) => adaptiveCards(s.activity));
    assert.ok(cards.length >= 15);
    // Everything sent so far: with the whole suite, the replies of every test above too.
    for (const card of running.connector.sent.flatMap((s) => adaptiveCards(s.activity))) assertValidCard(card);
  });
});

describe('paging through a long answer, through the running server', () => {
  let running: RunningApp;
  let dir: string;
  const sessions = Array.from({ length: 14 }, (_, i) => ({
    id: `roads-${String(i + 1).padStart(2, '0')}`,
    campaign: 'roads-policing-week-2026',
    title: `Roads policing session ${i + 1}`,
    starts: `2026-09-${String(14 + Math.floor(i / 3)).padStart(2, '0')}T${String(9 + (i % 3) * 2).padStart(2, '0')}:00`,
    ends: `2026-09-${String(14 + Math.floor(i / 3)).padStart(2, '0')}T${String(10 + (i % 3) * 2).padStart(2, '0')}:00`,
    presenters: [{ name: `Sergeant Presenter ${i + 1}`, role: 'Roads policing lead', organisation: 'Kent Police' }],
    description: 'Safer roads through enforcement, education and engagement.',
  }));

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cpd-paging-'));
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(
      file,
      stringify({
        timeZone: 'Europe/London',
        campaigns: [
          { id: 'roads-policing-week-2026', title: 'Roads policing week of action 2026', aliases: ['roads week'], starts: '2026-09-14', ends: '2026-09-18' },
        ],
        sessions,
      }),
    );
    running = await startApp({ now: '2026-09-01T09:00:00+01:00', env: { CATALOG_FILE: file } });
  });
  after(async () => {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows 5 sessions a page, then the next with "Show more" until the last, then back with "Previous 5"', async () => {
    const { replies } = await exchange(running, teamsMessage("what's on in roads policing week?"));
    const first = onlyCard(replies[0]!);
    const ids = sessions.map((s) => s.id);
    assert.deepEqual(choices(first), ids.slice(0, 5));
    const more = cardActions(first).find((a) => a.title === 'Show more');
    assert.equal(more.data.offset, 5);

    const page2 = await running.send(execute(more.verb, more.data));
    assert.equal(page2.status, 200);
    assertValidInvokeResponse(page2.body);
    assert.deepEqual(choices(page2.body.value), ids.slice(5, 10));
    assert.match(cardText(page2.body.value), /Showing 6\u201310 of 14 sessions\./);

    const next = cardActions(page2.body.value).find((a) => a.title === 'Show more');
    const page3 = await running.send(execute(next.verb, next.data));
    assertValidInvokeResponse(page3.body);
    assert.deepEqual(choices(page3.body.value), ids.slice(10));
    assert.match(cardText(page3.body.value), /Showing 11\u201314 of 14 sessions\./);
    assert.equal(
      cardActions(page3.body.value).find((a) => a.title === 'Show more'),
      undefined,
    );

    const previous = cardActions(page2.body.value).find((a) => a.title === 'Previous 5');
    const page1 = await running.send(execute(previous.verb, previous.data));
    assertValidInvokeResponse(page1.body);
    assert.deepEqual(choices(page1.body.value), ids.slice(0, 5));
  });

  it('re-asks the question at the instant it was first asked, not at the time the button is pressed', async () => {
    // The clock says 1 September, when "next week" holds nothing; asked on 8 September it is roads policing week.
    const asked = { text: "what's on next week?", askedAt: '2026-09-08T08:00:00.000Z', offset: 10 };
    const page = await running.send(execute('whatsOn.more', { verb: 'whatsOn.more', ...asked }));
    assertValidInvokeResponse(page.body);
    assert.deepEqual(choices(page.body.value), sessions.map((s) => s.id).slice(10, 15));
  });
});
