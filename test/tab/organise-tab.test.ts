/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { startApp, type RunningApp } from '../support/app.js';
import { ensureTabBuilt } from './tab-build.js';
import { teamsHostPage } from './teams-host-page.js';
import { seriousViolations } from './axe.js';

const badCatalog = 'test/fixtures/catalogs/bad-catalog.yaml';

/** The session block `id` of a catalog's YAML, with other start and end times. */
function withTimes(yaml: string, id: string, starts: string, ends: string): string {
  return editSession(yaml, id, (block) => block.replace(/(\n\s+starts: ).*/, `$1${starts}`).replace(/(\n\s+ends: ).*/, `$1${ends}`));
}

function withCapacity(yaml: string, id: string, capacity: number): string {
  return editSession(yaml, id, (block) => block.replace(/(\n\s+capacity: ).*/, `$1${capacity}`));
}

function editSession(yaml: string, id: string, edit: (block: string) => string): string {
  const start = yaml.indexOf(`- id: ${id}\n`);
  assert.ok(start >= 0, `no session ${id} in the catalog`);
  const next = yaml.indexOf('\n  - id: ', start + 1);
  const end = next < 0 ? yaml.length : next;
  const changed = edit(yaml.slice(start, end));
  assert.notEqual(changed, yaml.slice(start, end), `session ${id} was not changed`);
  return yaml.slice(0, start) + changed + yaml.slice(end);
}

const officer = (n: number, name: string, email: string) => ({ aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name, email });

