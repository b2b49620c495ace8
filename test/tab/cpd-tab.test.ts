/// <reference lib="dom" />
/**
 * The My CPD view in headless Chromium against the running app: the officer's record with its
 * totals, reflections added and edited in place (refused ones keep the text), the CSV and PDF
 * downloads, axe-clean in every theme, a 320 px phone, and inside Teams with a real SSO token.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { stringify } from 'yaml';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { startApp, type RunningApp } from '../support/app.js';
import { pdfText } from '../support/pdf.js';
import { appIdUri, clientId, goodClaims, startLocalJwks, tenant, type LocalJwks } from '../auth/local-jwks.js';
import { ensureTabBuilt } from './tab-build.js';
import { teamsHostPage } from './teams-host-page.js';
import { seriousViolations } from './axe.js';

// The Agents Playground's user (.m365agentsplayground.yml), as `npm run dev` opens the view for them.
const alex = '3c9e6b1a-7d24-4f58-b0e3-5a1d2c8f9e01';
const priya = '3c9e6b1a-7d24-4f58-b0e3-5a1d2c8f9e02';
const newcomer = '3c9e6b1a-7d24-4f58-b0e3-5a1d2c8f9e05';
const busy = '3c9e6b1a-7d24-4f58-b0e3-5a1d2c8f9e06';
const NOW = '2026-05-20T12:00:00+01:00';
const sessions = [
  { id: 'stalking', title: 'Stalking: spotting the pattern of behaviour early', starts: '2026-05-05T10:00', ends: '2026-05-05T11:00', campaign: 'vawg' },
  { id: 'coercive', title: 'Coercive control: evidence-led prosecutions', starts: '2026-05-06T14:00', ends: '2026-05-06T15:30', campaign: 'vawg' },
  { id: 'dogs', title: 'Dangerous dogs: seizure and kennelling', starts: '2026-05-07T10:00', ends: '2026-05-07T10:45' },
  { id: 'custody', title: 'Custody: detainee welfare and the first hour', starts: '2025-11-14T10:00', ends: '2025-11-14T12:00' },
  ...Array.from({ length: 56 }, (_, i) => ({
    id: `many-${i}`,
    title: `Roads policing, part ${i + 1}`,
    starts: `2026-0${1 + Math.floor(i / 28)}-${String((i % 28) + 1).padStart(2, '0')}T10:00`,
    ends: `2026-0${1 + Math.floor(i / 28)}-${String((i % 28) + 1).padStart(2, '0')}T10:30`,
  })),
];
const campaigns = [{ id: 'vawg', title: 'Violence against women and girls week of action', starts: '2026-05-04', ends: '2026-05-08' }];

describe('the My CPD view in Chromium', function () {
  this.timeout(120_000);
  let running: RunningApp;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  let page: Page;
  let dir: string;

  const record = (officerId: string, sessionId: string, minutes: number, kind: 'attended' | 'recording' = 'attended') =>
    running.app.cpd.record({ officerId, sessionId, kind, minutes, at: running.app.clock.now() });
  const openCpd = async (target: Page, officer: string, query = '') => {
    await target.goto(`${running.baseUrl}/tab/?view=cpd&officer=${officer}${query}`);
    await target.getByRole('heading', { level: 1, name: 'My CPD' }).waitFor();
  };
  const entries = (target: Page) => target.getByTestId('cpd-entries').locator('article');

  before(async () => {
    ensureTabBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'cpd-tab-'));
    const file = path.join(dir, 'catalog.yaml');
    writeFileSync(file, stringify({ timeZone: 'Europe/London', campaigns, sessions, recordings: [] }));
    running = await startApp({ now: NOW, env: { CATALOG_FILE: file } });
    await running.app.db.query(`insert into officers (aad_object_id, name) values ($1, 'PC Alex Morgan')`, [alex]);
    await record(alex, 'stalking', 60);
    await record(alex, 'coercive', 90);
    await record(alex, 'dogs', 45, 'recording');
    await record(alex, 'custody', 120);
    const [stalking] = await running.app.db.query<{ id: number }>(`select id from cpd_entries where officer_id = $1 and session_id = 'stalking'`, [alex]);
    await running.app.cpd.setReflection(
      alex,
      stalking!.id,
      'Log each contact as part of a pattern, not as a one-off.\nBrief the shift on the checklist on Monday.',
    );
    await record(priya, 'dogs', 45);
    for (let i = 0; i < 56; i++) await record(busy, `many-${i}`, 30);
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  after(async () => {
    await closeBrowser?.();
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    page = await browser.newPage();
    await page.setViewportSize({ width: 1024, height: 900 });
  });
  afterEach(async () => page.close());

  it('is a view beside Recordings for every officer, and ?view=cpd opens it', async () => {
    await page.route(/\/api\/me$/, (route) => route.fulfill({ json: { name: 'PC Alex Morgan', organiser: false } }));
    await page.goto(`${running.baseUrl}/tab/?officer=${alex}`);
    const views = page.getByRole('tablist', { name: 'Views' });
    await views.getByRole('tab', { name: 'My CPD' }).click();
    await page.getByRole('heading', { level: 1, name: 'My CPD' }).waitFor();
    assert.equal(await page.title(), 'My CPD — CPD weeks of action');
    assert.equal(await views.getByRole('tab', { name: 'My CPD' }).getAttribute('aria-selected'), 'true');
    await openCpd(page, alex);
    assert.equal(await views.getByRole('tab', { name: 'My CPD' }).getAttribute('aria-selected'), 'true');
  });

  it('lists the officer’s own entries newest first, with the totals, kinds and reflections', async () => {
    // As an officer sees it (in local mode everyone is also an organiser).
    await page.route(/\/api\/me$/, (route) => route.fulfill({ json: { name: 'PC Alex Morgan', organiser: false } }));
    await openCpd(page, alex);
    await entries(page).first().waitFor();
    const totals = await page.getByTestId('cpd-totals').innerText();
    for (const text of ['This year (2026)', '3 hours 15 minutes', 'Last 12 months', '5 hours 15 minutes', 'Entries in your record', '4']) {
      assert.ok(totals.includes(text), `totals lack ${text}: ${totals}`);
    }
    assert.deepEqual(await entries(page).locator('h3').allInnerTexts(), [
      'Dangerous dogs: seizure and kennelling',
      'Coercive control: evidence-led prosecutions',
      'Stalking: spotting the pattern of behaviour early',
      'Custody: detainee welfare and the first hour',
    ]);
    const first = await entries(page).nth(0).innerText();
    assert.match(first, /Wed 20 May 2026\s*·\s*45 minutes\s*Recording watched/);
    const stalking = await entries(page).nth(2).innerText();
    assert.match(stalking, /Tue 5 May 2026\s*·\s*1 hour\s*Attended/);
    assert.match(stalking, /Violence against women and girls week of action/);
    assert.match(stalking, /Log each contact as part of a pattern, not as a one-off\.\nBrief the shift/);
    assert.ok((await entries(page).nth(1).innerText()).includes('No reflection yet.'));
    assert.ok(!(await page.locator('main').innerText()).includes('Roads policing'), 'no one else’s entries');
    await page.screenshot({ path: artifactPath('cpd-tab.png'), fullPage: true });
  });

  it('shows a kind empty state to an officer with nothing yet', async () => {
    await openCpd(page, newcomer);
    const empty = page.getByTestId('cpd-empty');
    await empty.waitFor();
    assert.match(await empty.innerText(), /Nothing here yet, and that’s fine/);
    assert.match(await page.getByTestId('cpd-totals').innerText(), /This year \(2026\)\s*0 minutes/);
  });

  it('adds and edits a reflection in place; one the server refuses keeps the text, and one too long is stopped before sending', async () => {
    await openCpd(page, alex);
    const coercive = entries(page).filter({ hasText: 'Coercive control' });
    await coercive.getByRole('button', { name: 'Add a reflection' }).click();
    const box = coercive.getByRole('textbox', { name: 'Your reflection' });
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA', 'the box takes the focus');
    await box.fill('Use the timeline template.\nAsk the CPS early.');
    await coercive.getByRole('button', { name: 'Save reflection' }).click();
    await coercive.locator('blockquote').waitFor();
    assert.equal(await coercive.locator('blockquote').innerText(), 'Use the timeline template.\nAsk the CPS early.');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Edit reflection', 'focus goes back to the button');

    // A control character pasted in: the server refuses it and gives the text back without it.
    await coercive.getByRole('button', { name: 'Edit reflection' }).click();
    await box.fill('Timeline template\u0007 first.');
    await coercive.getByRole('button', { name: 'Save reflection' }).click();
    await coercive.getByText(/a character that can't be stored/).waitFor();
    assert.equal(await box.inputValue(), 'Timeline template first.');
    await page.screenshot({ path: artifactPath('cpd-tab-reflection-refused.png'), fullPage: true });

    // Over 2,000 characters: said at once, nothing sent, the text still there.
    const long = 'x'.repeat(2001);
    await box.fill(long);
    await coercive.getByText('1 character over the limit.').waitFor();
    let sent = false;
    page.on('request', (r) => void (r.method() === 'PUT' && (sent = true)));
    await coercive.getByRole('button', { name: 'Save reflection' }).click();
    await coercive.getByText(/That is 2,001 characters; a reflection can be up to 2,000/).waitFor();
    assert.equal(sent, false);
    assert.equal(await box.inputValue(), long);
    await coercive.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await coercive.locator('blockquote').innerText(), 'Use the timeline template.\nAsk the CPS early.', 'the saved note is unchanged');
    const [row] = await running.app.db.query<{ reflection: string }>(`select reflection from cpd_entries where officer_id = $1 and session_id = 'coercive'`, [
      alex,
    ]);
    assert.equal(row!.reflection, 'Use the timeline template.\nAsk the CPS early.');
  });

  it('downloads the record as a CSV with a BOM and as a one-page PDF', async () => {
    await openCpd(page, alex);
    await entries(page).first().waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.equal(csv.suggestedFilename(), 'cpd-record-2026-05-20.csv');
    const text = readFileSync((await csv.path())!, 'utf8');
    assert.ok(text.startsWith('\ufeffDate,Session,Week of action,Activity,Minutes,Hours,Reflection\r\n'));
    assert.equal(text.trim().split('\r\n').length, 5);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF summary' }).click()]);
    assert.equal(pdf.suggestedFilename(), 'cpd-record-2026-05-20.pdf');
    const { pages, lines } = await pdfText(new Uint8Array(readFileSync((await pdf.path())!)));
    assert.equal(pages, 1);
    assert.ok(lines[0]!.includes('PC Alex Morgan'));
    assert.ok(lines[0]!.some((l) => l.startsWith('Wed 20 May 2026 Dangerous dogs: seizure and kennelling Recording watched 45')));
  });

  it('shows a long record 50 at a time, the rest on "Show more"', async () => {
    await openCpd(page, busy);
    await entries(page).first().waitFor();
    assert.equal(await entries(page).count(), 50);
    await page.getByRole('button', { name: 'Show more (50 of 56 shown)' }).click();
    await entries(page).nth(55).waitFor();
    assert.equal(await page.getByRole('button', { name: /Show more/ }).count(), 0);
  });

  it('in local mode without ?officer= says how to name the record', async () => {
    await page.goto(`${running.baseUrl}/tab/?view=cpd`);
    await page.getByText("We couldn't show a CPD record.").waitFor();
    assert.match(await page.locator('main').innerText(), /add \?officer=/);
  });

  for (const theme of ['default', 'dark', 'contrast']) {
    it(`has no serious or critical accessibility violation in the ${theme} theme, reading or editing`, async () => {
      await openCpd(page, alex, `&theme=${theme}`);
      await entries(page).first().waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'the list');
      await entries(page)
        .first()
        .getByRole('button', { name: /reflection/ })
        .click();
      assert.deepEqual(await seriousViolations(page), [], 'editing a reflection');
      if (theme !== 'default') await page.screenshot({ path: artifactPath(`cpd-tab-${theme}.png`), fullPage: true });
      await openCpd(page, newcomer, `&theme=${theme}`);
      await page.getByTestId('cpd-empty').waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'the empty record');
    });
  }

  it('fits a 320 px wide phone with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 720 });
    await openCpd(page, alex);
    await entries(page).first().waitFor();
    await entries(page).nth(2).getByRole('button', { name: 'Edit reflection' }).click();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `scrollWidth ${widths.scroll} > clientWidth ${widths.client}`);
    await page.screenshot({ path: artifactPath('cpd-tab-mobile.png'), fullPage: true });
  });

  describe('inside Teams, with SSO', () => {
    let jwks: LocalJwks;
    let sso: RunningApp;
    before(async () => {
      jwks = await startLocalJwks();
      sso = await startApp({
        now: NOW,
        env: {
          CATALOG_FILE: path.join(dir, 'catalog.yaml'),
          TAB_APP_CLIENT_ID: clientId,
          TAB_APP_ID_URI: appIdUri,
          TAB_ALLOWED_TENANTS: tenant,
          TAB_AUTH_AUTHORITY_HOST: jwks.authorityHost,
        },
      });
      await sso.app.cpd.record({ officerId: alex, sessionId: 'stalking', kind: 'attended', minutes: 60, at: sso.app.clock.now() });
      await sso.app.cpd.record({ officerId: priya, sessionId: 'dogs', kind: 'attended', minutes: 45, at: sso.app.clock.now() });
    });
    after(async () => {
      await sso?.stop();
      await jwks?.stop();
    });

    it('the cpd sub-page link opens My CPD, and the record is the token’s officer, whatever the address says', async () => {
      const token = await jwks.sign(goodClaims({ oid: alex, name: 'PC Alex Morgan' }));
      const calls: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/cpd')) calls.push(request.headers().authorization ?? '');
      });
      await page.route(`${sso.baseUrl}/teams-host.html`, (route) =>
        route.fulfill({ contentType: 'text/html', body: teamsHostPage({ tabPath: `/tab/?officer=${priya}`, theme: 'dark', subPageId: 'cpd', token }) }),
      );
      await page.goto(`${sso.baseUrl}/teams-host.html`);
      const tab = page.frameLocator('#tab');
      await tab.getByRole('heading', { level: 1, name: 'My CPD' }).waitFor();
      await tab.getByTestId('cpd-entries').waitFor();
      assert.deepEqual(await tab.getByTestId('cpd-entries').locator('h3').allInnerTexts(), ['Stalking: spotting the pattern of behaviour early']);
      const [csv] = await Promise.all([page.waitForEvent('download'), tab.getByRole('button', { name: 'Download CSV' }).click()]);
      assert.match(readFileSync((await csv.path())!, 'utf8'), /Stalking/);
      assert.ok(calls.length >= 2 && calls.every((a) => a === `Bearer ${token}`), calls.join('\n'));
      await page.screenshot({ path: artifactPath('cpd-tab-teams-dark.png') });
    });
  });
});
