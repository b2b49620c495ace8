/**
 * Turning what was understood into an answer: which sessions, in what order, under what heading,
 * and — when nothing matches — a plain sentence and the nearest sessions instead.
 *
 * Tense: with a time, a range wholly in the past is answered as past and one wholly ahead as
 * upcoming; a range holding "now" shows what is still to come (or, asked in the past tense, what
 * has already started). Without a time: the past tense gives past sessions, a campaign on its own
 * gives its whole programme, anything else gives upcoming sessions.
 *
 * Order: upcoming and whole programmes by start time; past sessions most recent first, because an
 * officer catching up wants what has just happened.
 *
 * Topics only filter; they do not reorder. With one or two topic words every one must match (in
 * any of its forms); with three or more, the matched words must carry three quarters of the
 * weight, rarer words weighing more, so one stray word in a long question does not empty the
 * answer while a common word alone cannot satisfy it.
 */
import { postedBy, postingDay } from '../sessions.js';
import type { SessionMatch, WhatsOnAnswer, WhatsOnQuery } from '../whats-on.js';
import type { IndexedSession, SearchIndex } from './search-index.js';
import type { Understood } from './understand.js';

export interface AnswerOptions {
  pageSize: number;
  nearestCount: number;
}

type Tense = WhatsOnQuery['tense'];

export function answerFor(index: SearchIndex, u: Understood, askedAt: Date, offset: number, options: AnswerOptions): WhatsOnAnswer {
  const now = askedAt.getTime();
  const hasWhat = u.campaignIds.length + u.presenterIds.length + u.organisationIds.length + u.concepts.length > 0;
  const knownTopic = u.concepts.some((c) => c.recognised);
  if (!u.when && !hasWhat && !u.aboutSessions) return { kind: 'not-understood' };
  // Only words the catalog has never heard of, and nothing that says this is about sessions.
  if (!u.when && u.campaignIds.length + u.presenterIds.length + u.organisationIds.length === 0 && u.concepts.length > 0 && !knownTopic && !u.aboutSessions) {
    return { kind: 'not-understood' };
  }

  const tense = tenseOf(u, now);
  const query = queryOf(index, u, tense);
  // Recordings posted up to today (on the catalog's calendar) are out.
  const day = postingDay(askedAt, index.catalog.timeZone);
  const toMatch = (i: number): SessionMatch => match(index.sessions[i]!, day);

  const base = matchingWhat(index, u, { tense, now });
  const found = base.filter((i) => inTime(index.sessions[i]!, u) && inTense(index.sessions[i]!, tense, now));
  if (tense === 'past') found.reverse();

  if (found.length > 0) {
    const size = Math.max(1, options.pageSize);
    const start = Math.max(0, Math.floor(offset));
    return {
      kind: 'sessions',
      heading: heading(index, u, tense),
      query,
      sessions: found.slice(start, start + size).map(toMatch),
      total: found.length,
      offset: start,
    };
  }

  const near = nearest(index, u, matchingWhat(index, u), tense, now, options.nearestCount);
  return {
    kind: 'nothing',
    heading: heading(index, u, tense),
    query,
    nearest: near.sessions.map(toMatch),
    nearestHeading: near.heading,
    explanation: explanation(index, u, tense),
  };
}

function tenseOf(u: Understood, now: number): Tense {
  if (u.when) {
    if (u.when.to.getTime() <= now) return 'past';
    if (u.when.from.getTime() >= now) return 'upcoming';
    return u.past ? 'past' : 'upcoming';
  }
  if (u.past) return 'past';
  const campaignOnly = u.campaignIds.length > 0 && u.concepts.length + u.presenterIds.length + u.organisationIds.length === 0;
  return campaignOnly ? 'any' : 'upcoming';
}

