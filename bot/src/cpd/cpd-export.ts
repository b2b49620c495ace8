/**
 * The CPD record as files an officer takes away: a CSV of every entry (for their own
 * spreadsheet or their force's learning system) and a one-page PDF summary to attach to their
 * performance and development review.
 *
 * The PDF is made with PDFKit: actively maintained, no native parts, and it measures and wraps
 * text itself, which a page that must hold as many entries as fit, and no more, needs. It uses
 * the PDF standard font Helvetica, which every reader has, so the file stays small and embeds
 * nothing; that font's character set is Windows-1252, so a letter outside it is written without
 * its accent (Welsh ŵ as w) and anything else as "?". The CSV carries the exact text.
 */
import PDFDocument from 'pdfkit';
import { csvDocument } from '../organise/csv.js';
import type { CpdEntry, CpdTotals } from './cpd-record.js';
import { dayText, decimalHours, durationText, isoDay, kindText, shortDayText } from './format.js';

export const CSV_HEADER = ['Date', 'Session', 'Week of action', 'Activity', 'Minutes', 'Hours', 'Reflection'] as const;

/** UTF-8 with a byte-order mark, formulas defused (organise/csv.ts); newest first, as the record lists them. */
export function cpdCsv(entries: readonly CpdEntry[]): string {
  return csvDocument(
    CSV_HEADER,
    entries.map((e) => [
      isoDay(e.occurredAt),
      e.title,
      e.campaignTitle ?? '',
      kindText(e.kind),
      String(e.minutes),
      decimalHours(e.minutes),
      e.reflection ?? '',
    ]),
  );
}

/** "cpd-record-2026-05-20.csv": the day it was made, in UK time. */
export function exportFileName(now: Date, extension: 'csv' | 'pdf'): string {
  return `cpd-record-${isoDay(now)}.${extension}`;
}

export interface PdfSummary {
  /** The officer's name as the app knows it, if it does. */
  name: string | null;
  entries: readonly CpdEntry[];
  totals: CpdTotals;
  now: Date;
}

const MARGIN = 50;
const INK = '#1b1b1b';
const MUTED = '#555555';
const RULE = '#c8c8c8';
/** Police-blue, as the app's accent colour. */
const ACCENT = '#0b3d91';
const REFLECTION_CHARS = 240;

