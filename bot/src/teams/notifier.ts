/**
 * The Notifier port (bookings/invite-jobs.ts) as Teams proactive messages: the outbox worker
 * calls it with the reference saved from the officer's own conversation, and the message goes
 * there through the Bot Connector. A failure throws, so the outbox tries again later.
 */
import type { Notifier } from '../bookings/invite-jobs.js';
import type { Clock } from '../clock.js';
import { bookingCard, bookingCardData } from './cards/booking.js';
import { joinLinkData, noticeCard, recordingData, rescheduledData, withdrawnData } from './cards/notice.js';
import { formatSessionTime, markdownLink } from './presentation.js';
import { proactiveSender, type ProactiveSenderDeps } from './proactive.js';

export interface TeamsNotifierDeps extends ProactiveSenderDeps {
  clock: Clock;
}

export function teamsNotifier(deps: TeamsNotifierDeps): Notifier {
  const send = proactiveSender(deps);
  return {
    async promoted({ reference, booking }) {
      const now = deps.clock.now();
      const when = formatSessionTime(booking.session.startsAt, booking.session.endsAt, now);
      const lead = `Good news: a place came up and you're booked on ${booking.session.title} (${when}).`;
      await send(reference, bookingCard(bookingCardData(booking, now, { lead })), lead);
    },
    async inviteFailed({ reference, booking, icsUrl }) {
      const now = deps.clock.now();
      const lead = icsUrl
        ? `We couldn't add ${booking.session.title} to your Outlook calendar; use this link instead: ${markdownLink('Add to calendar', icsUrl)}`
        : `We couldn't add ${booking.session.title} to your Outlook calendar.`;
      await send(reference, bookingCard({ ...bookingCardData(booking, now, { lead }), note: '' }), lead);
    },
    async rescheduled({ reference, booking, from }) {
      const now = deps.clock.now();
      const data = rescheduledData(booking, from, now);
      await send(reference, noticeCard(data), `${booking.session.title} has moved to ${data.when} (UK time).`);
    },
    async withdrawn({ reference, booking, was, message }) {
      const now = deps.clock.now();
      await send(reference, noticeCard(withdrawnData(booking, was, message, now)), `${booking.session.title} has been cancelled.`);
    },
    async joinLinkChanged({ reference, booking }) {
      const now = deps.clock.now();
      await send(reference, noticeCard(joinLinkData(booking, now)), `New link to join ${booking.session.title}.`);
    },
    async recordingPosted({ reference, booking, recording }) {
      const now = deps.clock.now();
      await send(reference, noticeCard(recordingData(booking, recording, now)), `The recording of ${booking.session.title} is posted.`);
    },
  };
}
