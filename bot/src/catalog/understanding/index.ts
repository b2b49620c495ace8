/**
 * "What's on" understanding: officers' own words to sessions. Build once per catalog (at start and
 * on every reload) with createWhatsOn; answering then only looks things up.
 *
 *   const whatsOn = createWhatsOn(catalog);
 *   const answer = whatsOn.answer({ text, askedAt: clock.now(), offset, pageSize });
 */
import type { Catalog } from '../model.js';
import type { WhatsOn, WhatsOnRequest } from '../whats-on.js';
import { answerFor } from './answer.js';
import { SearchIndex } from './search-index.js';
import { understand } from './understand.js';
import { TIME_WORDS } from './when.js';

export interface WhatsOnOptions {
  /** Sessions per answer when the request does not say; 10 fits one card. */
  pageSize?: number;
  /** How many sessions to offer when nothing matches. */
  nearestCount?: number;
}

export function createWhatsOn(catalog: Catalog, options: WhatsOnOptions = {}): WhatsOn {
  const index = new SearchIndex(catalog, TIME_WORDS);
  const defaults = { pageSize: options.pageSize ?? 10, nearestCount: options.nearestCount ?? 3 };
  return {
    answer(request: WhatsOnRequest) {
      const understood = understand(index, request.text, request.askedAt);
      return answerFor(index, understood, request.askedAt, request.offset ?? 0, {
        ...defaults,
        pageSize: request.pageSize ?? defaults.pageSize,
      });
    },
  };
}

export { understand } from './understand.js';
export type { Understood, Concept } from './understand.js';
export { understandWhen } from './when.js';
export type { UnderstoodWhen, ClockWindow } from './when.js';
export { SearchIndex } from './search-index.js';
