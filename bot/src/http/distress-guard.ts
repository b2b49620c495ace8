/**
 * Before /api/messages reads an activity: if anything the officer wrote in it reads as distress
 * (its text, or the strings of its value: a tapped suggestion, a message extension search, a card's
 * inputs), the rest of the request runs with nothing of it logged, by any code, at any level
 * (log.ts). The bot answers such a message with the crisis line (teams/bot.ts).
 */
import type restify from 'restify';
import { logWithoutContent } from '../log.js';
import { readsAsDistress } from '../wellbeing/distress.js';

/** How much of an activity's value is read: far more than any card's inputs or a search holds. */
const VALUE_CHARS = 16_000;
const VALUE_DEPTH = 8;

export function distressGuard(): restify.RequestHandler {
  return (req, _res, next) => (carriesDistress(req.body) ? logWithoutContent(() => next()) : next());
}

/** How the activity's text read here: the bot, answering the same text, need not read it again. */
export interface TextReading {
  text: string;
  distress: boolean;
}

const readings = new WeakMap<object, TextReading>();

/** What carriesDistress found of this body's text, if it read one. */
export function textReadingOf(body: unknown): TextReading | undefined {
  return typeof body === 'object' && body !== null ? readings.get(body) : undefined;
}

/** Whether the text of an activity, or any string in its value, reads as distress. */
export function carriesDistress(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { text, value } = body as { text?: unknown; value?: unknown };
  if (typeof text === 'string') {
    const reading = { text, distress: readsAsDistress(text) };
    readings.set(body, reading);
    if (reading.distress) return true;
  }
  let budget = VALUE_CHARS;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0 && budget > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item === 'string') {
      budget -= item.length;
      if (readsAsDistress(item)) return true;
    } else if (typeof item === 'object' && item !== null && depth < VALUE_DEPTH) {
      for (const child of Object.values(item)) pending.push([child, depth + 1]);
    }
  }
  return false;
}
