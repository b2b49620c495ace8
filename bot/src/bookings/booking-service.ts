/**
 * The booking use cases: book, cancel, my bookings, and honouring capacity changes. Each one
 * locks the session row first, so concurrent presses — from any number of app processes on one
 * PostgreSQL — queue on that lock and see each other's committed places. A booking is a single
 * statement (the lock lasts as long as the server takes to run it), which in a storm carries every
 * press this process received on the session while the one before it ran; a cancellation, rarer,
 * is a transaction. The invite work (Graph events, messages) is written to the outbox in the same
 * transaction as the change it follows.
 */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../store/db.js';
import { enqueue, enqueueMany, supersede, type NewJob } from '../jobs/outbox-store.js';
import type { CatalogDiff } from '../catalog/changes.js';
import { calendarFields } from '../catalog/changes.js';
import { bookingStore as store, type ActiveRow, type BookingRow, type SessionRow } from './booking-store.js';
import type { BookOutcome, BookingView, CancelOutcome, InviteStatus, Officer, PlacesTaken } from './model.js';
import { cancelRefusalFor, promotions, refusalFor } from './rules.js';
import { jobKinds } from './invite-jobs.js';
import { PressQueue } from './press-queue.js';
import { PlacesCache } from './places-cache.js';

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
  /** Where a failure of work done after the answer (recording an officer's details) is told. */
  logger?: { warn(obj: object, msg: string): void };
}

/** A press's answer, and whether the officer's email was on record. */
interface Placed {
  outcome: BookOutcome;
  officerKnown: boolean;
}

/** The officer's name and email from the directory (the Teams member API): the activity carries no email. */
export type OfficerLookup = () => Promise<Pick<Officer, 'name' | 'email'> | undefined>;

/** What a published catalog change did to places, for the publisher's summary. */
export interface CatalogChangeEffects {
  /** Session id → officers promoted from its waitlist (capacity raised). */
  promoted: Map<string, number>;
  /** Session id → places cancelled because the session was withdrawn. */
  cancelled: Map<string, number>;
  /** Recording id → officers who will be told it is posted. */
  recordingMessages: Map<string, number>;
  /** Outbox jobs written. */
  jobs: number;
}

export interface CatalogChange {
  diff: CatalogDiff;
  /** What the organiser told the officers of a cancelled session. */
  withdrawnMessages: ReadonlyMap<string, string>;
  /** The catalog's zone: a recording's message is due from the start of its posting day there. */
  timeZone: string;
}

export class BookingService {
  /** Directory lookups after the answer, two at a time per process, so a storm of first bookings is answered first. */
  private readonly afterAnswer: Trickle;

  /** Presses on one session that come while its booking statement runs go in the next one together. */
  private readonly presses = new PressQueue<Officer, Placed>((sessionId, officers) => this.place(sessionId, officers), 500);

  /** What list cards say of places: read at most once a second per session (places-cache.ts). */
  private readonly listed: PlacesCache;

  constructor(private readonly options: BookingServiceOptions) {
    this.listed = new PlacesCache((ids) => store.countsOn(options.db, ids));
    this.afterAnswer = new Trickle(2, 10_000, (error) => options.logger?.warn({ err: error }, "could not record an officer's name and email"));
  }

  /** Resolves once the work queued after answers is done (shutdown waits for it). */
  settled(): Promise<void> {
    return this.afterAnswer.settled();
  }

  icsUrl(token: string): string {
    return `${this.options.publicBaseUrl.replace(/\/+$/, '')}/calendar/${token}.ics`;
  }

  /**
   * Books a place, or a waitlist place when the session is full. `lookUp`, for an officer whose
   * email is not on record yet, is asked after the answer (the officer does not wait for the
   * directory) and what it finds is recorded; a press that finds the officer known skips it.
   */
  async book(officer: Officer, sessionId: string, lookUp?: OfficerLookup): Promise<BookOutcome> {
    assertOfficer(officer);
    const { outcome, officerKnown } = await this.presses.submit(sessionId, officer);
    if (lookUp && !officerKnown && outcome.kind !== 'refused') this.afterAnswer.add(() => this.recordDetails(officer.aadObjectId, lookUp));
    return outcome;
  }