/** Positions of sessions (ascending) that satisfy the campaign, presenter, organisation and topic parts. */
function matchingWhat(index: SearchIndex, u: Understood, window?: { tense: Tense; now: number }): number[] {
  let candidates: number[];
  if (u.concepts.length > 0) {
    const total = u.concepts.reduce((sum, c) => sum + c.weight, 0);
    const needed = u.concepts.length <= 2 ? total - 1e-9 : 0.75 * total;
    const score = topicScores(u);
    candidates = [];
    for (const [i, s] of score) if (s >= needed) candidates.push(i);
    candidates.sort((a, b) => a - b);
  } else if (u.presenterIds.length || u.organisationIds.length) {
    const all = new Set<number>();
    for (const p of u.presenterIds) for (const i of index.presenters[p]!.sessions) all.add(i);
    for (const o of u.organisationIds) for (const i of index.organisations[o]!.sessions) all.add(i);
    candidates = [...all].sort((a, b) => a - b);
  } else if (window) {
    candidates = timeWindow(index, u, window.tense, window.now);
  } else {
    candidates = index.sessions.map((_, i) => i);
  }
  const campaigns = new Set(u.campaignIds);
  const presenters = new Set(u.presenterIds);
  const organisations = new Set(u.organisationIds);
  return candidates.filter((i) => {
    const s = index.sessions[i]!;
    if (campaigns.size && !(s.session.campaignId && campaigns.has(s.session.campaignId))) return false;
    if (presenters.size && !s.presenterIds.some((p) => presenters.has(p))) return false;
    if (organisations.size && !s.organisationIds.some((o) => organisations.has(o))) return false;
    return true;
  });
}

function topicScores(u: Understood): Map<number, number> {
  const score = new Map<number, number>();
  for (const c of u.concepts) for (const i of c.sessions) score.set(i, (score.get(i) ?? 0) + c.weight);
  return score;
}

/**
 * With no topic to narrow by, only the sessions around the asked time (and on the asked side of
 * now) need looking at: the index is in start order, so both are found by binary search.
 */
function timeWindow(index: SearchIndex, u: Understood, tense: Tense, now: number): number[] {
  const all = index.sessions;
  let lo = 0;
  let hi = all.length;
  if (u.when && u.when.mode === 'starts') {
    lo = lowerBound(all, u.when.from.getTime());
    hi = lowerBound(all, u.when.to.getTime());
  } else if (u.when) {
    lo = lowerBound(all, u.when.from.getTime() - index.longestMs);
    hi = lowerBound(all, u.when.to.getTime());
  }
  if (tense === 'upcoming') lo = Math.max(lo, lowerBound(all, now - index.longestMs));
  else if (tense === 'past') hi = Math.min(hi, lowerBound(all, now));
  const out: number[] = [];
  for (let i = lo; i < hi; i++) out.push(i);
  return out;
}

