/**
 * Bookings as the rest of the app sees them. An officer is identified by their Entra object id
 * (from the Teams activity, never from card data); name, email and tenant are kept for display.
 */

export interface Officer {
  aadObjectId: string;
  name?: string;
  email?: string;
  tenantId?: string;
}

/** Places taken on a session, booked and waiting. */
export interface PlacesTaken {
  booked: number;
  waitlisted: number;
}

export type BookingStatus = 'booked' | 'waitlisted' | 'cancelled';

/**
 * none: no invite needed (waitlisted, cancelled); ics: the .ics link is the invite (Graph not
 * configured); pending: a Graph event is on its way; sent: it exists; failed: Graph gave up and
 * the officer was offered the .ics instead.
 */
export type InviteStatus = 'none' | 'ics' | 'pending' | 'sent' | 'failed';

export interface BookedSession {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  joinUrl?: string;
}

export interface BookingView {
  bookingId: number;
  officerId: string;
  status: BookingStatus;
  /** 1-based place in the session's waitlist, when waitlisted. */
  position?: number;
  session: BookedSession;
  invite: InviteStatus;
  /** "Add to calendar": the unguessable .ics link, for a booked place. */
  icsUrl?: string;
}

export type Refusal = 'not-found' | 'started';

export type BookOutcome =
  /** `already`: the officer had this place before this press (a second press, another device). */
  | { kind: 'booked'; already: boolean; booking: BookingView }
  | { kind: 'waitlisted'; already: boolean; booking: BookingView }
  | { kind: 'refused'; reason: Refusal };

export type CancelOutcome =
  | { kind: 'cancelled'; booking: BookingView; /** Officers who got a place because of it. */ promoted: string[] }
  | { kind: 'not-booked' }
  | { kind: 'refused'; reason: Refusal };
