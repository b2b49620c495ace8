/**
 * "Add to calendar": GET /calendar/{token}.ics answers the booking's invite as an iCalendar
 * file. The 128-bit random token is the only key, so the link works from any device or
 * calendar app without signing in, and reveals nothing about other bookings.
 */
import type restify from 'restify';
import type { Logger } from '../log.js';
import type { BookingService } from '../bookings/booking-service.js';
import { calendarEventFor, inviteTransactionId } from '../bookings/invite-jobs.js';
import { renderIcs } from '../calendar/ics-calendar.js';

export interface IcsRouteDeps {
  bookings: BookingService;
  logger: Logger;
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
      if (found.booking.status !== 'booked') return plain(410, 'This booking is no longer active, so there is no calendar entry for it.\n');
      const ics = renderIcs({
        uid: `${inviteTransactionId(found.booking)}@cpd-weeks-of-action`,
        stamp: new Date(found.booking.created_at),
        event: calendarEventFor(found.session),
      });
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="${safeFileName(found.session.id)}.ics"`,
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
