/**
 * The booking use cases: book, cancel, my bookings, and honouring capacity changes. Each one is
 * one transaction that locks the session row first, so concurrent presses — from any number of
 * app processes on one PostgreSQL — queue on that lock and see each other's committed places.
 * The invite work (Graph events, messages) is written to the outbox in the same transaction.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../store/db.js';
import { enqueue } from '../jobs/outbox-store.js';
import { bookingStore as store, type BookingRow, type SessionRow } from './booking-store.js';
import type { BookOutcome, BookingView, CancelOutcome, InviteStatus, Officer } from './model.js';
import { cancelRefusalFor, promotions, refusalFor } from './rules.js';
import { jobKinds } from './invite-jobs.js';

export interface BookingServiceOptions {
  db: Db;
  clock: Clock;
  /** graph: an event in the officer's calendar through the outbox; ics: the .ics link is the invite. */
  calendar: 'graph' | 'ics';
  /** Absolute base for .ics links, e.g. https://cpd.example.police.uk */
  publicBaseUrl: string;
  /** Called after a commit that queued jobs, so an in-process worker starts at once. */
  onJobsQueued?: () => void;
  maxInviteAttempts?: number;
}

export class BookingService {
  constructor(private readonly options: BookingServiceOptions) {}

  icsUrl(token: string): string {
    return `${this.options.publicBaseUrl.replace(/\/+$/, '')}/calendar/${token}.ics`;
  }

  async book(officer: Officer, sessionId: string): Promise<BookOutcome> {
    assertOfficer(officer);
    // A second press is the common case under load: answer it without queueing on the lock.
    const existing = await this.current(officer.aadObjectId, sessionId);
    if (existing) return existing;
    let queued = false;
    try {
      const outcome = await this.options.db.transaction(async (tx): Promise<BookOutcome> => {
        // Before the session lock: it only touches this officer's row.
        await store.upsertOfficer(tx, officer);
        const session = await store.lockSession(tx, sessionId);
        const refusal = refusalFor(session && facts(session), this.options.clock.now());
        if (refusal || !session) return { kind: 'refused', reason: refusal ?? 'not-found' };
        const graph = this.options.calendar === 'graph';
        const result = await store.bookIfAbsent(tx, {
          sessionId, officerId: officer.aadObjectId, capacity: session.capacity, icsToken: newToken(), inviteOnPlace: this.inviteOnBooking(),
          ...(graph ? { job: { kind: jobKinds.createEvent, maxAttempts: this.maxAttempts() } } : {}),
        });
        if ('existing' in result) return alreadyOutcome(this.view((await store.byId(tx, result.existing))!, session));
        const row = result.inserted;
        queued = graph && row.status === 'booked';
        const view = this.view(row, session);
        return view.status === 'booked' ? { kind: 'booked', already: false, booking: view } : { kind: 'waitlisted', already: false, booking: view };
      });
      if (queued) this.options.onJobsQueued?.();
      return outcome;
    } catch (error) {
      // The unique index caught a booking the lock should have serialised (e.g. a session row
      // recreated mid-flight): the officer has a place, which is the answer they want.
      if (isUniqueViolation(error)) {
        const raced = await this.current(officer.aadObjectId, sessionId);
        if (raced) return raced;
      }
      throw error;
    }
  }

  async cancel(officer: Officer, sessionId: string): Promise<CancelOutcome> {
    assertOfficer(officer);
    let queued = false;
    const outcome = await this.options.db.transaction(async (tx): Promise<CancelOutcome> => {
      const session = await store.lockSession(tx, sessionId);
      const booking = session ? await store.active(tx, sessionId, officer.aadObjectId) : undefined;
      if (!session || !booking) return { kind: 'not-booked' };
      const refusal = cancelRefusalFor(facts(session), this.options.clock.now());
      if (refusal) return { kind: 'refused', reason: refusal };
      await store.cancel(tx, booking.id);
      if (booking.status === 'booked' && (booking.invite_status === 'pending' || booking.invite_status === 'sent')) {
        // A create that never reached Graph need not run; one that may have (an earlier attempt
        // timed out) still runs, so the delete below learns the event id and removes it.
        await tx.query(
          "update jobs set state = 'done', finished_at = now(), last_error = 'superseded: booking cancelled' where booking_id = $1 and kind = $2 and state = 'pending' and attempts = 0",
          [booking.id, jobKinds.createEvent],
        );
        await enqueue(tx, { kind: jobKinds.deleteEvent, mailbox: officer.aadObjectId, bookingId: booking.id, maxAttempts: this.maxAttempts() });
        queued = true;
      }
      // A withdrawn session gives out no more places: nobody waiting is promoted onto it.
      const promoted = session.withdrawn ? [] : await this.fillPlaces(tx, session);
      if (promoted.length > 0) queued = true;
      const cancelled = (await store.byId(tx, booking.id))!;
      return { kind: 'cancelled', booking: this.view(cancelled, session), promoted };
    });
    if (queued) this.options.onJobsQueued?.();
    return outcome;
  }

