/**
 * The one source of "now" for the domain, so demos and tests can fix it (CLOCK_NOW). Every moment
 * the app keeps — when a reminder is due, when it has passed its use, whether a session has
 * started — is read on this clock, never on the database's now(): a process started with a later
 * CLOCK_NOW finds due what that moment makes due.
 *
 * Waits that are about another service rather than the programme (a lease on a job, a Retry-After,
 * the pace of messages to Teams) are real durations: they run on `elapsedClock`, which keeps going
 * while CLOCK_NOW holds the app's clock still.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Real time passing, for leases, backoff and rate limits, even when the app's clock is fixed. */
export const elapsedClock: Clock = systemClock;

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
