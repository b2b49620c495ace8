/**
 * The outbox job kinds bookings queue, and how each runs: Graph calendar events through the
 * CalendarGateway, and messages to officers through the Notifier port (implemented on the
 * Teams side with proactive messages).
 */
import { CalendarError, type CalendarEvent, type CalendarGateway } from '../calendar/calendar-gateway.js';
import { deterministicUuid } from '../calendar/event-content.js';
import type { Db, Queryable } from '../store/db.js';
import { enqueue, hasOpenWork, type ClaimedJob } from '../jobs/outbox-store.js';
import { GiveUp, RetryLater, type JobHandler } from '../jobs/outbox-worker.js';
import { bookingStore as store, type BookingRow, type SessionRow } from './booking-store.js';
import type { BookingView } from './model.js';
import type { ConversationReferenceStore } from './conversation-references.js';
import { listedRecording } from '../catalog/catalog-store.js';
import type { Recording } from '../catalog/model.js';

export const jobKinds = {
  createEvent: 'calendar.create',
  /** The session's time or details changed: the event is patched to the session as it is now. */
  updateEvent: 'calendar.update',
  deleteEvent: 'calendar.delete',
  notifyPromoted: 'notify.promoted',
  notifyInviteFailed: 'notify.inviteFailed',
  notifyRescheduled: 'notify.rescheduled',
  notifyWithdrawn: 'notify.withdrawn',
  notifyJoinLink: 'notify.joinLinkChanged',
  notifyRecording: 'notify.recording',
} as const;

export interface TimeSlot {
  startsAt: Date;
  endsAt: Date;
}

interface Notice {
  officerId: string;
  /** The officer's personal chat, as saved from their last message. */
  reference: unknown;
  booking: BookingView;
}

/** Messages the bot sends an officer outside a conversation turn. */
export interface Notifier {
  /** They had been waiting and now have a place. */
  promoted(notice: Notice): Promise<void>;
  /** Their calendar invite could not be made; the .ics link is the way to add it. */
  inviteFailed(notice: Notice & { icsUrl: string }): Promise<void>;
  /** The session they are booked on (or waiting for) moved: the old time, the new, keep or cancel. */
  rescheduled(notice: Notice & { from: TimeSlot }): Promise<void>;
  /** The session was cancelled: their place has ended, with the organiser's words. */
  withdrawn(notice: Notice & { was: 'booked' | 'waitlisted'; message?: string }): Promise<void>;
  /** The session's join link changed (the calendar event has the new one too). */
  joinLinkChanged(notice: Notice): Promise<void>;
  /** The recording of a session they booked is posted. */
  recordingPosted(notice: Notice & { recording: Recording }): Promise<void>;
}

export interface InviteJobDeps {
  db: Db;
  /** Undefined when Graph is not configured: calendar jobs then have nothing to do. */
  calendar?: CalendarGateway;
  notifier: Notifier;
  references: ConversationReferenceStore;
  view(row: BookingRow, session: SessionRow): BookingView;
  /** Answers to "Did you attend?": whoever said Yes is not sent the recording. */
  attendance?: { answerOf(officerId: string, sessionId: string): Promise<'yes' | 'no' | undefined> };
  log?: { info(obj: object, msg: string): void };
}

/** The Graph transactionId of one booking's event: the same for every retry of its create. */
export function inviteTransactionId(booking: Pick<BookingRow, 'id' | 'session_id' | 'officer_id'>): string {
  // The booking id is part of it so that booking again after a cancellation makes a new event.
  return deterministicUuid(booking.session_id, booking.officer_id, String(booking.id));
}

export function calendarEventFor(session: SessionRow): CalendarEvent {
  return {
    subject: session.title,
    ...(session.description ? { description: session.description } : {}),
    presenters: session.presenters ?? [],
    startsAt: new Date(session.starts_at),
    endsAt: new Date(session.ends_at),
    ...(session.join_url ? { joinUrl: session.join_url } : {}),
  };
}

