/**
 * Booking rows in PostgreSQL. Every function takes the transaction it runs in, so the use
 * cases decide what is committed together (a booking and its outbox jobs).
 */
import type { Queryable } from '../store/db.js';
import { enqueueForBookedRows } from '../jobs/outbox-store.js';
import type { Presenter } from '../catalog/model.js';
import type { BookingStatus, InviteStatus, Officer } from './model.js';

export interface SessionRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number | null;
  join_url: string | null;
  description: string | null;
  presenters: Presenter[];
  withdrawn: boolean;
  /** Raised on every change to its time or calendar details (and its withdrawal): the .ics SEQUENCE. */
  revision: number;
}

/** A place as a catalog change needs it. */
export interface ActiveRow {
  id: number;
  session_id: string;
  officer_id: string;
  status: 'booked' | 'waitlisted';
  invite_status: InviteStatus;
}

export interface BookingRow {
  id: number;
  session_id: string;
  officer_id: string;
  status: BookingStatus;
  ics_token: string;
  invite_status: InviteStatus;
  event_id: string | null;
  created_at: Date;
  /** 1-based, for waitlisted rows only. */
  position: number | null;
}

const sessionColumns = 'id, title, starts_at, ends_at, capacity, join_url, description, presenters, withdrawn_at is not null as withdrawn, revision';
/** The session of the row `s` as JSON, with the columns of sessionColumns. */
const sessionObject = `json_build_object('id', s.id, 'title', s.title, 'starts_at', s.starts_at, 'ends_at', s.ends_at, 'capacity', s.capacity,
  'join_url', s.join_url, 'description', s.description, 'presenters', s.presenters, 'withdrawn', s.withdrawn_at is not null, 'revision', s.revision)`;
const bookingColumns = 'b.id, b.session_id, b.officer_id, b.status, b.ics_token, b.invite_status, b.event_id, b.created_at';
/** Waitlist position from the id order among the session's waiting rows. */
const positionColumn = `case when b.status = 'waitlisted' then (select count(*)::int from bookings w where w.session_id = b.session_id and w.status = 'waitlisted' and w.id <= b.id) end as position`;

