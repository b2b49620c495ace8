/**
 * The CPD record cards: the officer's record (totals, newest entries first, a page at a time,
 * with a way to add or edit a reflection on any entry) and the reflection card for one entry.
 */
import type { CpdEntry, CpdPage, CpdTotals } from '../../cpd/cpd-record.js';
import { dayText, durationText, kindText } from '../../cpd/format.js';
import { MAX_REFLECTION_CHARS } from '../../cpd/reflection.js';
import { truncate } from '../presentation.js';
import { VERB } from './actions.js';
import { renderCard, type AdaptiveCardJson } from './render.js';
import recordTemplate from './cpd-record.json' with { type: 'json' };
import reflectionTemplate from './cpd-reflection.json' with { type: 'json' };

/** Entries a card shows at once: ten with the longest reflections stay far under 28 KB. */
export const CPD_CARD_PAGE = 10;
const TITLE_CHARS = 150;
/** The list shows the start of a reflection; the reflection card shows it all. */
const LIST_REFLECTION_CHARS = 280;
/** The most of an officer's over-long note put back in the box: the card must stay under 28 KB. */
const KEEP_BYTES = 16_000;

export interface CpdRecordData {
  verb?: typeof VERB.cpdRecord;
  offset: number;
}

export interface CpdReflectData {
  verb: typeof VERB.cpdReflect;
  /** Where the record card was, to go back to the same page. */
  offset: number;
}

export interface CpdSaveData {
  verb: typeof VERB.cpdSaveReflection;
  entryId: number;
  offset: number;
}

export interface CpdRecordCardData {
  lead: string;
  yearLabel: string;
  thisYear: string;
  last12Months: string;
  intro: string;
  items: Array<{ entryId: string; title: string; line: string; reflection: string; choiceTitle: string }>;
  showing: string;
  footer: string;
  reflect: CpdReflectData;
  newer: CpdRecordData | null;
  older: CpdRecordData | null;
}

/** "Tue 5 May 2026 · 60 minutes · Attended" */
export function entryLine(entry: Pick<CpdEntry, 'occurredAt' | 'minutes' | 'kind'>): string {
  return `${dayText(entry.occurredAt)} \u00b7 ${durationText(entry.minutes)} \u00b7 ${kindText(entry.kind)}`;
}

export function cpdRecordData(page: CpdPage, totals: CpdTotals, lead = ''): CpdRecordCardData {
  const { items, offset, total } = page;
  const empty = total === 0;
  const first = offset + 1;
  const last = offset + items.length;
  return {
    lead,
    yearLabel: `This year (${totals.year})`,
    thisYear: durationText(totals.thisYearMinutes),
    last12Months: durationText(totals.last12MonthsMinutes),
    intro: empty
      ? 'Nothing here yet, and that\u2019s fine: your record fills up as you go. After each session you book, I\u2019ll ask whether you attended; answer Yes and it goes in here. Watched a recording instead? Press "Add to my CPD record" under it. Ask me what\u2019s on to find a session.'
      : total === 1
        ? '1 entry. Add a reflection on what you learned: it stays private to you.'
        : `${total.toLocaleString('en-GB')} entries, newest first. Add a reflection on what you learned: it stays private to you.`,
    items: items.map((entry) => ({
      entryId: String(entry.id),
      title: truncate(entry.title, TITLE_CHARS),
      line: entryLine(entry),
      reflection: entry.reflection ? truncate(entry.reflection, LIST_REFLECTION_CHARS) : '',
      choiceTitle: `${truncate(entry.title, 80)} (${dayText(entry.occurredAt)})`,
    })),
    showing:
      !empty && (offset > 0 || last < total)
        ? `Showing ${first.toLocaleString('en-GB')}\u2013${last.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}.`
        : '',
    footer: 'Dates are UK time. Only you can see your CPD record. To download it (CSV or PDF), open the My CPD tab in this app.',
    reflect: { verb: VERB.cpdReflect, offset },
    newer: offset > 0 ? { verb: VERB.cpdRecord, offset: Math.max(0, offset - CPD_CARD_PAGE) } : null,
    older: last < total ? { verb: VERB.cpdRecord, offset: last } : null,
  };
}

export function cpdRecordCard(data: CpdRecordCardData): AdaptiveCardJson {
  return renderCard(recordTemplate, data);
}

export interface CpdReflectionCardData {
  lead: string;
  heading: string;
  title: string;
  line: string;
  problem: string;
  text: string;
  help: string;
  save: CpdSaveData;
  back: CpdRecordData;
}

export interface ReflectionCardOptions {
  lead?: string;
  /** Why the last save was refused; `text` is then what the officer typed. */
  problem?: string;
  text?: string;
  /** The record page to go back to. */
  offset?: number;
}

export function cpdReflectionData(entry: CpdEntry, options: ReflectionCardOptions = {}): CpdReflectionCardData {
  const offset = options.offset ?? 0;
  const typed = options.text ?? entry.reflection ?? '';
  const text = keepable(typed);
  const cut = text.length < typed.length;
  return {
    lead: options.lead ?? '',
    heading: entry.reflection ? 'Edit your reflection' : 'Add a reflection',
    title: truncate(entry.title, TITLE_CHARS),
    line: entryLine(entry),
    problem: options.problem ? `${options.problem}${cut ? ' (Only the first part of it fitted back in the box.)' : ''}` : '',
    text,
    help: `Up to ${MAX_REFLECTION_CHARS.toLocaleString('en-GB')} characters. Only you can see it; it is not shared with the organisers. Leave it empty and save to remove it.`,
    save: { verb: VERB.cpdSaveReflection, entryId: entry.id, offset },
    back: { verb: VERB.cpdRecord, offset },
  };
}

export function cpdReflectionCard(data: CpdReflectionCardData): AdaptiveCardJson {
  return renderCard(reflectionTemplate, data);
}

/** As much of a long text as keeps the card under Teams' 28 KB (as JSON, so escapes count). */
function keepable(text: string): string {
  if (Buffer.byteLength(JSON.stringify(text), 'utf8') <= KEEP_BYTES) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (Buffer.byteLength(JSON.stringify(text.slice(0, mid)), 'utf8') <= KEEP_BYTES) low = mid;
    else high = mid - 1;
  }
  // Never end on half of a surrogate pair.
  const end = low > 0 && /[\uD800-\uDBFF]/.test(text[low - 1]!) ? low - 1 : low;
  return text.slice(0, end);
}