function lowerBound(all: IndexedSession[], t: number): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (all[mid]!.start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function inTime(s: IndexedSession, u: Understood): boolean {
  const w = u.when;
  if (!w) return true;
  const from = w.from.getTime();
  const to = w.to.getTime();
  if (w.mode === 'running' ? !(s.start < to && s.end > from) : !(s.start >= from && s.start < to)) return false;
  if (w.clock) {
    const c = w.clock;
    if (c.mode === 'running' ? !(s.startMinute < c.to && s.endMinute > c.from) : !(s.startMinute >= c.from && s.startMinute < c.to)) return false;
  }
  return true;
}

function inTense(s: IndexedSession, tense: Tense, now: number): boolean {
  if (tense === 'upcoming') return s.end > now;
  if (tense === 'past') return s.start < now;
  return true;
}

/**
 * Something to offer when nothing matches: sessions that match the subject but not the time
 * (closest in time first), else the best partial topic matches, else what is coming up next.
 */
function nearest(index: SearchIndex, u: Understood, base: number[], tense: Tense, now: number, count: number): { sessions: number[]; heading: string } {
  const prefer = (list: number[]) => {
    const right = list.filter((i) => (tense === 'past' ? index.sessions[i]!.start < now : index.sessions[i]!.end > now));
    return right.length ? right : list;
  };
  const hasWhat = u.campaignIds.length + u.presenterIds.length + u.organisationIds.length + u.concepts.length > 0;
  const what = describeWhat(index, u);
  if (base.length > 0 && u.when) {
    const from = u.when.from.getTime();
    const to = u.when.to.getTime();
    const distance = (i: number) => {
      const s = index.sessions[i]!;
      return s.end <= from ? from - s.end : s.start >= to ? s.start - to : 0;
    };
    const picked = prefer(base)
      .sort((a, b) => distance(a) - distance(b) || a - b)
      .slice(0, count)
      .sort((a, b) => a - b);
    return { sessions: picked, heading: hasWhat ? `The nearest sessions${what} in time` : 'The nearest sessions in time' };
  }
  if (base.length > 0) {
    // The subject matches, but only on the other side of now.
    const other = tense === 'past' ? base.filter((i) => index.sessions[i]!.end > now) : base.filter((i) => index.sessions[i]!.start < now).reverse();
    if (other.length) return { sessions: other.slice(0, count), heading: tense === 'past' ? `Coming up${what}` : `Earlier sessions${what}` };
  }
  if (u.concepts.length > 0) {
    const score = topicScores(u);
    const partial = prefer([...score.keys()]).sort((a, b) => score.get(b)! - score.get(a)! || upcomingFirst(index, a, b, now));
    if (partial.length) return { sessions: partial.slice(0, count), heading: 'Sessions on related topics' };
  }
  const upcoming = index.sessions.map((_, i) => i).filter((i) => index.sessions[i]!.end > now);
  if (upcoming.length) return { sessions: upcoming.slice(0, count), heading: 'Coming up next' };
  return {
    sessions: index.sessions
      .map((_, i) => i)
      .reverse()
      .slice(0, count),
    heading: 'The most recent sessions',
  };
}

function upcomingFirst(index: SearchIndex, a: number, b: number, now: number): number {
  const fa = index.sessions[a]!.end > now ? 0 : 1;
  const fb = index.sessions[b]!.end > now ? 0 : 1;
  return fa - fb || a - b;
}

function match(s: IndexedSession, day: string): SessionMatch {
  const recording = postedBy(s.recordings, day);
  return { session: s.session, ...(s.campaign ? { campaign: s.campaign } : {}), ...(recording ? { recording } : {}) };
}

function queryOf(index: SearchIndex, u: Understood, tense: Tense): WhatsOnQuery {
  return {
    ...(u.when ? { range: { from: u.when.from, to: u.when.to, label: u.when.label } } : {}),
    tense,
    campaignIds: u.campaignIds,
    terms: u.concepts.map((c) => c.surface),
    presenters: u.presenterIds.map((p) => index.presenters[p]!.name),
    organisations: u.organisationIds.map((o) => index.organisations[o]!.name),
  };
}

/** " about facial recognition presented by Sue Brookes from South Wales Police in <campaign>". */
function describeWhat(index: SearchIndex, u: Understood): string {
  let out = '';
  if (u.topicLabel) out += ` about ${u.topicLabel}`;
  if (u.presenterIds.length) out += ` presented by ${list(u.presenterIds.map((p) => index.presenters[p]!.name))}`;
  if (u.organisationIds.length) out += ` from ${list(u.organisationIds.map((o) => index.organisations[o]!.name))}`;
  if (u.campaignIds.length) out += ` in ${list(u.campaignIds.map((c) => index.campaigns.get(c)?.title ?? c))}`;
  return out;
}

function heading(index: SearchIndex, u: Understood, tense: Tense): string {
  const onlyCampaign = u.campaignIds.length > 0 && !u.when && u.concepts.length + u.presenterIds.length + u.organisationIds.length === 0;
  if (onlyCampaign && tense === 'any') return list(u.campaignIds.map((c) => index.campaigns.get(c)?.title ?? c));
  const what = describeWhat(index, u);
  const lead = u.when ? 'Sessions' : tense === 'past' ? 'Past sessions' : 'Upcoming sessions';
  if (u.when) return `${lead}${what} ${u.when.phrase}`;
  if (what && tense === 'upcoming') return `Sessions${what}`;
  return `${lead}${what}`;
}

function explanation(index: SearchIndex, u: Understood, tense: Tense): string {
  const what = describeWhat(index, u);
  const past = tense === 'past';
  if (!what && u.when) return `Nothing ${past ? 'was' : 'is'} on ${u.when.phrase}.`;
  const which = u.when ? '' : past ? 'past ' : tense === 'upcoming' ? 'upcoming ' : '';
  return `There ${past ? 'were' : 'are'} no ${which}sessions${what}${u.when ? ` ${u.when.phrase}` : ''}.`;
}

/** The most names a heading lists before "or 4 others": a question naming many must not make a page of heading. */
const LISTED = 3;

function list(items: string[]): string {
  if (items.length > LISTED + 1) return `${items.slice(0, LISTED).join(', ')} or ${items.length - LISTED} others`;
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
