/**
 * Rasterises manifest/color.svg and manifest/outline.svg into the PNGs the app package needs,
 * with the project's headless Chromium. Run after changing an SVG: `npx tsx scripts/render-icons.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { launchBrowser } from '../test/support/browser.js';

const manifestDir = path.resolve('manifest');
const icons = [
  { svg: 'color.svg', png: 'color.png', size: 192, outline: false },
  { svg: 'outline.svg', png: 'outline.png', size: 32, outline: true },
];

const { browser, close } = await launchBrowser();
try {
  const page = await browser.newPage();
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const svg = readFileSync(path.join(manifestDir, icon.svg), 'utf8');
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const shot = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
    const png = PNG.sync.read(shot);
    if (icon.outline) {
      // Anti-aliased edges come back as off-white; Teams wants pure white at any opacity.
      for (let i = 0; i < png.data.length; i += 4) {
        if (png.data[i + 3] === 0) png.data.fill(0, i, i + 3);
        else png.data.fill(255, i, i + 3);
      }
    }
    writeFileSync(path.join(manifestDir, icon.png), PNG.sync.write(png, { colorType: 6 }));
    process.stdout.write(`manifest/${icon.png} ${icon.size}x${icon.size}\n`);
  }
} finally {
  await close();
}
