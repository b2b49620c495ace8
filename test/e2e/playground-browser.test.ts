/**
 * The playground's own web UI in headless Chromium: an officer types a question, the card is drawn
 * the way Teams draws it, and a screenshot is kept in test-results/ for people to look at.
 */
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.js';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { startPlayground, type Playground } from '../support/playground.js';

describe('the playground web UI in a browser', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let playground: Playground;
  let browser: { browser: BrowserContext; close(): Promise<void> };

  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00' });
    playground = await startPlayground({ botEndpoint: `${running.baseUrl}/api/messages` });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await playground?.stop();
    await running?.stop();
  });

  it('draws the answer to a typed question as an Adaptive Card in the chat, and saves a screenshot of it', async () => {
    const page = await browser.browser.newPage();
    // Tall enough for the question and the whole three-session card in one screenshot.
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.goto(playground.baseUrl, { waitUntil: 'domcontentloaded' });
    const compose = page.locator('div[role=textbox]');
    await compose.waitFor({ timeout: 20_000 });
    await compose.click();
    await compose.pressSequentially("what's on Friday 19 June");
    await page.getByRole('button', { name: 'Send Message' }).click();

    // A welcome card is drawn when the page opens: wait for the one with the answer.
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Faces in our communities' }).last();
    await card.waitFor({ timeout: 15_000 });
    const drawn = await card.innerText();
    assert.match(drawn, /Supporting officer welfare/);
    assert.match(drawn, /Supporting your leadership development/);
    assert.match(drawn, /19 June/);

    assert.match(drawn, /Fri 19 June, 10:00–11:00/, 'UK times, as the issue spells them');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground-card.png'), fullPage: false });
    await card.screenshot({ path: artifactPath('playground-card-only.png') });
  });
});
