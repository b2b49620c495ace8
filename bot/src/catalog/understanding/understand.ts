/**
 * Reading one message: shorthand and typos first, then *when* (when.ts), then *what* — campaigns,
 * presenters, organisations and policing phrases by longest match on stemmed words, and whatever
 * is left, less the chit-chat, as topic words.
 */
import { questionPart } from '../whats-on.js';
import type { SearchIndex } from './search-index.js';
import { type UnderstoodWhen, understandWhen } from './when.js';
import { editDistance, hashtagWords, normalise, stem, words } from './text.js';
import { ABBREVIATIONS } from './synonyms.js';
import { FRAMING_WORDS, PAST_CUES, PAST_PHRASES, SESSION_CUES, SHORTHAND, STOP_WORDS, WEAK_TOPIC_WORDS } from './words.js';

/** One thing the officer wants the sessions to be about, with every way of saying it. */
export interface Concept {
  /** The officer's words, for headings: "facial recognition". */
  surface: string;
  /** Sessions (positions in the index) that mention it in any of its forms. */
  sessions: readonly number[];
  /** Those of them that name it in their title or topics, which are about it rather than mention it. */
  titled: readonly number[];
  /** Describes the kind of help ("training"), so only narrows when it is the only subject. */
  weak: boolean;
  /** Names who a session is for ("PCSOs", "call handlers"): it narrows when it is the only subject. */
  audience: boolean;
  /** Said with another subject, an audience only puts the sessions that name it first: "anything on data for PCSOs". */
  ranksOnly?: boolean;
  /** A word of the catalog or of the policing vocabulary, even if no session uses it now. */
  recognised: boolean;
  /** Rarer words count for more: ln(1 + N / df); a word no session uses counts as the rarest. */
  weight: number;
}

export interface Understood {
  when?: UnderstoodWhen;
  /** Past tense: "what was on", "did I miss", "recordings of". */
  past: boolean;
  campaignIds: string[];
  presenterIds: number[];
  organisationIds: number[];
  concepts: Concept[];
  /** The officer's words for the topics, for headings. */
  topicLabel?: string;
  /** The words show the message is about sessions ("what's on", "anything", "sessions"). */
  aboutSessions: boolean;
  /** One session is asked for: the next to come ("when is the next one on data?") or the last gone. */
  single?: 'next' | 'last';
}

/** Words shown in a topic heading when they sit next to a topic, though they do not narrow it. */
const HEADING_WORDS = new Set(['officer', 'officers', 'police', 'staff', 'frontline']);
/** Words before a surname that say a person is meant: "anything by King". */
const PERSON_CUES = new Set(['by', 'with', 'from', 'presenter', 'speaker', 'featuring']);

export function understand(index: SearchIndex, text: string, askedAt: Date): Understood {
  // Only the question's length of a long message is read (the answer card says so).
  const cleaned = correct(index, prepare(questionPart(text)));
  const tokens = words(cleaned);
  const past = tokens.some((w) => PAST_CUES.has(w)) || PAST_PHRASES.some((re) => re.test(cleaned));
  const { when, rest } = understandWhen(cleaned, askedAt, { zone: index.catalog.timeZone, past });

  const restWords = words(rest.replace(/-/g, ' '));
  const stems = restWords.map(stem);
  const campaignIds = new Set<string>();
  const presenterIds = new Set<number>();
  const organisationIds = new Set<number>();
  const concepts: Concept[] = [];
  /** The positions in restWords of each concept's words. */
  const positions: number[][] = [];
  const conceptAt: boolean[] = new Array(restWords.length).fill(false);
  const used: boolean[] = new Array(restWords.length).fill(false);

  for (let i = 0; i < restWords.length; i++) {
    for (const { length, targets } of index.phrasesAt(stems, i)) {
      // A lone stop word is never a subject, even when a synonym line lists it.
      if (length === 1 && STOP_WORDS.has(restWords[i]!)) continue;
      const accepted = pick(index, targets, restWords, i);
      if (accepted.length === 0) continue;
      for (const t of accepted) {
        if (t.kind === 'campaign') campaignIds.add(t.id);
        else if (t.kind === 'presenter') presenterIds.add(t.id);
        else if (t.kind === 'organisation') organisationIds.add(t.id);
      }
      const groups = accepted.flatMap((t) => (t.kind === 'synonyms' ? [t.group] : []));
      if (groups.length) {
        const alternatives = groups.flatMap((g) => index.synonymGroups[g]!);
        const audience = groups.every((g) => index.isAudienceGroup(g));
        concepts.push(concept(index, restWords.slice(i, i + length).join(' '), alternatives, true, audience));
        positions.push([]);
        for (let k = i; k < i + length; k++) {
          conceptAt[k] = true;
          positions.at(-1)!.push(k);
        }
      }
      for (let k = i; k < i + length; k++) used[k] = true;
      i += length - 1;
      break;
    }
  }
  const seen = new Set(concepts.map((c) => c.surface));
  restWords.forEach((w, i) => {
    if (used[i] || STOP_WORDS.has(w) || w.length < 2 || /^\d+(?:st|nd|rd|th)?$/.test(w) || w.startsWith('#')) return;
    if (seen.has(stems[i]!)) return;
    seen.add(stems[i]!);
    concepts.push(concept(index, w, [[stems[i]!]], false, false));
    positions.push([i]);
    conceptAt[i] = true;
  });
  if (concepts.some((c) => !c.weak)) {
    for (let k = concepts.length - 1; k >= 0; k--) {
      if (!concepts[k]!.weak) continue;
      concepts.splice(k, 1);
      positions.splice(k, 1);
    }
    restWords.forEach((w, k) => {
      if (WEAK_TOPIC_WORDS.has(w)) conceptAt[k] = false;
    });
  }
  if (concepts.some((c) => !c.audience)) {
    concepts.forEach((c, k) => {
      if (!c.audience) return;
      c.ranksOnly = true;
      for (const at of positions[k]!) conceptAt[at] = false;
    });
  }
  const label = topicLabel(restWords, conceptAt);
  const single = singleAsked(restWords);

  return {
    ...(when ? { when } : {}),
    ...(single ? { single } : {}),
    past: past || single === 'last',
    campaignIds: [...campaignIds],
    presenterIds: [...presenterIds],
    organisationIds: [...organisationIds],
    concepts,
    ...(label ? { topicLabel: label } : {}),
    aboutSessions: single !== undefined || tokens.some((w) => SESSION_CUES.has(w)),
  };
}

