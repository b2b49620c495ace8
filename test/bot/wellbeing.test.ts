/**
 * An officer in distress, through the running server: the bot answers first with the crisis line
 * (a tel: button and the number written out), 999 and Oscar Kilo, and nothing else; the topics
 * these words also name get sessions; and nothing of such a message reaches the log at any level,
 * nor the console, even when the reply fails.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import * as ACData from 'adaptivecards-templating';
import { adaptiveCards, assertValidCard, cardActions } from '../support/cards.js';
import { wellbeingCard } from '../../bot/src/teams/cards/wellbeing.js';
import template from '../../bot/src/teams/cards/wellbeing.json' with { type: 'json' };
import type { SentActivity } from '../fakes/connector.js';
import type { TurnContext } from 'botbuilder';
import { EDGE_TEXT_READING, textReadsAsDistress } from '../../bot/src/teams/activity.js';

const BOT = { id: '28:cpd-bot', name: 'CPD sessions' };
const NUMBER = '0300 131 2789';
/** Titles of the demo catalog's sessions: none may appear in the crisis line's reply. */
const SESSION_WORDS = [/crisis intervention/i, /dangerous dogs/i, /unplanned protests/i, /trauma tracking/i, /facial recognition/i, /response policing/i];

/** Messages in distress, each with words of its own that must never be logged nor repeated. */
const IN_DISTRESS: Array<[string, string[]]> = [
  ["I can't cope with the nights anymore, my sergeant keeps shouting", ['sergeant', 'shouting', 'nights']],
  ['i want to end it all after that RTC on the bypass', ['bypass', 'RTC', 'end it all']],
  ['feeling suicidal since the inquest on Tuesday', ['inquest', 'Tuesday', 'feeling suicidal']],
  ["I'm not OK. The baby died in my arms", ['baby', 'arms', 'not OK']],
  ['im reall struggling and i dont want to be here anymore, Kestrel knows nothing', ['Kestrel', 'reall', 'struggling']],
  ['I keep thinking about killing myself with my pills in the bathroom cabinet', ['bathroom', 'cabinet', 'killing myself']],
];

const texts = (card: unknown): string[] => {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
};

/** Whether `text` holds the word or phrase, as a whole word, in any case. */
const holds = (text: string, words: string): boolean => new RegExp(String.raw`\b${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`, 'i').test(text);

describe('the crisis line card', () => {
  it('is the template as the official templating SDK expands it, and a valid Teams card in every theme', () => {
    const { $schema: _designerOnly, ...card } = template as Record<string, unknown>;
    assert.deepEqual(wellbeingCard(), new ACData.Template(card).expand({ $root: {} }));
    assertValidCard(wellbeingCard());
    assert.ok(JSON.stringify(wellbeingCard()).length < 4096, 'short');
  });
});

describe("the bot's reading of a message for distress", () => {
  const turn = (edge?: { text: string; distress: boolean }) => {
    const turnState = new Map<unknown, unknown>();
    if (edge) turnState.set(EDGE_TEXT_READING, edge);
    return { turnState } as unknown as TurnContext;
  };

  it("takes the HTTP edge's reading when the edge read the very same text, and reads any other text itself", () => {
    // The edge's reading is taken as it is, so a reading that could not be the text's own shows it was used.
    assert.equal(textReadsAsDistress(turn({ text: "what's on friday", distress: true }), "what's on friday"), true);
    assert.equal(textReadsAsDistress(turn({ text: "<at>CPD sessions</at> what's on friday", distress: true }), "what's on friday"), false);
    assert.equal(textReadsAsDistress(turn({ text: 'anything on ASB', distress: false }), "I can't cope anymore"), true);
    assert.equal(textReadsAsDistress(turn(), "I can't cope anymore"), true);
    assert.equal(textReadsAsDistress(turn(), "what's on friday"), false);
  });
});