describe('the Organise view in Chromium', function () {
  this.timeout(120_000);
  let running: RunningApp;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  let page: Page;

  const api = async (path: string, init?: RequestInit) => fetch(`${running.baseUrl}${path}`, init);
  const json = async <T = any>(path: string): Promise<T> => {
    const response = await api(path);
    assert.equal(response.status, 200, `${path} answered ${response.status}: ${await response.clone().text()}`);
    return response.json() as Promise<T>;
  };
  const currentYaml = async () => (await api('/api/organiser/catalog')).text();
  const currentVersion = async () => (await json<{ current: number }>('/api/organiser/versions')).current;
  const publishYaml = async (yaml: string) => {
    const response = await api('/api/organiser/catalog', { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: yaml });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json() as Promise<{ version: number }>;
  };

  const openOrganise = async (target: Page, query = '') => {
    await target.goto(`${running.baseUrl}/tab/?view=organise${query}`);
    await target.getByRole('heading', { level: 1, name: 'Organise' }).waitFor();
  };
  const section = (target: Page, name: string) => target.getByRole('tabpanel', { name });
  const openSection = async (target: Page, name: 'Publish' | 'Quick edits' | 'Registrations' | 'History') => {
    await target.getByRole('tablist', { name: 'Organise' }).getByRole('tab', { name }).click();
    await section(target, name).waitFor();
    // Off the tab: a screenshot shows the section, not the tab's hover colour.
    await target.mouse.move(0, 0);
    return section(target, name);
  };
  const chooseFile = (target: Page, name: string, text: string) =>
    target.getByTestId('catalog-file').setInputFiles({ name, mimeType: 'application/yaml', buffer: Buffer.from(text) });
  const noSidewaysScroll = async (target: Page, what: string) => {
    const widths = await target.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `${what}: scrollWidth ${widths.scroll} > clientWidth ${widths.client}`);
  };
  const groupText = (target: Locator, change: string) => target.locator(`[data-change="${change}"]`).innerText();

  before(async () => {
    ensureTabBuilt();
    // Before the weeks of action, so every session can still be booked and moved.
    running = await startApp({ now: '2026-04-01T09:00:00+01:00' });
    // A session with a waitlist: two places, three officers.
    await publishYaml(withCapacity(await currentYaml(), 'rp-2026-using-data', 2));
    const officers = [
      officer(1, 'PC Alex Morgan', 'alex.morgan@merseyside.police.uk'),
      officer(2, 'DS Priya Shah', 'priya.shah@met.police.uk'),
      officer(3, '=HYPERLINK("http://example.com")', 'formula@example.police.uk'),
    ];
    for (const o of officers) {
      assert.match((await running.app.bookings.book(o, 'rp-2026-using-data')).kind, /booked|waitlisted/);
      assert.equal((await running.app.bookings.book(o, 'np-2026-trauma-tracking')).kind, 'booked');
    }
    await running.app.db.query('update officers set organisation = $2 where aad_object_id = $1', [officers[0]!.aadObjectId, 'Merseyside Police']);
    await running.app.db.query('update officers set organisation = $2 where aad_object_id = $1', [officers[1]!.aadObjectId, 'Metropolitan Police Service']);
    ({ browser, close: closeBrowser } = await launchBrowser());
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

  it('in local mode shows Organise beside Recordings, with Recordings first; ?view=organise opens Organise', async () => {
    await page.goto(`${running.baseUrl}/tab/`);
    const views = page.getByRole('tablist', { name: 'Views' });
    await views.getByRole('tab', { name: 'Organise' }).waitFor();
    assert.equal(await views.getByRole('tab', { name: 'Recordings' }).getAttribute('aria-selected'), 'true');
    await page
      .getByTestId('count')
      .filter({ hasText: /recordings?$/ })
      .waitFor();
    assert.equal(await page.title(), 'Recordings — CPD weeks of action');
    await views.getByRole('tab', { name: 'Organise' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organise' }).waitFor();
    assert.equal(await page.title(), 'Organise — CPD weeks of action');
    assert.ok(!(await page.getByRole('heading', { level: 1, name: 'Recordings' }).isVisible()), 'only one view shows at a time');
    await views.getByRole('tab', { name: 'Recordings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recordings' }).waitFor();

    await openOrganise(page);
    assert.equal(await views.getByRole('tab', { name: 'Organise' }).getAttribute('aria-selected'), 'true');
  });

  it('for someone /api/me calls no organiser, or when /api/me fails, has no Organise switch at all', async () => {
    await page.route(/\/api\/me$/, (route) => route.fulfill({ json: { name: 'PC Alex Morgan', organiser: false } }));
    await page.goto(`${running.baseUrl}/tab/?view=organise`);
    await page
      .getByTestId('count')
      .filter({ hasText: /recordings?$/ })
      .waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByRole('tab', { name: 'Organise' }).count(), 0);
    // Every officer switches between Recordings and their own CPD record; nothing more.
    assert.deepEqual(await page.getByRole('navigation', { name: 'Views' }).getByRole('tab').allInnerTexts(), ['Recordings', 'My CPD']);
    assert.equal(await page.getByRole('heading', { name: 'Organise' }).count(), 0);
    await page.screenshot({ path: artifactPath('organise-not-organiser.png') });

    await page.unroute(/\/api\/me$/);
    await page.route(/\/api\/me$/, (route) => route.fulfill({ status: 500, json: { error: 'internal', message: 'x' } }));
    await page.goto(`${running.baseUrl}/tab/`);
    await page
      .getByTestId('count')
      .filter({ hasText: /recordings?$/ })
      .waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByRole('tab', { name: 'Organise' }).count(), 0);
  });

  it('Publish: a file with problems lists every one by line and column, and publishes nothing', async () => {
    const before = await currentVersion();
    await openOrganise(page);
    const checked = page.waitForResponse((r) => r.url().includes('/api/organiser/catalog?dryRun=true'));
    await page.getByTestId('catalog-file').setInputFiles(badCatalog);
    const response = await checked;
    assert.equal(response.status(), 422);
    const { problems } = (await response.json()) as { problems: Array<{ line: number; column: number; message: string }> };
    assert.ok(problems.length >= 3, `the bad file has at least three problems: ${JSON.stringify(problems)}`);

    const list = page.getByTestId('problems');
    await list.waitFor();
    assert.match(await list.innerText(), new RegExp(`bad-catalog\\.yaml has ${problems.length} problems`));
    const items = list.locator('li');
    assert.equal(await items.count(), problems.length);
    for (const [i, p] of problems.entries()) {
      const text = await items.nth(i).innerText();
      if (p.line > 0) assert.ok(text.includes(`Line ${p.line}, column ${p.column}`), `problem ${i} lacks its place: ${text}`);
      assert.ok(text.includes(p.message), `problem ${i} lacks its message: ${text}`);
    }
    assert.match(await list.innerText(), /response-weak/);
    assert.equal(await page.getByRole('button', { name: 'Publish', exact: true }).count(), 0, 'nothing to publish');
    await page.screenshot({ path: artifactPath('organise-publish-problems.png'), fullPage: true });
    assert.equal(await currentVersion(), before);
  });

  it('Publish: a changed file (dropped in) previews the rescheduled session and who it affects, then publishes it as a new version', async () => {
    const before = await currentVersion();
    const yaml = withTimes(await currentYaml(), 'np-2026-trauma-tracking', '2026-06-18T10:00', '2026-06-18T11:00');
    await openOrganise(page);
    // Dragged in from the desktop.
    const data = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'catalog-june.yaml', { type: 'application/yaml' }));
      return transfer;
    }, yaml);
    await page.getByTestId('drop-zone').dispatchEvent('dragenter', { dataTransfer: data });
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: data });

    const preview = page.getByTestId('preview');
    await preview.waitFor();
    assert.match(await preview.innerText(), new RegExp(`Checked against version ${before}\\b`));
    const rescheduled = await groupText(preview, 'rescheduled');
    for (const text of [
      'Rescheduled (1)',
      'Supporting officer welfare',
      'Fri, 19 Jun 2026, 10:00–11:00',
      'Thu, 18 Jun 2026, 10:00–11:00',
      '3 booked, 0 waiting',
    ]) {
      assert.ok(rescheduled.includes(text), `the preview lacks ${text}:\n${rescheduled}`);
    }
    assert.equal(await preview.locator('[data-change]').count(), 1, 'nothing else changes');
    assert.equal(await currentVersion(), before, 'a preview publishes nothing');
    await page.screenshot({ path: artifactPath('organise-publish-preview.png'), fullPage: true });

    await preview.getByRole('button', { name: 'Publish', exact: true }).click();
    const published = page.getByTestId('published');
    await published.getByText(`Published version ${before + 1}.`).waitFor();
    assert.match(await published.innerText(), /rescheduled/i);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'published', 'focus moves to the outcome');
    await page.screenshot({ path: artifactPath('organise-published.png'), fullPage: true });

    const response = await api('/api/organiser/catalog');
    assert.equal(response.headers.get('x-catalog-version'), String(before + 1));
    assert.equal(await response.text(), yaml);
  });

  it('Publish: when someone else publishes first, says so, previews again against their version, then publishes', async () => {
    const base = await currentYaml();
    const mine = withCapacity(base, 'rp-2026-unplanned-protests', 350);
    await openOrganise(page);
    await chooseFile(page, 'mine.yaml', mine);
    await page.getByTestId('preview').waitFor();
    const theirs = await publishYaml(withCapacity(base, 'rp-2026-dangerous-dogs', 320));

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Someone else published first.').waitFor();
    const preview = page.getByTestId('preview');
    await preview.getByText(`Checked against version ${theirs.version},`).waitFor();
    // Against their version, mine also takes back their change.
    assert.match(await groupText(preview, 'capacity-up'), /Unplanned protests/i);
    assert.match(await groupText(preview, 'capacity-down'), /dangerous dogs/i);
    await page.screenshot({ path: artifactPath('organise-publish-conflict.png'), fullPage: true });
    await preview.getByRole('button', { name: 'Publish', exact: true }).click();
    await page
      .getByTestId('published')
      .getByText(`Published version ${theirs.version + 1}.`)
      .waitFor();
    assert.equal(await currentYaml(), mine);
  });

  it('Quick edits: moving a session previews the new time in UK time and publishes it', async () => {
    const before = await currentVersion();
    await openOrganise(page);
    const edits = await openSection(page, 'Quick edits');
    await edits.getByLabel('Session', { exact: true }).selectOption('rp-2026-future-of-response');
    await edits.getByTestId('session-facts').getByText('Mon, 20 Apr 2026, 14:00–14:45').waitFor();
    await edits.getByRole('radio', { name: 'Move' }).check();
    assert.equal(await edits.getByLabel('Date').inputValue(), '2026-04-20', 'the form starts from the session as it is');
    assert.equal(await edits.getByLabel('Starts (UK time)').inputValue(), '14:00');
    await edits.getByLabel('Starts (UK time)').fill('15:30');
    await edits.getByLabel('Ends (UK time)').fill('16:15');
    await edits.getByRole('button', { name: 'Preview change' }).click();

    const preview = edits.getByTestId('preview');
    await preview.waitFor();
    const rescheduled = await groupText(preview, 'rescheduled');
    for (const text of ['The future for response policing', 'Mon, 20 Apr 2026, 14:00–14:45', 'Mon, 20 Apr 2026, 15:30–16:15']) {
      assert.ok(rescheduled.includes(text), `the preview lacks ${text}:\n${rescheduled}`);
    }
    await page.screenshot({ path: artifactPath('organise-edit-preview.png'), fullPage: true });
    await preview.getByRole('button', { name: 'Publish', exact: true }).click();
    await edits
      .getByTestId('published')
      .getByText(`Published version ${before + 1}.`)
      .waitFor();

    const { sessions } = await json<{ sessions: Array<{ id: string; startsAt: string; endsAt: string }> }>('/api/organiser/sessions');
    const moved = sessions.find((s) => s.id === 'rp-2026-future-of-response')!;
    assert.deepEqual([moved.startsAt, moved.endsAt], ['2026-04-20T14:30:00.000Z', '2026-04-20T15:15:00.000Z']);
    const versions = await json<{ versions: Array<{ version: number; source: string }> }>('/api/organiser/versions');
    assert.equal(versions.versions[0]!.source, 'edit');
    // The next change starts from the session as it is now.
    await edits.getByRole('button', { name: 'Make another change' }).click();
    await edits.getByTestId('session-facts').getByText('Mon, 20 Apr 2026, 15:30–16:15').waitFor();
  });

  it('Quick edits: says what is missing before asking, and shows the problems the server finds beside their fields', async () => {
    await openOrganise(page);
    const edits = await openSection(page, 'Quick edits');
    await edits.getByLabel('Session', { exact: true }).selectOption('rp-2026-dangerous-dogs');
    await edits.getByRole('radio', { name: 'Cancel session' }).check();
    let asked = 0;
    page.on('request', (r) => void (r.url().includes('/api/organiser/edits') && (asked += 1)));
    await edits.getByRole('button', { name: 'Preview change' }).click();
    await edits.getByText('Write the message the officers get').waitFor();
    assert.equal(asked, 0, 'an empty message is not sent');

    await edits.getByRole('radio', { name: 'Post a recording' }).check();
    await edits.getByLabel('Knowledge Hub link').fill('http://knowledgehub.group/web/response-policing');
    await edits.getByLabel('Length in minutes').fill('41');
    await edits.getByRole('button', { name: 'Preview change' }).click();
    await edits.getByText('Nothing was published.').waitFor();
    const link = edits.getByRole('textbox', { name: 'Knowledge Hub link' });
    assert.equal(await link.getAttribute('aria-invalid'), 'true', 'the link field is marked');
    const described = await link.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    assert.match(described, /https/i, `the field's own message says what is wrong: ${described}`);
    await page.screenshot({ path: artifactPath('organise-edit-invalid.png'), fullPage: true });
  });

  it('Registrations: lists every session against its places, shows a session’s officers and downloads the CSVs', async () => {
    await openOrganise(page);
    const registrations = await openSection(page, 'Registrations');
    const table = registrations.getByTestId('sessions-table');
    await table.waitFor();
    const { sessions } = await json<{ sessions: Array<{ id: string }> }>('/api/organiser/sessions');
    assert.equal(await table.locator('tbody tr').count(), sessions.length);
    const data = table.locator('tr[data-session-id="rp-2026-using-data"]');
    assert.match(await data.innerText(), /2 of 2[\s\S]*Full, 1 waiting/);

    await data.getByRole('button').click();
    const officers = registrations.getByTestId('officers-table');
    await officers.waitFor();
    const rows = await officers.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /PC Alex Morgan\s+alex\.morgan@merseyside\.police\.uk\s+Merseyside Police\s+\w{3}, \d{1,2} \w{3} \d{4}, \d\d:\d\d\s+Booked/);
    assert.match(rows[2]!, /Waiting, no\. 1/);
    await page.screenshot({ path: artifactPath('organise-registrations.png'), fullPage: true });

    const [one] = await Promise.all([page.waitForEvent('download'), registrations.getByRole('button', { name: 'Download CSV (this session)' }).click()]);
    const oneCsv = readFileSync((await one.path())!, 'utf8');
    assert.ok(one.suggestedFilename().endsWith('.csv'), one.suggestedFilename());
    assert.ok(oneCsv.startsWith('\ufeff'), 'a BOM, so Excel reads it as UTF-8');
    const [header, ...lines] = oneCsv.slice(1).trim().split(/\r?\n/);
    assert.equal(header, 'Session ID,Session,Starts (UK time),Name,Email,Organisation,State,Waitlist position,Booked at (UK time)');
    assert.equal(lines.length, 3);
    assert.ok(
      lines.every((l) => l.startsWith('rp-2026-using-data,')),
      lines.join('\n'),
    );
    assert.ok(oneCsv.includes(`'=HYPERLINK`), 'a formula is not left for a spreadsheet to run');

    const [all] = await Promise.all([page.waitForEvent('download'), registrations.getByRole('button', { name: 'Download CSV (all sessions)' }).click()]);
    const allCsv = readFileSync((await all.path())!, 'utf8');
    assert.ok(allCsv.startsWith('\ufeffSession ID,Session,'));
    assert.ok(allCsv.includes('np-2026-trauma-tracking,') && allCsv.includes('rp-2026-using-data,'));
    assert.notEqual(all.suggestedFilename(), one.suggestedFilename());
  });

  it('History: lists every version, newest first, the current one marked, and downloads a version’s YAML', async () => {
    const { current, versions } = await json<{ current: number; versions: Array<{ version: number; source: string }> }>('/api/organiser/versions');
    await openOrganise(page);
    const history = await openSection(page, 'History');
    const list = history.getByTestId('versions');
    await list.waitFor();
    const items = list.locator(':scope > li');
    assert.equal(await items.count(), versions.length);
    assert.deepEqual(
      await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-version')))),
      versions.map((v) => v.version),
    );
    const first = await items.first().innerText();
    assert.match(first, new RegExp(`Version ${current}\\s+Current`));
    assert.match(first, /Quick edit/);
    assert.equal(await list.locator('[aria-current]').count(), 1);
    assert.match(await items.last().innerText(), /The server's catalog file/);
    await page.screenshot({ path: artifactPath('organise-history.png'), fullPage: true });

    const [latest] = await Promise.all([page.waitForEvent('download'), history.getByRole('button', { name: 'Download current YAML' }).click()]);
    assert.equal(readFileSync((await latest.path())!, 'utf8'), await currentYaml());
    assert.equal(latest.suggestedFilename(), `catalog-v${current}.yaml`);
    const [first1] = await Promise.all([page.waitForEvent('download'), history.getByRole('button', { name: 'Download YAML, version 1' }).click()]);
    assert.equal(readFileSync((await first1.path())!, 'utf8'), readFileSync('bot/catalog/demo-catalog.yaml', 'utf8'));
  });

  it('is usable from the keyboard: the view switch, the sections and the file chooser', async () => {
    // Listening from the start: Playwright turns on catching the file chooser asynchronously, and
    // a key press is quicker than that.
    const chooser = page.waitForEvent('filechooser');
    await page.goto(`${running.baseUrl}/tab/`);
    await page
      .getByTestId('count')
      .filter({ hasText: /recordings?$/ })
      .waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Recordings');
    // Organise is the last view (after My CPD).
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Organise');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Organise' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Publish');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Choose a YAML file');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(badCatalog);
    await page.getByTestId('problems').waitFor();
  });

  for (const theme of ['default', 'dark', 'contrast']) {
    it(`has no serious or critical accessibility violation in any section in the ${theme} theme`, async () => {
      await openOrganise(page, `&theme=${theme}`);
      const shot = async (name: string) => theme !== 'default' && page.screenshot({ path: artifactPath(`organise-${theme}-${name}.png`), fullPage: true });
      await chooseFile(page, 'bad.yaml', readFileSync(badCatalog, 'utf8'));
      await page.getByTestId('problems').waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'publish, problems');
      await chooseFile(page, 'good.yaml', withTimes(await currentYaml(), 'rp-2026-crisis-intervention', '2026-04-21T15:00', '2026-04-21T15:45'));
      await page.getByTestId('preview').waitFor();
      await page.mouse.move(0, 0);
      assert.deepEqual(await seriousViolations(page), [], 'publish, preview');
      await shot('publish');

      const edits = await openSection(page, 'Quick edits');
      await edits.getByLabel('Session', { exact: true }).selectOption('rp-2026-crisis-intervention');
      await edits.getByRole('radio', { name: 'Change capacity' }).check();
      await edits.getByLabel('Places').fill('280');
      await edits.getByRole('button', { name: 'Preview change' }).click();
      await edits.getByTestId('preview').waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'quick edits, preview');
      await shot('edits');

      const registrations = await openSection(page, 'Registrations');
      await registrations.locator('tr[data-session-id="rp-2026-using-data"]').getByRole('button').click();
      await registrations.getByTestId('officers-table').waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'registrations');
      await shot('registrations');

      const history = await openSection(page, 'History');
      await history.getByTestId('versions').waitFor();
      assert.deepEqual(await seriousViolations(page), [], 'history');
      await shot('history');
    });
  }

  it('fits a 320 px wide phone in every section with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 320, height: 720 });
    await openOrganise(page);
    await chooseFile(page, 'good.yaml', withTimes(await currentYaml(), 'rp-2026-crisis-intervention', '2026-04-21T15:00', '2026-04-21T15:45'));
    await page.getByTestId('preview').waitFor();
    await noSidewaysScroll(page, 'publish');
    await page.screenshot({ path: artifactPath('organise-mobile-publish.png'), fullPage: true });

    const edits = await openSection(page, 'Quick edits');
    await edits.getByLabel('Session', { exact: true }).selectOption('rp-2026-crisis-intervention');
    await edits.getByRole('radio', { name: 'Post a recording' }).check();
    await noSidewaysScroll(page, 'quick edits');
    await page.screenshot({ path: artifactPath('organise-mobile-edits.png'), fullPage: true });

    const registrations = await openSection(page, 'Registrations');
    await registrations.locator('tr[data-session-id="rp-2026-using-data"]').getByRole('button').click();
    await registrations.getByTestId('officers-table').waitFor();
    await noSidewaysScroll(page, 'registrations');
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('organise-mobile-registrations.png'), fullPage: true });

    const history = await openSection(page, 'History');
    await history.getByTestId('versions').waitFor();
    await noSidewaysScroll(page, 'history');
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: artifactPath('organise-mobile-history.png'), fullPage: true });
  });

  it('inside Teams: the organise sub-page link opens Organise, and every call and download carries the SSO token', async () => {
    const authorizations: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/(me|organiser\/)/.test(request.url())) authorizations.push(`${new URL(request.url()).pathname} ${request.headers().authorization ?? ''}`);
    });
    await page.route(`${running.baseUrl}/teams-host.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: teamsHostPage({ tabPath: '/tab/', theme: 'dark', subPageId: 'organise', token: 'sso-token-from-teams' }),
      }),
    );
    await page.goto(`${running.baseUrl}/teams-host.html`);
    const tab = page.frameLocator('#tab');
    await tab.getByRole('heading', { level: 1, name: 'Organise' }).waitFor();
    await tab.getByRole('tab', { name: 'Registrations' }).click();
    await tab.getByTestId('sessions-table').waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), tab.getByRole('button', { name: 'Download CSV (all sessions)' }).click()]);
    assert.ok(readFileSync((await csv.path())!, 'utf8').startsWith('\ufeffSession ID'));
    await page.screenshot({ path: artifactPath('organise-teams-dark.png') });
    const paths = authorizations.map((a) => a.split(' ')[0]);
    for (const path of ['/api/me', '/api/organiser/sessions', '/api/organiser/registrations.csv'])
      assert.ok(paths.includes(path), `${path} was not called: ${paths.join(', ')}`);
    assert.ok(
      authorizations.every((a) => a.endsWith(' Bearer sso-token-from-teams')),
      authorizations.join('\n'),
    );
  });
});
