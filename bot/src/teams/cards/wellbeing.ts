/**
 * The answer to a message that reads as distress (wellbeing/distress.ts): the 24/7 Mental Health
 * Crisis Line that the Response Policing Week page gives for anyone in policing, 999 for immediate
 * danger, and Oscar Kilo, the National Police Wellbeing Service. Nothing else: no sessions, no
 * buttons to book, nothing of what the officer wrote.
 *
 * The number is a `tel:` button and is also written out. Teams opens a `tel:` Action.OpenUrl on
 * its phone apps, but its desktop and web clients may do nothing with one (reported to the
 * Adaptive Cards and Teams docs repositories: microsoft/AdaptiveCards#3905,
 * MicrosoftDocs/msteams-docs#8133), and a `tel:` link in card markdown loses its address in Teams,
 * so the number is plain text that can be read out, copied or dialled from any phone.
 */
import { renderCard, type AdaptiveCardJson } from './render.js';
import template from './wellbeing.json' with { type: 'json' };

export function wellbeingCard(): AdaptiveCardJson {
  return renderCard(template, {});
}
