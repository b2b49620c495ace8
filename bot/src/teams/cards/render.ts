/**
 * Fills a card template (a JSON file you can open in the Adaptive Cards Designer) from a typed
 * data object: no card is ever built by string pasting. Each template is compiled once
 * (template.ts) and its output is held to the official templating SDK's in the tests.
 */
import { compileTemplate } from './template.js';

/** An Adaptive Card as sent to Teams: plain JSON. */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * The text colours a card may take from its data: the only ones that reach 4.5:1 (WCAG AA) on
 * every background in Teams' light, dark and high contrast themes. Good (2.1:1 on white), Warning
 * (1.5:1) and Attention (3.2:1 on dark) do not, so a state is said in words (and a ✓), not in green.
 */
export const READABLE_COLORS = ['Default', 'Accent'] as const;
export type ReadableColor = (typeof READABLE_COLORS)[number];

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
