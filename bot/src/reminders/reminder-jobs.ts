/**
 * Reminders and follow-ups as outbox jobs, in two steps:
 *   - `reminders.due`: one job per session, moment and start time, planned from the sessions
 *     table whenever the programme changes (and at start-up). When the app's clock reaches the
 *     moment it fans out, in one statement, one `reminders.send` job per officer it is for — the
 *     booked (or, for "no place", the waiting) officers as they are then — so a cancelled place
 *     gets nothing and a place taken late is still reminded.
 *   - `reminders.send`: one message to one officer, claimed once across every process, checked
 *     again at send time against the booking, the session and the officer's choice.
 * Dedupe keys make each message once per booking and start time: a rescheduled session's moments
 * are planned again for its new time (new keys), and the old jobs find the time changed and stop.
 * The day-before and on-the-day reminders share one key: an officer gets one of them, the first
 * that is due while they hold the place.
 */
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../store/db.js';
import { enqueueMany, type ClaimedJob, type NewJob } from '../jobs/outbox-store.js';
import { GiveUp, type JobHandler } from '../jobs/outbox-worker.js';
import { bookingStore, type BookingRow, type SessionRow } from '../bookings/booking-store.js';
import type { BookingView } from '../bookings/model.js';
import type { ConversationReferenceStore } from '../bookings/conversation-references.js';
import { ATTENDANCE_DAYS, sessionMoments, type MomentKind } from './moments.js';
import type { ReminderSettings } from './reminder-settings.js';

export const reminderJobKinds = {
  /** A session's moment has come: queue a message for each officer it concerns. */
  due: 'reminders.due',
  /** One reminder, "no place" or "Did you attend?" to one officer. */
  send: 'reminders.send',
} as const;

export interface ReminderNotice {
  officerId: string;
  /** The officer's personal chat, as saved from their last message. */
  reference: unknown;
  booking: BookingView;
}

/** The messages of this module, sent on the Teams side. */
export interface ReminderNotifier {
  /** The first reminder (day before, or on the day) or, with `soon`, the one just before the start. */
  reminder(notice: ReminderNotice & { soon: boolean }): Promise<void>;
  /** The session started and they were still waiting: no place this time, the recording will follow. */
  noPlace(notice: ReminderNotice): Promise<void>;
  /** The session ended: "Did you attend?" with Yes / No. */
  askAttendance(notice: ReminderNotice): Promise<void>;
}

export interface ReminderJobDeps {
  db: Db;
  clock: Clock;
  notifier: ReminderNotifier;
  references: ConversationReferenceStore;
  settings: ReminderSettings;
  view(row: BookingRow, session: SessionRow): BookingView;
  log?: { info(obj: object, msg: string): void };
}

interface DuePayload {
  sessionId: string;
  /** The start time the moment was planned for (ISO 8601). */
  startsAt: string;
  moment: MomentKind;
  /** When the messages stop being worth sending (ISO 8601). */
  until: string;
}

const MOMENTS: readonly MomentKind[] = ['dayBefore', 'onTheDay', 'soon', 'noPlace', 'attendance'];
const REMINDERS: ReadonlySet<MomentKind> = new Set(['dayBefore', 'onTheDay', 'soon']);

/** Who a moment's message is for, at the moment itself. */
function audience(moment: MomentKind): { status: 'booked' | 'waitlisted'; remindersOnly: boolean } {
  if (moment === 'noPlace') return { status: 'waitlisted', remindersOnly: false };
  // "Did you attend?" is a question about their record, not a reminder: it goes to everyone booked.
  return { status: 'booked', remindersOnly: REMINDERS.has(moment) };
}

/** One message per booking and start time; the first reminder is one whichever of its two moments queues it. */
function sendKey(moment: MomentKind, bookingId: number, startsAt: string): string {
  if (moment === 'dayBefore' || moment === 'onTheDay') return `reminder:first:${bookingId}:${startsAt}`;
  if (moment === 'attendance') return `attendance:${bookingId}`;
  return `reminder:${moment}:${bookingId}:${startsAt}`;
}

/**
 * Plans every session's moments that are still ahead of (or within the use of) the app's clock.
 * Safe to run as often as wanted, in every process: a moment is planned once per start time.
 */