  /** One booking statement for presses on one session, each answered from it. */
  private async place(sessionId: string, officers: Officer[]): Promise<Placed[]> {
    const graph = this.options.calendar === 'graph';
    // One officer pressing on two devices at once: one booking; the later press is told it is theirs.
    const distinct = [...new Map(officers.map((o) => [o.aadObjectId, o])).values()];
    const placed = new Map<string, Placed>();
    let pending = distinct;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const now = this.options.clock.now();
      let result: Awaited<ReturnType<typeof store.book>>;
      try {
        result = await store.book(this.options.db, {
          sessionId,
          now,
          inviteOnPlace: this.inviteOnBooking(),
          ...(graph ? { job: { kind: jobKinds.createEvent, maxAttempts: this.maxAttempts() } } : {}),
          presses: pending.map((officer) => ({ officer, icsToken: newToken() })),
        });
      } catch (error) {
        // An officer pressed in two processes at once: the unique index let one booking through,
        // and the statement, asked again, finds it. Each is asked alone, so that one officer's
        // race does not make the others' statement fail again.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
        if (pending.length > 1) {
          const alone = await Promise.all(pending.map((officer) => this.place(sessionId, [officer])));
          pending.forEach((officer, i) => placed.set(officer.aadObjectId, alone[i]![0]!));
          pending = [];
        }
        continue;
      }
      const { session } = result;
      const again: Officer[] = [];
      let queued = false;
      pending.forEach((officer, i) => {
        const { existing, inserted, officerKnown } = result.places[i]!;
        if (session && existing) placed.set(officer.aadObjectId, { outcome: alreadyOutcome(this.view(existing, session)), officerKnown });
        else if (session && inserted) {
          queued ||= graph && inserted.status === 'booked';
          const booking = this.view(inserted, session);
          placed.set(officer.aadObjectId, {
            outcome: booking.status === 'booked' ? { kind: 'booked', already: false, booking } : { kind: 'waitlisted', already: false, booking },
            officerKnown,
          });
        } else {
          const refusal = refusalFor(session && facts(session), now);
          // Bookable as the statement's snapshot saw it, not once it held the lock: an organiser's
          // change committed in between (withdrawn, moved). Asked again, the session reads as it is now.
          if (!refusal && session && attempt < 3) again.push(officer);
          else placed.set(officer.aadObjectId, { outcome: { kind: 'refused', reason: refusal ?? 'not-found' }, officerKnown });
        }
      });
      if (result.places.some((p) => p.inserted)) this.listed.forget([sessionId]);
      if (queued) this.options.onJobsQueued?.();
      pending = again;
    }
    const answered = new Set<string>();
    return officers.map((officer) => {
      const first = placed.get(officer.aadObjectId)!;
      if (!answered.has(officer.aadObjectId) || first.outcome.kind === 'refused') {
        answered.add(officer.aadObjectId);
        return first;
      }
      return { ...first, outcome: alreadyOutcome(first.outcome.booking) };
    });
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
        await supersede(tx, {
          bookingIds: [booking.id],
          kinds: [jobKinds.createEvent, jobKinds.updateEvent],
          reason: 'booking cancelled',
          unstartedOnly: true,
        });
        await enqueue(tx, { kind: jobKinds.deleteEvent, mailbox: officer.aadObjectId, bookingId: booking.id, maxAttempts: this.maxAttempts() });
        queued = true;
      }
      // A withdrawn session gives out no more places: nobody waiting is promoted onto it.
      const promoted = session.withdrawn ? [] : await this.fillPlaces(tx, session);
      if (promoted.length > 0) queued = true;
      const cancelled = (await store.byId(tx, booking.id))!;
      return { kind: 'cancelled', booking: this.view(cancelled, session), promoted };
    });
    if (outcome.kind === 'cancelled') this.listed.forget([sessionId]);
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
    if (promoted.length > 0) {
      this.listed.forget([sessionId]);
      this.options.onJobsQueued?.();
    }
    return promoted;
  }

  /** reconcileCapacity for every session someone is waiting for (after a catalog reload). */
  async reconcileAll(): Promise<string[]> {
    const promoted: string[] = [];
    for (const sessionId of await store.sessionsWithWaitlist(this.options.db)) promoted.push(...(await this.reconcileCapacity(sessionId)));
    return promoted;
  }

  /** Booked and waiting places per session, in the caller's transaction (a publish preview). */
  countsOn(tx: Queryable, sessionIds: readonly string[]): Promise<Map<string, { booked: number; waitlisted: number }>> {
    return store.countsOn(tx, sessionIds);
  }

  /** Booked and waiting places on one session as they stand now: what its details card says is left. */
  async placesOn(sessionId: string): Promise<{ booked: number; waitlisted: number }> {
    return (await store.countsOn(this.options.db, [sessionId])).get(sessionId) ?? { booked: 0, waitlisted: 0 };
  }

  /**
   * Booked and waiting places on each of these sessions, for a list card (sessions with none are
   * absent): as this process last read them, if within the last second or since its own last change.
   */
  placesOnAll(sessionIds: readonly string[]): Promise<ReadonlyMap<string, PlacesTaken>> {
    return this.listed.placesOn(sessionIds);
  }

  /** After a published catalog change has committed: list cards read every session's places again. */
  catalogChanged(): void {
    this.listed.forget();
  }

  /**
   * Makes the bookings follow a published catalog change, in the publisher's transaction (after
   * the catalog tables hold the new version), so the change and everything officers are owed
   * for it commit together and each happens once:
   *   - withdrawn: every place ends (nobody is promoted), events are deleted, everyone is told;
   *   - rescheduled: events are moved, booked and waiting officers are told the new time;
   *   - details changed: events are updated; booked officers are told when the join link changed;
   *   - capacity raised: the waitlist is promoted in order (a cut takes no one's place);
   *   - recording posted: everyone who was booked or waiting is told, on its posting day.
   * Sessions that have already started keep their bookings as they were.
   */
  async applyCatalogChange(tx: Queryable, change: CatalogChange): Promise<CatalogChangeEffects> {
    const { diff } = change;
    const now = this.options.clock.now();
    const notStarted = (s: { startsAt: Date }) => s.startsAt.getTime() > now.getTime();
    const effects: CatalogChangeEffects = { promoted: new Map(), cancelled: new Map(), recordingMessages: new Map(), jobs: 0 };
    const jobs: NewJob[] = [];
    const graph = this.options.calendar === 'graph';
    const hasEvent = (r: ActiveRow) => r.status === 'booked' && (r.invite_status === 'pending' || r.invite_status === 'sent');
    const maxAttempts = this.maxAttempts();

    // Sessions whose bookings this change touches, locked in id order (as bookings lock them) so
    // presses on them wait for the change rather than book onto the old facts.
    const withdrawn = diff.withdrawn.filter(notStarted);
    const rescheduled = diff.rescheduled.filter((p) => notStarted(p.before) || notStarted(p.after));
    const moved = new Set(rescheduled.map((p) => p.after.id));
    const detailed = diff.changed.filter((c) => notStarted(c.after) && c.fields.some((f) => calendarFields.has(f)) && !moved.has(c.after.id));
    const raised = diff.capacity.filter((p) => notStarted(p.after) && isRaise(p.before.capacity, p.after.capacity));
    const locked = [
      ...new Set([...withdrawn.map((s) => s.id), ...rescheduled.map((p) => p.after.id), ...detailed.map((c) => c.after.id), ...raised.map((p) => p.after.id)]),
    ].sort();
    if (locked.length > 0) await tx.query('select id from sessions where id = any($1::text[]) order by id for update', [locked]);

    // Withdrawn: every place ends; events go; everyone is told once, with the organiser's words.
    if (withdrawn.length > 0) {
      const ended = await store.cancelAllOn(
        tx,
        withdrawn.map((s) => s.id),
      );
      const withEvents = ended.filter(hasEvent);
      await supersede(tx, {
        bookingIds: withEvents.map((r) => r.id),
        kinds: [jobKinds.createEvent, jobKinds.updateEvent],
        reason: 'session withdrawn',
        unstartedOnly: true,
      });
      if (graph)
        for (const r of withEvents)
          jobs.push({ kind: jobKinds.deleteEvent, mailbox: r.officer_id, bookingId: r.id, maxAttempts, dedupeKey: `withdrawn-delete:${r.id}` });
      for (const r of ended) {
        effects.cancelled.set(r.session_id, (effects.cancelled.get(r.session_id) ?? 0) + 1);
        const message = change.withdrawnMessages.get(r.session_id);
        jobs.push({
          kind: jobKinds.notifyWithdrawn,
          bookingId: r.id,
          maxAttempts: 5,
          payload: { was: r.status, ...(message ? { message } : {}) },
          dedupeKey: `withdrawn:${r.id}`,
        });
      }
    }

    // Rescheduled: the event moves to the new time, and every booked and waiting officer is told.
    if (rescheduled.length > 0) {
      const rows = await store.activeOn(
        tx,
        rescheduled.map((p) => p.after.id),
      );
      const pair = new Map(rescheduled.map((p) => [p.after.id, p]));
      const withEvents = rows.filter(hasEvent);
      await supersede(tx, {
        bookingIds: withEvents.map((r) => r.id),
        kinds: [jobKinds.updateEvent],
        reason: 'a newer change to the session',
        unstartedOnly: true,
      });
      if (graph) for (const r of withEvents) jobs.push({ kind: jobKinds.updateEvent, mailbox: r.officer_id, bookingId: r.id, maxAttempts });
      // An officer not yet told of an earlier move is told once, from the time they last heard of.
      const untold = await supersede(tx, {
        bookingIds: rows.map((r) => r.id),
        kinds: [jobKinds.notifyRescheduled],
        reason: 'moved again',
        unstartedOnly: true,
      });
      const heardOf = new Map(untold.map((j) => [j.bookingId, j.payload.from as { startsAt: string; endsAt: string }]));
      for (const r of rows) {
        const p = pair.get(r.session_id)!;
        const from = heardOf.get(r.id) ?? slot(p.before);
        const to = slot(p.after);
        // Moved back to the time they knew: nothing to tell.
        if (from.startsAt === to.startsAt && from.endsAt === to.endsAt) continue;
        jobs.push({ kind: jobKinds.notifyRescheduled, bookingId: r.id, maxAttempts: 5, payload: { from, to } });
      }
    }

    // Details written into the calendar changed: the events follow; a new join link is worth a message.
    if (detailed.length > 0) {
      const rows = await store.activeOn(
        tx,
        detailed.map((c) => c.after.id),
      );
      const linkChanged = new Set(detailed.filter((c) => c.fields.includes('joinUrl')).map((c) => c.after.id));
      const withEvents = rows.filter(hasEvent);
      await supersede(tx, {
        bookingIds: withEvents.map((r) => r.id),
        kinds: [jobKinds.updateEvent],
        reason: 'a newer change to the session',
        unstartedOnly: true,
      });
      if (graph) for (const r of withEvents) jobs.push({ kind: jobKinds.updateEvent, mailbox: r.officer_id, bookingId: r.id, maxAttempts });
      for (const r of rows) {
        if (r.status === 'booked' && linkChanged.has(r.session_id)) jobs.push({ kind: jobKinds.notifyJoinLink, bookingId: r.id, maxAttempts: 5 });
      }
    }

    // Recordings: one message per booked or waiting officer of the session, from its posting day.
    for (const recording of diff.recordingsAdded) {
      if (!recording.sessionId) continue;
      const rows = await store.activeOn(tx, [recording.sessionId]);
      const due = this.postingStarts(recording.postedOn, change.timeZone, now);
      for (const r of rows) {
        jobs.push({
          kind: jobKinds.notifyRecording,
          bookingId: r.id,
          maxAttempts: 5,
          payload: { recordingId: recording.id },
          // Once per officer and session, however many times a recording is replaced.
          dedupeKey: `recording:${recording.sessionId}:${r.id}`,
          ...(due ? { runAfter: due } : {}),
        });
      }
      effects.recordingMessages.set(recording.id, rows.length);
    }

    effects.jobs += await enqueueMany(tx, jobs);

    // Capacity raised: the places go to those waiting, in the order they joined.
    for (const p of raised) {
      const session = await store.session(tx, p.after.id);
      if (!session) continue;
      const promoted = await this.fillPlaces(tx, session);
      if (promoted.length > 0) effects.promoted.set(session.id, promoted.length);
      effects.jobs += promoted.length;
    }
    return effects;
  }

  /** When a recording's message is due on the app's clock (the outbox reads it there); undefined if it is already its posting day. */
  private postingStarts(postedOn: string, timeZone: string, now: Date): Date | undefined {
    const start = DateTime.fromISO(postedOn, { zone: timeZone }).startOf('day').toJSDate();
    return start.getTime() > now.getTime() ? start : undefined;
  }

  /** The booking behind an .ics link, with its session; undefined for an unknown token. */
  async byIcsToken(token: string): Promise<{ booking: BookingRow; session: SessionRow } | undefined> {
    const booking = await store.byToken(this.options.db, token);
    const session = booking && (await store.session(this.options.db, booking.session_id));
    return booking && session ? { booking, session } : undefined;
  }

  private async recordDetails(officerId: string, lookUp: OfficerLookup): Promise<void> {
    const found = await lookUp();
    if (found?.name || found?.email) await store.recordOfficerDetails(this.options.db, officerId, found);
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
        id: session.id,
        title: session.title,
        startsAt: new Date(session.starts_at),
        endsAt: new Date(session.ends_at),
        ...(session.join_url ? { joinUrl: session.join_url } : {}),
      },
      invite: row.invite_status,
      ...(row.status === 'booked' ? { icsUrl: this.icsUrl(row.ics_token) } : {}),
    };
  }
}

function isRaise(from: number | undefined, to: number | undefined): boolean {
  if (to === undefined) return from !== undefined;
  return from !== undefined && to > from;
}

function slot(s: { startsAt: Date; endsAt: Date }): { startsAt: string; endsAt: string } {
  return { startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() };
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

/**
 * Work that follows an answer, `limit` at a time in the order it came; beyond `backlog` waiting it
 * is dropped (what it would have recorded is asked for again at the officer's next booking).
 */
class Trickle {
  private readonly waiting: Array<() => Promise<void>> = [];
  private running = 0;
  private readonly onIdle: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly backlog: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(task: () => Promise<void>): void {
    if (this.waiting.length >= this.backlog) return;
    this.waiting.push(task);
    this.pump();
  }

  settled(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.onIdle.push(resolve));
  }

  private pump(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      const task = this.waiting.shift()!;
      this.running += 1;
      void task()
        .catch(this.onError)
        .finally(() => {
          this.running -= 1;
          this.pump();
        });
    }
    if (this.running === 0 && this.waiting.length === 0) for (const resolve of this.onIdle.splice(0)) resolve();
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
