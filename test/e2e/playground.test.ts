/**
 * End to end through a Teams client this project did not write: the Microsoft 365 Agents
 * Playground is the channel and the connector, the whole app answers on a loopback port, and the
 * officer's questions go in through the playground's own API.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PortTakenError } from '../../scripts/playground.js';
import { startApp, type RunningApp } from '../support/app.js';
import { adaptiveCards, assertValidCard, assertValidInvokeResponse, cardActions } from '../support/cards.js';
import { startPlayground, type Playground, type PlaygroundMessage } from '../support/playground.js';

const adaptiveCard = 'application/vnd.microsoft.card.adaptive';

describe('the bot in the Microsoft 365 Agents Playground', function () {
  // Starting the app (store, migrations, catalog) and the playground takes a few seconds on a busy machine.
  this.timeout(60_000);
  let running: RunningApp;
  let playground: Playground;

  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00' });
    playground = await startPlayground({ botEndpoint: `${running.baseUrl}/api/messages` });
  });
  after(async () => {
    await playground?.stop();
    await running?.stop();
  });

  it('lists the three Neighbourhood policing week sessions when asked what is on Friday 19 June in personal chat', async () => {
    const replies = await playground.ask("what's on Friday 19 June");
    const text = cardText(replies);
    assert.match(text, /Supporting officer welfare: using automated trauma tracking/);
    assert.match(text, /Faces in our communities/);
    assert.match(text, /Supporting your leadership development/);
    assert.doesNotMatch(text, /dangerous dogs/i);
    assert.match(text, /Fri(day)? 19 June/);
    assert.match(text, /10:00/, 'the first session starts at 10:00 UK time');
  });

  it('lists the Response policing week sessions when asked about next week', async () => {
    const text = cardText(await playground.ask("what's on next week?"));
    for (const title of ['The future for response policing', 'crisis intervention', 'Using data to power', 'unplanned protests', 'dangerous dogs']) {
      assert.ok(text.includes(title), `expected "${title}" in the card`);
    }
    assert.doesNotMatch(text, /trauma tracking/);
  });

  it('answers an @mention in a group chat, reading the question without the mention', async () => {
    const groupChat = playground.config.groupChats[0]!;
    const replies = await playground.ask('anything on crisis intervention?', { conversationId: groupChat.id, mentionBot: true });
    assert.equal(replies[0]?.activity?.conversation?.id, groupChat.id);
    const text = cardText(replies);
    assert.match(text, /First on the scene: crisis intervention/);
    assert.doesNotMatch(text, /trauma tracking/);
  });

  it('answers an @mention in a team channel, in the thread of the post', async () => {
    const channel = playground.config.teams[0]!.channels.find((c) => c.name === 'Training and CPD')!;
    const replies = await playground.ask('facial recognition', { conversationId: channel.id, mentionBot: true });
    assert.ok(String(replies[0]?.activity?.conversation?.id).startsWith(`${channel.id};messageid=`), 'replied in the post');
    const text = cardText(replies);
    assert.match(text, /Faces in our communities/);
    assert.doesNotMatch(text, /dangerous dogs/);
  });

  it('says plainly when nothing is on, and offers the nearest sessions as such', async () => {
    const [card] = adaptiveCards(oneReply(await playground.ask('anything on Saturday 25 April?')));
    const [heading, explanation] = card.body as Array<{ text: string }>;
    assert.doesNotMatch(heading!.text, /First on the scene|future for response policing/, 'the heading is not a session');
    assert.match(`${heading!.text} ${explanation!.text}`, /\b(no|nothing)\b/i);
    assert.match(cardText([{ messageId: '', attachments: [{ contentType: adaptiveCard, content: card }] }]), /nearest/i);
  });

  it("opens a session's details when the officer presses Details, replacing the card in place", async () => {
    const reply = oneReply(await playground.ask('when is the dangerous dogs session'));
    const [card] = adaptiveCards(reply);
    // Each listed session has its own Details button, carrying that session's id.
    const details = cardActions(card).find((a) => a.verb === 'session.details' && a.data?.sessionId === 'rp-2026-dangerous-dogs');
    assert.ok(details, 'the dangerous dogs session on the list card has a Details button');

    // Action.Execute, as the playground sends it when the officer presses Details.
    const { status, body, shown } = await playground.invoke(details.verb, details.data, reply.messageId);
    assert.equal(status, 200);
    assertValidInvokeResponse(body);
    assert.equal(body.statusCode, 200);
    assert.equal(shown.type, adaptiveCard, 'the playground draws the card the bot returned in place of the list');
    const text = cardText([{ messageId: '', attachments: [{ contentType: adaptiveCard, content: body.value }] }]);
    assert.match(text, /First on the scene: dangerous dogs/);
    assert.match(text, /Fri(day)? 24 April/);
  });

  it('sends only cards that Teams accepts: Adaptive Cards 1.5 by the published schema and parser, under 28 KB, at most 6 actions', async () => {
    const cards = playground.botMessages.flatMap((m) => adaptiveCards(m));
    assert.ok(cards.length >= 5, `the questions above were answered with cards (got ${cards.length})`);
    cards.forEach((card, i) => {
      assertValidCard(card, `card ${i + 1}`);
      assert.deepEqual(JSON.stringify(card).match(/\$\{[^}]*\}/g) ?? [], [], 'every template field was filled');
    });
  });
});

/** The one message a question is answered with. */
function oneReply(replies: PlaygroundMessage[]): PlaygroundMessage & { attachments: Array<{ contentType: string; content: any }> } {
  assert.equal(replies.length, 1, `one reply (got ${replies.length})`);
  return replies[0] as PlaygroundMessage & { attachments: Array<{ contentType: string; content: any }> };
}

describe('starting the playground', function () {
  this.timeout(20_000);

  it('refuses to go on when the port it was given is taken, rather than answering somewhere else', async () => {
    const held: net.Socket[] = [];
    const squatter = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => squatter.listen(0, resolve));
    const port = (squatter.address() as net.AddressInfo).port;
    try {
      // Nothing needs to answer on the bot endpoint: the playground never gets that far.
      const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'cpd-playground-')), 'playground.log');
      await assert.rejects(startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', port, logFile }), (error: Error) => {
        assert.ok(error instanceof PortTakenError, error.message);
        assert.equal(error.port, port);
        assert.notEqual(error.movedTo, port);
        return true;
      });
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});

/** Every piece of text the officer can read on the cards of these messages, in order. */
function cardText(messages: PlaygroundMessage[]): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value']) if (typeof record[key] === 'string') parts.push(record[key] as string);
    for (const value of Object.values(record)) if (typeof value === 'object') walk(value);
  };
  for (const message of messages) {
    for (const attachment of message.attachments ?? []) if (attachment.contentType === adaptiveCard) walk(attachment.content);
  }
  return parts.join('\n');
}
