/**
 * Text helpers shared by the time and topic understanding: normalising what an officer typed,
 * splitting it into words, stemming, and a bounded edit distance for typos.
 */
import { stemmer } from 'stemmer';

/**
 * Lower-cases and straightens what Teams delivers (curly quotes, non-breaking spaces, an @mention
 * left in by a channel) so every later rule sees one spelling of the same text.
 */
export function normalise(text: string): string {
  const straight = UNUSUAL.test(text)
    ? text
        .replace(/<at>.*?<\/at>/gi, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&nbsp;|\u00a0/gi, ' ')
        .replace(/[\u2018\u2019\u02bc`´]/g, "'")
        .replace(/[\u201c\u201d]/g, '"')
        .replace(/[\u2013\u2014]/g, '-')
    : text;
  return straight.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** What the straightening above looks for; most messages have none of it. */
const UNUSUAL = /[<&\u00a0\u2018\u2019\u02bc`´\u201c\u201d\u2013\u2014]/;

/** Words and hashtags in order; a possessive "'s" and other apostrophes are dropped ("what's" -> "whats"). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text
    .replace(/'s\b/g, '')
    .replace(/'/g, '')
    .matchAll(/#?[a-z0-9]+/g))
    out.push(m[0]);
  return out;
}

const stemCache = new Map<string, string>();

/** Porter stem of one lower-case word, cached because the same few thousand words recur. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? stemmer(word) : word;
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

/** Splits a hashtag's camel case into words: "#ResponsePolicing" -> "response policing". */
export function hashtagWords(tag: string): string {
  return tag
    .replace(/^#/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase();
}

/**
 * Optimal-string-alignment distance (a swap of two neighbouring letters counts once, the commonest
 * typing slip), giving up as soon as it must exceed `max` so scanning a vocabulary stays cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rows[0]!.length <= n) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(n + 32);
  // Three reused rows: this runs for thousands of words per typo, and fresh arrays each time
  // would keep the garbage collector busy between questions.
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** How many slips a word of this length may carry and still be recognised (none for short words). */
export function allowedTypos(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 5) return 1;
  return 0;
}
