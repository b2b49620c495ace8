/**
 * The booking buttons: Book a place, Cancel booking / Leave the waitlist, My bookings, and the
 * refresh verb of a user-specific card. The officer is whoever the activity is from
 * (`from.aadObjectId`); an officer id or a capacity in the button's data is never read.
 *
 * In a group chat or channel the answer is a user-specific view: the card that comes back
 * carries `refresh.userIds = [the presser]`, so Teams shows it to them (asking `booking.view`
 * for their own state when it redraws) while everyone else keeps the card that was posted.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { BookingService } from '../bookings/booking-service.js';
import type { BookingView, Officer, Refusal } from '../bookings/model.js';
import type { Programme } from '../catalog/live-catalog.js';
import type { Logger } from '../log.js';
import { scopeOf } from './activity.js';
import { VERB } from './cards/actions.js';
import { bookingCard, bookingCardData, forUsers, myBookingsCard, myBookingsData, type BookingCardOptions } from './cards/booking.js';
import type { AdaptiveCardJson } from './cards/render.js';
import { sessionDetailsCard, sessionDetailsData } from './cards/session-details.js';
import { badData, type VerbResult, type VerbTable } from './verbs.js';

export interface BookingVerbDeps {
  bookings: BookingService;
  /** The live catalog version: whether a session is still in the programme. */
  programme: () => Pick<Programme, 'sessions'>;
  logger: Logger;
  /** How long the lookup of a booking officer's name and email waits for the Teams member API before giving up. */
  memberLookupMs?: number;
}

const sessionId = z.string().trim().min(1).max(200);
const bookInput = z.object({ sessionId: sessionId.optional() });
/** A page of "my bookings": how many come before it. */
const offset = z.number().int().min(0).max(10_000).optional();
const cancelInput = z.object({ sessionId: sessionId.optional(), from: z.literal('mine').optional(), offset });
const mineInput = z.object({ offset });
const viewInput = z.object({ sessionId });
const keepInput = z.object({ sessionId });

export const NOT_SIGNED_IN: VerbResult = {
  kind: 'message',
  text: "Sorry, I couldn't tell who you are, so I can't book for you. Please use Teams signed in with your work account.",
};

export function refusalText(reason: Refusal, doing: 'book' | 'cancel'): string {
  if (reason === 'started') {
    return doing === 'book'
      ? 'Sorry, that session has already started (or finished), so it can no longer be booked. Ask me what is on to find another.'
      : 'That session has already started, so the booking can no longer be changed.';
  }
  return 'Sorry, that session is no longer in the catalogue. Ask me what is on to see the sessions you can book.';
}

/** The officer as Teams identifies them; null when the activity carries no Entra id. */
export function officerOf(context: TurnContext): Officer | undefined {
  const { from, conversation, channelData } = context.activity;
  const id = from?.aadObjectId?.trim();
  if (!id) return undefined;
  const tenantId = conversation?.tenantId ?? channelData?.tenant?.id;
  return { aadObjectId: id, ...(from.name ? { name: from.name } : {}), ...(tenantId ? { tenantId } : {}) };
}

