import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sinon from 'sinon';
import { stringify } from 'yaml';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import { assertValidInvokeResponse, cardActions } from '../support/cards.js';
import { assertValidMessageExtensionResponse, messageExtensionResponseProblems, queryValueProblems } from '../support/message-extension.js';

const APP_HOST = 'https://cpd.example.police.uk';
const text = (value: unknown): string => JSON.stringify(value);
const action = (card: unknown, title: string): any => cardActions(card).find((a) => a.title === title);

/** An officer in Teams: their MRI and Entra object id. */
function officer(n: number) {
  return { id: `29:sharer-${n}`, aadObjectId: `00000000-0000-0000-0000-0000000c${String(n).padStart(4, '0')}`, name: `PC Sharer ${n}` };
}
type Officer = ReturnType<typeof officer>;

function groupChat(name: string) {
  return { id: `19:share-${name}@thread.v2`, conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' };
}

function where(who: Officer, conversation: Record<string, unknown> = { id: `a:personal-${who.id}`, conversationType: 'personal', tenantId: 'tenant-1' }) {
  return { from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId }, conversation };
}

/** A message extension invoke as Teams sends it from the compose box. */
function composeInvoke(name: string, value: unknown, at: Record<string, unknown>) {
  return {
    ...teamsMessage(''),
    text: undefined,
    type: 'invoke',
    name,
    value,
    channelData: { tenant: { id: 'tenant-1' }, source: { name: 'compose' } },
    ...at,
  };
}

// Monday 13 April 2026, 09:00 UK time.
const NOW = '2026-04-13T09:00:00+01:00';
const presenter = { name: 'Inspector Ben Gwyer', organisation: 'South Wales Police' };
const sessions = [
  {
    id: 'knife-crime',
    campaign: 'spring-week',
    title: 'Knife crime: what works',
    starts: '2026-04-14T10:00',
    ends: '2026-04-14T11:00',
    topics: ['knife crime'],
  },
  {
    id: 'faces',
    campaign: 'spring-week',
    title: 'Faces in our communities: facial recognition',
    starts: '2026-04-17T12:00',
    ends: '2026-04-17T13:00',
    presenters: [presenter],
    description: 'How neighbourhood teams can use facial recognition technology.',
    topics: ['facial recognition', 'technology'],
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/faces-secret',
    capacity: 40,
  },
  { id: 'dogs', title: 'First on the scene: dangerous dogs', starts: '2026-04-24T14:00', ends: '2026-04-24T14:45', topics: ['dangerous dogs'] },
  { id: 'data', title: 'Using data in response policing', starts: '2026-04-24T10:00', ends: '2026-04-24T10:45', topics: ['data'] },
  {
    id: 'escaped',
    title: 'Scripts & <b>tags</b> "quoted"',
    starts: '2026-04-28T10:00',
    ends: '2026-04-28T11:00',
    description: '<script>alert(1)</script> & more',
    presenters: [{ name: '<img src=x onerror=alert(1)>', role: 'Trainer' }],
  },
  // Longer than the HTTP router reads by default (100 characters), within what the app allows.
  { id: `long-${'x'.repeat(140)}`, title: 'A session with a long id', starts: '2026-07-01T10:00', ends: '2026-07-01T11:00' },
  { id: 'ended', title: 'County lines: last week', starts: '2026-04-06T10:00', ends: '2026-04-06T11:00', topics: ['county lines'] },
  { id: 'to-withdraw', title: 'Wildlife crime: a retrospective', starts: '2026-04-07T10:00', ends: '2026-04-07T11:00', topics: ['wildlife crime'] },
  // Enough upcoming sessions for several pages.
  ...Array.from({ length: 30 }, (_, i) => {
    const day = 4 + i; // 4 May to 2 June
    const date = new Date(Date.UTC(2026, 4, day));
    const ymd = date.toISOString().slice(0, 10);
    return {
      id: `clinic-${String(i + 1).padStart(2, '0')}`,
      title: `Roads policing clinic ${i + 1}`,
      starts: `${ymd}T14:00`,
      ends: `${ymd}T15:00`,
      topics: ['roads policing'],
    };
  }),
].map((s) => ({ capacity: 50, ...s }));
const catalog = {
  timeZone: 'Europe/London',
  campaigns: [
    {
      id: 'spring-week',
      title: 'Spring week of action 2026',
      starts: '2026-04-13',
      ends: '2026-04-19',
      knowledgeHubGroup: { name: 'Spring policing', url: 'https://knowledgehub.group/web/spring-policing' },
    },
  ],
  sessions,
  recordings: [
    {
      id: 'rec-ended',
      session: 'ended',
      title: 'County lines (recording)',
      url: 'https://knowledgehub.group/web/county-lines',
      postedAt: '2026-04-08',
      sample: false,
    },
  ],
};

