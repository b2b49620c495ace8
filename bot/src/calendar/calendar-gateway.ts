/**
 * The port through which bookings reach an officer's calendar. Implementations classify every
 * failure so the outbox worker can decide between waiting, retrying and giving up.
 */

/** What an invite says; times are instants, each implementation renders them in Europe/London. */
export interface CalendarEvent {
  subject: string;
  /** Plain-text description; implementations escape it for their format. */
  description?: string;
  presenters: Array<{ name: string; role?: string; organisation?: string }>;
  startsAt: Date;
  endsAt: Date;
  joinUrl?: string;
}

export interface CalendarGateway {
  /** Creates the event in the mailbox's default calendar; the same transactionId never makes a second event. */
  createEvent(mailbox: string, event: CalendarEvent, transactionId: string): Promise<{ eventId: string }>;
  /**
   * Rewrites the event in place (same id, so the officer's copy moves rather than duplicates);
   * a missing event is reported as CalendarError kind 'notFound'. Sending it again is harmless.
   */
  updateEvent(mailbox: string, eventId: string, event: CalendarEvent): Promise<void>;
  /** Deletes the event; a missing event is reported as CalendarError kind 'notFound'. */
  deleteEvent(mailbox: string, eventId: string): Promise<void>;
}

export type CalendarErrorKind = 'throttled' | 'transient' | 'permanent' | 'notFound';

export class CalendarError extends Error {
  constructor(
    readonly kind: CalendarErrorKind,
    message: string,
    readonly details: { status?: number; code?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

/**
 * Reads a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when
 * absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Maps an HTTP status from a calendar service to how the outbox should treat it. */
export function classifyStatus(status: number): CalendarErrorKind {
  if (status === 429) return 'throttled';
  if (status === 404) return 'notFound';
  if (status === 408 || status === 500 || status === 502 || status === 503 || status === 504) return 'transient';
  return 'permanent';
}
