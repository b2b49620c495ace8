/**
 * The search index over one catalog, built once (at start and on every reload) so that answering
 * a question only looks things up: stems to sessions (an inverted index, and a second one of the
 * words in titles and topics alone, which rank first), and one phrase table for campaign names,
 * presenters, organisations and policing synonyms, matched on stemmed words.
 */
import { dayAt, wallClockOf } from '../local-day.js';
import { cachedZone } from '../zone.js';
import type { Campaign, Catalog, Recording, Session } from '../model.js';
import { organisationCore, organisationNames } from './organisation-names.js';
import { AUDIENCE_GROUPS, SYNONYM_GROUPS } from './synonyms.js';
import { NAME_AFFIXES, SESSION_CUES, SHORTHAND, STOP_WORDS } from './words.js';
import { allowedTypos, editDistance, hashtagWords, normalise, stem, words } from './text.js';

export interface IndexedSession {
  session: Session;
  campaign?: Campaign;
  /** Recordings of this session, earliest posted first. */
  recordings: Recording[];
  start: number;
  end: number;
  /** Local clock minutes since midnight of the start and end, for "mornings" and "at 2pm". */
  startMinute: number;
  endMinute: number;
  presenterIds: number[];
  organisationIds: number[];
}

export interface PresenterEntry {
  /** As the catalog writes it, for headings. */
  name: string;
  first?: string;
  surname: string;
  sessions: number[];
}

export interface OrganisationEntry {
  name: string;
  sessions: number[];
}

/** What a phrase in a question can stand for. */
export type PhraseTarget =
  | { kind: 'campaign'; id: string }
  | { kind: 'presenter'; id: number; surnameOnly: boolean }
  | { kind: 'organisation'; id: number }
  | { kind: 'synonyms'; group: number };

interface TrieNode {
  next: Map<string, TrieNode>;
  targets: PhraseTarget[];
}

/** Local day and minute-of-day of instants in the zone (offsets looked up once per hour). */
function localClock(zoneName: string): (ms: number) => { day: number; minute: number } {
  const zone = cachedZone(zoneName);
  return (ms) => {
    const local = zone.wallClock(ms);
    const day = dayAt(local);
    return { day, minute: Math.floor((local - wallClockOf(day)) / 60_000) };
  };
}

/** How many typo corrections are remembered before the memory starts afresh. */
const CORRECTIONS_KEPT = 10_000;

export class SearchIndex {
  /** Sessions in start order; every other structure refers to them by position. */
  readonly sessions: IndexedSession[] = [];
  /** The longest session, so "what is running at t" can start its search at t minus this. */
  longestMs = 0;
  readonly campaigns = new Map<string, Campaign>();
  readonly presenters: PresenterEntry[] = [];
  readonly organisations: OrganisationEntry[] = [];
  /** Each synonym group as stem sequences. */
  readonly synonymGroups: string[][][];
  private readonly postings = new Map<string, number[]>();
  /** The same for the words of titles and topics: a session that names a subject there is about it. */
  private readonly titlePostings = new Map<string, number[]>();
  private readonly trie: TrieNode = { next: new Map(), targets: [] };
  /** Every word the understanding knows, for typo correction, bucketed by length. */
  private readonly known = new Set<string>();
  private readonly knownStems = new Set<string>();
  private readonly byLength = new Map<number, string[]>();
  private readonly phraseCache = new Map<string, number[]>();
  /** Words already put through the typo corrector, with the correction ('' for none). */
  private readonly corrections = new Map<string, string>();