/** What one session is called: "the next one", "the next data session". */
const ONE_SESSION = new Set(['one', 'session', 'event', 'webinar', 'talk', 'seminar', 'workshop', 'course', 'briefing', 'lecture', 'presentation']);
/** What several are called: "the next sessions on data" asks for a list. */
const SEVERAL = new Set([
  'ones',
  'sessions',
  'events',
  'webinars',
  'talks',
  'seminars',
  'workshops',
  'courses',
  'briefings',
  'lectures',
  'presentations',
  'few',
]);
/** How far after "next" the word for a session may come: "the next drug driving session". */
const SINGLE_REACH = 5;

/**
 * Whether one session is asked for. The time rules have already read "next week" and "last
 * Friday", so a "next" or "last" still here is about sessions: followed by a word for one session
 * within a few words, or ending the question ("what's next?"), it asks for one.
 */
function singleAsked(ws: readonly string[]): 'next' | 'last' | undefined {
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k]!;
    if (w !== 'next' && w !== 'last') continue;
    // "What's coming up next" asks for what is coming up.
    if (w === 'next' && (ws[k - 1] === 'coming' || (ws[k - 1] === 'up' && ws[k - 2] === 'coming'))) continue;
    const rest = ws.slice(k + 1, k + 1 + SINGLE_REACH);
    if (rest.length === 0 || rest[0] === 'please' || rest[0] === 'up') return w;
    for (const r of rest) {
      if (SEVERAL.has(r)) break;
      if (ONE_SESSION.has(r)) return w;
    }
  }
  return undefined;
}

