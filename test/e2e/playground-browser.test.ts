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

  it('draws a list card with Book a place and Details under each session, five a page and Show more, and saves a screenshot of it', async () => {
    const page = await browser.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 1800 });
    await page.goto(playground.baseUrl, { waitUntil: 'domcontentloaded' });
    const compose = page.locator('div[role=textbox]');
    await compose.waitFor({ timeout: 20_000 });
    await compose.click();
    await compose.pressSequentially("what's on");
    await page.getByRole('button', { name: 'Send Message' }).click();

    const card = page.locator('.ac-adaptiveCard', { hasText: 'Show more' }).last();
    await card.waitFor({ timeout: 15_000 });
    assert.match(await card.innerText(), /Showing 1–5 of \d+ sessions/);
    assert.equal(await card.getByRole('button', { name: 'Book a place' }).count(), 5, 'a Book a place under each session');
    assert.equal(await card.getByRole('button', { name: 'Details' }).count(), 5, 'a Details under each session');
    assert.equal(await card.getByRole('button', { name: 'Show more' }).count(), 1);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: artifactPath('playground-list-card.png') });
  });

  it('asks an example question tapped on the Help card, and draws the answer', async () => {
    const page = await browser.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.goto(playground.baseUrl, { waitUntil: 'domcontentloaded' });
    const compose = page.locator('div[role=textbox]');
    await compose.waitFor({ timeout: 20_000 });
    await compose.click();
    await compose.pressSequentially('help');
    await page.getByRole('button', { name: 'Send Message' }).click();

    const help = page.locator('.ac-adaptiveCard', { hasText: 'Tap a question to ask it' }).last();
    await help.waitFor({ timeout: 15_000 });
    const answers = page.locator('.ac-adaptiveCard', { hasText: 'Response policing week of action 2026' });
    const before = await answers.count();
    await help.getByText('Sessions in response policing week', { exact: true }).click();

    await page.waitForFunction(
      ([selector, count]) =>
        [...document.querySelectorAll(selector as string)].filter((card) => card.textContent?.includes('Response policing week of action 2026')).length >
        (count as number),
      ['.ac-adaptiveCard', before] as const,
      { timeout: 15_000 },
    );
    const drawn = await answers.last().innerText();
    for (const title of ['The future for response policing', 'First on the scene: crisis intervention', 'First on the scene: dangerous dogs']) {
      assert.ok(drawn.includes(title), `the answer lists ${title}:\n${drawn}`);
    }
    assert.deepEqual(problems, [], 'the tap raised no error in the page');
    await answers.last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('playground-help-tap.png') });
  });

  it("draws the message an organiser's move sends to a booked officer, old time struck through, and saves a screenshot of it", async () => {
    const page = await browser.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.goto(playground.baseUrl, { waitUntil: 'domcontentloaded' });
    await page.locator('div[role=textbox]').waitFor({ timeout: 20_000 });

    // The playground's officer books the dangerous dogs session; then an organiser moves it.
    const [reply] = await playground.ask('when is the dangerous dogs session');
    const booked = await playground.invoke('booking.book', { verb: 'booking.book', sessionId: 'rp-2026-dangerous-dogs' }, reply!.messageId);
    assert.equal(booked.status, 200);
    const yaml = await (await fetch(`${running.baseUrl}/api/organiser/catalog`)).text();
    const moved = yaml.replace('starts: 2026-04-24T14:00\n    ends: 2026-04-24T14:45', 'starts: 2026-04-24T15:30\n    ends: 2026-04-24T16:15');
    assert.notEqual(moved, yaml);
    const published = await fetch(`${running.baseUrl}/api/organiser/catalog`, { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: moved });
    assert.equal(published.status, 200);

    const card = page.locator('.ac-adaptiveCard', { hasText: 'This session has moved' }).last();
    await card.waitFor({ timeout: 15_000 });
    const drawn = await card.innerText();
    assert.match(drawn, /First on the scene: dangerous dogs/);
    assert.match(drawn, /Fri 24 April, 15:30–16:15/);
    const struck = await card
      .locator('span', { hasText: 'Fri 24 April, 14:00–14:45' })
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationLine);
    assert.match(struck, /line-through/, 'the old time is struck through as drawn');
    for (const title of ['Keep my place', 'Cancel booking']) assert.ok(await card.getByRole('button', { name: title }).count(), title);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: artifactPath('playground-moved.png') });
  });
});
