/**
 * Benchmarks of the Recordings tab:
 * - the production bundle, gzipped, beside the floor (bench/tab-floor: a bare Fluent UI page
 *   built by the same vite config); target at most max(1.5 x floor, 250 KB);
 * - time to first render with 1,000 recordings in the store, in headless Chromium: from
 *   navigation to the first recording card and the count on screen, median of several runs.
 *
 *   npx tsx bench/tab.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { launchBrowser } from '../test/support/browser.js';
import { startApp } from '../test/support/app.js';
import { generatedCatalog, seedMany } from '../test/recordings/fixtures.js';
import { ensureTabBuilt } from '../test/tab/tab-build.js';

export interface BenchRow {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const configFile = path.join(root, 'tab', 'vite.config.ts');
const runs = 5;
const recordings = 1000;

/** Builds `pageRoot` with the tab's vite config into a scratch folder; gzip bytes of its JS and CSS. */
async function gzippedBuild(pageRoot: string): Promise<number> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'cpd-tab-bench-'));
  try {
    await build({ configFile, root: pageRoot, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const assets = path.join(outDir, 'assets');
    return readdirSync(assets)
      .filter((f) => /\.(js|css)$/.test(f))
      .reduce((sum, f) => sum + gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length, 0);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function firstRenderMs(): Promise<number[]> {
  ensureTabBuilt();
  const running = await startApp();
  const browser = await launchBrowser();
  try {
    await seedMany(running.app.db, generatedCatalog(recordings));
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i += 1) {
      const page = await browser.browser.newPage();
      const started = performance.now();
      await page.goto(`${running.baseUrl}/tab/`);
      await page.waitForFunction(
        (n) =>
          document.querySelector('article[data-recording-id]') !== null && document.querySelector('[data-testid="count"]')?.textContent === `${n} recordings`,
        recordings.toLocaleString('en-GB'),
        { polling: 'raf' },
      );
      const elapsed = performance.now() - started;
      // The first run warms the browser's cache and the database: not counted.
      if (i > 0) times.push(elapsed);
      await page.close();
    }
    return times.sort((a, b) => a - b);
  } finally {
    await browser.close();
    await running.stop();
  }
}

export async function benchTab(): Promise<{ rows: BenchRow[] }> {
  const tab = await gzippedBuild(path.join(root, 'tab'));
  const floor = await gzippedBuild(path.join(root, 'bench', 'tab-floor'));
  const limit = Math.max(1.5 * floor, 250 * 1024);
  const times = await firstRenderMs();
  const median = times[Math.floor(times.length / 2)]!;
  return {
    rows: [
      { name: 'tab bundle (gzip, JS + CSS)', value: kb(tab), target: `<= ${kb(limit)} (max of 1.5 x floor, 250 KB)`, ok: tab <= limit },
      { name: 'floor: FluentProvider + Button, same build', value: kb(floor) },
      {
        name: `tab first render, ${recordings.toLocaleString('en-GB')} recordings (median of ${runs})`,
        value: `${median.toFixed(0)} ms`,
        target: '< 2000 ms',
        ok: median < 2000,
      },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows } = await benchTab();
  for (const r of rows) console.log(`${r.name}: ${r.value}${r.target ? ` (target ${r.target}: ${r.ok ? 'ok' : 'MISSED'})` : ''}`);
  process.exit(0);
}