  constructor(
    readonly catalog: Catalog,
    extraKnownWords: Iterable<string> = [],
  ) {
    const zone = catalog.timeZone;
    for (const c of catalog.campaigns) this.campaigns.set(c.id, c);
    const recordingsBySession = new Map<string, Recording[]>();
    for (const r of catalog.recordings) {
      if (!r.sessionId) continue;
      const list = recordingsBySession.get(r.sessionId) ?? [];
      list.push(r);
      recordingsBySession.set(r.sessionId, list);
    }
    for (const list of recordingsBySession.values()) list.sort((a, b) => a.postedOn.localeCompare(b.postedOn));

    const sorted = [...catalog.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
    const presenterKey = new Map<string, number>();
    const organisationKey = new Map<string, number>();
    const clock = localClock(zone);
    sorted.forEach((session, i) => {
      const start = clock(session.startsAt.getTime());
      const end = clock(session.endsAt.getTime());
      const campaign = session.campaignId ? this.campaigns.get(session.campaignId) : undefined;
      const entry: IndexedSession = {
        session,
        ...(campaign ? { campaign } : {}),
        recordings: recordingsBySession.get(session.id) ?? [],
        start: session.startsAt.getTime(),
        end: session.endsAt.getTime(),
        startMinute: start.minute,
        endMinute: end.day === start.day ? end.minute : 24 * 60,
        presenterIds: [],
        organisationIds: [],
      };
      const titled = [session.title, ...session.topics].join(' . ');
      this.post(this.postings, [titled, session.description ?? ''].join(' . '), i);
      this.post(this.titlePostings, titled, i);
      for (const p of session.presenters) {
        const key = normalise(p.name);
        let id = presenterKey.get(key);
        if (id === undefined) {
          id = this.presenters.length;
          presenterKey.set(key, id);
          const parts = words(key).filter((w) => !NAME_AFFIXES.has(w));
          const surname = parts.at(-1) ?? key;
          this.presenters.push({ name: p.name, ...(parts.length > 1 ? { first: parts[0]! } : {}), surname, sessions: [] });
        }
        this.presenters[id]!.sessions.push(i);
        entry.presenterIds.push(id);
        if (p.organisation) {
          const okey = normalise(p.organisation);
          let oid = organisationKey.get(okey);
          if (oid === undefined) {
            oid = this.organisations.length;
            organisationKey.set(okey, oid);
            this.organisations.push({ name: p.organisation, sessions: [] });
          }
          if (!entry.organisationIds.includes(oid)) {
            this.organisations[oid]!.sessions.push(i);
            entry.organisationIds.push(oid);
          }
        }
      }
      this.sessions.push(entry);
      this.longestMs = Math.max(this.longestMs, entry.end - entry.start);
    });

    // Phrases. Campaigns by title (with and without the year, with and without "of action"),
    // aliases and hashtags (both split at capitals and squashed, as officers type them).
    for (const c of catalog.campaigns) {
      const target: PhraseTarget = { kind: 'campaign', id: c.id };
      const names = [c.title, ...c.aliases];
      for (const name of names) {
        const variants = new Set<string>();
        if (name.trim().startsWith('#')) {
          variants.add(hashtagWords(name));
          variants.add(name.replace(/^#/, '').toLowerCase());
        } else {
          const n = normalise(name);
          variants.add(n);
          const noYear = n.replace(/\b(19|20)\d\d\b/g, ' ').trim();
          variants.add(noYear);
          variants.add(noYear.replace(/\bweek of action\b/, 'week'));
          variants.add(noYear.replace(/\bof action\b/, ''));
        }
        for (const v of variants) this.addPhrase(v, target);
      }
    }
    this.presenters.forEach((p, id) => {
      const full = words(normalise(p.name));
      this.addPhrase(full.join(' '), { kind: 'presenter', id, surnameOnly: false });
      const bare = full.filter((w) => !NAME_AFFIXES.has(w));
      this.addPhrase(bare.join(' '), { kind: 'presenter', id, surnameOnly: false });
      if (p.first) this.addPhrase(`${p.first} ${p.surname}`, { kind: 'presenter', id, surnameOnly: false });
      // "Inspector King": the rank the catalog gives, with the surname.
      const ranks = full.slice(
        0,
        full.findIndex((w) => !NAME_AFFIXES.has(w)),
      );
      if (ranks.length) this.addPhrase(`${ranks.join(' ')} ${p.surname}`, { kind: 'presenter', id, surnameOnly: false });
      this.addPhrase(p.surname, { kind: 'presenter', id, surnameOnly: true });
      for (const w of full) this.learn(w);
    });
    const cores = this.organisations.map((o) => organisationCore(o.name));
    this.organisations.forEach((o, id) => {
      const target: PhraseTarget = { kind: 'organisation', id };
      for (const name of organisationNames(o.name, cores)) {
        this.addPhrase(name, target);
        for (const w of words(name)) this.learn(w);
      }
    });
    this.synonymGroups = [...SYNONYM_GROUPS, ...AUDIENCE_GROUPS].map((group, g) =>
      group.map((phrase) => {
        const ws = words(normalise(phrase).replace(/-/g, ' '));
        this.addPhrase(ws.join(' '), { kind: 'synonyms', group: g });
        for (const w of ws) this.learn(w);
        return ws.map(stem);
      }),
    );
    for (const w of [...STOP_WORDS, ...SESSION_CUES, ...Object.values(SHORTHAND), ...extraKnownWords]) this.learn(w);
    // Shorthand is known as typed, not by its stem: "wats" is not a form of "wat" but "whats" mistyped.
    for (const w of Object.keys(SHORTHAND)) if (/^[a-z]+$/.test(w)) this.known.add(w);
    for (const w of this.known) {
      const list = this.byLength.get(w.length) ?? [];
      list.push(w);
      this.byLength.set(w.length, list);
    }
  }

  /** How many sessions the catalog holds. */
  get size(): number {
    return this.sessions.length;
  }

  /** Whether a synonym group names who sessions are for (AUDIENCE_GROUPS) rather than a subject. */
  isAudienceGroup(group: number): boolean {
    return group >= SYNONYM_GROUPS.length;
  }

  /** Whether the word is one the catalog's sessions use (after stemming). */
  isTopicWord(word: string): boolean {
    return this.postings.has(stem(word));
  }

  /** Whether the understanding knows this word at all (no typo to correct). */
  isKnown(word: string): boolean {
    return this.known.has(word) || this.knownStems.has(stem(word));
  }

  /**
   * The known word this one is a small slip away from (edit distance 1 for 5+ letters, 2 for 8+),
   * preferring the closest and then a word the sessions use, or undefined.
   */
  correct(word: string): string | undefined {
    // Officers make the same slips again and again, and the search below reads every known word
    // of about the same length: remember the answers (bounded, as the words are anyone's).
    const known = this.corrections.get(word);
    if (known !== undefined) return known || undefined;
    const found = this.closestKnown(word);
    if (this.corrections.size >= CORRECTIONS_KEPT) this.corrections.clear();
    this.corrections.set(word, found ?? '');
    return found;
  }

  private closestKnown(word: string): string | undefined {
    const max = allowedTypos(word);
    if (max === 0 || !/^[a-z]+$/.test(word)) return undefined;
    let best: string | undefined;
    let bestDistance = max + 1;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        if (allowedTypos(candidate) === 0) continue;
        const d = editDistance(word, candidate, Math.min(max, bestDistance));
        if (d < bestDistance || (d === bestDistance && best !== undefined && !this.isTopicWord(best) && this.isTopicWord(candidate))) {
          best = candidate;
          bestDistance = d;
        }
      }
    }
    return bestDistance <= max ? best : undefined;
  }

  /** The phrase targets starting at token i, longest first, with how many tokens each spans. */
  phrasesAt(stems: readonly string[], i: number): Array<{ length: number; targets: PhraseTarget[] }> {
    const found: Array<{ length: number; targets: PhraseTarget[] }> = [];
    let node: TrieNode | undefined = this.trie;
    for (let j = i; j < stems.length && node; j++) {
      node = node.next.get(stems[j]!);
      if (node && node.targets.length) found.push({ length: j - i + 1, targets: node.targets });
    }
    return found.reverse();
  }

  /** Sessions (positions, ascending) whose words include every stem of the phrase. */
  sessionsWithAll(stems: readonly string[]): number[] {
    return this.withAll(this.postings, '', stems);
  }

  /** Sessions (positions, ascending) whose title and topics alone include every stem of the phrase. */
  titledWithAll(stems: readonly string[]): number[] {
    return this.withAll(this.titlePostings, 'title:', stems);
  }

  private withAll(postings: Map<string, number[]>, keyPrefix: string, stems: readonly string[]): number[] {
    if (stems.length === 1) return postings.get(stems[0]!) ?? [];
    const key = keyPrefix + stems.join(' ');
    const cached = this.phraseCache.get(key);
    if (cached) return cached;
    const lists = stems.map((s) => postings.get(s) ?? []).sort((a, b) => a.length - b.length);
    let result = lists[0]!;
    for (const other of lists.slice(1)) {
      const set = new Set(other);
      result = result.filter((i) => set.has(i));
    }
    if (this.phraseCache.size < 10_000) this.phraseCache.set(key, result);
    return result;
  }

  /** Adds session i to the postings of every stem of the text (once each), learning its words. */
  private post(postings: Map<string, number[]>, text: string, i: number): void {
    const seen = new Set<string>();
    for (const w of words(normalise(text).replace(/-/g, ' '))) {
      const s = stem(w);
      this.learn(w);
      if (seen.has(s)) continue;
      seen.add(s);
      let list = postings.get(s);
      if (!list) postings.set(s, (list = []));
      list.push(i);
    }
  }

  private addPhrase(phrase: string, target: PhraseTarget): void {
    const stems = words(phrase).map(stem);
    if (stems.length === 0) return;
    let node = this.trie;
    for (const s of stems) {
      let next = node.next.get(s);
      if (!next) node.next.set(s, (next = { next: new Map(), targets: [] }));
      node = next;
    }
    if (!node.targets.some((t) => JSON.stringify(t) === JSON.stringify(target))) node.targets.push(target);
  }

  private learn(word: string): void {
    if (!/^[a-z]+$/.test(word)) return;
    this.known.add(word);
    this.knownStems.add(stem(word));
  }
}
