/**
 * The outbox job kinds bookings queue, and how each runs: Graph calendar events through the
 * CalendarGateway, and messages to officers through the Notifier port (implemented on the
 * Teams side with proactive messages).
 */
import { CalendarError, type CalendarEvent, type CalendarGateway } from '../calendar/calendar-gateway.js';
import { deterministicUuid } from '../calendar/event-content.js';
import type { Db, Queryable } from '../store/db.js';
import { enqueue, type ClaimedJob } from '../jobs/outbox-store.js';
import { GiveUp, RetryLater, type JobHandler } from '../jobs/outbox-worker.js';
import { bookingStore as store, type BookingRow, type SessionRow } from './booking-store.js';
import type { BookingView } from './model.js';
import type { ConversationReferenceStore } from './conversation-references.js';

export const jobKinds = {
  createEvent: 'calendar.create',
  deleteEvent: 'calendar.delete',
  notifyPromoted: 'notify.promoted',
  notifyInviteFailed: 'notify.inviteFailed',
} as const;

/** Messages the bot sends an officer outside a conversation turn. */
export interface Notifier {
  /** They had been waiting and now have a place. */
  promoted(notice: { officerId: string; reference: unknown; booking: BookingView }): Promise<void>;
  /** Their calendar invite could not be made; the .ics link is the way to add it. */
  inviteFailed(notice: { officerId: string; reference: unknown; booking: BookingView; icsUrl: string }): Promise<void>;
}

export interface InviteJobDeps {
  db: Db;
  /** Undefined when Graph is not configured: calendar jobs then have nothing to do. */
  calendar?: CalendarGateway;
  notifier: Notifier;
  references: ConversationReferenceStore;
  view(row: BookingRow, session: SessionRow): BookingView;
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
    const booking = job.bookingId === null ? undefined : await store.byId(deps.db, job.bookingId);
    const session = booking && (await store.session(deps.db, booking.session_id));
    if (!booking || !session) throw new GiveUp('the booking or its session no longer exists');
    return { booking, session };
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
      const [open] = await deps.db.query<{ n: number }>(
        "select count(*)::int as n from jobs where booking_id = $1 and kind = $2 and state in ('pending', 'running')",
        [booking.id, jobKinds.createEvent],
      );
      // The create is still in flight: wait for it (without spending an attempt) so its event is deleted too.
      if ((open?.n ?? 0) > 0) throw new RetryLater('waiting for the create to finish', 1000, true);
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

  const notify = (send: (reference: unknown, view: BookingView, booking: BookingRow) => Promise<void>): JobHandler => ({
    async run(job) {
      const { booking, session } = await load(job);
      const reference = await deps.references.get(booking.officer_id);
      if (reference === undefined) {
        // Only a personal chat is kept (these messages are private): an officer who never used one
        // gets no message, and the card they pressed shows their state instead.
        deps.log?.info({ job: job.id, kind: job.kind }, 'no personal chat with the officer; message not sent');
        return;
      }
      await send(reference, deps.view(booking, session), booking);
    },
  });

  return {
    [jobKinds.createEvent]: createEvent,
    [jobKinds.deleteEvent]: deleteEvent,
    [jobKinds.notifyPromoted]: notify((reference, view, booking) => deps.notifier.promoted({ officerId: booking.officer_id, reference, booking: view })),
    [jobKinds.notifyInviteFailed]: notify((reference, view, booking) =>
      deps.notifier.inviteFailed({ officerId: booking.officer_id, reference, booking: view, icsUrl: view.icsUrl ?? '' }),
    ),
  };
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
