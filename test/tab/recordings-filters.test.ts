/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The Recordings tab's filters in Chromium: the counts beside each option are what choosing it
 * would list, given the other filter and the search, and the Campaign select shows its whole
 * choice at desktop width and on a phone. Screenshots in test-results/.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { startApp, type RunningApp } from '../support/app.js';
import { seed, smallCatalog } from '../recordings/fixtures.js';
import { ensureTabBuilt } from './tab-build.js';

const count = (page: Page) => page.getByTestId('count');
const select = (page: Page, label: string) => page.getByRole('combobox', { name: label });
const options = (page: Page, label: string) => select(page, label).locator('option').allInnerTexts();

/**
 * How much of the chosen option's text the select cannot show, in CSS pixels (0 when it all
 * fits): the text measured in the select's own font against the room inside its padding, where
 * the chevron sits.
 */
function hiddenWidth(page: Page, label: string): Promise<number> {
  return select(page, label).evaluate((el) => {
    const element = el as HTMLSelectElement;
    const style = getComputedStyle(element);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = element.selectedOptions[0]?.text ?? '';
    const room = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return Math.max(0, Math.ceil(context.measureText(text).width - room));
  });
}

describe('the Recordings tab filters in Chromium', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  let page: Page;

  before(async () => {
    ensureTabBuilt();
    running = await startApp({ now: '2026-07-01T09:00:00+01:00' });
    await seed(running.app.db, smallCatalog());
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  after(async () => {
    await closeBrowser?.();
    await running?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    await page.route(/\/api\/me$/, (route) => route.fulfill({ json: { name: null, organiser: false } }));
  });
  afterEach(async () => page.close());

  it('counts the topics within the chosen campaign, and the campaigns within the chosen topic', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${running.baseUrl}/tab/`);
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
    assert.deepEqual(await options(page, 'Topic'), [
      'All topics',
      'crisis intervention (1)',
      'dangerous dogs (1)',
      'De-escalation (1)',
      'facial recognition (1)',
      'first response (1)',
      'mental health (1)',
      'technology (1)',
    ]);

    await select(page, 'Campaign').selectOption('neighbourhood-2026');
    await count(page).filter({ hasText: '1 matching recording' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('select')[1]?.options.length === 3);
    assert.deepEqual(await options(page, 'Topic'), ['All topics', 'facial recognition (1)', 'technology (1)']);

    await select(page, 'Campaign').selectOption('');
    await select(page, 'Topic').selectOption('mental health');
    await count(page).filter({ hasText: '1 matching recording' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('select')[0]?.options.length === 2);
    assert.deepEqual(await options(page, 'Campaign'), ['All campaigns', 'Response policing week of action 2026 (1)']);
  });

  it('keeps a chosen campaign named, with a count of 0, when a search leaves it nothing', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${running.baseUrl}/tab/`);
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
    await select(page, 'Campaign').selectOption('neighbourhood-2026');
    await count(page).filter({ hasText: '1 matching recording' }).waitFor();
    await page.getByRole('searchbox').fill('dogs');
    await count(page).filter({ hasText: '0 matching recordings' }).waitFor();
    const chosen = await select(page, 'Campaign').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text);
    assert.equal(chosen, 'Neighbourhood policing week of action 2026 (0)');
  });

  for (const [width, name] of [
    [1280, 'desktop'],
    [1024, 'laptop'],
    [600, 'a narrow window'],
  ] as const) {
    it(`shows the whole chosen campaign in its select at ${width} px (${name})`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${running.baseUrl}/tab/`);
      await count(page).filter({ hasText: '4 recordings' }).waitFor();
      await select(page, 'Campaign').selectOption('neighbourhood-2026');
      await count(page).filter({ hasText: '1 matching recording' }).waitFor();
      assert.equal(await hiddenWidth(page, 'Campaign'), 0, 'the chosen campaign is not cut off');
      await select(page, 'Topic').selectOption('facial recognition');
      assert.equal(await hiddenWidth(page, 'Topic'), 0, 'the chosen topic is not cut off');
      assert.equal(await hiddenWidth(page, 'Sort'), 0, 'the sort is not cut off');
      await page.screenshot({ path: artifactPath(`tab-filters-${width}.png`) });
    });
  }

  it('gives the Campaign select the whole row on a 360 px phone, and the page no sideways scroll', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${running.baseUrl}/tab/`);
    await count(page).filter({ hasText: '4 recordings' }).waitFor();
    await select(page, 'Campaign').selectOption('response-2026');
    await count(page).filter({ hasText: '2 matching recordings' }).waitFor();
    const [campaign, search] = await Promise.all([select(page, 'Campaign').boundingBox(), page.getByRole('searchbox').boundingBox()]);
    // All the room a phone has (a select cannot wrap): as wide as the search box, whose frame spans the row.
    assert.ok(campaign && search && campaign.width >= search.width - 2, `campaign ${campaign?.width} px, row ${search?.width} px`);
    const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(wider, 0, 'the page is no wider than the window');
    await page.screenshot({ path: artifactPath('tab-filters-360.png') });
  });
});
