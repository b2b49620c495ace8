/**
 * Checking a reflection note before it is stored: typed on a card or in the tab, so anything may
 * arrive. Line breaks are kept (as \n), the ends trimmed, and an empty note clears it. Too long,
 * or holding characters that cannot be stored or shown (control characters, half of a surrogate
 * pair), it is refused with a sentence, and the officer's text comes back for them to fix, so
 * nothing they wrote is lost.
 */
import { MAX_REFLECTION_CHARS } from './wire.js';

export { MAX_REFLECTION_CHARS };

export type ReflectionCheck =
  | { ok: true; text: string | null }
  | {
      ok: false;
      problem: 'too-long' | 'unprintable' | 'not-text';
      message: string;
      /** What to put back in the box: the officer's text, less only what could never be stored. */
      keep: string;
    };

/** C0 and C1 controls except tab and line feed (carriage returns become line feeds first). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Half of a surrogate pair with no other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Characters, as the officer (and PostgreSQL's char_length) counts them: an emoji is one. */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

export function checkReflection(raw: unknown): ReflectionCheck {
  if (raw === undefined || raw === null) return { ok: true, text: null };
  if (typeof raw !== 'string') return { ok: false, problem: 'not-text', message: "Sorry, I couldn't read that note. Please type it again.", keep: '' };
  const text = raw.replace(/\r\n?/g, '\n');
  const printable = text.replace(CONTROL, '').replace(LONE_SURROGATE, '');
  if (printable !== text) {
    const removed = characterCount(text) - characterCount(printable);
    return {
      ok: false,
      problem: 'unprintable',
      message: `Your note had ${removed === 1 ? 'a character' : `${removed} characters`} that can't be stored (control characters, often pasted in by accident). I've taken ${removed === 1 ? 'it' : 'them'} out: check the note and press Save again.`,
      keep: printable,
    };
  }
  const trimmed = text.normalize('NFC').trim();
  if (trimmed === '') return { ok: true, text: null };
  const count = characterCount(trimmed);
  if (count > MAX_REFLECTION_CHARS) {
    return {
      ok: false,
      problem: 'too-long',
      message: `Your note is ${count.toLocaleString('en-GB')} characters long; the most a reflection can be is ${MAX_REFLECTION_CHARS.toLocaleString('en-GB')}. Please shorten it by ${(count - MAX_REFLECTION_CHARS).toLocaleString('en-GB')} and save again. Your text is still here.`,
      keep: text,
    };
  }
  return { ok: true, text: trimmed };
}
