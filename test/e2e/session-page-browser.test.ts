/// <reference lib="dom" />
/**
 * A session's page (/sessions/<id>, the address a shared session link carries) in headless
 * Chromium: no WCAG 2.2 A/AA problem axe can find, in the light and the dark colour scheme, and
 * readable on a phone (nothing wider than a 360 px screen). Screenshots in test-results/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app.js';
import { artifactPath, launchBrowser } from '../support/browser.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every WCAG 2.x A/AA violation axe finds in the page, whatever its impact. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() => (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }))) as {
    violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
  };
  return result.violations.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe("a session's page in a browser", function () {
  this.timeout(60_000);
  let running: RunningApp;
  let browser: { browser: BrowserContext; close(): Promise<void> };

  before(async () => {
    running = await startApp({ now: '2026-04-13T09:00:00+01:00' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  for (const [name, pathname, heading] of [
    ['a session', '/sessions/np-2026-facial-recognition', 'Faces in our communities'],
    ['an unknown session', '/sessions/no-such-session', "We couldn't find that session"],
  ] as const) {
    it(`${name}: no accessibility problem in either colour scheme, and nothing wider than a 360 px phone`, async () => {
      const page = await browser.browser.newPage();
      try {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await page.setViewportSize({ width: 360, height: 800 });
          const response = await page.goto(`${running.baseUrl}${pathname}`);
          assert.equal(response?.headers()['content-type'], 'text/html; charset=utf-8');
          assert.match(await page.locator('h1').innerText(), new RegExp(heading));
          assert.deepEqual(await violations(page), [], `${colorScheme} scheme`);
          const widest = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(widest <= 360, `${colorScheme}: the page is ${widest} px wide on a 360 px screen`);
          if (name === 'a session') await page.screenshot({ path: artifactPath(`session-page-${colorScheme}.png`), fullPage: true });
        }
      } finally {
        await page.close();
      }
    });
  }
});
