/**
 * The buttons of reminders and follow-ups: Stop reminders / Start reminders (on any reminder
 * card, and what typing them runs), and "Did you attend?" Yes / No. The officer is whoever the
 * activity is from; the data only names the session.
 */
import { z } from 'zod';
import type { BookingService } from '../bookings/booking-service.js';
import type { BookingView, Officer } from '../bookings/model.js';
import type { Programme } from '../catalog/live-catalog.js';
import type { AttendanceBook } from '../reminders/attendance.js';
import { SOON_MINUTES } from '../reminders/moments.js';
import type { ReminderSettings } from '../reminders/reminder-settings.js';
import { officerOf } from './booking-verbs.js';
import { VERB } from './cards/actions.js';
import { attendanceAnsweredData, reminderCard, reminderData, reminderSettingsCard, reminderSettingsData } from './cards/reminder.js';
import { badData, type VerbResult, type VerbTable } from './verbs.js';

export interface ReminderVerbDeps {
  settings: ReminderSettings;
  attendance: AttendanceBook;
  bookings: BookingService;
  /** The live catalog version: a session's recording, once posted. */
  programme: () => Pick<Programme, 'sessions'>;
}

const sessionId = z.string().trim().min(1).max(200);
const settingInput = z.object({ sessionId: sessionId.optional() });
const attendanceInput = z.object({ sessionId });

const notSignedIn = (doing: string): VerbResult => ({
  kind: 'message',
  text: `Sorry, I couldn't tell who you are, so I can't ${doing}. Please use Teams signed in with your work account.`,
});
const NO_PLACE: VerbResult = { kind: 'message', text: "I can't find your place on that session, so I can't record it." };

export function reminderVerbs(deps: ReminderVerbDeps): VerbTable {
  /**
   * From a reminder card: the same reminder, redrawn with the choice made, so the join link and
   * the session stay in the chat. Typed (or the booking is gone): where the officer's reminders stand.
   */
  const settingAnswer = async (officer: Officer, chosen: string | undefined, on: boolean, changed: boolean, now: Date): Promise<VerbResult> => {
    const view: BookingView | undefined = chosen ? await deps.bookings.bookingFor(officer, chosen) : undefined;
    if (view?.status === 'booked' && now < view.session.startsAt) {
      const soon = view.session.startsAt.getTime() - now.getTime() <= SOON_MINUTES * 60_000;
      const status = on
        ? { text: 'Reminders are on: you will get them before each session you book.', color: 'Accent' as const }
        : { text: "Reminders are off: you won't get any more. Press Start reminders to turn them back on.", color: 'Default' as const };
      return { kind: 'card', card: reminderCard(reminderData(view, now, { soon, remindersOn: on, status })) };
    }
    return { kind: 'card', card: reminderSettingsCard(reminderSettingsData(on, changed)) };
  };

  const setting =
    (on: boolean) =>
    async ({ data, context, now }: Parameters<VerbTable[string]>[0]): Promise<VerbResult> => {
      const parsed = settingInput.safeParse(data ?? {});
      if (!parsed.success) return badData;
      const officer = officerOf(context);
      if (!officer) return notSignedIn('change your reminders');
      const changed = on ? await deps.settings.start(officer.aadObjectId) : await deps.settings.stop(officer.aadObjectId);
      return settingAnswer(officer, parsed.data.sessionId, on, changed, now);
    };

  const answer =
    (attended: boolean) =>
    async ({ data, context, now }: Parameters<VerbTable[string]>[0]): Promise<VerbResult> => {
      const parsed = attendanceInput.safeParse(data);
      if (!parsed.success) return badData;
      const officer = officerOf(context);
      if (!officer) return notSignedIn('record your answer');
      const chosen = parsed.data.sessionId;
      const outcome = await deps.attendance.answer(officer.aadObjectId, chosen, attended ? 'yes' : 'no');
      if (outcome.kind === 'not-booked') return NO_PLACE;
      if (outcome.kind === 'not-ended') return { kind: 'message', text: "That session hasn't finished yet: I'll ask you when it ends." };
      const view = await deps.bookings.bookingFor(officer, chosen);
      if (!view) return NO_PLACE;
      const reply = outcome.kind === 'missed' ? { kind: 'missed' as const, recording: deps.programme().sessions.recordingFor(chosen, now) } : outcome;
      return { kind: 'card', card: reminderCard(attendanceAnsweredData(view.session, reply, now)) };
    };

  return {
    [VERB.stopReminders]: setting(false),
    [VERB.startReminders]: setting(true),
    [VERB.attended]: answer(true),
    [VERB.missed]: answer(false),
  };
}
