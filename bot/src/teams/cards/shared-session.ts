/**
 * A session as the message extension shares it into a chat: the session's details card, whose
 * refresh asks the bot for each viewer's own view (their place if they have one, else the session
 * with Book a place), and the small preview Teams lists in the search results.
 */
import type { SessionMatch } from '../../catalog/whats-on.js';
import { presenterLine } from '../../catalog/presenters.js';
import { formatSessionTime, truncate } from '../presentation.js';
import { VERB, type ViewData } from './actions.js';
import type { AdaptiveCardJson } from './render.js';
import { sessionDetailsCard, sessionDetailsData } from './session-details.js';

export const THUMBNAIL_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.thumbnail';

/** What a preview's tap sends back as composeExtension/selectItem. */
export interface SelectItemData {
  sessionId: string;
}

/** The Bot Framework thumbnail card a search result is listed as. */
export interface ThumbnailCard {
  title: string;
  subtitle?: string;
  text?: string;
  tap?: { type: 'invoke'; title: string; value: SelectItemData };
}

const PREVIEW_LIMITS = { title: 120, presenters: 150 } as const;

/**
 * The card posted to the chat. No `userIds`: in a chat of up to 60 people Teams refreshes it for
 * everyone who sees it (a search-based extension's card, per Teams' Universal Actions), and a
 * refresh, with Action.Execute, is what has Teams add the bot to the chat the card is sent to.
 */
export function sharedSessionCard(match: SessionMatch, now: Date): AdaptiveCardJson {
  const view: ViewData = { verb: VERB.view, sessionId: match.session.id };
  return { ...sessionDetailsCard(sessionDetailsData(match, now)), refresh: { action: { type: 'Action.Execute', verb: view.verb, data: view } } };
}

/** The result as the search list shows it: title, UK time, presenters; a tap picks it. */
export function sessionPreview(match: SessionMatch, now: Date): ThumbnailCard {
  const { session } = match;
  const presenters = truncate(session.presenters.map(presenterLine).join('; '), PREVIEW_LIMITS.presenters);
  return {
    title: truncate(session.title, PREVIEW_LIMITS.title),
    subtitle: `${formatSessionTime(session.startsAt, session.endsAt, now)} (UK time)`,
    ...(presenters ? { text: presenters } : {}),
    tap: { type: 'invoke', title: 'Share this session', value: { sessionId: session.id } },
  };
}
