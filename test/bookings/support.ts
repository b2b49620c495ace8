/**
 * Sessions for booking tests, written straight into the catalog tables.
 */
import type { Queryable } from '../../bot/src/store/db.js';

export async function addSession(
  db: Queryable,
  session: { id: string; startsAt: string; endsAt?: string; capacity?: number | null; title?: string; joinUrl?: string },
): Promise<void> {
  const ends = session.endsAt ?? new Date(new Date(session.startsAt).getTime() + 45 * 60_000).toISOString();
  await db.query(
    `insert into sessions (id, title, starts_at, ends_at, presenters, description, capacity, join_url)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (id) do update set capacity = excluded.capacity`,
    [
      session.id,
      session.title ?? `Session ${session.id}`,
      session.startsAt,
      ends,
      JSON.stringify([{ name: 'DS Jo Patel', role: 'Trainer', organisation: 'College of Policing' }]),
      'What officers need to know, in 45 minutes.',
      session.capacity ?? null,
      session.joinUrl ?? 'https://teams.microsoft.com/l/meetup-join/abc',
    ],
  );
}

export const officer = (n: number) => ({ aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `PC ${n}` });

/** Booked and waitlisted officers of a session, waitlist in position order. */
export async function seats(db: Queryable, sessionId: string): Promise<{ booked: string[]; waitlist: Array<{ officer: string; position: number }> }> {
  const booked = await db.query<{ officer_id: string }>("select officer_id from bookings where session_id = $1 and status = 'booked' order by id", [sessionId]);
  const waiting = await db.query<{ officer_id: string; position: number }>(
    "select officer_id, row_number() over (order by id)::int as position from bookings where session_id = $1 and status = 'waitlisted' order by id",
    [sessionId],
  );
  return { booked: booked.map((r) => r.officer_id), waitlist: waiting.map((r) => ({ officer: r.officer_id, position: r.position })) };
}

export async function jobsOf(db: Queryable, kind?: string): Promise<Array<{ kind: string; state: string; booking_id: number | null; attempts: number }>> {
  return db.query(`select kind, state, booking_id, attempts from jobs ${kind ? 'where kind = $1' : ''} order by id`, kind ? [kind] : []);
}
