/**
 * The ReminderNotifier port (reminders/reminder-jobs.ts) as Teams proactive messages in the
 * officer's personal chat, paced and retried like every other proactive message (proactive.ts).
 */
import type { Clock } from '../clock.js';
import type { ReminderNotifier } from '../reminders/reminder-jobs.js';
import { attendanceData, noPlaceData, reminderCard, reminderData } from './cards/reminder.js';
import { proactiveSender, type ProactiveSenderDeps } from './proactive.js';

export interface TeamsReminderNotifierDeps extends ProactiveSenderDeps {
  clock: Clock;
}

export function teamsReminderNotifier(deps: TeamsReminderNotifierDeps): ReminderNotifier {
  const send = proactiveSender(deps);
  return {
    async reminder({ reference, booking, soon }) {
      const data = reminderData(booking, deps.clock.now(), { soon });
      await send(reference, reminderCard(data), `${data.lead}: ${booking.session.title}`);
    },
    async noPlace({ reference, booking }) {
      const data = noPlaceData(booking, deps.clock.now());
      await send(reference, reminderCard(data), `${data.lead} on ${booking.session.title}; the recording will follow.`);
    },
    async askAttendance({ reference, booking }) {
      await send(reference, reminderCard(attendanceData(booking, deps.clock.now())), `Did you attend ${booking.session.title}?`);
    },
  };
}
