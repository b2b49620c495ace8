/**
 * Fills a card template (a JSON file you can open in the Adaptive Cards Designer) from a typed
 * data object: no card is ever built by string pasting. Each template is compiled once
 * (template.ts) and its output is held to the official templating SDK's in the tests.
 */
import { compileTemplate } from './template.js';

/** An Adaptive Card as sent to Teams: plain JSON. */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const compiled = new WeakMap<object, (data: unknown) => unknown>();

export function renderCard<T extends object>(template: object, data: T): AdaptiveCardJson {
  let expand = compiled.get(template);
  if (!expand) {
    // The $schema line is for the Designer and editors; Teams does not need it on the wire.
    const { $schema: _designerOnly, ...card } = template as Record<string, unknown>;
    expand = compileTemplate(card);
    compiled.set(template, expand);
  }
  return expand(data) as AdaptiveCardJson;
}
