/**
 * The message extension through the Microsoft 365 Agents Playground: its search-based message
 * extension panel and its link unfurling dialog send composeExtension/query and
 * composeExtension/queryLink as Teams does, and the chosen card is sent into a chat, where a
 * colleague presses Book a place. The playground does not page results or send selectItem (it
 * says so in its own UI); those are tested over HTTP (test/bot/message-extension.test.ts).
 */
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.js';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { assertValidCard, cardActions } from '../support/cards.js';
import { assertValidMessageExtensionResponse } from '../support/message-extension.js';
import { startPlayground, type Playground } from '../support/playground.js';

const APP_HOST = 'https://cpd.example.police.uk';

describe('the message extension in the Microsoft 365 Agents Playground', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let playground: Playground;

  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00', env: { PUBLIC_BASE_URL: APP_HOST } });
    playground = await startPlayground({ botEndpoint: `${running.baseUrl}/api/messages` });
  });
  after(async () => {
    await playground?.stop();
    await running?.stop();
  });

  async function post(url: string, body: unknown): Promise<any> {
    const response = await fetch(`${playground.baseUrl}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `playground ${url} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** What the playground's message extension panel or link dialog sends, and the bot's answer as it passes it on. */
  async function extension(name: string, value: unknown, conversationId: string): Promise<any> {
    const answer = await post('/_conversation/v1/invoke', {
      name,
      value,
      from: { id: playground.config.currentUser.id },
      conversation: { id: conversationId },
    });
    assertValidMessageExtensionResponse({ composeExtension: answer.composeExtension });
    return answer.composeExtension;
  }

  it('searches from the compose box with the bot\'s understanding: "facial recognition" and "next Friday"', async () => {
    const group = playground.config.groupChats[0]!.id;
    const faces = await extension(
      'composeExtension/query',
      { commandId: 'findSessions', parameters: [{ name: 'search', value: 'facial recognition' }], queryOptions: { skip: 0, count: 25 } },
      group,
    );
    assert.equal(faces.type, 'result');
    assert.deepEqual(
      faces.attachments.map((a: any) => a.preview.content.tap.value.sessionId),
      ['np-2026-facial-recognition'],
    );
    assert.match(faces.attachments[0].preview.content.subtitle, /^Fri 19 June, 12:00\u201313:00 \(UK time\)$/);
    const friday = await extension('composeExtension/query', { commandId: 'findSessions', parameters: [{ name: 'search', value: 'next Friday' }] }, group);
    assert.ok(friday.attachments.length > 0);
    for (const a of friday.attachments) assert.match(a.preview.content.subtitle, /^Fri /);
  });

  it('unfurls a pasted session link; sent into a group chat, the card books a place for the colleague who presses it, and only they see it', async () => {
    const group = playground.config.groupChats[0]!;
    const sharer = playground.config.currentUser;
    const colleague = playground.config.users.find((u) => u.id !== sharer.id && group.members.includes(u.id))!;
    const unfurled = await extension('composeExtension/queryLink', { url: `${APP_HOST}/sessions/rp-2026-dangerous-dogs` }, group.id);
    assert.equal(unfurled.attachments.length, 1);
    const card = unfurled.attachments[0].content;
    assert.match(JSON.stringify(card), /First on the scene: dangerous dogs/);

    // The sharer sends the card into the group chat, as the playground's dialog does.
    const botBefore = playground.botMessages.length;
    const sent = await post(`/_conversation/v1/conversations/${encodeURIComponent(group.id)}/messages`, {
      type: 'attachment',
      from: { id: sharer.id },
      attachments: [{ contentType: unfurled.attachments[0].contentType, content: card }],
      attachmentLayout: 'list',
    });
    const book = cardActions(card).find((a) => a.title === 'Book a place');
    // A colleague presses Book a place on it; the playground draws the card the bot answered with.
    const shown = await post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: book.verb, data: book.data } },
      from: { id: colleague.id },
      conversation: { id: group.id },
      replyToId: sent.messageId,
    });
    assert.equal(shown.type, 'application/vnd.microsoft.card.adaptive');
    assertValidCard(shown.value);
    assert.match(JSON.stringify(shown.value), /You're booked/);
    assert.deepEqual(shown.value.refresh.userIds, [colleague.id], 'their view is theirs alone');
    assert.equal((await running.app.bookings.bookingFor({ aadObjectId: colleague.aadObjectId }, 'rp-2026-dangerous-dogs'))?.status, 'booked');
    assert.equal(await running.app.bookings.bookingFor({ aadObjectId: sharer.aadObjectId }, 'rp-2026-dangerous-dogs'), undefined, 'the sharer is not booked');
    assert.equal(playground.botMessages.length, botBefore, 'the bot posts nothing to the chat');
  });

  it("in the playground's own UI: a link pasted into its Link Unfurling dialog is sent to a group chat as the session card, and Book a place on it books the officer (screenshots in test-results/)", async () => {
    const browser: { browser: BrowserContext; close(): Promise<void> } = await launchBrowser();
    try {
      const page = await browser.browser.newPage();
      await page.setViewportSize({ width: 1280, height: 1100 });
      await page.goto(playground.baseUrl, { waitUntil: 'domcontentloaded' });
      await page.locator('div[role=textbox]').waitFor({ timeout: 20_000 });
      await page.getByText(playground.config.groupChats[0]!.name).first().click();
      await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
      await page.getByRole('menuitem', { name: 'Link Unfurling' }).click();
      await page.getByLabel('Enter an URL').fill(`${APP_HOST}/sessions/np-2026-leadership-development`);
      // The dialog draws the card the bot unfurled the link into; then it is sent.
      const dialog = page.getByRole('dialog');
      await dialog.locator('.ac-adaptiveCard', { hasText: 'Supporting your leadership development' }).waitFor({ timeout: 15_000 });
      await dialog.getByRole('button', { name: 'Send to Conversation' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const card = page.locator('.ac-adaptiveCard', { hasText: 'Supporting your leadership development' }).last();
      await card.waitFor({ timeout: 15_000 });
      assert.match(await card.innerText(), /Fri 19 June, 14:00\u201315:00/);
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: artifactPath('playground-shared-session.png') });

      await card.getByRole('button', { name: 'Book a place' }).click();
      const booked = page.locator('.ac-adaptiveCard', { hasText: "You're booked" }).last();
      await booked.waitFor({ timeout: 15_000 });
      assert.match(await booked.innerText(), /Supporting your leadership development/);
      await booked.scrollIntoViewIfNeeded();
      await booked.screenshot({ path: artifactPath('playground-shared-session-booked.png') });
      const officer = playground.config.currentUser;
      assert.equal((await running.app.bookings.bookingFor({ aadObjectId: officer.aadObjectId }, 'np-2026-leadership-development'))?.status, 'booked');
    } finally {
      await browser.close();
    }
  });

  it('says nothing when the officer shares a card into their chat with the bot', async () => {
    const [result] = (
      await extension(
        'composeExtension/query',
        { commandId: 'findSessions', parameters: [{ name: 'search', value: 'dangerous dogs' }] },
        playground.config.personalChat.id,
      )
    ).attachments;
    const botBefore = playground.botMessages.length;
    await post(`/_conversation/v1/conversations/${encodeURIComponent(playground.config.personalChat.id)}/messages`, {
      type: 'attachment',
      from: { id: playground.config.currentUser.id },
      attachments: [{ contentType: result.contentType, content: result.content }],
      attachmentLayout: 'list',
    });
    // A question after it is answered, and is the only thing answered.
    const replies = await playground.ask('what is on about dangerous dogs');
    assert.equal(replies.length, 1);
    assert.equal(playground.botMessages.length, botBefore + 1);
  });
});
