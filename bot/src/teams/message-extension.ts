/**
 * The message extension: an officer searches the sessions from the compose box, the command box
 * or a message's ⋯ menu and shares one into any chat as its card; a pasted session link unfurls
 * into the same card. Bot-based: Teams sends these invokes to /api/messages.
 *
 *   composeExtension/query       -> one page of results (queryOptions skip and count), each a
 *                                   thumbnail preview with the session card; an empty search
 *                                   (and Teams' initialRun) lists what is coming up
 *   composeExtension/selectItem  -> the tapped result's card, as the session stands now
 *   composeExtension/queryLink   -> the card for https://<app host>/sessions/<id>
 *
 * The search reads its words as the bot reads a message ("facial recognition", "next Friday").
 * The card's Book a place is Action.Execute, so whoever presses it, in whatever chat, books for
 * themselves and sees their own place (booking-verbs.ts). Search words are the officer's own
 * text: they are never logged.
 */
import type { MessagingExtensionAttachment, MessagingExtensionResponse, MessagingExtensionResult } from 'botbuilder';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Programme } from '../catalog/live-catalog.js';
import type { SessionMatch } from '../catalog/whats-on.js';
import { sessionIdFromLink } from '../catalog/session-links.js';
import type { Logger } from '../log.js';
import { ADAPTIVE_CARD_CONTENT_TYPE } from './cards/render.js';
import { THUMBNAIL_CARD_CONTENT_TYPE, sessionPreview, sharedSessionCard } from './cards/shared-session.js';
import { truncate } from './presentation.js';
import { isRecord } from './activity.js';
import { VERB } from './cards/actions.js';

/** The manifest's search command and its one parameter. */
export const SEARCH_COMMAND_ID = 'findSessions';
export const SEARCH_PARAMETER = 'search';

/** Teams asks for 25 a page; more would only make the list slower to draw. */
export const MAX_RESULTS = 25;
const MAX_SEARCH_CHARS = 500;
const MAX_SKIP = 100_000;
/** What an empty search asks: the sessions coming up, as the bot answers "what's on". */
const EMPTY_SEARCH = 'upcoming sessions';

export interface MessageExtensionDeps {
  programme: () => Pick<Programme, 'whatsOn' | 'sessions'>;
  clock: Clock;
  logger: Logger;
  /** The app's public address; links to its session pages unfurl. Without it, none do. */
  publicBaseUrl?: string;
}

const queryInput = z.object({
  commandId: z.string().optional(),
  parameters: z.array(z.object({ name: z.string().optional(), value: z.unknown().optional() })).optional(),
  queryOptions: z.object({ skip: z.number().optional(), count: z.number().optional() }).optional(),
});
const selectInput = z.object({ sessionId: z.string().trim().min(1).max(200) });
const linkInput = z.object({ url: z.string().max(4096) });

const TRY_AGAIN = 'Sorry, something went wrong on our side. Please try again in a moment.';

function message(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}

function results(attachments: MessagingExtensionAttachment[]): MessagingExtensionResponse {
  const result: MessagingExtensionResult = { type: 'result', attachmentLayout: 'list', attachments };
  return { composeExtension: result };
}

export class MessageExtension {
  constructor(private readonly deps: MessageExtensionDeps) {}

