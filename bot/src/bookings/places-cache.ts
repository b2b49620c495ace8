/**
 * The places taken on sessions as a list card shows them ("12 left", "Join the waitlist"), read
 * from the database at most once a second per session in each app process, however many officers
 * ask. A list card is a glance at the programme: the place itself is decided in the database when
 * the officer presses, and the card that answers the press, like a session's details card, reads
 * its places as they stand. Read on every "what's on" turn, the places cost more CPU than the rest
 * of the turn on the embedded database (1.2 ms a turn to 2.0 ms, against 0.8 ms for an echo bot).
 *
 * This process's own bookings, cancellations, promotions and published changes forget what is held
 * (`forget`), so an officer who books and asks again sees their place counted; another process's
 * show within `freshMs`.
 * Concurrent turns that need the same sessions share one read.
 */
import type { PlacesTaken } from './model.js';

/** Places taken on each of these sessions, in one read; sessions with none are absent. */
export type PlacesRead = (sessionIds: readonly string[]) => Promise<ReadonlyMap<string, PlacesTaken>>;

export const PLACES_FRESH_MS = 1000;

interface Held {
  /** undefined: nobody booked or waiting. */
  taken: PlacesTaken | undefined;
  /** When the read that found it started (the `now` clock). */
  at: number;
}

export class PlacesCache {
  private readonly held = new Map<string, Held>();
  /** Reads under way, by session: a turn that needs one waits for it rather than reading again. */
  private readonly reading = new Map<string, Promise<ReadonlyMap<string, PlacesTaken>>>();
  /** Bumped by `forget`: a read that started before it is answered but not held. */
  private generation = 0;

  constructor(
    private readonly read: PlacesRead,
    /** A monotonic clock in milliseconds (not the app's clock, which a demo or test may fix). */
    private readonly now: () => number = () => performance.now(),
    private readonly freshMs = PLACES_FRESH_MS,
  ) {}

  async placesOn(sessionIds: readonly string[]): Promise<ReadonlyMap<string, PlacesTaken>> {
    const started = this.now();
    const found = new Map<string, PlacesTaken>();
    const unread: string[] = [];
    const waits: Array<Promise<void>> = [];
    const take = (ids: readonly string[], from: ReadonlyMap<string, PlacesTaken>) => {
      for (const id of ids) {
        const taken = from.get(id);
        if (taken) found.set(id, taken);
      }
    };
    for (const id of new Set(sessionIds)) {
      const held = this.held.get(id);
      if (held && started - held.at < this.freshMs) {
        if (held.taken) found.set(id, held.taken);
        continue;
      }
      const under = this.reading.get(id);
      if (under) waits.push(under.then((rows) => take([id], rows)));
      else unread.push(id);
    }
    if (unread.length > 0) {
      const generation = this.generation;
      const read = this.read(unread).then((rows) => {
        if (generation === this.generation) for (const id of unread) this.held.set(id, { taken: rows.get(id), at: started });
        return rows;
      });
      for (const id of unread) this.reading.set(id, read);
      const done = () => {
        for (const id of unread) if (this.reading.get(id) === read) this.reading.delete(id);
      };
      read.then(done, done);
      waits.push(read.then((rows) => take(unread, rows)));
    }
    await Promise.all(waits);
    return found;
  }

  /**
   * After this process changed places on these sessions (every session when none are named), once
   * the change has committed: the next turn reads them again, and no read begun before is kept.
   */
  forget(sessionIds?: readonly string[]): void {
    this.generation += 1;
    if (sessionIds === undefined) {
      this.held.clear();
      this.reading.clear();
      return;
    }
    for (const id of sessionIds) {
      this.held.delete(id);
      this.reading.delete(id);
    }
  }
}