  /** Upcoming bookings and waitlist places, soonest first. */
  async myBookings(officer: Officer): Promise<BookingView[]> {
    assertOfficer(officer);
    const rows = await store.upcomingFor(this.options.db, officer.aadObjectId, this.options.clock.now());
    return rows.map((r) => this.view(r, r.session));
  }

  /** The officer's current place in one session, if any (to draw their card). */
  async bookingFor(officer: Officer, sessionId: string): Promise<BookingView | undefined> {
    const row = await store.active(this.options.db, sessionId, officer.aadObjectId);
    if (!row) return undefined;
    const session = await store.session(this.options.db, sessionId);
    return session ? this.view(row, session) : undefined;
  }

  /** After the catalog changed a capacity: gives new places to the waitlist in order. Returns who was promoted. */
  async reconcileCapacity(sessionId: string): Promise<string[]> {
    const promoted = await this.options.db.transaction(async (tx) => {
      const session = await store.lockSession(tx, sessionId);
      if (!session || refusalFor(facts(session), this.options.clock.now())) return [];
      return this.fillPlaces(tx, session);
    });
    if (promoted.length > 0) this.options.onJobsQueued?.();
    return promoted;
  }

  /** reconcileCapacity for every session someone is waiting for (after a catalog reload). */
  async reconcileAll(): Promise<string[]> {
    const promoted: string[] = [];
    for (const sessionId of await store.sessionsWithWaitlist(this.options.db)) promoted.push(...(await this.reconcileCapacity(sessionId)));
    return promoted;
  }

  /** The booking behind an .ics link, with its session; undefined for an unknown token. */
  async byIcsToken(token: string): Promise<{ booking: BookingRow; session: SessionRow } | undefined> {
    const booking = await store.byToken(this.options.db, token);
    const session = booking && (await store.session(this.options.db, booking.session_id));
    return booking && session ? { booking, session } : undefined;
  }

  private async current(officerId: string, sessionId: string): Promise<BookOutcome | undefined> {
    const row = await store.active(this.options.db, sessionId, officerId);
    if (!row) return undefined;
    const session = await store.session(this.options.db, sessionId);
    return session ? alreadyOutcome(this.view(row, session)) : undefined;
  }

  private async fillPlaces(tx: Queryable, session: SessionRow): Promise<string[]> {
    const { booked, waitlisted } = await store.counts(tx, session.id);
    const rows = await store.promote(tx, session.id, promotions(session.capacity, booked, waitlisted), this.inviteOnBooking());
    for (const row of rows.sort((a, b) => a.id - b.id)) {
      await this.queueInvite(tx, row);
      await enqueue(tx, { kind: jobKinds.notifyPromoted, bookingId: row.id, maxAttempts: 5 });
    }
    return rows.map((r) => r.officer_id);
  }

  private async queueInvite(tx: Queryable, row: BookingRow): Promise<boolean> {
    if (this.options.calendar !== 'graph') return false;
    await enqueue(tx, { kind: jobKinds.createEvent, mailbox: row.officer_id, bookingId: row.id, maxAttempts: this.maxAttempts() });
    return true;
  }

  private inviteOnBooking(): InviteStatus {
    return this.options.calendar === 'graph' ? 'pending' : 'ics';
  }

  private maxAttempts(): number {
    return this.options.maxInviteAttempts ?? 8;
  }

  view(row: BookingRow, session: SessionRow): BookingView {
    return {
      bookingId: row.id,
      officerId: row.officer_id,
      status: row.status,
      ...(row.status === 'waitlisted' && row.position !== null ? { position: row.position } : {}),
      session: {
        id: session.id, title: session.title, startsAt: new Date(session.starts_at), endsAt: new Date(session.ends_at),
        ...(session.join_url ? { joinUrl: session.join_url } : {}),
      },
      invite: row.invite_status,
      ...(row.status === 'booked' ? { icsUrl: this.icsUrl(row.ics_token) } : {}),
    };
  }
}

function facts(session: SessionRow) {
  return { startsAt: new Date(session.starts_at), capacity: session.capacity, withdrawn: session.withdrawn };
}

function alreadyOutcome(view: BookingView): BookOutcome {
  return view.status === 'booked' ? { kind: 'booked', already: true, booking: view } : { kind: 'waitlisted', already: true, booking: view };
}

/** 128 random bits, URL-safe: the .ics link is the only key to it. */
function newToken(): string {
  return randomBytes(16).toString('base64url');
}

function assertOfficer(officer: Officer): void {
  if (!officer || typeof officer.aadObjectId !== 'string' || officer.aadObjectId.trim() === '') {
    throw new TypeError('an officer must have an aadObjectId (from the Teams activity)');
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