/** One A4 page: who, when, the totals, then the newest entries that fit, and how many more there are. */
export async function cpdPdf(summary: PdfSummary): Promise<Buffer> {
  const { entries, totals, now } = summary;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: 'CPD record',
      Author: pdfText(summary.name ?? 'Officer'),
      Subject: 'Continuing professional development record',
      Creator: 'College of Policing CPD weeks of action',
      CreationDate: now,
    },
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
  });
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;

  doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(20).text('CPD record', MARGIN, MARGIN);
  doc
    .moveDown(0.2)
    .fillColor(INK)
    .font('Helvetica')
    .fontSize(12)
    .text(pdfText(summary.name ?? 'Officer'));
  doc
    .moveDown(0.2)
    .fillColor(MUTED)
    .fontSize(9)
    .text(`Produced on ${dayText(now)} from the College of Policing CPD weeks of action app. Dates are UK time.`);

  // The totals, in a tinted band.
  const bandTop = doc.y + 12;
  const bandHeight = 54;
  doc.rect(MARGIN, bandTop, width, bandHeight).fill('#eef2f9');
  const third = width / 3;
  const fact = (i: number, label: string, value: string) => {
    const x = MARGIN + 12 + i * third;
    doc
      .fillColor(MUTED)
      .font('Helvetica')
      .fontSize(9)
      .text(label, x, bandTop + 10, { width: third - 18 });
    doc
      .fillColor(INK)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(value, x, bandTop + 25, { width: third - 18 });
  };
  fact(0, `This year (${totals.year})`, durationText(totals.thisYearMinutes));
  fact(1, 'Last 12 months', durationText(totals.last12MonthsMinutes));
  fact(2, 'Entries in the record', entries.length.toLocaleString('en-GB'));

  // The entries: date, session (with its reflection under it), activity, time.
  const columns = { date: MARGIN, session: MARGIN + 96, activity: MARGIN + width - 160, minutes: MARGIN + width - 52 };
  const widths = { date: 90, session: columns.activity - columns.session - 12, activity: 100, minutes: 52 };
  let y = bandTop + bandHeight + 22;
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(12).text('Sessions', MARGIN, y);
  y = doc.y + 6;
  if (entries.length === 0) {
    doc.fillColor(MUTED).font('Helvetica').fontSize(10).text('Nothing in the record yet.', MARGIN, y, { width });
  } else {
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED);
    doc.text('DATE', columns.date, y).text('SESSION', columns.session, y).text('ACTIVITY', columns.activity, y);
    doc.text('MINUTES', columns.minutes, y, { width: widths.minutes, align: 'right' });
    y = doc.y + 4;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .lineWidth(0.75)
      .strokeColor(RULE)
      .stroke();
    y += 6;
    // Room kept at the foot for the "and N more" line and the footer.
    const floor = bottom - 44;
    let shown = 0;
    for (const entry of entries) {
      const title = pdfText(entry.title);
      const reflection = entry.reflection ? pdfText(excerpt(entry.reflection, REFLECTION_CHARS)) : '';
      const day = shortDayText(entry.occurredAt);
      const kind = kindText(entry.kind);
      doc.font('Helvetica-Bold').fontSize(10);
      const titleHeight = doc.heightOfString(title, { width: widths.session });
      doc.font('Helvetica').fontSize(10);
      const sideHeight = Math.max(doc.heightOfString(day, { width: widths.date }), doc.heightOfString(kind, { width: widths.activity }));
      doc.font('Helvetica-Oblique').fontSize(9);
      const reflectionHeight = reflection ? doc.heightOfString(reflection, { width: widths.session }) + 2 : 0;
      const height = Math.max(titleHeight + reflectionHeight, sideHeight) + 8;
      if (y + height > floor) break;
      doc.fillColor(INK).font('Helvetica').fontSize(10).text(day, columns.date, y, { width: widths.date });
      doc.text(kind, columns.activity, y, { width: widths.activity });
      doc.text(entry.minutes.toLocaleString('en-GB'), columns.minutes, y, { width: widths.minutes, align: 'right' });
      doc.font('Helvetica-Bold').text(title, columns.session, y, { width: widths.session });
      if (reflection)
        doc
          .fillColor(MUTED)
          .font('Helvetica-Oblique')
          .fontSize(9)
          .text(reflection, columns.session, y + titleHeight + 2, { width: widths.session });
      y += height;
      doc
        .moveTo(MARGIN, y - 4)
        .lineTo(MARGIN + width, y - 4)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      shown += 1;
    }
    const rest = entries.length - shown;
    if (rest > 0) {
      doc
        .fillColor(MUTED)
        .font('Helvetica')
        .fontSize(9)
        .text(
          `And ${rest.toLocaleString('en-GB')} earlier ${rest === 1 ? 'entry' : 'entries'}: the CSV download lists every entry with its full reflection.`,
          MARGIN,
          y + 2,
          {
            width,
          },
        );
    }
  }

  doc
    .fillColor(MUTED)
    .font('Helvetica')
    .fontSize(8)
    .text(
      'A session attended counts for its scheduled length; a recording watched for the recording\u2019s length. Reflections are the officer\u2019s own notes.',
      MARGIN,
      bottom - 20,
      { width, lineBreak: true, height: 24 },
    );
  doc.end();
  return done;
}

/** The document's bytes, once PDFKit has written them all. */
function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The start of a reflection, on one line, cut at a word. */
function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}\u2026`;
}

/** Windows-1252's characters above Latin-1's: the rest of what Helvetica can draw. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the standard font can draw: letters outside its set lose their accents, anything else becomes "?". */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (drawable(ch)) out += ch;
    else if (/\s/.test(ch)) out += ' ';
    // An emoji (and the joiners and variation selectors that build one) has no letter to stand for it.
    else if (emojiPart(ch)) continue;
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare && [...bare].every(drawable) ? bare : '?';
    }
  }
  return out.replace(/ {2,}/g, ' ');
}

/** A pictograph, a skin tone, or the joiner and variation selectors that build an emoji from them. */
function emojiPart(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return /\p{Extended_Pictographic}/u.test(ch) || code === 0x200d || code === 0xfe0e || code === 0xfe0f || (code >= 0x1f3fb && code <= 0x1f3ff);
}

function drawable(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}