export const bookingStore = {
  /** Reads the session and holds its row lock until commit: every booking change for one session queues here. */
  async lockSession(tx: Queryable, sessionId: string): Promise<SessionRow | undefined> {
    const rows = await tx.query<SessionRow>(`select ${sessionColumns} from sessions where id = $1 for update`, [sessionId]);
    return rows[0];
  },

  async session(tx: Queryable, sessionId: string): Promise<SessionRow | undefined> {
    const rows = await tx.query<SessionRow>(`select ${sessionColumns} from sessions where id = $1`, [sessionId]);
    return rows[0];
  },

  /** What the directory says of an officer, kept over what we had (the activity carries no email). */
  async recordOfficerDetails(q: Queryable, officerId: string, details: { name?: string; email?: string }): Promise<void> {
    await q.query('update officers set name = coalesce($2, name), email = coalesce($3, email), updated_at = now() where aad_object_id = $1', [
      officerId,
      details.name ?? null,
      details.email ?? null,
    ]);
  },

  async active(tx: Queryable, sessionId: string, officerId: string): Promise<BookingRow | undefined> {
    const rows = await tx.query<BookingRow>(
      `select ${bookingColumns}, ${positionColumn} from bookings b where b.session_id = $1 and b.officer_id = $2 and b.status <> 'cancelled'`,
      [sessionId, officerId],
    );
    return rows[0];
  },

  async byId(tx: Queryable, bookingId: number): Promise<BookingRow | undefined> {
    const rows = await tx.query<BookingRow>(`select ${bookingColumns}, ${positionColumn} from bookings b where b.id = $1`, [bookingId]);
    return rows[0];
  },

  async byToken(tx: Queryable, token: string): Promise<BookingRow | undefined> {
    const rows = await tx.query<BookingRow>(`select ${bookingColumns}, ${positionColumn} from bookings b where b.ics_token = $1`, [token]);
    return rows[0];
  },

  /** The session's places, from the counters on its row (the caller holds the row lock when it acts on them). */
  async counts(tx: Queryable, sessionId: string): Promise<{ booked: number; waitlisted: number }> {
    const rows = await tx.query<{ booked: number; waitlisted: number }>('select booked, waitlisted from sessions where id = $1', [sessionId]);
    return rows[0] ?? { booked: 0, waitlisted: 0 };
  },

  /**
   * Bookings of several officers (distinct) onto one session in one statement, so the session's
   * row lock is taken once for all of them and held only while the server runs it, never across
   * a round trip. An officer who already holds a place on the session gets their booking back as
   * it is. For the others, in the order given, the statement locks the session's row and gives
   * places while fewer than `capacity` are booked (null: no limit), then waitlist places; it
   * writes each booking, the officer's details and, for a place, its first outbox job. The
   * decision reads the counters on the row (kept by the bookings triggers), so it costs the same
   * however long the waitlist is. Ids are taken after the lock and in that order, so they grow in
   * each session's booking order: a new waiting row's position is the waitlist's length before
   * the statement plus its rank among this statement's waiting rows. Nothing is written when the
   * session is gone, withdrawn or has started by `now`; the session is returned as this
   * statement's snapshot saw it, to say why. `officerKnown`: the officer's email was on record.
   */
  async book(
    q: Queryable,
    batch: {
      sessionId: string;
      now: Date;
      inviteOnPlace: InviteStatus;
      job?: { kind: string; maxAttempts: number };
      presses: ReadonlyArray<{ officer: Officer; icsToken: string }>;
    },
  ): Promise<{ session?: SessionRow; places: Array<{ existing?: BookingRow; inserted?: BookingRow; officerKnown: boolean }> }> {
    const asked = batch.presses.map(({ officer, icsToken }, n) => ({
      n,
      officer_id: officer.aadObjectId,
      name: officer.name ?? null,
      email: officer.email ?? null,
      tenant_id: officer.tenantId ?? null,
      token: icsToken,
    }));
    const rows = await q.query<{
      n: number;
      session: Json<SessionRow> | null;
      existing: (Json<BookingRow> & { n?: number }) | null;
      inserted: Json<BookingRow> | null;
      known: boolean | null;
    }>(
      `with asked as (
         select * from jsonb_to_recordset($2::jsonb) as x(n int, officer_id text, name text, email text, tenant_id text, token text)
       ), mine as (
         select a.n, ${bookingColumns}, ${positionColumn}
           from asked a join bookings b on b.session_id = $1 and b.officer_id = a.officer_id and b.status <> 'cancelled'
       ), fresh as (
         select a.*, row_number() over (order by a.n)::int as rank from asked a where not exists (select from mine m where m.n = a.n)
       ), officer as (
         ${officerUpsert('select officer_id, name, email, tenant_id from fresh')}
       ), locked as (
         select booked, waitlisted, case when capacity is not null then greatest(capacity - booked, 0) end as free from sessions
          where id = $1 and withdrawn_at is null and starts_at > $3 and exists (select from fresh)
          for update
       ), placed as (
         insert into bookings (session_id, officer_id, status, ics_token, invite_status, booked_at)
         select $1, f.officer_id, p.status, f.token, case when p.status = 'booked' then $4 else 'none' end, case when p.status = 'booked' then now() end
           from fresh f, locked l, lateral (select case when l.free is null or f.rank <= l.free then 'booked' else 'waitlisted' end as status) p
          order by f.rank
         returning id, session_id, officer_id, status, ics_token, invite_status, event_id, created_at
       ), j as (
         ${enqueueForBookedRows('placed', '$5', '$6')}
       ), info as (
         select to_json(s) as session from (select ${sessionColumns} from sessions where id = $1) s
       )
       select a.n, (select session from info) as session,
              (select to_json(m) from mine m where m.n = a.n) as existing,
              (select to_json(x) from (select p.*, case when p.status = 'waitlisted' then l.waitlisted + f.rank - l.free end as position
                                         from placed p, locked l, fresh f where p.officer_id = a.officer_id and f.n = a.n) x) as inserted,
              (select o.email is not null from officers o where o.aad_object_id = a.officer_id) as known
         from asked a order by a.n`,
      [batch.sessionId, JSON.stringify(asked), batch.now, batch.inviteOnPlace, batch.job?.kind ?? null, batch.job?.maxAttempts ?? 8],
    );
    const session = rows[0]?.session;
    return {
      ...(session ? { session: sessionFromJson(session) } : {}),
      places: rows.map(({ existing, inserted, known }) => {
        const { n: _order, ...held } = existing ?? {};
        return {
          officerKnown: known === true,
          ...(existing ? { existing: bookingFromJson(held as Json<BookingRow>) } : {}),
          ...(inserted ? { inserted: bookingFromJson(inserted) } : {}),
        };
      }),
    };
  },

  async cancel(tx: Queryable, bookingId: number): Promise<void> {
    await tx.query("update bookings set status = 'cancelled', cancel_reason = 'officer', cancelled_at = now(), updated_at = now() where id = $1", [bookingId]);
  },

  /** Booked and waiting places per session (sessions with none are absent). */
  async countsOn(tx: Queryable, sessionIds: readonly string[]): Promise<Map<string, { booked: number; waitlisted: number }>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await tx.query<{ id: string; booked: number; waitlisted: number }>(
      'select id, booked, waitlisted from sessions where id = any($1::text[]) and (booked > 0 or waitlisted > 0)',
      [sessionIds],
    );
    return new Map(rows.map((r) => [r.id, { booked: r.booked, waitlisted: r.waitlisted }]));
  },

  /** Every booked and waiting place on these sessions, in booking order. */
  async activeOn(tx: Queryable, sessionIds: readonly string[]): Promise<ActiveRow[]> {
    if (sessionIds.length === 0) return [];
    return tx.query<ActiveRow>(
      `select id, session_id, officer_id, status, invite_status from bookings where session_id = any($1::text[]) and status <> 'cancelled' order by id`,
      [sessionIds],
    );
  },

  /** The session was taken out of the programme: every place on it ends. Returns the rows as they were. */
  async cancelAllOn(tx: Queryable, sessionIds: readonly string[]): Promise<ActiveRow[]> {
    if (sessionIds.length === 0) return [];
    return tx.query<ActiveRow>(
      `with prior as (select id, status, invite_status from bookings where session_id = any($1::text[]) and status <> 'cancelled' for update)
       update bookings b set status = 'cancelled', cancel_reason = 'withdrawn', cancelled_at = now(), updated_at = now()
         from prior where b.id = prior.id
       returning b.id, b.session_id, b.officer_id, prior.status, prior.invite_status`,
      [sessionIds],
    );
  },

  /** The first `count` waiting officers, in the order they joined, get places. */
  async promote(tx: Queryable, sessionId: string, count: number, invite: InviteStatus): Promise<BookingRow[]> {
    if (count <= 0) return [];
    return tx.query<BookingRow>(
      `update bookings b set status = 'booked', booked_at = now(), updated_at = now(), invite_status = $3
        where b.id in (select id from bookings where session_id = $1 and status = 'waitlisted' order by id limit $2)
        returning ${bookingColumns}, null::int as position`,
      [sessionId, count, invite],
    );
  },

  async setInvite(tx: Queryable, bookingId: number, invite: InviteStatus, eventId: string | null): Promise<void> {
    await tx.query('update bookings set invite_status = $2, event_id = $3, updated_at = now() where id = $1', [bookingId, invite, eventId]);
  },

  /** An officer's bookings and waitlist places for sessions that have not ended, soonest first. */
  async upcomingFor(tx: Queryable, officerId: string, now: Date): Promise<Array<BookingRow & { session: SessionRow }>> {
    const rows = await tx.query<BookingRow & { s: Json<SessionRow> }>(
      `select ${bookingColumns}, ${positionColumn}, ${sessionObject} as s
         from bookings b join sessions s on s.id = b.session_id
        where b.officer_id = $1 and b.status <> 'cancelled' and s.ends_at > $2
        order by s.starts_at, s.id`,
      [officerId, now],
    );
    return rows.map(({ s, ...b }) => ({ ...b, session: sessionFromJson(s) }));
  },

  /** A booking and its session in one read (every outbox job about a booking starts with both). */
  async withSession(q: Queryable, bookingId: number): Promise<{ booking: BookingRow; session: SessionRow } | undefined> {
    const rows = await q.query<BookingRow & { s: Json<SessionRow> }>(
      `select ${bookingColumns}, ${positionColumn}, ${sessionObject} as s from bookings b join sessions s on s.id = b.session_id where b.id = $1`,
      [bookingId],
    );
    const [row] = rows;
    if (!row) return undefined;
    const { s, ...booking } = row;
    return { booking, session: sessionFromJson(s) };
  },

  /** Sessions with someone waiting: after a catalog reload, any of them may have gained places. */
  async sessionsWithWaitlist(tx: Queryable): Promise<string[]> {
    const rows = await tx.query<{ id: string }>('select id from sessions where waitlisted > 0 order by id');
    return rows.map((r) => r.id);
  },
};

/** Insert or update an officer from `source` (aad_object_id, name, email, tenant_id), keeping what we knew when this activity did not carry a name or email. */
function officerUpsert(source: string): string {
  return `insert into officers (aad_object_id, name, email, tenant_id) ${source}
     on conflict (aad_object_id) do update set name = coalesce(excluded.name, officers.name),
       email = coalesce(excluded.email, officers.email), tenant_id = coalesce(excluded.tenant_id, officers.tenant_id), updated_at = now()`;
}

/** A row as to_json() wrote it: instants as ISO strings. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };

function sessionFromJson(s: Json<SessionRow>): SessionRow {
  return { ...s, starts_at: new Date(s.starts_at), ends_at: new Date(s.ends_at) };
}

function bookingFromJson(b: Json<BookingRow>): BookingRow {
  return { ...b, created_at: new Date(b.created_at) };
}
