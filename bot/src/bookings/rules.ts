/**
 * The booking rules, free of storage: whether a session can still be booked, whether a new
 * booking gets a place or joins the waitlist, and how many waiting officers a free place promotes.
 */
import type { Refusal } from './model.js';

export interface SessionFacts {
  startsAt: Date;
  /** null: no limit. */
  capacity: number | null;
  withdrawn: boolean;
}

/** A session that has started (or ended) or was withdrawn from the catalog cannot be booked or cancelled. */
export function refusalFor(session: SessionFacts | undefined, now: Date): Refusal | undefined {
  if (!session || session.withdrawn) return 'not-found';
  if (session.startsAt.getTime() <= now.getTime()) return 'started';
  return undefined;
}

export function placeFor(capacity: number | null, booked: number): 'booked' | 'waitlisted' {
  return capacity === null || booked < capacity ? 'booked' : 'waitlisted';
}

/** How many officers to move from the waitlist to places: never negative; a cut in capacity demotes no one. */
export function promotions(capacity: number | null, booked: number, waiting: number): number {
  if (capacity === null) return waiting;
  return Math.max(0, Math.min(waiting, capacity - booked));
}
