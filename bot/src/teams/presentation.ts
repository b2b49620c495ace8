/**
 * How sessions read on a card: UK times, presenters, campaigns, short descriptions. Pure
 * functions of the domain model and "now", so every card says the same thing the same way.
 */
import type { Campaign, Presenter, Session } from '../catalog/model.js';
import { presenterLine } from '../catalog/presenters.js';
import type { SessionMatch } from '../catalog/whats-on.js';

/** Officers are in the UK: every time they see is London time, whatever zone the server runs in. */
export const UK_ZONE = 'Europe/London';

const EN_DASH = '\u2013';

/**
 * "Fri 19 June, 10:00–11:00"; the year only when it is not this year ("Mon 20 April 2027, ...");
 * both days when a session runs past midnight.
 */
export function formatSessionTime(start: Date, end: Date, now: Date): string {
  const from = ukParts(start);
  const to = ukParts(end);
  const thisYear = ukParts(now).year;
  const day = (t: UkParts) => (t.year === thisYear ? `${t.weekday} ${t.day} ${t.month}` : `${t.weekday} ${t.day} ${t.month} ${t.year}`);
  const time = (t: UkParts) => `${t.hour}:${t.minute}`;
  if (from.year === to.year && from.month === to.month && from.day === to.day) return `${day(from)}, ${time(from)}${EN_DASH}${time(to)}`;
  return `${day(from)}, ${time(from)} ${EN_DASH} ${day(to)}, ${time(to)}`;
}

interface UkParts {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
}

// One formatter for every card: building one (or a luxon DateTime) per date costs more than the
// rest of rendering a card.
const ukFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// Cards show the same few hundred session times again and again; formatToParts is the dearest
// step of drawing a card, so the parts of each instant are kept (bounded: cleared when full).
const partsCache = new Map<number, UkParts>();
const PARTS_CACHE_SIZE = 20_000;

/** The wall-clock parts of an instant in London, e.g. Fri / 19 / June / 2026 / 10 / 00. */
function ukParts(instant: Date): UkParts {
  const key = instant.getTime();
  const cached = partsCache.get(key);
  if (cached) return cached;
  const out: UkParts = { weekday: '', day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of ukFormatter.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof UkParts] = part.value;
  }
  if (partsCache.size >= PARTS_CACHE_SIZE) partsCache.clear();
  partsCache.set(key, out);
  return out;
}

export type SessionTiming = 'upcoming' | 'live' | 'past';

export function sessionTiming(session: Pick<Session, 'startsAt' | 'endsAt'>, now: Date): SessionTiming {
  if (now < session.startsAt) return 'upcoming';
  return now < session.endsAt ? 'live' : 'past';
}

/** Up to `max` presenters, one line each, then "and 2 others". */
export function presenterLines(presenters: Presenter[], max: number, chars: number): string[] {
  const lines = presenters.slice(0, max).map((p) => truncate(presenterLine(p), chars));
  const rest = presenters.length - lines.length;
  if (rest > 0) lines.push(rest === 1 ? 'and 1 other' : `and ${rest} others`);
  return lines;
}

/** Shortens to at most `max` characters at a word boundary, ending with an ellipsis. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  // Cut at a word unless that throws away most of the text (one very long word).
  const atWord = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${atWord.replace(/[\s,;:.\u2013-]+$/, '')}\u2026`;
}

/** Card text is markdown in Teams: keep a URL from closing the link early or breaking it. */
export function markdownLink(label: string, url: string): string {
  const safeUrl = url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  const safeLabel = label.replace(/[[\]]/g, '');
  return `[${safeLabel}](${safeUrl})`;
}

/** Longest link put on a card; longer ones are a catalog mistake and would crowd out the card. */
export const MAX_URL_CHARS = 2048;

/** Only web links go on a card: a catalog typo must not become a javascript: or file: link. */
export function isWebUrl(url: string | undefined): url is string {
  if (!url || url.length > MAX_URL_CHARS) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** One session as a list card shows it. */
export interface SessionSummaryView {
  id: string;
  /** 1-based place in the whole answer, so "11." follows "10." across pages. */
  number: number;
  title: string;
  when: string;
  timing: SessionTiming;
  /** One line per presenter; empty when none are named. */
  presenters: string[];
  campaign: string;
  description: string;
  /** The recording of a past session whose recording is posted (a web link), else empty. */
  recordingUrl: string;
  /** A past session whose recording is not up yet. */
  recordingPending: boolean;
}

/**
 * Bounds that keep a 10-session card under Teams' 28 KB whatever the catalog holds: the list is
 * a summary, and the details card has the rest.
 */
export const LIST_LIMITS = { title: 150, description: 160, presenter: 120, presenters: 3 } as const;

export function sessionSummary(match: SessionMatch, number: number, now: Date): SessionSummaryView {
  const { session, campaign, recording } = match;
  const timing = sessionTiming(session, now);
  const hasRecording = timing === 'past' && isWebUrl(recording?.url);
  const text = summaryText(session);
  return {
    id: session.id,
    number,
    title: text.title,
    when: formatSessionTime(session.startsAt, session.endsAt, now),
    timing,
    presenters: text.presenters,
    campaign: campaign ? campaignTitle(campaign) : '',
    description: text.description,
    recordingUrl: hasRecording ? recording!.url : '',
    recordingPending: timing === 'past' && !hasRecording,
  };
}

// The shortened texts of a session never change while the catalog is loaded: each is worked out
// once, when a list first shows the session (held weakly, so a reloaded catalog lets them go).
const summaryTexts = new WeakMap<Session, Pick<SessionSummaryView, 'title' | 'presenters' | 'description'>>();
const campaignTitles = new WeakMap<Campaign, string>();

function summaryText(session: Session): Pick<SessionSummaryView, 'title' | 'presenters' | 'description'> {
  let text = summaryTexts.get(session);
  if (!text) {
    text = Object.freeze({
      title: truncate(session.title, LIST_LIMITS.title),
      presenters: Object.freeze(presenterLines(session.presenters, LIST_LIMITS.presenters, LIST_LIMITS.presenter)) as string[],
      description: session.description ? truncate(session.description, LIST_LIMITS.description) : '',
    });
    summaryTexts.set(session, text);
  }
  return text;
}

function campaignTitle(campaign: Campaign): string {
  let title = campaignTitles.get(campaign);
  if (title === undefined) {
    title = truncate(campaign.title, LIST_LIMITS.title);
    campaignTitles.set(campaign, title);
  }
  return title;
}
