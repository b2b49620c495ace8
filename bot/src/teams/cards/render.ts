/**
 * Fills a card template (a JSON file you can open in the Adaptive Cards Designer) from a typed
 * data object with the official templating engine: no card is ever built by string pasting.
 */
import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card as sent to Teams: plain JSON. */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function renderCard<T extends object>(template: object, data: T): AdaptiveCardJson {
  const expanded = new ACData.Template(template).expand({ $root: data }) as AdaptiveCardJson & { $schema?: string };
  // The $schema line is for the Designer and editors; Teams does not need it on the wire.
  const { $schema: _designerOnly, ...card } = expanded;
  return card as AdaptiveCardJson;
}