export function inviteJobHandlers(deps: InviteJobDeps): Record<string, JobHandler> {
  const load = async (job: ClaimedJob) => {
    const found = job.bookingId === null ? undefined : await store.withSession(deps.db, job.bookingId);
    if (!found) throw new GiveUp('the booking or its session no longer exists');
    return found;
  };

  const createEvent: JobHandler = {
    async run(job) {
      const { booking, session } = await load(job);
      if (booking.invite_status === 'sent' && booking.event_id) return;
      // Cancelled before the first attempt reached Graph: nothing to create. After an attempt
      // that may have reached it, create (same transactionId: no second event) to learn the id to delete.
      if (booking.status !== 'booked' && job.attempts <= 1) return;
      if (!deps.calendar) throw new GiveUp('Graph is not configured');
      const { eventId } = await callGraph(() => deps.calendar!.createEvent(booking.officer_id, calendarEventFor(session), inviteTransactionId(booking)));
      return (tx) => store.setInvite(tx, booking.id, booking.status === 'booked' ? 'sent' : 'none', eventId);
    },
    async giveUp(tx, job) {
      if (job.bookingId === null) return;
      const booking = await store.byId(tx, job.bookingId);
      if (!booking || booking.status !== 'booked') return;
      await store.setInvite(tx, booking.id, 'failed', null);
      await enqueue(tx, { kind: jobKinds.notifyInviteFailed, bookingId: booking.id, maxAttempts: 5 });
    },
  };

  const deleteEvent: JobHandler = {
    async run(job) {
      const { booking } = await load(job);
      // The create is still in flight: wait for it (without spending an attempt) so its event is deleted too.
      if (await hasOpenWork(deps.db, { bookingId: booking.id, kinds: [jobKinds.createEvent] }))
        throw new RetryLater('waiting for the create to finish', 1000, true);
      if (!booking.event_id) return;
      if (!deps.calendar) throw new GiveUp('Graph is not configured');
      try {
        await callGraph(() => deps.calendar!.deleteEvent(booking.officer_id, booking.event_id!));
      } catch (error) {
        // Already gone (the officer deleted it): the goal is met.
        if (!(error instanceof NotFound)) throw error;
      }
      return (tx: Queryable) => store.setInvite(tx, booking.id, 'none', null);
    },
  };

  const updateEvent: JobHandler = {
    async run(job) {
      const { booking, session } = await load(job);
      // Cancelled since: its delete job removes the event.
      if (booking.status !== 'booked') return;
      // The create is still in flight: wait for it (without spending an attempt), then move its event.
      if (await hasOpenWork(deps.db, { bookingId: booking.id, kinds: [jobKinds.createEvent], except: job.id }))
        throw new RetryLater('waiting for the create to finish', 1000, true);
      // No event to move (the invite failed, or the .ics is the invite): the .ics link serves the new time.
      if (!booking.event_id) return;
      if (!deps.calendar) throw new GiveUp('Graph is not configured');
      try {
        // The session as it is now, not as it was when the job was queued: a later change is included.
        await callGraph(() => deps.calendar!.updateEvent(booking.officer_id, booking.event_id!, calendarEventFor(session)));
      } catch (error) {
        // The officer deleted the event: nothing to move.
        if (!(error instanceof NotFound)) throw error;
      }
    },
  };

  const notify = (
    send: (notice: Notice & { row: BookingRow; session: SessionRow }, job: ClaimedJob) => Promise<void>,
    when: (row: BookingRow, session: SessionRow, job: ClaimedJob) => boolean = () => true,
  ): JobHandler => ({
    async run(job) {
      const { booking, session } = await load(job);
      if (!when(booking, session, job)) {
        deps.log?.info({ job: job.id, kind: job.kind }, 'message no longer needed; not sent');
        return;
      }
      const reference = await deps.references.get(booking.officer_id);
      if (reference === undefined) {
        // Only a personal chat is kept (these messages are private): an officer who never used one
        // gets no message, and the card they pressed shows their state instead.
        deps.log?.info({ job: job.id, kind: job.kind }, 'no personal chat with the officer; message not sent');
        return;
      }
      await send({ officerId: booking.officer_id, reference, booking: deps.view(booking, session), row: booking, session }, job);
    },
  });
  const active = (row: BookingRow) => row.status !== 'cancelled';

  return {
    [jobKinds.createEvent]: createEvent,
    [jobKinds.updateEvent]: updateEvent,
    [jobKinds.deleteEvent]: deleteEvent,
    [jobKinds.notifyPromoted]: notify((n) => deps.notifier.promoted(n)),
    [jobKinds.notifyInviteFailed]: notify((n) => deps.notifier.inviteFailed({ ...n, icsUrl: n.booking.icsUrl ?? '' })),
    [jobKinds.notifyRescheduled]: notify(
      (n, job) => deps.notifier.rescheduled({ ...n, from: timeSlot(job.payload.from) }),
      // Still theirs, and still not at the time they knew (moved back: nothing to tell).
      (row, session, job) => active(row) && new Date(session.starts_at).getTime() !== timeSlot(job.payload.from).startsAt.getTime(),
    ),
    [jobKinds.notifyWithdrawn]: notify(
      (n, job) =>
        deps.notifier.withdrawn({
          ...n,
          was: job.payload.was === 'waitlisted' ? 'waitlisted' : 'booked',
          ...(typeof job.payload.message === 'string' && job.payload.message ? { message: job.payload.message } : {}),
        }),
      // Put back in the programme before the message went: nothing to tell.
      (_row, session) => session.withdrawn,
    ),
    [jobKinds.notifyJoinLink]: notify(
      (n) => deps.notifier.joinLinkChanged(n),
      (row, session) => row.status === 'booked' && !session.withdrawn,
    ),
    [jobKinds.notifyRecording]: {
      async run(job) {
        const recording = typeof job.payload.recordingId === 'string' ? await listedRecording(deps.db, job.payload.recordingId) : undefined;
        if (!recording) {
          deps.log?.info({ job: job.id, kind: job.kind }, 'recording taken down before its message; not sent');
          return;
        }
        const booking = job.bookingId === null ? undefined : await store.byId(deps.db, job.bookingId);
        // They said they attended: the session is in their CPD record, and a nudge to watch it is not wanted.
        if (booking && (await deps.attendance?.answerOf(booking.officer_id, booking.session_id)) === 'yes') {
          deps.log?.info({ job: job.id, kind: job.kind }, 'officer attended the session; recording message not sent');
          return;
        }
        return notify((n) => deps.notifier.recordingPosted({ ...n, recording })).run(job);
      },
    },
  };
}

function timeSlot(value: unknown): TimeSlot {
  const v = (value ?? {}) as { startsAt?: unknown; endsAt?: unknown };
  const startsAt = new Date(String(v.startsAt));
  const endsAt = new Date(String(v.endsAt));
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) throw new GiveUp('the job does not say the earlier time');
  return { startsAt, endsAt };
}

class NotFound extends GiveUp {}

/** Translates the gateway's classification into the outbox's retry decisions. */
async function callGraph<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof CalendarError)) throw new RetryLater(error instanceof Error ? error.message : String(error));
    switch (error.kind) {
      case 'throttled':
        throw new RetryLater(error.message, error.details.retryAfterMs);
      case 'transient':
        throw new RetryLater(error.message);
      case 'notFound':
        throw new NotFound(error.message);
      default:
        throw new GiveUp(error.message);
    }
  }
}
