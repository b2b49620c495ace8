/**
 * "My bookings" in officers' own words, over HTTP: questions about the places an officer holds go
 * to their bookings; questions that mention booking a session are still read for sessions.
 */
import assert from 'node:assert/strict';
import { startApp, teamsMessage, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidCard } from '../support/cards.js';

const text = (card: unknown): string => JSON.stringify(card);

describe('"my bookings" in officers\' own words', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00' });
  });
  after(async () => {
    await running.stop();
  });

  async function reply(words: string): Promise<any> {
    const chat = running.connector.to('a:personal-chat-1');
    const before = chat.length;
    const { status } = await running.send(teamsMessage(words));
    assert.equal(status, 200);
    const sent = running.connector.to('a:personal-chat-1').slice(before);
    assert.equal(sent.length, 1, words);
    const cards = adaptiveCards(sent[0]!.activity);
    assert.equal(cards.length, 1, words);
    assertValidCard(cards[0]);
    return cards[0];
  }

  for (const words of [
    'am I booked on anything?',
    'what have I booked',
    "what've I booked?",
    'which sessions am I signed up for?',
    'Have I booked anything?',
    'am I on the waitlist for anything?',
  ]) {
    it(`"${words}" shows the officer's bookings`, async () => {
      assert.match(text(await reply(words)), /Your bookings[^]*You have no upcoming bookings or waitlist places/);
    });
  }

  for (const words of ['can I book onto the data session?', 'how do I book the crisis intervention session?']) {
    it(`"${words}" is read for sessions`, async () => {
      const card = text(await reply(words));
      assert.doesNotMatch(card, /Your bookings/);
      assert.match(card, /Using data to power|crisis intervention/);
    });
  }
});
