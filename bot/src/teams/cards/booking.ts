/**
 * The booking cards: one session as the officer now holds it (booked, waitlisted, cancelled),
 * "my bookings", and the stand-in a shared chat sees for "my bookings". The calendar line says
 * what happened to the invite: the .ics link is always offered; with Graph there is also an
 * event in the officer's Outlook calendar, on its way or there.
 */
import type { BookingView } from '../../bookings/model.js';
import { formatSessionTime, isWebUrl, sessionTiming, truncate } from '../presentation.js';
import { VERB, bookData, type BookData, type CancelData, type DetailsData, type MyBookingsData } from './actions.js';
import { renderCard, type AdaptiveCardJson, type ReadableColor } from './render.js';
import bookingTemplate from './booking.json' with { type: 'json' };
import myBookingsTemplate from './my-bookings.json' with { type: 'json' };
import sharedTemplate from './my-bookings-shared.json' with { type: 'json' };

const TITLE_CHARS = 150;
/**
 * Bookings on a page of "my bookings": each has its text and a row of buttons; with every text at
 * its longest ten keep the card under 28 KB.
 */
export const MY_BOOKINGS_PAGE = 10;

export interface BookingCardData {
  lead: string;
  leadColor: ReadableColor;
  state: string;
  stateColor: ReadableColor;
  title: string;
  when: string;
  note: string;
  footer: string;
  icsUrl: string;
  joinUrl: string;
  cancel: CancelData | null;
  cancelTitle: string;
  book: BookData | null;
  mine: MyBookingsData;
}

/** What the calendar line says for a booked place. */
export function inviteNote(invite: BookingView['invite']): string {
  switch (invite) {
    case 'pending':
      return 'An invite is on its way to your Outlook calendar. You can also use Add to calendar.';
    case 'sent':
      return 'It is in your Outlook calendar. You can also use Add to calendar.';
    case 'failed':
      return "We couldn't add it to your Outlook calendar; use Add to calendar instead.";
    default:
      return 'Use Add to calendar to put it in your calendar.';
  }
}

function waitlistNote(position: number | undefined): string {
  const place = position ? `You are number ${position} on the waitlist. ` : '';
  return `${place}If a place comes up you will be booked automatically and I will message you.`;
}

export interface BookingCardOptions {
  /** The officer pressed Book but already had this place (a second press, another device). */
  already?: boolean;
  /** A line above the state, e.g. the promotion message. */
  lead?: string;
  leadColor?: BookingCardData['leadColor'];
  /** The session has been taken out of the programme: it can no longer be booked. */
  withdrawn?: boolean;
}

/** The card for the officer's place on one session, as the use case reported it. */
export function bookingCardData(view: BookingView, now: Date, options: BookingCardOptions = {}): BookingCardData {
  const { session } = view;
  const upcoming = sessionTiming(session, now) === 'upcoming';
  const base = {
    lead: options.lead ?? '',
    leadColor: options.leadColor ?? 'Default',
    title: truncate(session.title, TITLE_CHARS),
    when: formatSessionTime(session.startsAt, session.endsAt, now),
    footer: 'Times are UK time.',
    joinUrl: '',
    mine: { verb: VERB.myBookings } as MyBookingsData,
  };
  const cancel: CancelData = { verb: VERB.cancel, sessionId: session.id };
  switch (view.status) {
    case 'booked':
      return {
        ...base,
        state: options.already ? "\u2713 You're already booked" : "\u2713 You're booked",
        stateColor: 'Default',
        note: inviteNote(view.invite),
        icsUrl: isWebUrl(view.icsUrl) ? view.icsUrl : '',
        joinUrl: upcoming && isWebUrl(session.joinUrl) ? session.joinUrl : '',
        cancel: upcoming ? cancel : null,
        cancelTitle: 'Cancel booking',
        book: null,
      };
    case 'waitlisted':
      return {
        ...base,
        state: `${options.already ? "You're already on the waitlist" : 'Waitlisted'}${view.position ? ` #${view.position}` : ''}`,
        stateColor: 'Default',
        note: `This session is full. ${waitlistNote(view.position)}`,
        icsUrl: '',
        cancel: upcoming ? cancel : null,
        cancelTitle: 'Leave the waitlist',
        book: null,
      };
    case 'cancelled':
      return {
        ...base,
        state: 'Your place is cancelled',
        stateColor: 'Default',
        note: options.withdrawn
          ? 'This session has been taken out of the programme, so it can no longer be booked.'
          : upcoming
            ? 'Changed your mind? You can book again while places last.'
            : '',
        icsUrl: '',
        cancel: null,
        cancelTitle: '',
        book: upcoming && !options.withdrawn ? bookData(session.id) : null,
      };
  }
}

