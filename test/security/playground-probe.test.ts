/**
 * The Agents Playground looks at the bot's endpoint (HEAD /api/messages) each time its page
 * loads: a real page load in headless Chromium leaves no warning in the app's log.
 */
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { startPlayground, type Playground } from '../support/playground.js';

describe("the playground's look at the endpoint on page load", function () {
  this.timeout(60_000);
  let running: RunningApp;
  let playground: Playground;
  let browser: { browser: BrowserContext; close(): Promise<void> };

  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00', logLevel: 'debug' });
    playground = await startPlayground({ botEndpoint: `${running.baseUrl}/api/messages` });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await playground?.stop();
    await running?.stop();
  });

  it('is answered without a warning in the log', async () => {
    const page = await browser.browser.newPage();
    await page.goto(playground.baseUrl, { waitUntil: 'domcontentloaded' });
    await page.locator('div[role=textbox]').waitFor({ timeout: 20_000 });
    // The welcome card: the page's own activities have been through the app.
    await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: 15_000 });
    const deadline = Date.now() + 10_000;
    while (!running.logs.some((l) => l.msg === 'endpoint looked at without an activity') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(
      running.logs.some((l) => l.msg === 'endpoint looked at without an activity' && l.method === 'HEAD'),
      'the playground sent HEAD /api/messages',
    );
    assert.deepEqual(
      running.logs.filter((l) => l.level >= 40),
      [],
    );
  });
});
