/**
 * What the cards' buttons do, as a table from verb to handler. Each handler reads the button's
 * data (never trusting it beyond what it checks), calls a use case and returns a card, a short
 * message or a refusal; bot.ts turns that into an invoke response (Action.Execute) or a new
 * message (Action.Submit from older clients). Booking adds its verbs (`booking.*`) to this table.
 */
import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import type { BookingService } from '../bookings/booking-service.js';
import type { Programme } from '../catalog/live-catalog.js';
import { MAX_QUESTION_CHARS } from '../catalog/whats-on.js';
import { VERB, type QuestionRef } from './cards/actions.js';
import type { AdaptiveCardJson } from './cards/render.js';
import { sessionDetailsCard, sessionDetailsData } from './cards/session-details.js';
import { answerCard } from './answer-card.js';

export type VerbResult =
  | { kind: 'card'; card: AdaptiveCardJson }
  | { kind: 'message'; text: string }
  /** The button's data was not acceptable: 400 with a message an officer can read. */
  | { kind: 'refused'; code: string; message: string };

export interface VerbInput {
  /** `action.data` as it arrived (inputs merged in), not yet checked. */
  data: unknown;
  /** The turn, for verbs that need the officer (`from.aadObjectId`) or the conversation. */
  context: TurnContext;
  now: Date;
}

export type VerbHandler = (input: VerbInput) => Promise<VerbResult>;
export type VerbTable = Readonly<Record<string, VerbHandler>>;

export interface WhatsOnVerbDeps {
  /** The live catalog version, read afresh on every press. */
  programme: () => Pick<Programme, 'whatsOn' | 'sessions'>;
  /** The places taken on a session now, for the details card; without it the card gives the capacity only. */
  bookings?: Pick<BookingService, 'placesOn' | 'placesOnAll'>;
}

const questionRef = z.object({
  text: z.string().trim().min(1).max(MAX_QUESTION_CHARS),
  askedAt: z.iso.datetime({ offset: true }),
  offset: z.number().int().min(0).max(100_000),
});

const moreInput = questionRef;
const detailsInput = z.object({
  sessionId: z.string().trim().max(200).optional(),
  back: questionRef.optional(),
});

export const badData: VerbResult = {
  kind: 'refused',
  code: 'BadRequest',
  message: "Sorry, I couldn't read that button. Ask me the question again.",
};

/** The verbs of the "what's on" cards: page through an answer, open a session's details. */
export function whatsOnVerbs(deps: WhatsOnVerbDeps): VerbTable {
  return {
    [VERB.whatsOnMore]: async ({ data, now }) => {
      const parsed = moreInput.safeParse(data);
      if (!parsed.success) return badData;
      const placesOn = deps.bookings && ((ids: readonly string[]) => deps.bookings!.placesOnAll(ids));
      return { kind: 'card', card: (await answerCard(deps.programme().whatsOn, toQuestion(parsed.data), now, 'personal', placesOn)).card };
    },
    [VERB.sessionDetails]: async ({ data, now }) => {
      const parsed = detailsInput.safeParse(data);
      if (!parsed.success) return badData;
      const { sessionId, back } = parsed.data;
      if (!sessionId) return { kind: 'message', text: 'Choose a session in the list first, then press Details.' };
      const match = deps.programme().sessions.find(sessionId, now);
      if (!match) return { kind: 'message', text: 'That session is no longer in the catalogue. Ask me again to see what is on.' };
      const taken = await deps.bookings?.placesOn(match.session.id);
      return { kind: 'card', card: sessionDetailsCard(sessionDetailsData(match, now, back ? toQuestion(back) : undefined, taken)) };
    },
  };
}

function toQuestion(ref: z.infer<typeof questionRef>): QuestionRef {
  return { text: ref.text, askedAt: new Date(ref.askedAt).toISOString(), offset: ref.offset };
}