export function bookingCard(data: BookingCardData): AdaptiveCardJson {
  return renderCard(bookingTemplate, data);
}

export interface MyBookingsRow {
  sessionId: string;
  title: string;
  when: string;
  state: string;
  stateColor: ReadableColor;
  note: string;
  /** The .ics link of a booked place; empty while waitlisted. */
  icsUrl: string;
  cancel: CancelData;
  cancelTitle: string;
  details: DetailsData;
}

export interface MyBookingsCardData {
  lead: string;
  heading: string;
  intro: string;
  items: MyBookingsRow[];
  previous: MyBookingsData | null;
  previousTitle: string;
  more: MyBookingsData | null;
}

/**
 * The officer's upcoming places, a page at a time, each with its own buttons: Details and Add to
 * calendar (a booked place), then Cancel booking or Leave the waitlist in a row of its own, so
 * that no row is wider than a phone and cancelling is not pressed for the calendar by mistake.
 * A cancel from the list answers with the same page again, up to date (or the page before, if
 * that one is now empty).
 */
export function myBookingsData(views: BookingView[], now: Date, lead = '', offset = 0): MyBookingsCardData {
  const start = views.length === 0 ? 0 : Math.min(Math.max(0, offset), Math.floor((views.length - 1) / MY_BOOKINGS_PAGE) * MY_BOOKINGS_PAGE);
  const shown = views.slice(start, start + MY_BOOKINGS_PAGE);
  const booked = views.filter((v) => v.status === 'booked').length;
  const waiting = views.filter((v) => v.status === 'waitlisted').length;
  const parts = [booked > 0 ? `${booked} booked` : '', waiting > 0 ? `${waiting} on a waitlist` : ''].filter(Boolean);
  const page = views.length > shown.length ? ` Showing ${start + 1}\u2013${start + shown.length}.` : '';
  return {
    lead,
    heading: 'Your bookings',
    intro:
      views.length === 0
        ? "You have no upcoming bookings or waitlist places. Ask me what's on to find a session."
        : `${parts.join(', ')}.${page} Times are UK time.`,
    items: shown.map((view) => {
      const isBooked = view.status === 'booked';
      return {
        sessionId: view.session.id,
        title: truncate(view.session.title, TITLE_CHARS),
        when: formatSessionTime(view.session.startsAt, view.session.endsAt, now),
        state: isBooked ? 'Booked \u2713' : `Waitlisted${view.position ? ` #${view.position}` : ''}`,
        stateColor: 'Default',
        note: isBooked ? inviteNote(view.invite).replace(/ You can also use Add to calendar\.$/, '') : waitlistNote(view.position),
        icsUrl: isBooked && isWebUrl(view.icsUrl) ? view.icsUrl : '',
        cancel: { verb: VERB.cancel, sessionId: view.session.id, from: 'mine', ...(start > 0 ? { offset: start } : {}) },
        cancelTitle: isBooked ? 'Cancel booking' : 'Leave the waitlist',
        details: { verb: VERB.sessionDetails, sessionId: view.session.id },
      };
    }),
    previous: start > 0 ? myBookingsPage(Math.max(0, start - MY_BOOKINGS_PAGE)) : null,
    previousTitle: `Previous ${Math.min(MY_BOOKINGS_PAGE, start)}`,
    more: views.length > start + shown.length ? myBookingsPage(start + shown.length) : null,
  };
}

function myBookingsPage(offset: number): MyBookingsData {
  return offset > 0 ? { verb: VERB.myBookings, offset } : { verb: VERB.myBookings };
}

export function myBookingsCard(data: MyBookingsCardData): AdaptiveCardJson {
  return renderCard(myBookingsTemplate, data);
}

/** In a group chat or channel everyone sees the message: it shows each person their own list. */
export function sharedMyBookingsCard(name: string | undefined): AdaptiveCardJson {
  const who = name ? truncate(name, 80) : 'You';
  return renderCard(sharedTemplate, {
    text: `${who} asked for their bookings. Bookings are private: each person sees only their own here. Press Show my bookings to see yours.`,
    mine: { verb: VERB.myBookings },
  });
}

/**
 * Makes a card user-specific (Universal Actions): the users listed are shown the card the
 * refresh verb returns for them, everyone else keeps the card the message carries.
 */
export function forUsers(card: AdaptiveCardJson, userIds: string[], data: { verb: string; [key: string]: unknown }): AdaptiveCardJson {
  return { ...card, refresh: { action: { type: 'Action.Execute', verb: data.verb, data }, userIds } };
}
