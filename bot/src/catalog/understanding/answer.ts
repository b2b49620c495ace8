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
 * officer catching up wants what has just happened. Asked about a topic, the sessions that name it
 * in their title or topics come first, then those that only mention it in their description (a
 * "drug driving" session before one whose description lists drug driving among four causes), each
 * group in that order of time.
 *
 * Topics filter: with one or two topic words every one must match (in any of its forms); with
 * three or more, the matched words must carry three quarters of the weight, rarer words weighing
 * more, so one stray word in a long question does not empty the answer while a common word alone
 * cannot satisfy it.
 *
 * "The next one on data" is the first of that order to come; "the last one" the first gone.
 */
import { postedBy, postingDay } from '../sessions.js';
import type { SessionMatch, WhatsOnAnswer, WhatsOnQuery } from '../whats-on.js';
import type { IndexedSession, SearchIndex } from './search-index.js';
import type { Concept, Understood } from './understand.js';

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
  let found = base.filter((i) => inTime(index.sessions[i]!, u) && inTense(index.sessions[i]!, tense, now));
  if (tense === 'past') found.reverse();
  found = titledFirst(u, found);
  if (u.single) found = found.slice(0, 1);

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

  const anyTime = matchingWhat(index, u);
  const near = nearest(index, u, anyTime, tense, now, options.nearestCount);
  // "No more" when the time asked about is under way and had sessions before now.
  const over = tense === 'upcoming' && anyTime.some((i) => inTime(index.sessions[i]!, u) && index.sessions[i]!.end <= now);
  return {
    kind: 'nothing',
    heading: heading(index, u, tense),
    query,
    nearest: near.sessions.map(toMatch),
    nearestHeading: near.heading,
    explanation: explanation(index, u, tense, now, over),
  };
}

/**
 * Sessions by how much of the question's weight they name: each topic counts once for being
 * mentioned anywhere and again for being in the title or topics. Sessions that name the same keep
 * their order of time. A common word ("staff") can be in every session, so the weights are summed
 * in a buffer by position and the sessions grouped by weight, not sorted one against another.
 */
function titledFirst(u: Understood, found: number[]): number[] {
  if (u.concepts.length === 0 || found.length < 2) return found;
  const lists = u.concepts.flatMap((c) => [
    { list: c.sessions, weight: c.weight },
    { list: c.titled, weight: c.weight },
  ]);
  let size = 0;
  for (const { list } of lists) if (list.length) size = Math.max(size, list.at(-1)! + 1);
  if (rankBuffer.length < size) rankBuffer = new Float64Array(Math.max(size, rankBuffer.length * 2));
  for (const { list, weight } of lists) for (const i of list) rankBuffer[i] += weight;
  const groups = new Map<number, number[]>();
  for (const i of found) {
    const r = i < size ? rankBuffer[i]! : 0;
    const group = groups.get(r);
    if (group) group.push(i);
    else groups.set(r, [i]);
  }
  for (const { list } of lists) for (const i of list) rankBuffer[i] = 0;
  if (groups.size === 1) return found;
  return [...groups.keys()].sort((a, b) => b - a).flatMap((r) => groups.get(r)!);
}

/** Reused between questions (answering is synchronous); every entry is back to 0 after each use. */
let rankBuffer = new Float64Array(1024);

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
  const narrowing = filtering(u);
  if (narrowing.length > 0) {
    const total = narrowing.reduce((sum, c) => sum + c.weight, 0);
    const needed = narrowing.length <= 2 ? total - 1e-9 : 0.75 * total;
    if (narrowing.length === 1) candidates = [...narrowing[0]!.sessions];
    else {
      const score = topicScores(u);
      candidates = [];
      for (const [i, s] of score) if (s >= needed) candidates.push(i);
      candidates.sort((a, b) => a - b);
    }
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

/** The topics that narrow the answer: all of them but an audience said beside a subject. */
function filtering(u: Understood): Concept[] {
  return u.concepts.filter((c) => !c.ranksOnly);
}

function topicScores(u: Understood): Map<number, number> {
  const score = new Map<number, number>();
  for (const c of filtering(u)) for (const i of c.sessions) score.set(i, (score.get(i) ?? 0) + c.weight);
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
  if (filtering(u).length > 0) {
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
    terms: filtering(u).map((c) => c.surface),
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
  const at = u.when ? ` ${u.when.phrase}` : '';
  if (u.single) return `The ${u.single} session${what}${at}`;
  // A part of the day on any day says no day, so the tense says which side of now.
  const dated = u.when && !u.when.anyDay;
  const lead = dated ? 'Sessions' : tense === 'past' ? 'Past sessions' : 'Upcoming sessions';
  if (dated) return `${lead}${what}${at}`;
  if (what && tense === 'upcoming' && !u.when) return `Sessions${what}`;
  return `${lead}${what}${at}`;
}

/**
 * The sentence for an answer with nothing in it, worded for the kind of time asked about: "There
 * are no sessions on Sunday 25 October.", "There were no sessions last week (…)", "There are no
 * more sessions today (…)" once today's are over, "Nothing is on right now.", "There are no
 * upcoming sessions in the evening.", "There have been no sessions about drones.", "There is no
 * upcoming session about data."
 */
function explanation(index: SearchIndex, u: Understood, tense: Tense, now: number, over: boolean): string {
  const what = describeWhat(index, u);
  const w = u.when;
  const at = w ? ` ${w.phrase}` : '';
  const past = tense === 'past';
  if (u.single === 'next') return `There is no upcoming session${what}${at}.`;
  if (u.single === 'last') return `There has been no session${what}${at}.`;
  if (!w || w.anyDay) {
    if (past) return `There have been no sessions${what}${at}.`;
    // A week of action named is a time of its own: "no sessions about drones in <week>".
    if (u.campaignIds.length && !w) return `There are no ${over ? 'more ' : ''}sessions${what}.`;
    return `There are no ${tense === 'upcoming' ? 'upcoming ' : ''}sessions${what}${at}.`;
  }
  // A moment ("right now", "at 2pm on Friday"): a session running then counts, not only one starting.
  if (!what && (w.mode === 'running' || w.clock?.mode === 'running')) return `Nothing ${past ? 'was' : 'is'} on${at}.`;
  const underWay = w.from.getTime() <= now && now < w.to.getTime();
  if (underWay && past) return `There have been no sessions${what}${at} so far.`;
  if (underWay && over) return `There are no more sessions${what}${at}.`;
  return `There ${past ? 'were' : 'are'} no sessions${what}${at}.`;
}

/** The most names a heading lists before "or 4 others": a question naming many must not make a page of heading. */
const LISTED = 3;

function list(items: string[]): string {
  if (items.length > LISTED + 1) return `${items.slice(0, LISTED).join(', ')} or ${items.length - LISTED} others`;
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
