/**
 * Messages far longer than a question, through the running server: the answer says how much was
 * read, every reply stays under Teams' 28 KB whatever was typed, and the answer's buttons still
 * work when the question was longer than their data may carry.
 */
import assert from 'node:assert/strict';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidCard, assertValidInvokeResponse, cardActions, MAX_CARD_BYTES } from '../support/cards.js';
import type { SentActivity } from '../fakes/connector.js';
import { PART_READ } from '../../bot/src/teams/answer-card.js';
import { PAGE_SIZE, nothingFoundData, sessionListCard, sessionListData } from '../../bot/src/teams/cards/session-list.js';
import { nothingAnswer, sessionsAnswer, worstCaseMatches } from './sample-answers.js';

/** The sessions a list card lists, in order: each has its own Details button. */
const choices = (card: any): string[] =>
  cardActions(card)
    .filter((a) => a.verb === 'session.details')
    .map((a) => a.data.sessionId);
const texts = (card: any): string[] => card.body.filter((b: any) => b.type === 'TextBlock').map((b: any) => b.text);
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Made-up words no catalog uses, so each is read as a topic and echoed in the answer. */
function unknownWords(length: number): string {
  const syllables = ['zor', 'vek', 'qua', 'mib', 'tal', 'frun', 'oxi', 'pel', 'dra', 'wum'];
  let text = '';
  for (let i = 0; text.length < length; i++) text += `${syllables[i % 10]}${syllables[Math.floor(i / 10) % 10]}${syllables[(i * 7) % 10]} `;
  return text.slice(0, length);
}

const execute = (verb: string, data: unknown) => ({
  ...teamsMessage(''),
  type: 'invoke',
  name: 'adaptiveCard/action',
  text: undefined,
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});

describe('the list card, whatever its answer names', () => {
  const now = new Date('2026-04-13T09:00:00+01:00');
  const question = { text: 'x'.repeat(500), askedAt: now.toISOString() };
  const long = `Sessions presented by ${'Detective Chief Superintendent Alexandra Montgomery-Fotheringham QPM, '.repeat(300)}`;

  it('stays under 28 KB with a page of the longest sessions and a heading and explanation of any length', () => {
    const page = worstCaseMatches(PAGE_SIZE);
    const listed = sessionListCard({ ...sessionListData({ ...sessionsAnswer(page, 35, PAGE_SIZE), heading: long }, question, now), note: PART_READ });
    const nothing = sessionListCard(nothingFoundData({ ...nothingAnswer(worstCaseMatches(10)), heading: long, explanation: `${long}.` }, question, now));
    for (const card of [listed, nothing]) {
      assertValidCard(card);
      assert.ok(bytes(card) < MAX_CARD_BYTES, `${bytes(card)} bytes`);
    }
  });
});

describe('long messages, through the running server (demo catalog, Monday 13 April 2026)', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00' });
  });
  after(async () => running.stop());

  /** Sends a message and returns the one reply, whole as the connector received it, and its card. */
  async function ask(text: string): Promise<{ reply: SentActivity; card: any }> {
    const message = teamsMessage(text);
    const { status } = await running.send(message);
    assert.equal(status, 200);
    const replies = running.connector.sent.filter((s) => s.replyToId === message.id);
    assert.equal(replies.length, 1);
    const cards = adaptiveCards(replies[0]!.activity);
    assert.equal(cards.length, 1);
    assertValidCard(cards[0]);
    return { reply: replies[0]!, card: cards[0] };
  }

  for (const length of [600, 10_000, 100_000]) {
    it(`answers a ${length.toLocaleString('en-GB')}-character question of unknown words in a reply under 28 KB, saying how much it read`, async () => {
      const { reply, card } = await ask(`anything on ${unknownWords(length)}?`);
      assert.ok(bytes(reply.activity) < MAX_CARD_BYTES, `${bytes(reply.activity)} bytes`);
      assert.ok(texts(card).includes(PART_READ), JSON.stringify(texts(card)));
      const heading = card.body[0];
      assert.equal(heading.style, 'heading');
      assert.ok(heading.text.length <= 120, heading.text);
      assert.match(heading.text, /\u2026/);
    });
  }

  it('does not say how much it read when it read the whole question', async () => {
    const { card } = await ask("what's on next week?");
    assert.ok(!JSON.stringify(card).includes(PART_READ));
  });

  it('says how much it read of a long message it cannot understand', async () => {
    const { card } = await ask(`purple monkey dishwasher ${'x'.repeat(2000)}`);
    assert.match(JSON.stringify(card), /Sorry, I didn't catch that\. I read the first 500 characters of your message\./);
  });

  it("opens a session's details from the answer to a 600-character question, and goes back to the same list", async () => {
    const { card: list } = await ask(`what's on next week?${' please'.repeat(85)}`);
    assert.ok(choices(list).includes('rp-2026-crisis-intervention'), JSON.stringify(choices(list)));
    const details = cardActions(list).find((a) => a.verb === 'session.details' && a.data.sessionId === 'rp-2026-crisis-intervention');
    const opened = await running.send(execute(details.verb, details.data));
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assertValidInvokeResponse(opened.body);
    assert.match(JSON.stringify(opened.body.value), /First on the scene: crisis intervention/);

    const back = cardActions(opened.body.value).find((a) => a.title === 'Back to the list');
    const again = await running.send(execute(back.verb, back.data));
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assertValidInvokeResponse(again.body);
    assert.deepEqual(choices(again.body.value), choices(list));
  });

  it('opens the details of a nearest session offered for a 10,000-character question that found nothing', async () => {
    const { card: nothing } = await ask(`anything on ${unknownWords(10_000)}?`);
    const [first] = choices(nothing);
    assert.ok(first, 'offers the nearest sessions');
    const details = cardActions(nothing).find((a) => a.verb === 'session.details' && a.data.sessionId === first);
    const opened = await running.send(execute(details.verb, details.data));
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assertValidInvokeResponse(opened.body);
    const back = cardActions(opened.body.value).find((a) => a.title === 'Back to the list');
    const again = await running.send(execute(back.verb, back.data));
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(choices(again.body.value), choices(nothing));
  });

  it('answers a 200,000-character message of dates by its first part while the health check still answers', async () => {
    const message = teamsMessage(`anything on dangerous dogs next week? ${' please'.repeat(66)} ${'19/06 '.repeat(33_000)}`);
    const [answered, health] = await Promise.all([running.send(message), fetch(`${running.baseUrl}/healthz`)]);
    assert.equal(answered.status, 200);
    assert.equal(health.status, 200);
    const reply = running.connector.sent.find((s) => s.replyToId === message.id)!;
    const card = adaptiveCards(reply.activity)[0];
    assert.deepEqual(choices(card), ['rp-2026-dangerous-dogs']);
    assert.ok(texts(card).includes(PART_READ));
  });
});