export function bookingVerbs(deps: BookingVerbDeps): VerbTable {
  const { bookings } = deps;

  /** Name and email from the member API, for the officers table (asked after the answer, for an officer not on record). */
  const memberDetails = async (context: TurnContext): Promise<Pick<Officer, 'name' | 'email'> | undefined> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const member = await Promise.race([
        TeamsInfo.getMember(context, context.activity.from.id),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), deps.memberLookupMs ?? 5000);
        }),
      ]);
      if (!member) return undefined;
      const email = member.email ?? member.userPrincipalName;
      return { ...(member.name ? { name: member.name } : {}), ...(email ? { email } : {}) };
    } catch (error) {
      deps.logger.debug({ err: error }, 'member lookup failed; the booking stands without name and email');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  /** The card for one session as this officer holds it, user-specific outside personal chat. */
  const stateCard = (context: TurnContext, view: BookingView, now: Date, options: BookingCardOptions = {}): VerbResult => {
    // A booking outlives its session's removal from the catalog: it can be cancelled, not booked again.
    const withdrawn = deps.programme().sessions.isWithdrawn(view.session.id);
    return { kind: 'card', card: personalise(context, bookingCard(bookingCardData(view, now, { ...options, withdrawn })), view.session.id) };
  };

  /** The officer's own list, user-specific outside personal chat (it names their sessions). */
  const mine = async (context: TurnContext, officer: Officer, now: Date, lead = '', offset = 0): Promise<AdaptiveCardJson> =>
    onlyForPresser(context, myBookingsCard(myBookingsData(await bookings.myBookings(officer), now, lead, offset)), { verb: VERB.myBookings });

  return {
    [VERB.book]: async ({ data, context, now }) => {
      const parsed = bookInput.safeParse(data);
      if (!parsed.success) return badData;
      const chosen = parsed.data.sessionId;
      if (!chosen) return { kind: 'message', text: 'Choose a session in the list first, then press Book a place.' };
      const officer = officerOf(context);
      if (!officer) return NOT_SIGNED_IN;
      const outcome = await bookings.book(officer, chosen, () => memberDetails(context));
      if (outcome.kind === 'refused') return { kind: 'message', text: refusalText(outcome.reason, 'book') };
      return stateCard(context, outcome.booking, now, { already: outcome.already });
    },

    [VERB.cancel]: async ({ data, context, now }) => {
      const parsed = cancelInput.safeParse(data);
      if (!parsed.success) return badData;
      const { sessionId: chosen, from, offset: page } = parsed.data;
      if (!chosen) return { kind: 'message', text: 'Choose the session to cancel first, then press Cancel booking.' };
      const officer = officerOf(context);
      if (!officer) return NOT_SIGNED_IN;
      const outcome = await bookings.cancel(officer, chosen);
      if (outcome.kind === 'refused') return { kind: 'message', text: refusalText(outcome.reason, 'cancel') };
      if (from === 'mine') {
        const lead = outcome.kind === 'cancelled' ? `Cancelled: ${outcome.booking.session.title}.` : 'That place was already cancelled.';
        return { kind: 'card', card: await mine(context, officer, now, lead, page) };
      }
      if (outcome.kind === 'not-booked') {
        // A second press, or another device got there first: show where things stand.
        const match = deps.programme().sessions.find(chosen, now);
        if (!match) return { kind: 'message', text: refusalText('not-found', 'cancel') };
        return {
          kind: 'card',
          card: personalise(
            context,
            sessionDetailsCard({
              ...sessionDetailsData(match, now, undefined, await bookings.placesOn(chosen)),
              status: "You don't have a place on this session.",
              statusColor: 'Default',
            }),
            chosen,
          ),
        };
      }
      return stateCard(context, outcome.booking, now);
    },

    [VERB.view]: async ({ data, context, now }) => {
      const parsed = viewInput.safeParse(data);
      if (!parsed.success) return badData;
      const officer = officerOf(context);
      const view = officer && (await bookings.bookingFor(officer, parsed.data.sessionId));
      if (view) return stateCard(context, view, now);
      // Not (or no longer) booked: the session as anyone sees it, with Book while it is open.
      const match = deps.programme().sessions.find(parsed.data.sessionId, now);
      if (!match) return { kind: 'message', text: refusalText('not-found', 'book') };
      return { kind: 'card', card: sessionDetailsCard(sessionDetailsData(match, now, undefined, await bookings.placesOn(parsed.data.sessionId))) };
    },

    // The session moved and the officer says the new time suits them: their place stands as it is.
    [VERB.keep]: async ({ data, context, now }) => {
      const parsed = keepInput.safeParse(data);
      if (!parsed.success) return badData;
      const officer = officerOf(context);
      if (!officer) return NOT_SIGNED_IN;
      const view = await bookings.bookingFor(officer, parsed.data.sessionId);
      if (view) {
        const lead = view.status === 'booked' ? 'Thanks: your place at the new time is kept.' : 'Thanks: you stay on the waitlist at the new time.';
        return stateCard(context, view, now, { lead });
      }
      const match = deps.programme().sessions.find(parsed.data.sessionId, now);
      if (!match) return { kind: 'message', text: refusalText('not-found', 'cancel') };
      return {
        kind: 'card',
        card: personalise(
          context,
          sessionDetailsCard({
            ...sessionDetailsData(match, now, undefined, await bookings.placesOn(parsed.data.sessionId)),
            status: "You don't have a place on this session.",
            statusColor: 'Default',
          }),
          parsed.data.sessionId,
        ),
      };
    },

    [VERB.myBookings]: async ({ data, context, now }) => {
      const parsed = mineInput.safeParse(data ?? {});
      if (!parsed.success) return badData;
      const officer = officerOf(context);
      if (!officer) return NOT_SIGNED_IN;
      return { kind: 'card', card: await mine(context, officer, now, '', parsed.data.offset) };
    },
  };
}

/**
 * Outside personal chat, a card about one officer's place is shown to that officer only: the
 * invoke response replaces the card for the presser, and the refresh keeps it theirs (Teams asks
 * `booking.view` for each listed user when it draws the card; others see the message as posted).
 */
export function personalise(context: TurnContext, card: AdaptiveCardJson, forSession: string): AdaptiveCardJson {
  return onlyForPresser(context, card, { verb: VERB.view, sessionId: forSession });
}

/** Outside personal chat, the card goes to the presser only, and `refresh` redraws it for them. */
function onlyForPresser(context: TurnContext, card: AdaptiveCardJson, refresh: { verb: string; [key: string]: unknown }): AdaptiveCardJson {
  const presser = context.activity.from?.id;
  if (scopeOf(context.activity) === 'personal' || !presser) return card;
  return forUsers(card, [presser], refresh);
}