export class ReminderPlanner {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async plan(): Promise<number> {
    const now = this.clock.now();
    const oldest = new Date(now.getTime() - (ATTENDANCE_DAYS + 1) * 86_400_000);
    const sessions = await this.db.query<{ id: string; starts_at: Date; ends_at: Date }>(
      'select id, starts_at, ends_at from sessions where withdrawn_at is null and ends_at > $1 order by starts_at, id',
      [oldest],
    );
    const jobs: NewJob[] = [];
    for (const s of sessions) {
      const startsAt = new Date(s.starts_at);
      const iso = startsAt.toISOString();
      for (const m of sessionMoments({ startsAt, endsAt: new Date(s.ends_at) })) {
        if (m.until.getTime() <= now.getTime()) continue;
        const payload: DuePayload = { sessionId: s.id, startsAt: iso, moment: m.kind, until: m.until.toISOString() };
        jobs.push({
          kind: reminderJobKinds.due,
          payload: { ...payload },
          runAfter: m.at,
          expiresAt: m.until,
          maxAttempts: 8,
          dedupeKey: `reminders:${m.kind}:${s.id}:${iso}`,
        });
      }
    }
    return enqueueMany(this.db, jobs);
  }
}

export function reminderJobHandlers(deps: ReminderJobDeps): Record<string, JobHandler> {
  const due: JobHandler = {
    async run(job) {
      const p = duePayload(job);
      const session = await bookingStore.session(deps.db, p.sessionId);
      // Moved or cancelled since it was planned: its new time has moments of its own.
      if (!session || session.withdrawn || new Date(session.starts_at).toISOString() !== p.startsAt) {
        deps.log?.info({ job: job.id, session: p.sessionId, moment: p.moment }, 'session moved or cancelled; moment not used');
        return;
      }
      const { status, remindersOnly } = audience(p.moment);
      const rows = await deps.db.query<{ id: number }>(
        `select b.id from bookings b
          where b.session_id = $1 and b.status = $2
            and exists (select 1 from conversation_references r where r.officer_id = b.officer_id)
            and ($3::boolean is false or not exists (select 1 from reminder_opt_outs o where o.officer_id = b.officer_id))
          order by b.id`,
        [p.sessionId, status, remindersOnly],
      );
      const until = new Date(p.until);
      const sends: NewJob[] = rows.map((r) => ({
        kind: reminderJobKinds.send,
        bookingId: r.id,
        payload: { sessionId: p.sessionId, startsAt: p.startsAt, moment: p.moment, until: p.until },
        expiresAt: until,
        maxAttempts: 5,
        dedupeKey: sendKey(p.moment, r.id, p.startsAt),
      }));
      deps.log?.info({ job: job.id, session: p.sessionId, moment: p.moment, officers: sends.length }, 'session moment: messages queued');
      // Written with the job's "done": a crash before it leaves the job to run again, and the keys keep each message once.
      return async (tx: Queryable) => {
        await enqueueMany(tx, sends);
      };
    },
  };

  const send: JobHandler = {
    async run(job) {
      const p = duePayload(job);
      const booking = job.bookingId === null ? undefined : await bookingStore.byId(deps.db, job.bookingId);
      const session = booking && (await bookingStore.session(deps.db, booking.session_id));
      if (!booking || !session) throw new GiveUp('the booking or its session no longer exists');
      const now = deps.clock.now();
      const skip =
        whyNot(p, booking, session, now) ??
        (REMINDERS.has(p.moment) && !(await deps.settings.wantsReminders(booking.officer_id)) ? 'reminders stopped' : undefined);
      if (skip) {
        deps.log?.info({ job: job.id, moment: p.moment, reason: skip }, 'message no longer needed; not sent');
        return;
      }
      const reference = await deps.references.get(booking.officer_id);
      if (reference === undefined) return;
      const notice: ReminderNotice = { officerId: booking.officer_id, reference, booking: deps.view(booking, session) };
      if (p.moment === 'noPlace') await deps.notifier.noPlace(notice);
      else if (p.moment === 'attendance') await deps.notifier.askAttendance(notice);
      else await deps.notifier.reminder({ ...notice, soon: p.moment === 'soon' });
    },
  };

  return { [reminderJobKinds.due]: due, [reminderJobKinds.send]: send };
}

/** Why the message should not go now, if it should not. */
function whyNot(p: DuePayload, booking: BookingRow, session: SessionRow, now: Date): string | undefined {
  if (session.withdrawn) return 'session cancelled';
  if (new Date(session.starts_at).toISOString() !== p.startsAt) return 'session moved';
  if (now.getTime() >= new Date(p.until).getTime()) return 'its moment has passed';
  if (booking.status !== audience(p.moment).status) return booking.status === 'cancelled' ? 'place cancelled' : `officer now ${booking.status}`;
  return undefined;
}

function duePayload(job: ClaimedJob): DuePayload {
  const { sessionId, startsAt, moment, until } = job.payload as Partial<Record<keyof DuePayload, unknown>>;
  if (typeof sessionId !== 'string' || typeof startsAt !== 'string' || typeof until !== 'string' || !MOMENTS.includes(moment as MomentKind))
    throw new GiveUp('the job does not say which session moment it is');
  return { sessionId, startsAt, moment: moment as MomentKind, until };
}