  query(value: unknown): Promise<MessagingExtensionResponse> {
    return this.answering('composeExtension/query', () => {
      const parsed = queryInput.safeParse(value);
      if (!parsed.success) return message("Sorry, I couldn't read that search. Please try again.");
      const { commandId, parameters = [], queryOptions = {} } = parsed.data;
      if (commandId !== undefined && commandId !== SEARCH_COMMAND_ID)
        return message('That search is not available any more. Update the app in Teams and try again.');
      const search = searchText(parameters);
      if (search.length > MAX_SEARCH_CHARS) return message(`That search is too long. Try a few words, up to ${MAX_SEARCH_CHARS} characters.`);
      const skip = Math.min(MAX_SKIP, Math.max(0, Math.floor(queryOptions.skip ?? 0)));
      const count = Math.min(MAX_RESULTS, Math.max(1, Math.floor(queryOptions.count ?? MAX_RESULTS)));
      const now = this.deps.clock.now();
      const { whatsOn } = this.deps.programme();
      const answer = whatsOn.answer({ text: search || EMPTY_SEARCH, askedAt: now, offset: skip, pageSize: count });
      this.deps.logger.info({ invoke: 'composeExtension/query', answer: answer.kind, skip, count, empty: search === '' }, 'searched sessions');
      switch (answer.kind) {
        case 'sessions':
          return results(answer.sessions.map((match) => attachment(match, now)));
        case 'nothing':
          // A later page of an answer that had results is simply the end of the list.
          return skip > 0 ? results([]) : message(`${answer.explanation} Try other words, or clear the search to see what is coming up.`);
        case 'not-understood':
          return skip > 0
            ? results([])
            : message(
                `I couldn't find sessions for \u201c${truncate(search, 60)}\u201d. Try a topic, a presenter or a day, such as \u201cfacial recognition\u201d or \u201cnext Friday\u201d.`,
              );
      }
    });
  }

  selectItem(value: unknown): Promise<MessagingExtensionResponse> {
    return this.answering('composeExtension/selectItem', () => {
      const parsed = selectInput.safeParse(value);
      if (!parsed.success) return message("Sorry, I couldn't read that choice. Please search again.");
      const now = this.deps.clock.now();
      const match = this.deps.programme().sessions.find(parsed.data.sessionId, now);
      if (!match) return message('That session is no longer in the catalogue. Search again to see what is on.');
      return results([attachment(match, now)]);
    });
  }

  /** A pasted link: its session's card, or nothing (Teams then shows the link as it is). */
  queryLink(value: unknown): Promise<MessagingExtensionResponse> {
    return this.answering('composeExtension/queryLink', () => {
      const parsed = linkInput.safeParse(value);
      const id = parsed.success && this.deps.publicBaseUrl ? sessionIdFromLink(parsed.data.url, this.deps.publicBaseUrl) : undefined;
      const now = this.deps.clock.now();
      const match = id === undefined ? undefined : this.deps.programme().sessions.find(id, now);
      this.deps.logger.info({ invoke: 'composeExtension/queryLink', ours: id !== undefined, found: match !== undefined }, 'unfurled a link');
      return results(match ? [attachment(match, now)] : []);
    });
  }

  /** Teams shows the officer a sentence, never a failed request, whatever went wrong here. */
  private async answering(invoke: string, answer: () => MessagingExtensionResponse): Promise<MessagingExtensionResponse> {
    try {
      return answer();
    } catch (error) {
      this.deps.logger.error({ err: error, invoke }, 'message extension failed');
      return message(TRY_AGAIN);
    }
  }
}

/**
 * A message that is one of these cards, sent by an officer from the extension (or the unfurled
 * link) into their chat with the bot: Teams delivers it to the bot, but it asks nothing.
 */
export function isSharedSessionMessage(activity: { text?: string; attachments?: Array<{ contentType?: string; content?: unknown }> }): boolean {
  if (activity.text?.trim()) return false;
  return (activity.attachments ?? []).some((a) => {
    if (a.contentType !== ADAPTIVE_CARD_CONTENT_TYPE || !isRecord(a.content) || !isRecord(a.content.refresh)) return false;
    const refresh = a.content.refresh.action;
    return isRecord(refresh) && refresh.verb === VERB.view;
  });
}

/** The search words: the command's parameter (or the only one); none on Teams' initialRun. */
function searchText(parameters: Array<{ name?: string | undefined; value?: unknown }>): string {
  const parameter = parameters.find((p) => p.name === SEARCH_PARAMETER) ?? (parameters.length === 1 ? parameters[0] : undefined);
  if (!parameter || parameter.name === 'initialRun' || typeof parameter.value !== 'string') return '';
  return parameter.value.replace(/\s+/g, ' ').trim();
}

/** One result: the card that is shared, with the preview Teams lists it by. */
function attachment(match: SessionMatch, now: Date): MessagingExtensionAttachment {
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: sharedSessionCard(match, now),
    preview: { contentType: THUMBNAIL_CARD_CONTENT_TYPE, content: sessionPreview(match, now) },
  };
}
