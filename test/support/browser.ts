/**
 * Headless Debian Chromium driven by playwright-core, with the flags that keep it off the
 * network (this machine has none, and Chromium would otherwise keep trying).
 */
import { mkdtempSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const artifactsDir = path.resolve('test-results');

export async function launchBrowser(): Promise<{ browser: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'cpd-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // Nothing leaves the machine: fonts and other CDN requests are answered empty at once.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.fulfill({ status: 204, body: '' }));
  return { browser: context, close: () => context.close() };
}

/** Where a test saves a screenshot for people to look at (ignored by git). */
export function artifactPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, name);
}

export type { Browser };
