/**
 * Who has booked what, for the organisers: places per session against capacity, and the
 * officers on each (booked in booking order, then the waitlist in order, then cancellations).
 */
import type { Queryable } from '../store/db.js';

export interface Registration {
  sessionId: string;
  name: string | null;
  email: string | null;
  organisation: string | null;
  bookedAt: Date;
  state: 'booked' | 'waitlisted' | 'cancelled';
  position?: number;
}

export const registrations = {
  async counts(q: Queryable, sessionIds: readonly string[]): Promise<Map<string, { booked: number; waitlisted: number }>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await q.query<{ session_id: string; booked: number; waitlisted: number }>(
      `select session_id, count(*) filter (where status = 'booked')::int as booked, count(*) filter (where status = 'waitlisted')::int as waitlisted
         from bookings where session_id = any($1::text[]) group by session_id`,
      [sessionIds],
    );
    return new Map(rows.map((r) => [r.session_id, { booked: r.booked, waitlisted: r.waitlisted }]));
  },

  async of(q: Queryable, sessionIds: readonly string[]): Promise<Registration[]> {
    if (sessionIds.length === 0) return [];
    const rows = await q.query<{
      session_id: string;
      name: string | null;
      email: string | null;
      organisation: string | null;
      created_at: Date;
      status: Registration['state'];
      position: number | null;
    }>(
      `select b.session_id, o.name, o.email, o.organisation, b.created_at, b.status,
              case when b.status = 'waitlisted' then row_number() over (partition by b.session_id, b.status order by b.id)::int end as position
         from bookings b left join officers o on o.aad_object_id = b.officer_id
        where b.session_id = any($1::text[])
        order by array_position($1::text[], b.session_id), case b.status when 'booked' then 0 when 'waitlisted' then 1 else 2 end, b.id`,
      [sessionIds],
    );
    return rows.map((r) => ({
      sessionId: r.session_id,
      name: r.name,
      email: r.email,
      organisation: r.organisation,
      bookedAt: new Date(r.created_at),
      state: r.status,
      ...(r.position !== null ? { position: r.position } : {}),
    }));
  },
};
