/**
 * Sessions for booking tests, written straight into the catalog tables.
 */
import type { Queryable } from '../../bot/src/store/db.js';
import { seededRandom } from '../support/random.js';

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

/**
 * `count` presses on one session, `concurrency` at a time, each Book (55%) or Cancel for an officer
 * drawn from `officers` (numbers from 1), as `seed` decides. Returns what each kind of press got.
 */
export async function bookAndCancel(
  service: {
    book(o: ReturnType<typeof officer>, s: string): Promise<{ kind: string }>;
    cancel(o: ReturnType<typeof officer>, s: string): Promise<{ kind: string }>;
  },
  options: { sessionId: string; seed: number; count: number; officers: number; concurrency: number },
): Promise<{ outcomes: Record<string, number>; errors: string[] }> {
  const random = seededRandom(options.seed);
  const presses = Array.from({ length: options.count }, () => ({ book: random() < 0.55, who: officer(1 + Math.floor(random() * options.officers)) }));
  const outcomes: Record<string, number> = {};
  const errors: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < presses.length) {
        const { book, who } = presses[next++]!;
        try {
          const outcome = book ? await service.book(who, options.sessionId) : await service.cancel(who, options.sessionId);
          const key = `${book ? 'book' : 'cancel'}:${outcome.kind}`;
          outcomes[key] = (outcomes[key] ?? 0) + 1;
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  return { outcomes, errors };
}

/**
 * What must hold of a session's places whatever order books and cancels came in; returns what
 * does not. The counters on the session row equal its bookings; no more than `capacity` are
 * booked, and nobody waits while a place is free; each officer holds at most one place; the
 * waitlist reads 1..N; places went to those waiting in the order they joined (every promoted
 * booking is older than every booking still waiting); and each booking that ever had a place has
 * exactly one calendar job, the others none.
 */
export async function placeProblems(db: Queryable, sessionId: string, capacity: number): Promise<string[]> {
  const problems: string[] = [];
  const [counters] = await db.query<{ booked: number; waitlisted: number }>('select booked, waitlisted from sessions where id = $1', [sessionId]);
  const { booked, waitlist } = await seats(db, sessionId);
  if (counters?.booked !== booked.length || counters?.waitlisted !== waitlist.length) {
    problems.push(`counters ${counters?.booked}/${counters?.waitlisted}, bookings ${booked.length}/${waitlist.length}`);
  }
  if (booked.length > capacity) problems.push(`${booked.length} booked on ${capacity} places`);
  if (waitlist.length > 0 && booked.length < capacity) problems.push(`${waitlist.length} waiting with ${capacity - booked.length} places free`);
  if (new Set([...booked, ...waitlist.map((w) => w.officer)]).size !== booked.length + waitlist.length) problems.push('an officer holds two places');
  const positions = await db.query<{ position: number }>(
    `select (select count(*)::int from bookings w where w.session_id = b.session_id and w.status = 'waitlisted' and w.id <= b.id) as position
       from bookings b where b.session_id = $1 and b.status = 'waitlisted' order by b.id`,
    [sessionId],
  );
  if (!positions.every((p, i) => p.position === i + 1)) problems.push('waitlist positions are not 1..N');
  const [order] = await db.query<{ promoted: number | null; waiting: number | null }>(
    `select max(id) filter (where status = 'booked' and booked_at > created_at) as promoted, min(id) filter (where status = 'waitlisted') as waiting
       from bookings where session_id = $1`,
    [sessionId],
  );
  if (order?.promoted && order.waiting && order.promoted > order.waiting) problems.push('a later booking was promoted over an earlier one');
  const jobs = await db.query<{ id: number; had_place: boolean; n: number }>(
    `select b.id, b.booked_at is not null as had_place, count(j.id)::int as n
       from bookings b left join jobs j on j.booking_id = b.id and j.kind = 'calendar.create'
      where b.session_id = $1 group by b.id`,
    [sessionId],
  );
  const wrong = jobs.filter((j) => j.n !== (j.had_place ? 1 : 0));
  if (wrong.length > 0) problems.push(`${wrong.length} bookings without exactly one invite job per place`);
  return problems;
}