describe('the message extension: search, share and unfurl sessions (Monday 13 April 2026, 09:00)', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cpd-share-'));
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(file, stringify(catalog));
    running = await startApp({ now: NOW, env: { CATALOG_FILE: file, PUBLIC_BASE_URL: APP_HOST } });
  });
  after(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sends a message extension invoke; checks the HTTP answer and the body against the published shapes. */
  async function invoke(name: string, value: unknown, at: Record<string, unknown> = where(officer(1))): Promise<any> {
    const { status, body } = await running.send(composeInvoke(name, value, at));
    assert.equal(status, 200);
    assertValidMessageExtensionResponse(body);
    return body.composeExtension;
  }

  function search(words: string | undefined, options: { skip?: number; count?: number } = {}, at?: Record<string, unknown>): Promise<any> {
    const parameters = words === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'search', value: words }];
    const value = { commandId: 'findSessions', parameters, queryOptions: { skip: options.skip ?? 0, count: options.count ?? 25 } };
    assert.deepEqual(queryValueProblems(value), []);
    return invoke('composeExtension/query', value, at);
  }

  const ids = (result: any): string[] => result.attachments.map((a: any) => a.preview.content.tap.value.sessionId);

  it('the response checks hold a bad answer to account: no preview, a button on the preview, an invalid card', () => {
    const good = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [] } };
    const thumbnail = (content: object) => ({ contentType: 'application/vnd.microsoft.card.thumbnail', content });
    const result = (attachments: unknown[]) => ({ composeExtension: { type: 'result', attachmentLayout: 'list', attachments } });
    assert.deepEqual(messageExtensionResponseProblems(result([{ ...good, preview: thumbnail({ title: 'ok', tap: { type: 'invoke', value: {} } }) }])), []);
    assert.match(messageExtensionResponseProblems(result([good])).join(), /needs a thumbnail or hero preview/);
    assert.match(
      messageExtensionResponseProblems(result([{ ...good, preview: thumbnail({ title: 'x', buttons: [{ type: 'openUrl', value: 'https://x' }] }) }])).join(),
      /no buttons/,
    );
    assert.match(messageExtensionResponseProblems(result([{ ...good, preview: thumbnail({ title: 7 }) }])).join(), /must be string/);
    assert.match(
      messageExtensionResponseProblems(
        result([{ ...good, content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Nope' }] }, preview: thumbnail({}) }]),
      ).join(),
      /schema|parse/,
    );
    assert.match(messageExtensionResponseProblems({ composeExtension: { type: 'results' } }).join(), /must be equal to one of the allowed values/);
  });

  it("an empty search (Teams' initialRun) lists the sessions coming up, soonest first, never a past one", async () => {
    const result = await search(undefined);
    assert.equal(result.type, 'result');
    const listed = ids(result);
    assert.equal(listed.length, 25, 'a full first page');
    assert.deepEqual(listed.slice(0, 5), ['knife-crime', 'faces', 'data', 'dogs', 'escaped']);
    assert.ok(!listed.includes('ended') && !listed.includes('to-withdraw'));
    const empty = await search('');
    assert.deepEqual(ids(empty), listed, 'a cleared search box is the same list');
    const noParameters = await invoke('composeExtension/query', { commandId: 'findSessions', queryOptions: { skip: 0, count: 25 } });
    assert.deepEqual(ids(noParameters), listed, 'from a message menu, with no parameter, the same list');
  });

  it('each result is previewed by title, UK time and presenters, and tapping it asks for that session', async () => {
    const [result] = (await search('facial recognition')).attachments;
    assert.deepEqual(result.preview, {
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: {
        title: 'Faces in our communities: facial recognition',
        subtitle: 'Fri 17 April, 12:00\u201313:00 (UK time)',
        text: 'Inspector Ben Gwyer, South Wales Police',
        tap: { type: 'invoke', title: 'Share this session', value: { sessionId: 'faces' } },
      },
    });
  });

  it("searches with the bot's own understanding: a topic, a day, both", async () => {
    assert.deepEqual(ids(await search('facial recognition')), ['faces']);
    assert.deepEqual(ids(await search('dangerous dogs')), ['dogs']);
    // "next Friday" means whatever the bot means by it in a message, asked at the same moment.
    const friday = ids(await search('next Friday'));
    const bot = running.app.programme().whatsOn.answer({ text: 'next Friday', askedAt: new Date(NOW), pageSize: 25 });
    assert.equal(bot.kind, 'sessions');
    assert.deepEqual(friday, bot.kind === 'sessions' ? bot.sessions.map((m) => m.session.id) : []);
    assert.ok(friday.length > 0);
    for (const id of friday) assert.equal(running.app.programme().sessions.get(id)!.startsAt.getUTCDay(), 5, `${id} is on a Friday`);
    assert.deepEqual(ids(await search('what is on about data on Friday 24 April')), ['data']);
  });

  it('pages with queryOptions skip and count: the pages join up into the whole list, with no session twice, and end empty', async () => {
    const all = ids(await search('roads policing', { count: 25 }));
    const next = ids(await search('roads policing', { skip: 25, count: 25 }));
    assert.equal(all.length + next.length, 30);
    const paged: string[] = [];
    for (let skip = 0; skip < 40; skip += 7) paged.push(...ids(await search('roads policing', { skip, count: 7 })));
    assert.deepEqual(paged, [...all, ...next]);
    assert.equal(new Set(paged).size, 30);
    assert.deepEqual(ids(await search('roads policing', { skip: 30, count: 10 })), []);
    assert.equal(ids(await search('roads policing', { count: 1000 })).length, 25, 'a page is at most 25');
    assert.equal(ids(await search('roads policing', { count: 0 })).length, 1, 'at least one');
  });

  it('says plainly when nothing matches, or the words mean nothing to it, and a later page is just the end', async () => {
    const nothing = await search('dangerous dogs on Tuesday 14 April');
    assert.equal(nothing.type, 'message');
    assert.match(nothing.text, /^There are no sessions about dangerous dogs .*Tuesday 14 April.*\. Try other words, or clear the search/);
    const unknown = await search('zzxqv');
    assert.equal(unknown.type, 'message');
    assert.match(
      unknown.text,
      /I couldn't find sessions for \u201czzxqv\u201d\. Try a topic, a presenter or a day, such as \u201cfacial recognition\u201d or \u201cnext Friday\u201d\./,
    );
    assert.deepEqual((await search('zzxqv', { skip: 25 })).attachments, []);
  });

  it('answers malformed, unknown and oversized searches with a sentence, never an error', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ commandId: 'findSessions', parameters: 'facial recognition' }, /couldn't read that search/],
      [{ commandId: 'findSessions', queryOptions: { skip: 'ten' } }, /couldn't read that search/],
      [null, /couldn't read that search/],
      [{ commandId: 'somethingElse', parameters: [{ name: 'search', value: 'dogs' }] }, /not available any more/],
      [{ commandId: 'findSessions', parameters: [{ name: 'search', value: 'dogs '.repeat(200) }] }, /too long/],
    ];
    for (const [value, expected] of cases) {
      const result = await invoke('composeExtension/query', value);
      assert.equal(result.type, 'message', text(value).slice(0, 80));
      assert.match(result.text, expected);
    }
    // A number where text belongs reads as no words at all.
    const numeric = await invoke('composeExtension/query', { commandId: 'findSessions', parameters: [{ name: 'search', value: 42 }] });
    assert.equal(numeric.attachments.length, 25);
  });

  it('When the catalog cannot be read, then the officer gets a sentence in the search box, never the error', async () => {
    const failing = sinon.stub(running.app.live, 'current').throws(new Error('catalog exploded at /srv/secret.ts:12'));
    try {
      for (const [name, value] of [
        ['composeExtension/query', { commandId: 'findSessions', parameters: [{ name: 'search', value: 'dogs' }] }],
        ['composeExtension/selectItem', { sessionId: 'dogs' }],
        ['composeExtension/queryLink', { url: `${APP_HOST}/sessions/dogs` }],
      ] as const) {
        const result = await invoke(name, value);
        assert.deepEqual(result, { type: 'message', text: 'Sorry, something went wrong on our side. Please try again in a moment.' }, name);
      }
    } finally {
      failing.restore();
    }
  });

  it("each result's card is the session's card with Book a place, refreshed for whoever sees it, within Teams' card rules", async () => {
    const [result] = (await search('facial recognition')).attachments;
    const card = result.content;
    assert.match(text(card), /Faces in our communities: facial recognition/);
    assert.match(text(card), /Fri 17 April, 12:00\u201313:00/);
    assert.match(text(card), /Inspector Ben Gwyer/);
    assert.match(text(card), /Part of Spring week of action 2026/);
    assert.deepEqual(action(card, 'Book a place').data, { verb: 'booking.book', sessionId: 'faces' });
    assert.equal(action(card, 'Book a place').type, 'Action.Execute');
    assert.deepEqual(card.refresh, { action: { type: 'Action.Execute', verb: 'booking.view', data: { verb: 'booking.view', sessionId: 'faces' } } });
    assert.equal(card.refresh.userIds, undefined, 'no userIds: Teams refreshes it for everyone in a chat of up to 60');
    const [past] = (await search('what was on about county lines')).attachments;
    assert.equal(action(past.content, 'Book a place'), undefined, 'a past session cannot be booked');
    assert.equal(action(past.content, 'Watch the recording').url, 'https://knowledgehub.group/web/county-lines');
  });

  it('a tapped result (selectItem) gives its card as the session stands now; an unknown one says so', async () => {
    const picked = await invoke('composeExtension/selectItem', { sessionId: 'dogs' });
    assert.equal(picked.attachments.length, 1);
    const [fromSearch] = (await search('dangerous dogs')).attachments;
    assert.deepEqual(picked.attachments[0], fromSearch);
    const gone = await invoke('composeExtension/selectItem', { sessionId: 'no-such-session' });
    assert.equal(gone.type, 'message');
    assert.match(gone.text, /no longer in the catalogue/);
    const bad = await invoke('composeExtension/selectItem', { Item1: 'x' });
    assert.match(bad.text, /couldn't read that choice/);
  });

  it('When the card is shared into a group chat, then whoever presses Book a place books for themselves and only they see their place', async () => {
    const [sharer, presser, onlooker] = [officer(1), officer(2), officer(3)];
    const GROUP = groupChat('book');
    const inGroup = (who: Officer) => where(who, GROUP);
    const [shared] = (await search('facial recognition', {}, inGroup(sharer))).attachments;
    const book = action(shared.content, 'Book a place');
    const groupBefore = running.connector.to(GROUP.id).length;

    const press = async (verb: string, data: unknown, who: Officer, trigger: 'manual' | 'automatic' = 'manual') => {
      const { status, body } = await running.send({
        ...composeInvoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb, data }, trigger }, inGroup(who)),
        channelData: { tenant: { id: 'tenant-1' } },
      });
      assertValidInvokeResponse(body);
      assert.equal(status, body.statusCode);
      return body;
    };
    const booked = await press(book.verb, book.data, presser);
    assert.match(text(booked.value), /You're booked/);
    assert.deepEqual(booked.value.refresh.userIds, [presser.id], "the presser's view is theirs alone");
    assert.equal((await running.app.bookings.bookingFor({ aadObjectId: presser.aadObjectId }, 'faces'))?.status, 'booked');
    assert.equal(await running.app.bookings.bookingFor({ aadObjectId: sharer.aadObjectId }, 'faces'), undefined, 'the sharer is not booked');

    // Teams runs the card's refresh for each viewer: each sees their own state.
    const theirs = await press(shared.content.refresh.action.verb, shared.content.refresh.action.data, onlooker, 'automatic');
    assert.doesNotMatch(text(theirs.value), /You're booked/);
    assert.ok(action(theirs.value, 'Book a place'));
    const mine = await press(shared.content.refresh.action.verb, shared.content.refresh.action.data, presser, 'automatic');
    assert.match(text(mine.value), /You're booked/);
    assert.deepEqual(mine.value.refresh.userIds, [presser.id]);

    const second = await press(book.verb, book.data, onlooker);
    assert.match(text(second.value), /You're booked/);
    assert.deepEqual(second.value.refresh.userIds, [onlooker.id]);
    assert.equal(running.connector.to(GROUP.id).length, groupBefore, 'nothing is posted to the group');
  });

  it('When an officer shares a session card into their chat with the bot, then the bot does not answer it; any other message without words still gets help', async () => {
    const me = officer(4);
    const at = where(me);
    const conversationId = (at.conversation as { id: string }).id;
    const [shared] = (await search('dangerous dogs', {}, at)).attachments;
    const before = running.connector.to(conversationId).length;
    const card = { contentType: shared.contentType, content: shared.content };
    const { status } = await running.send({ ...teamsMessage('', at), text: undefined, attachments: [card] });
    assert.equal(status, 200);
    assert.equal(running.connector.to(conversationId).length, before, 'no reply to the shared card');
    const image = { contentType: 'image/png', contentUrl: 'https://example.net/photo.png' };
    await running.send({ ...teamsMessage('', at), text: undefined, attachments: [image] });
    const replies = running.connector.to(conversationId).slice(before);
    assert.equal(replies.length, 1);
    assert.match(text(replies[0]!.activity), /I can only read typed questions/);
  });

  describe('link unfurling', () => {
    const unfurl = (url: unknown) => invoke('composeExtension/queryLink', { url });

    it("a pasted link to a session's page unfurls into that session's card, the same one a search shares", async () => {
      const [fromSearch] = (await search('facial recognition')).attachments;
      for (const url of [
        `${APP_HOST}/sessions/faces`,
        `${APP_HOST}/sessions/faces/`,
        `${APP_HOST}/sessions/faces?utm=chat#top`,
        'HTTPS://CPD.EXAMPLE.POLICE.UK/sessions/faces',
      ]) {
        const result = await unfurl(url);
        assert.equal(result.type, 'result', url);
        assert.deepEqual(result.attachments, [fromSearch], url);
      }
    });

    it('leaves every other link as it is: another host, another path, an unknown session, not a URL', async () => {
      for (const url of [
        'https://evil.example.net/sessions/faces',
        `${APP_HOST}/calendar/faces`,
        `${APP_HOST}/sessions/`,
        `${APP_HOST}/sessions/faces/extra`,
        `${APP_HOST}/sessions/no-such-session`,
        `${APP_HOST}/sessions/%E0%A4%A`,
        'javascript:alert(1)',
        'not a url',
        42,
      ]) {
        assert.deepEqual(await unfurl(url), { type: 'result', attachmentLayout: 'list', attachments: [] }, String(url));
      }
    });
  });

  describe("the session's page in a browser", () => {
    async function get(pathname: string) {
      const response = await fetch(`${running.baseUrl}${pathname}`);
      return { status: response.status, headers: response.headers, html: await response.text() };
    }

    it('shows the title, the UK time, presenters, the description, its week and how to book in Teams; no join link', async () => {
      const { status, headers, html } = await get('/sessions/faces');
      assert.equal(status, 200);
      assert.equal(headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match(html, /^<!doctype html>\n<html lang="en-GB">/);
      assert.match(html, /<title>Faces in our communities: facial recognition \| CPD weeks of action<\/title>/);
      assert.match(html, /<h1>Faces in our communities: facial recognition<\/h1>/);
      assert.match(html, /<time datetime="2026-04-17T11:00:00.000Z">Friday 17 April 2026, 12:00 to 13:00<\/time> \(UK time\)/);
      assert.match(html, /<h2>Presenter<\/h2>\n<ul><li><strong>Inspector Ben Gwyer<\/strong>, South Wales Police<\/li><\/ul>/);
      assert.match(html, /How neighbourhood teams can use facial recognition technology\./);
      assert.match(html, /Part of Spring week of action 2026 \(13\u201319 April 2026\)/);
      assert.match(html, /<h2>How to book<\/h2>[^]*press <strong>Book a place<\/strong>[^]*There are 40 places\./);
      assert.match(html, /<a href="https:\/\/knowledgehub.group\/web\/spring-policing">Spring policing<\/a>/);
      assert.doesNotMatch(html, /meetup-join|faces-secret/, 'the join link is for booked officers, in Teams');
      assert.doesNotMatch(html, /<script/i);
    });

    it('serves a session whose id is longer than the router reads by default, and its link unfurls', async () => {
      const id = `long-${'x'.repeat(140)}`;
      const { status, html } = await get(`/sessions/${id}`);
      assert.equal(status, 200);
      assert.match(html, /<h1>A session with a long id<\/h1>/);
      assert.equal((await unfurl(`${APP_HOST}/sessions/${id}`)).attachments.length, 1);
    });

    it("escapes every catalog text: a title, a description or a presenter's name cannot become markup", async () => {
      const { status, html } = await get('/sessions/escaped');
      assert.equal(status, 200);
      assert.match(html, /<h1>Scripts &amp; &lt;b&gt;tags&lt;\/b&gt; &quot;quoted&quot;<\/h1>/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; more/);
      assert.match(html, /<strong>&lt;img src=x onerror=alert\(1\)&gt;<\/strong>, Trainer/);
      assert.doesNotMatch(html, /<script|<img|<b>/i);
    });

    it('a past session says it has ended and links its recording; nothing about booking', async () => {
      const { html } = await get('/sessions/ended');
      assert.match(html, /This session has ended\./);
      assert.match(html, /<a href="https:\/\/knowledgehub.group\/web\/county-lines">Watch the recording<\/a>/);
      assert.doesNotMatch(html, /How to book/);
    });

    it('an unknown or malformed id gets a friendly 404 page, not a stack trace', async () => {
      for (const pathname of ['/sessions/no-such-session', '/sessions/..%2F..%2Fetc', '/sessions/faces/extra', `/sessions/${'a'.repeat(250)}`]) {
        const { status, headers, html } = await get(pathname);
        assert.equal(status, 404, pathname);
        assert.equal(headers.get('content-type'), 'text/html; charset=utf-8');
        assert.match(html, /<h1>We couldn't find that session<\/h1>/);
        assert.match(html, /Ask the CPD weeks of action app in Microsoft Teams what is on/);
        assert.doesNotMatch(html, /Error|at .*\.ts/);
      }
    });

    it('When an organiser takes a session out of the programme, then its page says so (410) with their words, and its link no longer unfurls', async () => {
      assert.equal((await get('/sessions/to-withdraw')).status, 200);
      const yaml = stringify({ ...catalog, sessions: sessions.filter((s) => s.id !== 'to-withdraw') });
      const outcome = await running.app.publisher.publish({
        yaml,
        fileName: 'upload.yaml',
        source: 'upload',
        by: 'organiser@college.police.uk',
        withdrawnMessages: new Map([['to-withdraw', 'The speaker is unwell <sorry>.']]),
      });
      assert.equal(outcome.kind, 'published');
      const { status, html } = await get('/sessions/to-withdraw');
      assert.equal(status, 410);
      assert.match(html, /<h1>Wildlife crime: a retrospective<\/h1>/);
      assert.match(html, /This session has been taken out of the programme\./);
      assert.match(html, /The organisers said: The speaker is unwell &lt;sorry&gt;\./);
      assert.deepEqual((await unfurl(`${APP_HOST}/sessions/to-withdraw`)).attachments, []);
    });

    const unfurl = (url: string) => invoke('composeExtension/queryLink', { url });
  });
});
