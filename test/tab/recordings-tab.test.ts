/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import assert from 'node:assert/strict';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { startApp, type RunningApp } from '../support/app.js';
import { generatedCatalog, seed, seedMany, smallCatalog } from '../recordings/fixtures.js';
import { ensureTabBuilt } from './tab-build.js';
import { teamsHostPage } from './teams-host-page.js';
import { seriousViolations } from './axe.js';

const cards = (page: Page | Frame) => page.locator('article[data-recording-id]');
const ids = (page: Page | Frame) => cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-recording-id')));
const count = (page: Page | Frame) => page.getByTestId('count');
/** Waits until the list shows exactly these recordings, in this order. */
const showing = (page: Page | Frame, expected: string[]) =>
  page.waitForFunction(
    (want) => [...document.querySelectorAll('ul article[data-recording-id]')].map((e) => e.getAttribute('data-recording-id')).join() === want.join(),
    expected,
  );

describe('the Recordings tab in Chromium', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  let page: Page;

  before(async () => {
    ensureTabBuilt();
    // After every recording has been posted: the API lists a recording from its posting date on.
    running = await startApp({ now: '2026-07-01T09:00:00+01:00' });
    await seed(running.app.db, smallCatalog());
    ({ browser, close: closeBrowser } = await launchBrowser());
    // Knowledge Hub, as far as this machine knows it: a page, so a new window has somewhere to land.
    await browser.route(/^https:\/\/knowledgehub\.group\//, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Knowledge Hub</title>' }));
  });
  after(async () => {
    await closeBrowser?.();
    await running?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    await page.setViewportSize({ width: 1024, height: 900 });
  });
  afterEach(async () => page.close());

  it('lists every recording with its session, presenter and force, campaign, date, length and a sample mark', async () => {
    await page.goto(`${running.baseUrl}/tab/`);
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
    assert.deepEqual(await ids(page), ['rec-faces', 'rec-dogs', 'rec-crisis', 'rec-loose']);
    const dogs = await cards(page).nth(1).innerText();
    for (const text of [
      'Dangerous dogs (recording)',
      'Sample',
      'First on the scene: dangerous dogs',
      'PC Tom Ellis, Merseyside Police',
      'Response policing week of action 2026',
      '30 April 2026',
      '41 min',
      'Watch on Knowledge Hub',
    ]) {
      assert.ok(dogs.includes(text), `card lacks ${text}:\n${dogs}`);
    }
    assert.ok(!(await cards(page).nth(0).innerText()).includes('Sample'), 'a real recording is not marked as a sample');
    assert.match(await page.locator('main').innerText(), /police\.uk/);
    await page.screenshot({ path: artifactPath('tab-default.png'), fullPage: true });
  });

  it('searches as the officer types, by presenter, force or topic, and says when nothing matches', async () => {
    await page.goto(`${running.baseUrl}/tab/`);
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
    await page.getByRole('searchbox').pressSequentially('priya', { delay: 30 });
    await count(page).filter({ hasText: '1 matching recording' }).waitFor();
    assert.deepEqual(await ids(page), ['rec-crisis']);
    await page.getByRole('searchbox').fill('south wales');
    await showing(page, ['rec-faces']);
    await page.getByRole('searchbox').fill('de-escalation');
    await showing(page, ['rec-crisis']);
    await page.getByRole('searchbox').fill('no such thing at all');
    await page.getByText('No recordings match.').waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
  });

  it('filters by campaign and by topic, and sorts oldest first', async () => {
    await page.goto(`${running.baseUrl}/tab/`);
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
    await page.getByLabel('Campaign').selectOption('response-2026');
    await count(page).filter({ hasText: '2 matching recordings' }).waitFor();
    assert.deepEqual(await ids(page), ['rec-dogs', 'rec-crisis']);
    await page.getByLabel('Sort').selectOption('oldest');
    await showing(page, ['rec-crisis', 'rec-dogs']);
    await page.getByLabel('Campaign').selectOption('');
    await page.getByLabel('Topic').selectOption('facial recognition');
    await count(page).filter({ hasText: '1 matching recording' }).waitFor();
    assert.deepEqual(await ids(page), ['rec-faces']);
  });

  it('opens a recording on Knowledge Hub in a new window, with no way back to the tab', async () => {
    await page.goto(`${running.baseUrl}/tab/`);
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      cards(page)
        .nth(0)
        .getByRole('link', { name: /^Watch on Knowledge Hub/ })
        .click(),
    ]);
    await popup.waitForURL(/knowledgehub\.group/);
    assert.equal(popup.url(), 'https://knowledgehub.group/web/modernising-neighbourhood-policing');
    assert.equal(await popup.evaluate(() => window.opener), null);
    await popup.close();
  });

  it('reaches search, filters, sort and a Watch link from the keyboard, with a visible focus, and Enter opens it', async () => {
    // An officer who is not an organiser (in local mode everyone is one): the view switch
    // (Recordings, My CPD) is the first Tab stop, then search. The switch's own keyboard test is in organise-tab.test.ts.
    await page.route(/\/api\/me$/, (route) => route.fulfill({ json: { name: null, organiser: false } }));
    const asked = page.waitForResponse(/\/api\/me$/);
    await page.goto(`${running.baseUrl}/tab/`);
    await asked;
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
    const reached: string[] = [];
    for (let i = 0; i < 9; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const label = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '') ?? '';
          return `${el.tagName.toLowerCase()}:${label}`;
        }),
      );
    }
    assert.deepEqual(reached.slice(0, 6), [
      'button:',
      'input:Search',
      'select:Campaign',
      'select:Topic',
      'select:Sort',
      'a:Watch on Knowledge Hub: Facial recognition: 100% of the Q&A (recording) (opens outside Teams)',
    ]);
    const watch = (await page.evaluateHandle(() => document.activeElement as HTMLElement)).asElement()!;
    const focused = await watch.screenshot();
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    assert.notDeepEqual(await watch.screenshot(), focused, 'the focused Watch link looks different from the unfocused one');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Watch on Knowledge Hub');
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
    await popup.waitForURL(/knowledgehub\.group/);
    await popup.close();
  });

  it('opens the recording a link points at (?recording=) above the list, and says when it is gone', async () => {
    await page.goto(`${running.baseUrl}/tab/?recording=rec-dogs`);
    const shared = page.getByRole('region', { name: 'Shared recording' });
    await shared.locator('article[data-recording-id="rec-dogs"]').waitFor();
    await page.goto(`${running.baseUrl}/tab/?recording=rec-withdrawn`);
    await page.getByText('That recording is no longer available').waitFor();
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
  });

  it('when the service fails, says so and loads the list on Retry', async () => {
    let failures = 1;
    await page.route(/\/api\/recordings\?/, (route) =>
      failures-- > 0 ? route.fulfill({ status: 500, json: { error: 'internal', message: 'x' } }) : route.continue(),
    );
    await page.goto(`${running.baseUrl}/tab/`);
    await page.getByText("We couldn't load the recordings.").waitFor();
    await page.screenshot({ path: artifactPath('tab-error.png') });
    await page.getByRole('button', { name: 'Retry' }).click();
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
  });

  for (const theme of ['default', 'dark', 'contrast']) {
    it(`has no serious or critical accessibility violation in the ${theme} theme`, async () => {
      await page.goto(`${running.baseUrl}/tab/?theme=${theme}&recording=rec-crisis`);
      await count(page).filter({ hasText: '4 recordings' }).waitFor();
      await page.locator('[data-recording-id="rec-crisis"]').first().waitFor();
      assert.deepEqual(await seriousViolations(page), []);
      if (theme !== 'default') await page.screenshot({ path: artifactPath(`tab-${theme}.png`), fullPage: true });
    });
  }

  it('fits a 320 px wide phone with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 720 });
    await page.goto(`${running.baseUrl}/tab/`);
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `scrollWidth ${widths.scroll} > clientWidth ${widths.client}`);
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('tab-mobile.png'), fullPage: true });
  });

  it('inside Teams: follows the Teams theme live, opens the sub-page link, sends the SSO token and opens links through Teams', async () => {
    const authorizations: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/recordings')) authorizations.push(request.headers().authorization ?? '');
    });
    await page.route(`${running.baseUrl}/teams-host.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: teamsHostPage({ tabPath: '/tab/', theme: 'default', subPageId: 'rec-faces', token: 'sso-token-from-teams' }),
      }),
    );
    await page.goto(`${running.baseUrl}/teams-host.html`);
    const tab = page.frameLocator('#tab');
    await tab.getByTestId('count').filter({ hasText: '4 recordings' }).waitFor();
    await tab.getByRole('region', { name: 'Shared recording' }).locator('article[data-recording-id="rec-faces"]').waitFor();
    const frame = page.frames().find((f) => f.url().includes('/tab/'))!;
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'default');
    const lightBackground = await frame.evaluate(() => document.body.style.background);

    await page.evaluate(() => (window as any).switchTheme('dark'));
    await frame.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    assert.notEqual(await frame.evaluate(() => document.body.style.background), lightBackground);
    await page.evaluate(() => (window as any).switchTheme('contrast'));
    await frame.waitForFunction(() => document.documentElement.dataset.theme === 'contrast');
    assert.deepEqual(await seriousViolations(frame), []);
    await page.screenshot({ path: artifactPath('tab-teams-contrast.png') });

    const windowsBefore = browser.pages().length;
    await tab.locator('ul article[data-recording-id="rec-dogs"]').getByRole('link').click();
    await page.waitForFunction(() => (window as any).openedLinks.length === 1);
    assert.deepEqual(await page.evaluate(() => (window as any).openedLinks), ['https://knowledgehub.group/web/response-policing']);
    assert.equal(browser.pages().length, windowsBefore, 'no browser window was opened: Teams opens the link');
    assert.ok(authorizations.length > 0 && authorizations.every((a) => a === 'Bearer sso-token-from-teams'), authorizations.join(', '));
  });
});

describe('the Recordings tab with 5,000 recordings', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let closeBrowser: () => Promise<void>;
  let page: Page;

  before(async () => {
    ensureTabBuilt();
    // After every recording has been posted: the API lists a recording from its posting date on.
    running = await startApp({ now: '2026-07-01T09:00:00+01:00' });
    await seedMany(running.app.db, generatedCatalog(5000));
    const launched = await launchBrowser();
    closeBrowser = launched.close;
    page = await launched.browser.newPage();
  });
  after(async () => {
    await closeBrowser?.();
    await running?.stop();
  });

  it('shows the first page at once with the total, and shows more on demand', async () => {
    const started = Date.now();
    await page.goto(`${running.baseUrl}/tab/`);
    await count(page).filter({ hasText: '5,000 recordings' }).waitFor();
    assert.equal(await cards(page).count(), 50);
    assert.ok(Date.now() - started < 10_000, `first page took ${Date.now() - started} ms`);
    await page.getByRole('button', { name: /Show more \(50 of 5,000 shown\)/ }).click();
    await page.getByRole('button', { name: /Show more \(100 of 5,000 shown\)/ }).waitFor();
    assert.equal(await cards(page).count(), 100);
    assert.equal(new Set(await ids(page)).size, 100);
  });
});
