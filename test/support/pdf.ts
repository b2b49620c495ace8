/**
 * Reading a PDF the app made the way a reader would: Mozilla's PDF.js (pdfjs-dist) gives each
 * page's text, in reading order, and draws a page to PNG (on the canvas PDF.js brings for Node)
 * so a test can save what the officer will see.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
/** The standard fonts' data (Helvetica and the rest): PDF.js needs it to draw text it was not given. */
const standardFontDataUrl = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function open(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, verbosity: 0 }).promise;
}

export interface PdfText {
  pages: number;
  /** Each page's text, a line per row of text as PDF.js finds them. */
  lines: string[][];
  info: Record<string, unknown>;
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const doc = await open(bytes);
  const lines: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const rows = new Map<number, Array<{ x: number; text: string }>>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const y = Math.round(item.transform[5]);
      const row = rows.get(y) ?? [];
      row.push({ x: item.transform[4], text: item.str });
      rows.set(y, row);
    }
    lines.push(
      [...rows.entries()]
        .sort(([a], [b]) => b - a)
        .map(([, row]) =>
          row
            .sort((a, b) => a.x - b.x)
            .map((r) => r.text)
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
    );
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages: lines.length, lines, info: info as Record<string, unknown> };
}

/** Draws page 1 at `scale` and writes it as a PNG. */
export async function renderPdfPage(bytes: Uint8Array, file: string, scale = 1.5): Promise<void> {
  const doc = await open(bytes);
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale });
  const factory = doc.canvasFactory as { create(width: number, height: number): { canvas: { toBuffer(type: string): Buffer }; context: unknown } };
  const { canvas, context } = factory.create(viewport.width, viewport.height);
  await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
  writeFileSync(file, canvas.toBuffer('image/png'));
  await doc.destroy();
}
