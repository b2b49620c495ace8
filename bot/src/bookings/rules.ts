/**
 * The booking rules, free of storage: whether a session can still be booked or a place given up,
 * and how many waiting officers free places promote. Whether a new booking gets a place or joins
 * the waitlist is decided in SQL under the session lock (bookingStore.book).
 */
import type { Refusal } from './model.js';

export interface SessionFacts {
  startsAt: Date;
  /** null: no limit. */
  capacity: number | null;
  withdrawn: boolean;
}

/** A session that has started (or ended) or was withdrawn from the catalog cannot be booked. */
export function refusalFor(session: SessionFacts | undefined, now: Date): Refusal | undefined {
  if (!session || session.withdrawn) return 'not-found';
  return cancelRefusalFor(session, now);
}

/**
 * A place can be given up until the session starts, even when the session was withdrawn from the
 * catalog: the officer still sees it in "my bookings" and may still have its calendar event.
 */
export function cancelRefusalFor(session: SessionFacts, now: Date): Refusal | undefined {
  return session.startsAt.getTime() <= now.getTime() ? 'started' : undefined;
}

/** How many officers to move from the waitlist to places: never negative; a cut in capacity demotes no one. */
export function promotions(capacity: number | null, booked: number, waiting: number): number {
  if (capacity === null) return waiting;
  return Math.max(0, Math.min(waiting, capacity - booked));
}