describe('the crisis line, through the running server (demo catalog, Monday 13 April 2026)', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00', logLevel: 'trace' });
  });
  after(async () => running?.stop());

  /** Sends an activity; answers the replies to that conversation and the log lines of the turn. */
  async function exchange(activity: Record<string, any>): Promise<{ status: number; replies: SentActivity[]; logs: Array<Record<string, any>> }> {
    const conversationId = activity.conversation.id;
    const sentBefore = running.connector.to(conversationId).length;
    const logsBefore = running.logs.length;
    const { status } = await running.send(activity);
    return { status, replies: running.connector.to(conversationId).slice(sentBefore), logs: running.logs.slice(logsBefore) };
  }

  /** The one reply, checked as every card is, and that it is the crisis line's card and nothing more. */
  function assertCrisisLine(replies: SentActivity[], own: string[]): void {
    assert.equal(replies.length, 1, `one reply to a message with ${JSON.stringify(own)}`);
    const cards = adaptiveCards(replies[0]!.activity);
    assert.equal(cards.length, 1);
    const card = cards[0];
    assertValidCard(card);
    const actions = cardActions(card);
    assert.deepEqual(
      actions.map((a) => [a.type, a.url]),
      [
        ['Action.OpenUrl', 'tel:03001312789'],
        ['Action.OpenUrl', 'https://www.oscarkilo.org.uk/'],
      ],
    );
    assert.equal(actions[0].title, `Call ${NUMBER}`);
    const shown = texts(card);
    assert.ok(shown.includes(NUMBER), 'the number is written out, to read or copy where a tel: button does nothing');
    assert.ok(shown.includes('Mental Health Crisis Line, 24/7'));
    assert.ok(shown.some((t) => /independent and confidential service for anyone working in policing/.test(t)));
    assert.ok(shown.includes('If you are in immediate danger, call 999.'));
    assert.ok(shown.some((t) => /^Oscar Kilo, the National Police Wellbeing Service/.test(t)));
    const whole = JSON.stringify(replies[0]!.activity);
    assert.doesNotMatch(whole, /Book a place|Action\.Execute|Action\.Submit|Details/, 'no sessions and no booking in the same reply');
    for (const title of SESSION_WORDS) assert.doesNotMatch(whole, title);
    for (const words of own) assert.ok(!holds(whole, words), `the reply does not repeat "${words}"`);
  }

  it('answers each message in distress, in a personal chat, with the crisis line first and only', async () => {
    for (const [message, own] of IN_DISTRESS) {
      const { status, replies } = await exchange(teamsMessage(message));
      assert.equal(status, 200);
      assertCrisisLine(replies, own);
    }
  });

  it('answers the same in a group chat and a channel, where the bot is @mentioned', async () => {
    const mention = { type: 'mention', text: '<at>CPD sessions</at>', mentioned: BOT };
    const inGroup = teamsMessage("<at>CPD sessions</at> honestly I'm not ok", {
      conversation: { id: '19:wellbeing-group@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' },
      entities: [mention],
    });
    assertCrisisLine((await exchange(inGroup)).replies, ['honestly']);
    const inChannel = teamsMessage('<at>CPD sessions</at> I cant cope', {
      conversation: { id: '19:wellbeing-channel@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: '19:wellbeing-channel@thread.tacv2' } },
      entities: [mention],
    });
    assertCrisisLine((await exchange(inChannel)).replies, ['cant cope']);
  });

  it('answers distress before anything else the message asks: help, or a question about sessions', async () => {
    for (const [message, own] of [
      ["help, I can't cope", ["can't cope"]],
      ["what's on Friday? I'm really struggling and can't go on", ['Friday', 'struggling']],
    ] as const) {
      assertCrisisLine((await exchange(teamsMessage(message))).replies, [...own]);
    }
  });

  it('answers the topics these words also name with sessions, not the crisis line', async () => {
    for (const question of [
      'crisis intervention session',
      'suicide prevention training',
      'mental health',
      'is there anything on self-harm awareness',
      'wellbeing sessions',
      "what's on about trauma",
      "I'm not OK with the time of the Friday session",
    ]) {
      const { replies } = await exchange(teamsMessage(question));
      assert.equal(replies.length, 1, question);
      const whole = JSON.stringify(replies[0]!.activity);
      assert.ok(!whole.includes(NUMBER) && !whole.includes('tel:'), `${question}: not the crisis line`);
      assert.equal(adaptiveCards(replies[0]!.activity).length, 1, question);
    }
    const { replies } = await exchange(teamsMessage('crisis intervention session'));
    assert.match(JSON.stringify(replies[0]!.activity), /First on the scene: crisis intervention/);
  });

  it('logs nothing of a message in distress at trace level, and writes nothing of it to the console', async () => {
    const written: string[] = [];
    const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug, trace: console.trace };
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    for (const name of Object.keys(originals) as Array<keyof typeof originals>)
      console[name] = (...args: unknown[]) => void written.push(args.map(String).join(' '));
    process.stdout.write = ((chunk: unknown) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: unknown) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    const lines: Array<Record<string, any>> = [];
    try {
      for (const [message] of IN_DISTRESS) lines.push(...(await exchange(teamsMessage(message))).logs);
    } finally {
      Object.assign(console, originals);
      process.stdout.write = out;
      process.stderr.write = err;
    }
    const logged = JSON.stringify(lines);
    for (const [message, own] of IN_DISTRESS) {
      assert.ok(!logged.includes(message), 'the message');
      for (const words of own) assert.ok(!holds(logged, words), `"${words}" in the log: ${logged.slice(0, 500)}`);
      for (const words of own) assert.ok(!holds(written.join(''), words), `"${words}" on the console`);
    }
    assert.ok(!logged.includes('PC Alex Morgan') && !logged.includes('officer-1'), 'nor who sent it');
    assert.ok(
      lines.every((l) => l.private === true),
      `every line of such a turn is content-free: ${logged.slice(0, 500)}`,
    );
  });

  it('logs that a reply to a message in distress failed, without the message, the reply or the error message', async () => {
    // A channel that refuses every reply at once (a 4xx is not retried).
    const refusing = http.createServer((req, res) => {
      req.resume();
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'refused' } }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const message = "I'm not ok and the Falconer job keeps replaying";
      const serviceUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/`;
      const { status, logs } = await exchange({ ...teamsMessage(message), serviceUrl });
      assert.equal(status, 200);
      const failed = logs.find((l) => l.msg === 'turn failed');
      assert.ok(failed, `the failure is logged: ${JSON.stringify(logs)}`);
      assert.equal(failed.private, true);
      assert.equal(failed.err.statusCode, 403);
      assert.ok(failed.err.frames.length > 0);
      assert.equal(failed.err.message, undefined);
      const logged = JSON.stringify(logs);
      for (const words of ['Falconer', 'replaying', 'not ok', NUMBER, 'Crisis Line', 'Alex Morgan', 'refused'])
        assert.ok(!holds(logged, words), `"${words}" in ${logged}`);
    } finally {
      refusing.close();
    }
  });

  it('keeps words of distress typed into the message extension search out of the log too', async () => {
    const before = running.logs.length;
    const search = "i can't cope, the Harrowgate inquest";
    const { status } = await running.send({
      ...teamsMessage(''),
      text: undefined,
      type: 'invoke',
      name: 'composeExtension/query',
      value: { commandId: 'findSessions', parameters: [{ name: 'search', value: search }], queryOptions: { skip: 0, count: 25 } },
      channelData: { tenant: { id: 'tenant-1' }, source: { name: 'compose' } },
    });
    assert.equal(status, 200);
    const lines = running.logs.slice(before);
    assert.ok(!JSON.stringify(lines).includes('Harrowgate'));
    assert.ok(
      lines.every((l) => l.private === true),
      JSON.stringify(lines),
    );
  });

  it('logs an ordinary question as before', async () => {
    const { logs } = await exchange(teamsMessage('anything on dangerous dogs?'));
    const answered = logs.find((l) => l.msg === 'answered a question');
    assert.ok(answered);
    assert.equal(answered.private, undefined);
    assert.equal(answered.scope, 'personal');
  });
});
