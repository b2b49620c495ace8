/**
 * "Add to calendar": GET /calendar/{token}.ics answers the booking's invite as an iCalendar
 * file. The 128-bit random token is the only key, so the link works from any device or
 * calendar app without signing in, and reveals nothing about other bookings. The file follows
 * the booking: the session's latest time and details with a SEQUENCE that rises on each change,
 * and a CANCEL once the place (or the session) is cancelled.
 */
import type restify from 'restify';
import type { Logger } from '../log.js';
import type { Clock } from '../clock.js';
import type { BookingService } from '../bookings/booking-service.js';
import { calendarEventFor, inviteTransactionId } from '../bookings/invite-jobs.js';
import { renderIcs } from '../calendar/ics-calendar.js';

export interface IcsRouteDeps {
  bookings: BookingService;
  logger: Logger;
  /** DTSTAMP is the app's time of writing. */
  clock: Clock;
}

const tokenPattern = /^[A-Za-z0-9_-]{22}$/;

export function registerIcsRoutes(server: restify.Server, deps: IcsRouteDeps): void {
  server.get('/calendar/:file', async (req, res) => {
    const file = String(req.params?.file ?? '');
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const plain = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(text);
    };
    if (!tokenPattern.test(token)) return plain(404, 'Not found.\n');
    try {
      const found = await deps.bookings.byIcsToken(token);
      if (!found) return plain(404, 'Not found.\n');
      const { booking, session } = found;
      if (booking.status === 'waitlisted') {
        return plain(
          409,
          "You're on the waitlist for this session, so it is not in your calendar yet. If a place comes up you will be booked automatically and the bot will message you with the calendar link.\n",
        );
      }
      // A cancelled place (or session) answers a CANCEL for the same UID, one SEQUENCE above the
      // last copy served, so a calendar that imported the invite removes it.
      const cancelled = booking.status === 'cancelled';
      const ics = renderIcs({
        uid: `${inviteTransactionId(booking)}@cpd-weeks-of-action`,
        stamp: deps.clock.now(),
        sequence: session.revision + (cancelled && !session.withdrawn ? 1 : 0),
        status: cancelled ? 'cancelled' : 'confirmed',
        event: calendarEventFor(session),
      });
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="${safeFileName(session.id)}.ics"`,
        'cache-control': 'private, no-store',
      });
      res.end(ics);
    } catch (error) {
      deps.logger.error({ err: error }, 'calendar file: could not answer');
      plain(500, 'Something went wrong on our side. Please try again in a moment.\n');
    }
  });
}

function safeFileName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 80) || 'cpd-session';
}