/** Hashtags split at their capitals before lower-casing loses them; "was wondering" is not past tense. */
function prepare(text: string): string {
  return normalise(text.replace(/#([A-Za-z][A-Za-z0-9]*)/g, (_, tag: string) => ` ${hashtagWords(tag)} `))
    .replace(/\b(?:was|were) (?:wondering|hoping|thinking|asked|told)\b/g, ' ')
    .replace(/\bi had\b/g, ' ');
}

const TOKEN = /[a-z0-9&]+(?:'[a-z]+)?/g;

/**
 * Rewrites shorthand ("tmrw") and small typos ("recogniton") to words the understanding knows.
 * From the last word back, so a slip in a framing word is judged by the word after it as that
 * word will be read ("is thre anythng": "anythng" is "anything", so "thre" is "there").
 */
function correct(index: SearchIndex, text: string): string {
  const tokens = [...text.matchAll(TOKEN)];
  const read: string[] = new Array<string>(tokens.length);
  for (let k = tokens.length - 1; k >= 0; k--) read[k] = correctWord(index, tokens[k]![0], read[k + 1]);
  let out = '';
  let last = 0;
  tokens.forEach((m, k) => {
    out += text.slice(last, m.index) + read[k];
    last = m.index + m[0].length;
  });
  return out + text.slice(last);
}

function correctWord(index: SearchIndex, token: string, next: string | undefined): string {
  const bare = token.replace(/'/g, '');
  const short = SHORTHAND[bare];
  if (short) return short;
  if (/\d/.test(bare) || index.isKnown(bare)) return token;
  const framing = next === undefined ? undefined : framingSlip(bare, next.replace(/'/g, ''));
  if (framing) return framing;
  if (bare.length < 5) return token;
  // A correction may land on shorthand the understanding also knows ("anythign" -> "anythin").
  const found = index.correct(bare);
  return found ? (SHORTHAND[found] ?? found) : token;
}

const FRAMING = Object.entries(FRAMING_WORDS);

/** The framing word ("what", "there") this unknown word is one slip from, if the next word is one that follows it. */
function framingSlip(word: string, next: string): string | undefined {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return undefined;
  let best: string | undefined;
  let bestDistance = 2;
  for (const [framing, followers] of FRAMING) {
    if (!followers.has(next)) continue;
    const d = editDistance(word, framing.replace(/'/g, ''), 1);
    if (d < bestDistance) [best, bestDistance] = [framing, d];
  }
  return best;
}

/** Which of a phrase's meanings to take: a campaign over a topic of the same name, and so on. */
function pick(index: SearchIndex, targets: ReturnType<SearchIndex['phrasesAt']>[number]['targets'], ws: string[], i: number) {
  const campaigns = targets.filter((t) => t.kind === 'campaign');
  if (campaigns.length) return campaigns;
  const people = targets.filter((t) => t.kind === 'presenter' && !t.surnameOnly);
  if (people.length) return people;
  const orgs = targets.filter((t) => t.kind === 'organisation');
  if (orgs.length) return orgs;
  const synonyms = targets.filter((t) => t.kind === 'synonyms');
  if (synonyms.length) return synonyms;
  // A surname alone ("anything by Gwyer") names a person unless it is also a word the sessions
  // use, when a cue ("by", "with") must say so.
  const surnames = targets.filter((t) => t.kind === 'presenter');
  const word = ws[i]!;
  if (surnames.length && (!index.isTopicWord(word) || PERSON_CUES.has(ws[i - 1] ?? ''))) return surnames;
  return [];
}

function concept(index: SearchIndex, surface: string, alternatives: readonly (readonly string[])[], recognised: boolean, audience: boolean): Concept {
  const sessions = union(alternatives, (alt) => index.sessionsWithAll(alt));
  const titled = union(alternatives, (alt) => index.titledWithAll(alt));
  const n = Math.max(1, index.size);
  const weight = Math.log(1 + n / Math.max(1, sessions.length));
  const weak = words(surface).every((w) => WEAK_TOPIC_WORDS.has(w));
  return { surface, sessions, titled, weight, weak, audience, recognised: recognised || sessions.length > 0 };
}

/**
 * The sessions (ascending) that any of the alternatives finds. An alternative holding all the words
 * of a shorter one ("police staff" beside "staff") finds nothing more, so it is not looked up; the
 * rest are merged as the sorted lists they are, which matters for a word in every session.
 */
function union(alternatives: readonly (readonly string[])[], find: (alternative: readonly string[]) => readonly number[]): readonly number[] {
  const needed = alternatives.filter((alt, k) => !alternatives.some((other, j) => j !== k && covers(alt, other) && (other.length < alt.length || j < k)));
  let out: readonly number[] = [];
  for (const alt of needed) out = out.length === 0 ? find(alt) : mergeSorted(out, find(alt));
  return out;
}

/** Whether every word of `inner` is in `outer`. */
function covers(outer: readonly string[], inner: readonly string[]): boolean {
  return inner.every((w) => outer.includes(w));
}

/** The union of two ascending lists, ascending and without repeats. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return [...a];
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x <= y) i++;
    if (y <= x) j++;
    out.push(Math.min(x, y));
  }
  return out;
}

/** The longest topic label: a heading names the subject, it does not repeat a long message. */
const MAX_LABEL_CHARS = 80;

/** The officer's own words for the topics, for headings: "officer welfare", "facial recognition". */
function topicLabel(ws: string[], conceptAt: boolean[]): string | undefined {
  const parts = ws.filter((w, i) => conceptAt[i] || (HEADING_WORDS.has(w) && (conceptAt[i + 1] || conceptAt[i - 1])));
  if (parts.length === 0) return undefined;
  const label = parts.map((w) => (ABBREVIATIONS.has(w) ? w.toUpperCase() : w)).join(' ');
  if (label.length <= MAX_LABEL_CHARS) return label;
  // Whole words and an ellipsis; part of the first word if that alone is too long.
  const cut = label.slice(0, MAX_LABEL_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > 0 ? cut.slice(0, space) : cut.slice(0, MAX_LABEL_CHARS - 1)}\u2026`;
}
